import {
  fileItem,
  petition,
  replyLink,
  signedIn,
  startHarness,
  type Harness,
} from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Files an item and waits until routing has run. */
const file = (body: Record<string, unknown>, kind: 'petitions' | 'sentiments' = 'petitions') =>
  fileItem(h, body, kind);

const other = (title: string, email: string) =>
  petition({
    title,
    categoryCode: 'other',
    submitter: { name: 'Cư dân', email },
    jurisdictionCode: 'minh-hoa.hoa-loi',
  });

describe('scope', () => {
  it('an officer sees their subtree; anything else is 404 like a missing item', async () => {
    const mine = await file(other('Cống thoát nước bị tắc ở chợ', 'a1@example.com'));
    const elsewhere = await file(petition({ categoryCode: 'other' }));
    const { agent } = await signedIn(h, {
      email: 'hoaloi@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa.hoa-loi',
    });
    await agent.get(`/api/v1/officer/submissions/${mine.id}`).expect(200);
    const out = await agent.get(`/api/v1/officer/submissions/${elsewhere.id}`).expect(404);
    const missing = await agent
      .get('/api/v1/officer/submissions/0123456789abcdef01234567')
      .expect(404);
    expect(out.body.title).toBe(missing.body.title);
    const inbox = await agent.get('/api/v1/officer/inbox').expect(200);
    const codes = inbox.body.items.map((i: { trackingCode: string }) => i.trackingCode);
    expect(codes).toContain(mine.trackingCode);
    expect(codes).not.toContain(elsewhere.trackingCode);
  });
});

describe('the inbox', () => {
  it('searches without diacritics, filters, counts and pages', async () => {
    const { agent } = await signedIn(h, {
      email: 'inbox@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa.dong-thanh',
    });
    const place = 'minh-hoa.dong-thanh';
    for (let i = 0; i < 5; i += 1)
      await file(
        petition({
          title: `Đường liên xã số ${i} xuống cấp`,
          categoryCode: 'other',
          jurisdictionCode: place,
        }),
      );
    await file(
      petition({
        title: 'Thiếu giáo viên tiếng Anh',
        categoryCode: 'other',
        jurisdictionCode: place,
      }),
    );
    await file(
      {
        title: 'Bà con vui vì có chợ mới',
        body: 'Chợ mới sạch sẽ, bà con rất vui.',
        categoryCode: 'other',
        jurisdictionCode: place,
      },
      'sentiments',
    );

    const found = await agent
      .get('/api/v1/officer/inbox')
      .query({ q: 'DUONG lien xa' })
      .expect(200);
    expect(found.body.items).toHaveLength(5);
    expect(found.body.items.every((i: { title: string }) => i.title.startsWith('Đường'))).toBe(
      true,
    );

    const counts = await agent.get('/api/v1/officer/inbox').expect(200);
    expect(counts.body.counts).toEqual({ needs_triage: 6, received: 1 });
    const sentiments = await agent
      .get('/api/v1/officer/inbox')
      .query({ kind: 'sentiment' })
      .expect(200);
    expect(sentiments.body.items).toHaveLength(1);
    const triage = await agent
      .get('/api/v1/officer/inbox')
      .query({ status: 'needs_triage', sort: 'oldest' })
      .expect(200);
    expect(triage.body.items[0].title).toBe('Đường liên xã số 0 xuống cấp');

    // Cursor pages: 3 + 3 + 1, no item twice, none lost.
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await agent
        .get('/api/v1/officer/inbox')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);

    await agent.get('/api/v1/officer/inbox').query({ status: 'nonsense' }).expect(422);
    await agent.get('/api/v1/officer/inbox').query({ cursor: 'garbage' }).expect(422);
    await agent
      .get('/api/v1/officer/inbox')
      .query({ q: { $gt: '' } })
      .expect(422);
  });
});

describe('triage actions', () => {
  it('merges duplicates: supporter count, history, every submitter notified and answered', async () => {
    const admin = await signedIn(h, { email: 'merge@mttq.example', role: 'admin' });
    const a = await file(other('Đèn đường khu phố 2 bị hỏng', 'first@example.com'));
    const b = await file(other('Đèn đường ở khu phố 2 hỏng nhiều ngày', 'second@example.com'));
    const c = await file(other('Đèn đường khu phố 2 không sáng', 'third@example.com'));

    const detail = await admin.agent.get(`/api/v1/officer/submissions/${a.id}`).expect(200);
    const suggested = detail.body.duplicates.map((d: { id: string }) => d.id);
    expect(suggested).toEqual(expect.arrayContaining([b.id, c.id]));
    expect(detail.body.duplicates[0].score).toBeGreaterThan(0.2);

    const merged = await admin.agent
      .post(`/api/v1/officer/submissions/${a.id}/merge`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ duplicates: [b.id, c.id] })
      .expect(200);
    expect(merged.body.supporterCount).toBe(3);
    expect(merged.body.mergedFrom.sort()).toEqual([b.trackingCode, c.trackingCode].sort());
    expect(
      merged.body.history.filter((e: { action: string }) => e.action === 'triage.merged-in'),
    ).toHaveLength(2);
    const bDoc = await h.deps.models.Submission.findById(b.id).lean();
    expect(bDoc).toMatchObject({ status: 'merged', mergedInto: expect.anything() });
    expect(bDoc?.history.at(-1)).toMatchObject({
      action: 'triage.merged',
      actor: { kind: 'officer', name: 'merge' },
    });
    const mergedNews = (e: string) => h.mail.to(e).filter((m) => m.subject.includes('được gộp'));
    await h.mail.waitFor(
      () =>
        mergedNews('second@example.com').length === 1 &&
        mergedNews('third@example.com').length === 1,
    );
    expect(mergedNews('second@example.com')[0]!.text).toContain(a.trackingCode);

    // Merging again changes nothing.
    await admin.agent
      .post(`/api/v1/officer/submissions/${a.id}/merge`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ duplicates: [b.id] })
      .expect(409);

    // The survivor is assigned and answered: all three residents hear the answer.
    await admin.agent
      .post(`/api/v1/officer/submissions/${a.id}/assign`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ agencyCode: 'mh-dienluc' })
      .expect(200);
    await h.mail.waitFor(() =>
      h.mail.about(a.trackingCode).some((m) => m.to.includes('cskh@dienluc.minhhoa.example')),
    );
    const { token } = replyLink(
      h.mail.about(a.trackingCode).find((m) => m.to.includes('cskh@dienluc.minhhoa.example'))!.text,
    );
    await h.http
      .post(`/api/v1/replies/${token}`)
      .send({ text: 'Đã thay bóng đèn toàn khu phố 2.', responderName: 'Điện lực' })
      .expect(201);
    await h.mail.waitFor(() =>
      ['first@example.com', 'second@example.com', 'third@example.com'].every((e) =>
        h.mail.to(e).some((m) => m.text.includes('Đã thay bóng đèn')),
      ),
    );
  });

  it('re-routes: the old link dies with a clear page, the new agency is e-mailed once', async () => {
    const admin = await signedIn(h, { email: 'reroute@mttq.example', role: 'admin' });
    const p = await file(
      petition({
        title: 'Ổ gà trên đường vào ấp',
        submitter: { name: 'Lan', email: 'reroute@example.com' },
      }),
    );
    const first = h.mail
      .about(p.trackingCode)
      .find((m) => m.to.includes('ubnd@laihung.binhduong2018.example'))!;
    const oldLink = replyLink(first.text);

    await admin.agent
      .post(`/api/v1/officer/submissions/${p.id}/assign`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ agencyCode: 'bb-tnmt' })
      .expect(200);
    await h.mail.waitFor(() =>
      h.mail
        .to('tnmt@baubang.binhduong2018.example')
        .some((m) => m.subject.includes(p.trackingCode)),
    );
    const page = await h.http.get(`/reply/${oldLink.token}`).expect(410);
    expect(page.text).toMatch(/thu hồi|không còn được giao/);
    await h.http
      .post(`/api/v1/replies/${oldLink.token}`)
      .send({ text: 'Trả lời muộn của cơ quan cũ.', responderName: 'X' })
      .expect(410);

    await new Promise((r) => setTimeout(r, 1000));
    expect(
      h.mail
        .to('tnmt@baubang.binhduong2018.example')
        .filter((m) => m.subject.includes(p.trackingCode)),
    ).toHaveLength(1);
    const doc = await h.deps.models.Submission.findById(p.id).lean();
    expect(doc?.history.map((e) => e.action)).toContain('triage.rerouted');
    const assignments = await h.deps.models.Assignment.find({ submissionId: p.id })
      .sort({ seq: 1 })
      .lean();
    expect(assignments.map((x) => [x.agencyCode, x.status])).toEqual([
      ['bb-laihung-ubnd', 'withdrawn'],
      ['bb-tnmt', 'open'],
    ]);
  });

  it('classifies a complaint: the resident is told where to take it', async () => {
    const admin = await signedIn(h, { email: 'classify@mttq.example', role: 'admin' });
    const p = await file(other('Khiếu nại quyết định thu hồi đất', 'complaint@example.com'));
    const res = await admin.agent
      .post(`/api/v1/officer/submissions/${p.id}/classify`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ categoryCode: 'land', legalType: 'complaint' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'redirected',
      legalType: 'complaint',
      categoryCode: 'land',
    });
    await h.mail.waitFor(() =>
      h.mail.to('complaint@example.com').some((m) => m.text.includes('Luật Khiếu nại')),
    );
    const tracked = await h.http.get(`/api/v1/track/${p.trackingCode}`).expect(200);
    expect(tracked.body.status).toBe('redirected');
  });

  it('rejects with a reason; notes stay internal; a sentiment becomes a petition', async () => {
    const admin = await signedIn(h, { email: 'reject@mttq.example', role: 'admin' });
    const p = await file(other('Yêu cầu không rõ nội dung', 'reject@example.com'));
    await admin.agent
      .post(`/api/v1/officer/submissions/${p.id}/notes`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ text: 'Đã gọi điện, không liên lạc được.' })
      .expect(200);
    await admin.agent
      .post(`/api/v1/officer/submissions/${p.id}/reject`)
      .set('X-CSRF-Token', admin.csrf)
      .send({
        reasonCode: 'insufficient-information',
        message: 'Nội dung chưa rõ, đề nghị bổ sung địa điểm cụ thể.',
      })
      .expect(200);
    await h.mail.waitFor(() =>
      h.mail.to('reject@example.com').some((m) => m.text.includes('bổ sung địa điểm')),
    );
    const tracked = await h.http.get(`/api/v1/track/${p.trackingCode}`).expect(200);
    expect(JSON.stringify(tracked.body)).not.toContain('không liên lạc được');
    await admin.agent
      .post(`/api/v1/officer/submissions/${p.id}/reject`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ reasonCode: 'abusive', message: 'Lần thứ hai, không được phép.' })
      .expect(409);

    const s = await file(
      {
        title: 'Mong có thêm cây xanh',
        body: 'Khu dân cư thiếu cây xanh, mùa hè rất nóng.',
        categoryCode: 'environment',
        jurisdictionCode: 'minh-hoa.hoa-loi',
      },
      'sentiments',
    );
    const converted = await admin.agent
      .post(`/api/v1/officer/submissions/${s.id}/convert`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(200);
    expect(converted.body).toMatchObject({ kind: 'petition', status: 'needs_triage' });
  });

  it('bulk actions report per item', async () => {
    const { agent, csrf } = await signedIn(h, {
      email: 'bulk@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    const a = await file(other('Rác thải bên đường tỉnh lộ', 'b1@example.com'));
    const b = await file(other('Rác thải ở bờ kênh', 'b2@example.com'));
    const outside = await file(petition({ categoryCode: 'other' }));
    const res = await agent
      .post('/api/v1/officer/bulk')
      .set('X-CSRF-Token', csrf)
      .send({ action: 'assign', ids: [a.id, b.id, outside.id], agencyCode: 'mh-tnmt' })
      .expect(200);
    expect(res.body.results).toEqual([
      { id: a.id, ok: true },
      { id: b.id, ok: true },
      { id: outside.id, ok: false, problem: expect.stringMatching(/not-found$/) },
    ]);
    await h.mail.waitFor(
      () =>
        h.mail
          .to('tiepnhan@nnmt.minhhoa.example')
          .filter((m) => m.subject.includes(a.trackingCode) || m.subject.includes(b.trackingCode))
          .length === 2,
    );
  });
});

describe('sources and cooperating agencies', () => {
  it('a petition from the NA delegation gets its longer deadline; cooperating agencies are told once', async () => {
    const admin = await signedIn(h, { email: 'coop@mttq.example', role: 'admin' });
    const p = await file(other('Kiến nghị cử tri do Đoàn ĐBQH chuyển', 'coop@example.com'));
    await admin.agent
      .post(`/api/v1/officer/submissions/${p.id}/classify`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ source: 'na-delegation' })
      .expect(200);
    await admin.agent
      .post(`/api/v1/officer/submissions/${p.id}/assign`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ agencyCode: 'mh-tnmt', cooperatingAgencyCodes: ['mh-gtvt', 'mh-tnmt'] })
      .expect(200);
    const a = await h.deps.models.Assignment.findOne({
      submissionId: p.id,
      status: { $ne: 'withdrawn' },
    }).lean();
    // At least 60 calendar days from now.
    expect(a!.dueAt.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
    await h.mail.waitFor(() =>
      h.mail.to('vanthu@xaydung.minhhoa.example').some((m) => m.subject.includes(p.trackingCode)),
    );
    const coop = h.mail
      .to('vanthu@xaydung.minhhoa.example')
      .filter((m) => m.subject.includes(p.trackingCode));
    expect(coop).toHaveLength(1);
    expect(coop[0]!.subject).toContain('Đề nghị phối hợp');
    expect(coop[0]!.text).not.toMatch(/\/reply\//);
  });
});
