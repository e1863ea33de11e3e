import { Types } from 'mongoose';
import { searchKey } from '../../src/platform/text';
import { fileItem, petition, signedIn, startHarness, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Indexed (inbox, counters) and routed by the workers. */
const file = (body: Record<string, unknown>, kind: 'petitions' | 'sentiments' = 'petitions') =>
  fileItem(h, body, kind);

const HOA_LOI = 'minh-hoa.hoa-loi';

describe('topics of an item', () => {
  it('lists the topics seeded from config/reference/topics.json', async () => {
    const { agent } = await signedIn(h, {
      email: 'list@mttq.example',
      role: 'officer',
      jurisdictionCode: HOA_LOI,
    });
    const res = await agent.get('/api/v1/officer/topics').expect(200);
    const codes = res.body.topics.map((t: { code: string }) => t.code);
    expect(codes).toEqual(expect.arrayContaining(['flooding', 'roads', 'land', 'waste']));
    expect(res.body.topics.find((t: { code: string }) => t.code === 'flooding').name).toEqual({
      vi: 'Ngập úng',
      en: 'Flooding',
    });
  });

  it('officers tag items; the change is in the history; unknown codes and other places are refused', async () => {
    const item = await file(
      petition({
        title: 'Đường ngập úng sau mưa lớn',
        body: 'Mỗi khi mưa lớn, đường vào xóm ngập úng, cống thoát nước bị tắc.',
        jurisdictionCode: HOA_LOI,
      }),
    );
    const { agent, csrf } = await signedIn(h, {
      email: 'tag@mttq.example',
      role: 'officer',
      jurisdictionCode: HOA_LOI,
    });
    const url = `/api/v1/officer/submissions/${item.id}/topics`;

    const set = await agent
      .post(url)
      .set('X-CSRF-Token', csrf)
      .send({ topics: ['flooding', 'roads', 'flooding'] })
      .expect(200);
    expect(set.body.topics.map((t: { code: string }) => t.code)).toEqual(['flooding', 'roads']);
    let doc = await h.deps.models.Submission.findById(item.id).lean();
    expect(doc!.topics).toEqual(['flooding', 'roads']);
    const tagged = doc!.history.filter((e) => e.action === 'triage.topics');
    expect(tagged).toHaveLength(1);
    expect(tagged[0]).toMatchObject({
      actor: { kind: 'officer', name: 'tag' },
      note: 'flooding, roads',
    });

    // The same topics again (in another order) change nothing and record nothing.
    await agent
      .post(url)
      .set('X-CSRF-Token', csrf)
      .send({ topics: ['roads', 'flooding'] })
      .expect(200);
    doc = await h.deps.models.Submission.findById(item.id).lean();
    expect(doc!.history.filter((e) => e.action === 'triage.topics')).toHaveLength(1);

    const bad = await agent
      .post(url)
      .set('X-CSRF-Token', csrf)
      .send({ topics: ['flooding', 'no-such-topic'] })
      .expect(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'topics.1', message: 'unknown topic no-such-topic' }),
    ]);
    await agent.post(url).set('X-CSRF-Token', csrf).send({ topics: 'flooding' }).expect(422);

    // Cleared with an empty list.
    await agent.post(url).set('X-CSRF-Token', csrf).send({ topics: [] }).expect(200);
    doc = await h.deps.models.Submission.findById(item.id).lean();
    expect(doc!.topics).toEqual([]);
    expect(doc!.history.filter((e) => e.action === 'triage.topics')).toHaveLength(2);

    // An officer elsewhere does not see the item: not found, and nothing changes.
    const other = await signedIn(h, {
      email: 'elsewhere@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa.tan-phu',
    });
    await other.agent
      .post(url)
      .set('X-CSRF-Token', other.csrf)
      .send({ topics: ['flooding'] })
      .expect(404);
    await other.agent.get(`/api/v1/officer/submissions/${item.id}/topic-suggestions`).expect(404);
    doc = await h.deps.models.Submission.findById(item.id).lean();
    expect(doc!.topics).toEqual([]);
  });

  it('proposes topics from the item’s keywords, with scores', async () => {
    // A few items for the document frequencies.
    for (const title of ['Đường liên xã xuống cấp', 'Mất điện thường xuyên', 'Thiếu nước sạch'])
      await file(petition({ title, jurisdictionCode: HOA_LOI }));
    const item = await file(
      petition({
        title: 'Ngập úng kéo dài ở ấp Bưng',
        body:
          'Mỗi khi mưa lớn hoặc triều cường, khu dân cư ngập úng nhiều ngày, cống thoát nước ' +
          'bị tắc. Rác thải dồn về miệng cống.',
        jurisdictionCode: HOA_LOI,
      }),
    );
    const { agent, csrf } = await signedIn(h, {
      email: 'suggest@mttq.example',
      role: 'officer',
      jurisdictionCode: HOA_LOI,
    });
    await agent
      .post(`/api/v1/officer/submissions/${item.id}/topics`)
      .set('X-CSRF-Token', csrf)
      .send({ topics: ['waste'] })
      .expect(200);
    const res = await agent
      .get(`/api/v1/officer/submissions/${item.id}/topic-suggestions`)
      .expect(200);
    const { suggestions, keywords, topics } = res.body;
    expect(topics).toEqual(['waste']);
    expect(suggestions[0]).toMatchObject({ code: 'flooding', tagged: false });
    expect(suggestions[0].score).toBeGreaterThan(0.3);
    expect(suggestions[0].matched).toEqual(
      expect.arrayContaining(['ngập úng', 'mưa lớn', 'triều cường', 'cống thoát nước']),
    );
    const waste = suggestions.find((s: { code: string }) => s.code === 'waste');
    expect(waste).toMatchObject({ tagged: true, matched: ['rác thải'] });
    expect(waste.score).toBeLessThan(suggestions[0].score);
    expect(keywords[0].term).toBe('ngập úng');
    for (const s of suggestions) expect(s.score).toBeGreaterThan(0);
  });
});

describe('search folds spellings alike', () => {
  it('finds the same items through the inbox whatever the spelling of the query or the item', async () => {
    const place = 'minh-hoa.dong-thanh';
    const { agent } = await signedIn(h, {
      email: 'search@mttq.example',
      role: 'officer',
      jurisdictionCode: place,
    });
    const plain = await file(
      petition({ title: 'Đường Đất Đỏ ngập nước', categoryCode: 'other', jurisdictionCode: place }),
    );
    // Filed decomposed, with a zero-width space and a soft hyphen, and the new tone placement.
    const odd = await file(
      petition({
        title: 'Đường đ\u200bất đ\u00adỏ hoà ngập nước'.normalize('NFD'),
        categoryCode: 'other',
        jurisdictionCode: place,
      }),
    );
    const unrelated = await file(
      petition({ title: 'Thiếu giáo viên', categoryCode: 'other', jurisdictionCode: place }),
    );

    const queries = [
      'đường đất đỏ',
      'ĐƯỜNG ĐẤT ĐỎ',
      'Đường đất đỏ'.normalize('NFD'),
      'duong dat do',
      'DUONG Dat dO',
      'Đư\u200bờng đ\u2060ất\ufeff đỏ',
      'Ðường đất đỏ', // Icelandic eth for Đ
      'ｄuong dat do', // full-width d
      'duоng dаt dо', // Cyrillic о and а
    ];
    for (const q of queries) {
      const res = await agent.get('/api/v1/officer/inbox').query({ q }).expect(200);
      const codes = res.body.items.map((i: { trackingCode: string }) => i.trackingCode).sort();
      expect({ q, codes }).toEqual({ q, codes: [plain.trackingCode, odd.trackingCode].sort() });
      expect(codes).not.toContain(unrelated.trackingCode);
    }
    // Both tone placements find the item filed with the other one.
    for (const q of ['hòa', 'hoà', 'HOÀ'.normalize('NFD')]) {
      const res = await agent.get('/api/v1/officer/inbox').query({ q }).expect(200);
      expect(res.body.items.map((i: { trackingCode: string }) => i.trackingCode)).toEqual([
        odd.trackingCode,
      ]);
    }
    // The stored text keeps what the resident wrote, in NFC and without invisible characters.
    const stored = await h.deps.models.Submission.findById(odd.id).lean();
    expect(stored!.title).toBe('Đường đất đỏ hoà ngập nước'.normalize('NFC'));
    expect(stored!.searchKey).toBe(searchKey(stored!.title, stored!.body));
  });
});

describe('trends', () => {
  /** Monday 1 September 2025, 00:00 in Vietnam: six weeks from here. */
  const WEEK0 = new Date('2025-09-01T00:00:00+07:00').getTime();
  const DAY = 86_400_000;
  const COMMUNES = ['minh-khai', 'tan-phu', 'hoa-loi', 'dong-thanh'].map((c) => `minh-hoa.${c}`);
  let seq = 0;

  function item(at: number, jurisdictionCode: string, topics: string[], kind = 'sentiment') {
    seq += 1;
    const createdAt = new Date(at);
    return {
      _id: new Types.ObjectId(),
      kind,
      trackingCode: `TR-${String(seq).padStart(6, '0')}`,
      title: `Ý kiến số ${seq}`,
      body: 'Nội dung ý kiến.',
      searchKey: `y kien so ${seq} noi dung y kien`,
      categoryCode: 'other',
      jurisdictionCode,
      jurisdictionPath: jurisdictionCode
        .split('.')
        .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
      month: '2025-09',
      submitter: {},
      shareContactWithAgency: false,
      status: 'noted',
      assignmentCount: 0,
      supporterCount: 1,
      cooperatingAgencyCodes: [],
      topics,
      history: [],
      outbox: [],
      outboxPending: false,
      createdAt,
      updatedAt: createdAt,
    };
  }

  beforeAll(async () => {
    const docs = [];
    for (let week = 0; week < 6; week += 1) {
      const at = (i: number) => WEEK0 + week * 7 * DAY + (i % 7) * DAY + 3_600_000 * (1 + (i % 9));
      // Flooding: about 10 a week across the communes; then 40 in Hòa Lợi in the last week.
      const flooding = week === 5 ? 40 : [10, 9, 11, 10, 10][week]!;
      for (let i = 0; i < flooding; i += 1)
        docs.push(item(at(i), week === 5 ? COMMUNES[2]! : COMMUNES[i % 4]!, ['flooding']));
      // Roads: steady, 10 or 11 a week, everywhere.
      const roads = [10, 11, 10, 9, 10, 11][week]!;
      for (let i = 0; i < roads; i += 1) docs.push(item(at(i), COMMUNES[i % 4]!, ['roads']));
      // Some items about power and some without topics.
      for (let i = 0; i < 6; i += 1) docs.push(item(at(i), COMMUNES[(i + 1) % 4]!, ['power']));
      for (let i = 0; i < 5; i += 1) docs.push(item(at(i), COMMUNES[i % 4]!, []));
    }
    // Elsewhere in the country, out of the province: not counted.
    for (let i = 0; i < 30; i += 1)
      docs.push(
        item(WEEK0 + 35 * DAY + i * 3_600_000, 'binh-duong-2018.tru-van-tho-moi', ['roads']),
      );
    await h.deps.models.Submission.collection.insertMany(docs);
  });

  const lastWeek = { from: '2025-10-06', to: '2025-10-12' };

  it('flags the topic that rises, with its p-value, and not the steady one', async () => {
    const { agent } = await signedIn(h, {
      email: 'province@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    const res = await agent
      .get('/api/v1/officer/trends')
      .query({ jurisdiction: 'minh-hoa', ...lastWeek })
      .expect(200);
    const t = res.body;
    expect(t.period).toEqual(lastWeek);
    expect(t.previousPeriod).toEqual({ from: '2025-09-29', to: '2025-10-05' });
    expect(t.totals).toEqual({ current: 40 + 11 + 6 + 5, previous: 10 + 10 + 6 + 5 });
    expect(t.jurisdiction).toEqual({ code: 'minh-hoa', name: 'Tỉnh Minh Hòa' });

    const byCode = Object.fromEntries(t.topics.map((x: { code: string }) => [x.code, x]));
    // Most frequent first.
    expect(t.topics.map((x: { code: string }) => x.code)).toEqual(['flooding', 'roads', 'power']);
    expect(byCode.flooding).toMatchObject({ current: 40, previous: 10, rising: true });
    expect(byCode.flooding.pValue).toBeLessThan(0.05);
    expect(byCode.flooding.name.en).toBe('Flooding');
    expect(byCode.roads).toMatchObject({ current: 11, previous: 10, rising: false });
    expect(byCode.roads.pValue).toBeGreaterThan(0.05);
    expect(byCode.power).toMatchObject({ current: 6, previous: 6, rising: false });
    expect(t.rising).toEqual(['flooding']);

    // The spike is located in Hòa Lợi, and flooding spikes nowhere else.
    const flooding = t.spikes.filter(
      (s: { topic: { code: string } }) => s.topic.code === 'flooding',
    );
    expect(flooding).toHaveLength(1);
    expect(flooding[0].jurisdiction).toEqual({ code: 'minh-hoa.hoa-loi', name: 'Xã Hòa Lợi' });
    expect(flooding[0].count).toBe(40);
    expect(flooding[0].pValue).toBeLessThan(0.05);
    expect(t.method).toMatch(/exact/);
  });

  it('a steady week is not rising; the default period ends today', async () => {
    const { agent } = await signedIn(h, {
      email: 'province@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    const res = await agent
      .get('/api/v1/officer/trends')
      .query({ from: '2025-09-29', to: '2025-10-05' })
      .expect(200);
    expect(res.body.jurisdiction.code).toBe('minh-hoa');
    expect(res.body.rising).toEqual([]);
    expect(res.body.spikes).toEqual([]);

    const now = await agent.get('/api/v1/officer/trends').expect(200);
    expect(now.body.period.to).toBe(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()),
    );
  });

  it('is limited to the officer’s scope, and checks the period', async () => {
    const { agent } = await signedIn(h, {
      email: 'commune@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa.hoa-loi',
    });
    await agent
      .get('/api/v1/officer/trends')
      .query({ jurisdiction: 'minh-hoa', ...lastWeek })
      .expect(404);
    await agent
      .get('/api/v1/officer/trends')
      .query({ jurisdiction: 'no-such-place', ...lastWeek })
      .expect(404);
    const own = await agent.get('/api/v1/officer/trends').query(lastWeek).expect(200);
    expect(own.body.jurisdiction.code).toBe('minh-hoa.hoa-loi');
    expect(own.body.totals.current).toBe(40 + 3 + 2 + 1);
    await agent
      .get('/api/v1/officer/trends')
      .query({ from: '2025-10-12', to: '2025-10-06' })
      .expect(422);
    await agent
      .get('/api/v1/officer/trends')
      .query({ from: '2024-01-01', to: '2025-10-06' })
      .expect(422);
    await agent.get('/api/v1/officer/trends').query({ from: 'yesterday' }).expect(422);
  });

  it('places items of dissolved units under the unit that took them over', async () => {
    const place = 'binh-duong-2018.bau-bang.lai-hung.bung-thuoc';
    const at = WEEK0 + 36 * DAY;
    await h.deps.models.Submission.collection.insertMany([
      ...Array.from({ length: 8 }, () => item(at, place, ['clean-water'])),
      ...Array.from({ length: 4 }, () => item(at, 'binh-duong-2018.long-nguyen-moi', ['roads'])),
    ]);
    const { agent } = await signedIn(h, {
      email: 'binhduong@mttq.example',
      role: 'officer',
      jurisdictionCode: 'binh-duong-2018',
    });
    const res = await agent.get('/api/v1/officer/trends').query(lastWeek).expect(200);
    expect(res.body.totals.current).toBe(30 + 8 + 4);
    const water = res.body.spikes.find(
      (s: { topic: { code: string } }) => s.topic.code === 'clean-water',
    );
    expect(water.jurisdiction.code).toBe('binh-duong-2018.bau-bang-moi');
    expect(water.count).toBe(8);

    // The officer of the new commune sees those items too.
    const commune = await signedIn(h, {
      email: 'baubang@mttq.example',
      role: 'officer',
      jurisdictionCode: 'binh-duong-2018.bau-bang-moi',
    });
    const mine = await commune.agent.get('/api/v1/officer/trends').query(lastWeek).expect(200);
    expect(mine.body.totals.current).toBe(8);
    expect(mine.body.topics[0]).toMatchObject({ code: 'clean-water', current: 8 });
  });
});
