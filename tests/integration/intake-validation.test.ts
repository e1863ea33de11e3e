import { petition, startHarness, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  // No workers: nothing here may be routed or e-mailed anyway.
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

async function nothingStored(): Promise<void> {
  expect(await h.deps.models.Submission.countDocuments()).toBe(0);
  expect(await h.deps.models.IdempotencyRecord.countDocuments()).toBe(0);
}

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  type: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: `https://tiengdan.example/problems/${type}`, status });
}

describe('bad input gets a clear problem response and stores nothing', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['missing title', (({ title: _t, ...rest }) => rest)(petition())],
    ['missing submitter', (({ submitter: _s, ...rest }) => rest)(petition())],
    ['no contact for a petition', petition({ submitter: { name: 'Lan' } })],
    ['title is a number', petition({ title: 12345 })],
    ['shareContactWithAgency is a string', petition({ shareContactWithAgency: 'yes' })],
    ['body is an array', petition({ body: ['a', 'b'] })],
    ['title too short', petition({ title: 'ab' })],
    ['bad e-mail', petition({ submitter: { name: 'Lan', email: 'not-an-email' } })],
    ['unknown field', petition({ priority: 'urgent' })],
    [
      'unknown field in submitter',
      petition({ submitter: { name: 'Lan', email: 'a@b.vn', role: 'admin' } }),
    ],
    ['operator in title', petition({ title: { $gt: '' } })],
    ['operator in body', petition({ body: { $ne: null } })],
    ['operator in categoryCode', petition({ categoryCode: { $gt: '' } })],
    ['operator in jurisdictionCode', petition({ jurisdictionCode: { $regex: '.*' } })],
    ['operator in submitter', petition({ submitter: { $gt: '' } })],
    ['operator in submitter.email', petition({ submitter: { name: 'Lan', email: { $gt: '' } } })],
    ['operator in shareContactWithAgency', petition({ shareContactWithAgency: { $exists: true } })],
    ['operator key at top level', { ...petition(), $where: 'sleep(1000)' }],
  ];

  it.each(cases)('%s → 422', async (_name, body) => {
    const res = await h.http.post('/api/v1/petitions').send(body);
    expectProblem(res, 422, 'validation');
    expect(res.body.errors.length).toBeGreaterThan(0);
    await nothingStored();
  });

  it('names the unknown category and jurisdiction', async () => {
    const res = await h.http
      .post('/api/v1/petitions')
      .send(petition({ categoryCode: 'weather', jurisdictionCode: 'atlantis' }));
    expectProblem(res, 422, 'validation');
    expect(res.body.errors).toEqual([
      { path: 'categoryCode', message: 'unknown category', code: 'unknown' },
      { path: 'jurisdictionCode', message: 'unknown jurisdiction', code: 'unknown' },
    ]);
    await nothingStored();
  });

  it('malformed JSON → 400', async () => {
    const res = await h.http
      .post('/api/v1/petitions')
      .set('Content-Type', 'application/json')
      .send('{"title": "Đường ngập", ');
    expectProblem(res, 400, 'malformed-json');
    await nothingStored();
  });

  it('a body over the limit → 413', async () => {
    const res = await h.http
      .post('/api/v1/petitions')
      .send(petition({ body: 'x'.repeat(100 * 1024) }));
    expectProblem(res, 413, 'body-too-large');
    await nothingStored();
  });

  it('a body that is not JSON → 415', async () => {
    const res = await h.http
      .post('/api/v1/petitions')
      .set('Content-Type', 'text/plain')
      .send('hello');
    expectProblem(res, 415, 'unsupported-media-type');
    await nothingStored();
  });

  it('a sentiment with an operator in an optional field → 422', async () => {
    const res = await h.http.post('/api/v1/sentiments').send({
      title: 'Ý kiến về chợ',
      body: 'Chợ xã cần được sửa lại mái che.',
      categoryCode: 'other',
      jurisdictionCode: 'minh-hoa',
      submitter: { phone: { $gt: '' } },
    });
    expectProblem(res, 422, 'validation');
    await nothingStored();
  });

  it('an unknown route → 404 problem', async () => {
    const res = await h.http.get('/api/v1/nothing-here');
    expectProblem(res, 404, 'not-found');
  });

  it('an unknown tracking code → 404 problem', async () => {
    const res = await h.http.get('/api/v1/track/TD-0000-0000');
    expectProblem(res, 404, 'not-found');
  });
});

describe('normalisation at intake', () => {
  afterEach(async () => {
    await h.deps.models.Submission.deleteMany({});
  });

  it('stores NFC text and a diacritics-free search key', async () => {
    const decomposed = 'Đường ngập nước'.normalize('NFD');
    const res = await h.http
      .post('/api/v1/sentiments')
      .send({
        title: `  ${decomposed}\u200b  `,
        body: 'Nước ngập ĐẾN đầu gối, đi lại khó.',
        categoryCode: 'traffic',
        jurisdictionCode: 'minh-hoa',
      })
      .expect(201);
    const doc = await h.deps.models.Submission.findById(res.body.id).lean();
    expect(doc?.title).toBe('Đường ngập nước'.normalize('NFC'));
    expect(doc?.searchKey).toBe('duong ngap nuoc nuoc ngap den dau goi di lai kho');
    expect(doc?.month).toMatch(/^\d{4}-\d{2}$/);
    expect(doc?.jurisdictionPath).toEqual(['minh-hoa']);
    // Written with the driver, it must still be what the schema says.
    expect(h.deps.models.Submission.hydrate(doc).validateSync()).toBeUndefined();
    expect(doc?.createdAt).toEqual(doc?.history[0]?.at);
  });
});

describe('Idempotency-Key', () => {
  afterEach(async () => {
    await h.deps.models.Submission.deleteMany({});
    await h.deps.models.IdempotencyRecord.deleteMany({});
  });

  it('the same key twice makes one petition and returns the first result', async () => {
    const first = await h.http
      .post('/api/v1/petitions')
      .set('Idempotency-Key', 'key-0001-abcd')
      .send(petition())
      .expect(201);
    const second = await h.http
      .post('/api/v1/petitions')
      .set('Idempotency-Key', 'key-0001-abcd')
      .send(petition())
      .expect(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(await h.deps.models.Submission.countDocuments()).toBe(1);
  });

  it('concurrent retries with one key make one petition', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        h.http.post('/api/v1/petitions').set('Idempotency-Key', 'key-0002-race').send(petition()),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.trackingCode)).size).toBe(1);
    expect(await h.deps.models.Submission.countDocuments()).toBe(1);
  });

  it('the same key with another body is refused and changes nothing', async () => {
    await h.http
      .post('/api/v1/petitions')
      .set('Idempotency-Key', 'key-0003-diff')
      .send(petition())
      .expect(201);
    const res = await h.http
      .post('/api/v1/petitions')
      .set('Idempotency-Key', 'key-0003-diff')
      .send(petition({ title: 'Một kiến nghị khác hẳn' }));
    expectProblem(res, 422, 'idempotency-key-reused');
    expect(await h.deps.models.Submission.countDocuments()).toBe(1);
  });

  it('without a key, two posts make two petitions', async () => {
    await h.http.post('/api/v1/petitions').send(petition()).expect(201);
    await h.http.post('/api/v1/petitions').send(petition()).expect(201);
    expect(await h.deps.models.Submission.countDocuments()).toBe(2);
  });
});
