import { loadReferenceData } from '../../config/reference';
import { seedReferenceData } from '../../src/reference/seed';
import {
  eventually,
  petition,
  replyLink,
  signedIn,
  startHarness,
  type Harness,
} from '../helpers/harness';

let h: Harness;
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  h = await startHarness();
  admin = await signedIn(h, { email: 'admin@mttq.example', role: 'admin' });
});
afterAll(async () => {
  await h.close();
});

const post = (path: string, body: unknown) =>
  admin.agent
    .post(path)
    .set('X-CSRF-Token', admin.csrf)
    .send(body as object);
const patch = (path: string, body: unknown) =>
  admin.agent
    .patch(path)
    .set('X-CSRF-Token', admin.csrf)
    .send(body as object);

/** Files a petition and waits until its outbox is empty (routed, and notified if assigned). */
async function file(overrides: Record<string, unknown>) {
  const res = await h.http.post('/api/v1/petitions').send(petition(overrides)).expect(201);
  await eventually(async () => {
    const d = await h.deps.models.Submission.findById(res.body.id).lean();
    return d && d.status !== 'received' && !d.outboxPending;
  });
  return res.body as { id: string; trackingCode: string };
}

const agency = (code: string, name: string, jurisdictionCode = 'minh-hoa') => ({
  code,
  name,
  email: `${code}@agency.example`,
  jurisdictionCode,
});

describe('agencies', () => {
  it('an admin creates, renames and deactivates an agency; a deactivated one gets no petitions', async () => {
    const created = await post(
      '/api/v1/admin/agencies',
      agency('mh-ldtbxh', 'Sở Lao động tỉnh Minh Hòa'),
    ).expect(201);
    expect(created.body).toEqual({
      code: 'mh-ldtbxh',
      name: 'Sở Lao động tỉnh Minh Hòa',
      email: 'mh-ldtbxh@agency.example',
      jurisdictionCode: 'minh-hoa',
      active: true,
    });
    const dup = await post('/api/v1/admin/agencies', agency('mh-ldtbxh', 'Khác')).expect(409);
    expect(dup.body.type).toMatch(/agency-exists$/);

    const renamed = await patch('/api/v1/admin/agencies/mh-ldtbxh', {
      name: 'Sở Nội vụ tỉnh Minh Hòa',
      email: 'vanthu@snv.minhhoa.example',
    }).expect(200);
    expect(renamed.body).toMatchObject({
      name: 'Sở Nội vụ tỉnh Minh Hòa',
      email: 'vanthu@snv.minhhoa.example',
      active: true,
    });

    await post('/api/v1/admin/routing-rules', {
      categoryCode: 'social-policy',
      jurisdictionCode: 'minh-hoa.dong-thanh',
      agencyCode: 'mh-ldtbxh',
    }).expect(201);
    const routed = await file({
      categoryCode: 'social-policy',
      jurisdictionCode: 'minh-hoa.dong-thanh',
    });
    expect((await h.deps.models.Submission.findById(routed.id).lean())?.agencyCode).toBe(
      'mh-ldtbxh',
    );

    const off = await patch('/api/v1/admin/agencies/mh-ldtbxh', { active: false }).expect(200);
    expect(off.body.active).toBe(false);
    const list = await admin.agent.get('/api/v1/admin/agencies').expect(200);
    expect(list.body.find((a: { code: string }) => a.code === 'mh-ldtbxh')).toMatchObject({
      name: 'Sở Nội vụ tỉnh Minh Hòa',
      active: false,
    });
    const after = await file({
      categoryCode: 'social-policy',
      jurisdictionCode: 'minh-hoa.dong-thanh',
    });
    const doc = await h.deps.models.Submission.findById(after.id).lean();
    expect(doc?.status).toBe('needs_triage');
    expect(doc?.agencyCode).toBeUndefined();
  });

  it('bad input is a 422 problem and changes nothing', async () => {
    const before = await h.deps.models.Agency.find().sort({ code: 1 }).lean();
    const bad: unknown[] = [
      { ...agency('Bad Code', 'X') },
      { ...agency('mh-x', 'X'), email: 'not-an-email' },
      { code: 'mh-x', name: 'X', jurisdictionCode: 'minh-hoa' },
      { ...agency('mh-x', 'X'), active: false },
      { ...agency('mh-x', 'X'), code: { $gt: '' } },
      { ...agency('mh-x', '   ') },
    ];
    for (const body of bad) {
      const res = await post('/api/v1/admin/agencies', body).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.type).toMatch(/validation$/);
    }
    const unknownPlace = await post(
      '/api/v1/admin/agencies',
      agency('mh-x', 'X', 'atlantis'),
    ).expect(422);
    expect(unknownPlace.body.errors).toEqual([
      { path: 'jurisdictionCode', message: 'unknown jurisdiction', code: 'unknown' },
    ]);

    for (const body of [{}, { active: 'no' }, { mergedInto: 'mh-yte' }, { name: '' }])
      await patch('/api/v1/admin/agencies/mh-yte', body).expect(422);
    await patch('/api/v1/admin/agencies/mh-yte', { jurisdictionCode: 'atlantis' }).expect(422);
    await patch('/api/v1/admin/agencies/no-such-agency', { name: 'X' }).expect(404);

    expect(await h.deps.models.Agency.find().sort({ code: 1 }).lean()).toEqual(before);
  });
});

describe('routing rules', () => {
  it('one rule per category and node; category, place and an active agency must exist', async () => {
    const rulesBefore = await h.deps.models.RoutingRule.countDocuments();
    // The seed has land × minh-hoa → mh-tnmt.
    const dup = await post('/api/v1/admin/routing-rules', {
      categoryCode: 'land',
      jurisdictionCode: 'minh-hoa',
      agencyCode: 'mh-gtvt',
    }).expect(409);
    expect(dup.body.type).toMatch(/rule-exists$/);
    expect(dup.body.detail).toContain('mh-tnmt');

    const unknownAgency = await post('/api/v1/admin/routing-rules', {
      categoryCode: 'other',
      jurisdictionCode: 'minh-hoa',
      agencyCode: 'no-such-agency',
    }).expect(422);
    expect(unknownAgency.body.errors).toEqual([
      { path: 'agencyCode', message: 'unknown agency', code: 'unknown' },
    ]);
    const unknownBoth = await post('/api/v1/admin/routing-rules', {
      categoryCode: 'weather',
      jurisdictionCode: 'atlantis',
      agencyCode: 'mh-yte',
    }).expect(422);
    expect(unknownBoth.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'categoryCode',
      'jurisdictionCode',
    ]);
    await post('/api/v1/admin/agencies', agency('mh-cu', 'Cơ quan cũ')).expect(201);
    await patch('/api/v1/admin/agencies/mh-cu', { active: false }).expect(200);
    const inactive = await post('/api/v1/admin/routing-rules', {
      categoryCode: 'other',
      jurisdictionCode: 'minh-hoa',
      agencyCode: 'mh-cu',
    }).expect(422);
    expect(inactive.body.errors[0]).toMatchObject({ path: 'agencyCode', code: 'inactive' });
    await post('/api/v1/admin/routing-rules', {
      categoryCode: 'other',
      jurisdictionCode: { $ne: null },
      agencyCode: 'mh-yte',
    }).expect(422);
    expect(await h.deps.models.RoutingRule.countDocuments()).toBe(rulesBefore);

    // Two admins adding the same rule at once: the insert decides, one wins.
    const rule = {
      categoryCode: 'other',
      jurisdictionCode: 'minh-hoa.tan-phu',
      agencyCode: 'mh-yte',
    };
    const both = await Promise.all([
      post('/api/v1/admin/routing-rules', rule),
      post('/api/v1/admin/routing-rules', { ...rule, agencyCode: 'mh-gddt' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const created = both.find((r) => r.status === 201)!.body;
    const listed = await admin.agent
      .get('/api/v1/admin/routing-rules?categoryCode=other&jurisdictionCode=minh-hoa.tan-phu')
      .expect(200);
    expect(listed.body).toEqual([created]);
    await admin.agent.get('/api/v1/admin/routing-rules?agency=mh-yte').expect(422);

    await admin.agent
      .delete(`/api/v1/admin/routing-rules/${created.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(204);
    await admin.agent
      .delete(`/api/v1/admin/routing-rules/${created.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(404);
    await admin.agent
      .delete('/api/v1/admin/routing-rules/not-an-id')
      .set('X-CSRF-Token', admin.csrf)
      .expect(404);
    expect(await h.deps.models.RoutingRule.countDocuments()).toBe(rulesBefore);
  });
});

describe('merging agencies', () => {
  it('re-points rules, hands open petitions over with a fresh link, and runs once', async () => {
    const { models } = h.deps;
    await post('/api/v1/admin/agencies', agency('bb-cu', 'Phòng Văn hóa huyện Bàu Bàng')).expect(
      201,
    );
    await post(
      '/api/v1/admin/agencies',
      agency('bb-moi', 'Phòng Văn hóa - Xã hội xã Bàu Bàng'),
    ).expect(201);
    const rule = (categoryCode: string, jurisdictionCode: string, agencyCode: string) =>
      post('/api/v1/admin/routing-rules', { categoryCode, jurisdictionCode, agencyCode }).expect(
        201,
      );
    await rule('other', 'minh-hoa.dong-thanh', 'bb-cu');
    await rule('social-policy', 'minh-hoa.minh-khai', 'bb-cu');
    await rule('other', 'minh-hoa.minh-khai', 'bb-moi');

    // A petition routed to the old agency, whose notice went out.
    const filed = await file({
      title: 'Nhà văn hóa ấp xuống cấp, dột nát',
      categoryCode: 'other',
      jurisdictionCode: 'minh-hoa.dong-thanh',
    });
    await h.mail.waitFor(() => h.mail.to('bb-cu@agency.example').length === 1);
    const oldLink = replyLink(h.mail.to('bb-cu@agency.example')[0]!.text);
    await h.http.get(`/reply/${oldLink.token}`).expect(200);
    const before = (await models.Submission.findById(filed.id).lean())!;
    expect(before.agencyCode).toBe('bb-cu');

    const merged = await post('/api/v1/admin/agencies/bb-cu/merge', { into: 'bb-moi' }).expect(200);
    expect(merged.body).toMatchObject({
      from: 'bb-cu',
      into: 'bb-moi',
      by: { name: 'admin' },
      rulesMoved: 2,
      rulesDropped: 0,
      assignmentsMoved: 1,
      assignmentsSkipped: 0,
      finishedAt: expect.any(String),
    });

    // The petition and its current assignment are the new agency's; the old one is withdrawn.
    const doc = (await models.Submission.findById(filed.id).lean())!;
    expect(doc.status).toBe('assigned');
    expect(doc.agencyCode).toBe('bb-moi');
    expect(doc.dueAt).toEqual(before.dueAt);
    const current = await models.Assignment.findById(doc.currentAssignmentId).lean();
    expect(current).toMatchObject({ agencyCode: 'bb-moi', status: 'open', dueAt: before.dueAt });
    const previous = await models.Assignment.findById(before.currentAssignmentId).lean();
    expect(previous).toMatchObject({ agencyCode: 'bb-cu', status: 'withdrawn' });
    const entry = doc.history.find((e) => e.action === 'agency.merged');
    expect(entry).toMatchObject({
      actor: { kind: 'officer', name: 'admin' },
      note: 'Phòng Văn hóa huyện Bàu Bàng → Phòng Văn hóa - Xã hội xã Bàu Bàng',
    });

    // The old link is dead; the new agency gets one notice with a working link.
    const dead = await h.http.get(`/reply/${oldLink.token}`).expect(410);
    expect(dead.text).toContain('data-state="rerouted"');
    await h.mail.waitFor(() => h.mail.to('bb-moi@agency.example').length === 1);
    const newLink = replyLink(h.mail.to('bb-moi@agency.example')[0]!.text);
    expect(newLink.token).not.toBe(oldLink.token);
    const page = await h.http.get(`/reply/${newLink.token}`).expect(200);
    expect(page.text).toContain('Nhà văn hóa ấp xuống cấp, dột nát');
    await eventually(
      async () => !(await models.Submission.findById(filed.id).lean())?.outboxPending,
    );
    // Nothing more is sent later (the delivery key of the new assignment is sent once).
    await new Promise((r) => setTimeout(r, 700));
    expect(h.mail.to('bb-moi@agency.example')).toHaveLength(1);
    expect(h.mail.to('bb-cu@agency.example')).toHaveLength(1);

    // The rules moved; the old agency is inactive and says where it went.
    const oldRules = await admin.agent.get('/api/v1/admin/routing-rules?agencyCode=bb-cu');
    expect(oldRules.body).toEqual([]);
    const newRules = await admin.agent.get('/api/v1/admin/routing-rules?agencyCode=bb-moi');
    expect(
      newRules.body.map((r: { categoryCode: string; jurisdictionCode: string }) => [
        r.categoryCode,
        r.jurisdictionCode,
      ]),
    ).toEqual([
      ['other', 'minh-hoa.dong-thanh'],
      ['other', 'minh-hoa.minh-khai'],
      ['social-policy', 'minh-hoa.minh-khai'],
    ]);
    const agencies = await admin.agent.get('/api/v1/admin/agencies').expect(200);
    expect(agencies.body.find((a: { code: string }) => a.code === 'bb-cu')).toMatchObject({
      active: false,
      mergedInto: 'bb-moi',
    });

    // A second run is refused and changes nothing; so is reactivating the merged agency.
    const again = await post('/api/v1/admin/agencies/bb-cu/merge', { into: 'bb-moi' }).expect(409);
    expect(again.body.type).toMatch(/agency-merged$/);
    await post('/api/v1/admin/agencies/bb-cu/merge', { into: 'mh-yte' }).expect(409);
    await patch('/api/v1/admin/agencies/bb-cu', { active: true }).expect(409);
    const record = await models.AgencyMerge.findById('bb-cu').lean();
    expect(record).toMatchObject({ into: 'bb-moi', assignmentsMoved: 1 });
    expect(
      (await models.Submission.findById(filed.id).lean())!.history.filter(
        (e) => e.action === 'agency.merged',
      ),
    ).toHaveLength(1);

    // New petitions of that category and place go to the new agency; it can answer.
    const next = await file({ categoryCode: 'other', jurisdictionCode: 'minh-hoa.dong-thanh' });
    expect((await models.Submission.findById(next.id).lean())?.agencyCode).toBe('bb-moi');
    await h.http
      .post(`/api/v1/replies/${newLink.token}`)
      .send({ text: 'Xã đã bố trí kinh phí sửa chữa nhà văn hóa.', responderName: 'Lê Văn Ba' })
      .expect(201);
    expect((await models.Submission.findById(filed.id).lean())?.status).toBe('answered');
  });

  it('refuses a merge into itself, into an unknown or inactive agency, or of an unknown one', async () => {
    await post('/api/v1/admin/agencies', agency('mh-a', 'A')).expect(201);
    await post('/api/v1/admin/agencies', agency('mh-b', 'B')).expect(201);
    await patch('/api/v1/admin/agencies/mh-b', { active: false }).expect(200);
    await post('/api/v1/admin/agencies/mh-a/merge', { into: 'mh-a' }).expect(422);
    await post('/api/v1/admin/agencies/mh-a/merge', { into: 'no-such' }).expect(422);
    await post('/api/v1/admin/agencies/mh-a/merge', { into: 'mh-b' }).expect(422);
    await post('/api/v1/admin/agencies/mh-a/merge', {}).expect(422);
    await post('/api/v1/admin/agencies/no-such/merge', { into: 'mh-a' }).expect(404);
    expect(await h.deps.models.AgencyMerge.exists({ _id: 'mh-a' })).toBeNull();
    expect((await h.deps.models.Agency.findOne({ code: 'mh-a' }).lean())?.active).toBe(true);
  });
});

describe('the seed at the next deploy', () => {
  it('adds what is missing but keeps what admins changed', async () => {
    const { models } = h.deps;
    await patch('/api/v1/admin/agencies/mh-dienluc', { name: 'Điện lực Minh Hòa (mới)' }).expect(
      200,
    );
    const rule = await models.RoutingRule.findOne({
      categoryCode: 'utilities',
      jurisdictionCode: 'minh-hoa',
    }).lean();
    await admin.agent
      .delete(`/api/v1/admin/routing-rules/${String(rule!._id)}`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(204);
    const rules = await models.RoutingRule.countDocuments();
    const jurisdictions = await models.Jurisdiction.find().sort({ code: 1 }).lean();

    await seedReferenceData(models, loadReferenceData());
    expect((await models.Agency.findOne({ code: 'mh-dienluc' }).lean())?.name).toBe(
      'Điện lực Minh Hòa (mới)',
    );
    expect(await models.RoutingRule.countDocuments()).toBe(rules);
    expect(await models.Jurisdiction.find().sort({ code: 1 }).lean()).toEqual(jurisdictions);
  });
});

describe('who may configure', () => {
  it('officers get 403 on every admin endpoint, strangers are refused', async () => {
    const officer = await signedIn(h, {
      email: 'can-bo@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    const rule = await h.deps.models.RoutingRule.findOne().lean();
    const calls = [
      ['get', '/api/v1/admin/agencies', undefined],
      ['post', '/api/v1/admin/agencies', agency('mh-z', 'Z')],
      ['patch', '/api/v1/admin/agencies/mh-yte', { active: false }],
      ['post', '/api/v1/admin/agencies/mh-yte/merge', { into: 'mh-gddt' }],
      ['get', '/api/v1/admin/routing-rules', undefined],
      [
        'post',
        '/api/v1/admin/routing-rules',
        { categoryCode: 'other', jurisdictionCode: 'minh-hoa', agencyCode: 'mh-yte' },
      ],
      ['delete', `/api/v1/admin/routing-rules/${String(rule!._id)}`, undefined],
    ] as const;
    for (const [method, path, body] of calls) {
      let req = officer.agent[method](path).set('X-CSRF-Token', officer.csrf);
      if (body) req = req.send(body);
      const res = await req;
      expect([method, path, res.status]).toEqual([method, path, 403]);
      expect(res.body.type).toMatch(/forbidden$/);
      // Strangers: 401, or 403 first for a write without a CSRF token.
      const stranger = await h.http[method](path);
      expect(method === 'get' ? [401] : [401, 403]).toContain(stranger.status);
    }
    expect(await h.deps.models.Agency.exists({ code: 'mh-z' })).toBeNull();
    expect((await h.deps.models.Agency.findOne({ code: 'mh-yte' }).lean())?.active).toBe(true);
    expect(await h.deps.models.RoutingRule.exists({ _id: rule!._id })).not.toBeNull();
  });
});
