import { Writable } from 'node:stream';
import pino from 'pino';
import { eventually, petition, replyLink, startHarness, type Harness } from '../helpers/harness';

describe('platform endpoints', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workers: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers health and readiness', async () => {
    await h.http.get('/healthz').expect(200, { status: 'ok' });
    const ready = await h.http.get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { mongodb: 'ok', redis: 'ok' } });
  });

  it('serves the OpenAPI document generated from the schemas', async () => {
    const res = await h.http.get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/petitions',
        '/api/v1/sentiments',
        '/api/v1/track/{code}',
        '/api/v1/replies/{token}',
        '/api/v1/categories',
        '/api/v1/jurisdictions',
      ]),
    );
    const input = res.body.components.schemas.PetitionInput;
    expect(input.required).toEqual(
      expect.arrayContaining(['title', 'body', 'categoryCode', 'jurisdictionCode', 'submitter']),
    );
    expect(input.additionalProperties).toBe(false);
    const docs = await h.http.get('/docs').expect(200);
    expect(docs.text).toContain('/api/v1/petitions');
  });

  it('lists categories and the jurisdiction tree', async () => {
    const cats = await h.http.get('/api/v1/categories').expect(200);
    expect(cats.body).toHaveLength(9);
    expect(cats.body[0]).toEqual({
      code: expect.any(String),
      name: { vi: expect.any(String), en: expect.any(String) },
      answerWorkingDays: expect.any(Number),
    });
    const tree = await h.http.get('/api/v1/jurisdictions').expect(200);
    const codes = tree.body.map((j: { code: string }) => j.code);
    // Parents come before their children.
    expect(codes.indexOf('binh-duong-2018.bau-bang')).toBeLessThan(
      codes.indexOf('binh-duong-2018.bau-bang.lai-hung'),
    );
    expect(
      tree.body.find(
        (j: { code: string }) => j.code === 'binh-duong-2018.bau-bang.lai-hung.bung-thuoc',
      ).depth,
    ).toBe(3);
  });

  it('sets security headers and echoes a request id', async () => {
    const res = await h.http.get('/').set('X-Request-Id', 'test-request-0001').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-request-id']).toBe('test-request-0001');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('switches the pages to English and remembers it', async () => {
    const en = await h.http.get('/?lang=en').expect(200);
    expect(en.text).toContain('Submit a petition or a sentiment');
    const cookie = en.headers['set-cookie'] as unknown as string[];
    const again = await h.http.get('/track').set('Cookie', cookie).expect(200);
    expect(again.text).toContain('Track a submission');
    const vi = await h.http.get('/track').expect(200);
    expect(vi.text).toContain('Tra cứu kết quả');
  });
});

describe('rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ workers: false, env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses the fourth write in a minute with a 429 problem, storing nothing', async () => {
    for (let i = 0; i < 3; i += 1)
      await h.http.post('/api/v1/petitions').send(petition()).expect(201);
    const res = await h.http.post('/api/v1/petitions').send(petition()).expect(429);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.type).toMatch(/rate-limited$/);
    expect(await h.deps.models.Submission.countDocuments()).toBe(3);
  });
});

describe('logs', () => {
  it('never contain contact data or reply tokens', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const h = await startHarness({ logger: pino({ level: 'trace' }, sink) });
    try {
      const res = await h.http
        .post('/api/v1/petitions')
        .send(petition({ shareContactWithAgency: true }))
        .expect(201);
      await h.mail.waitFor(() => h.mail.noticesOf(res.body.trackingCode).length === 1);
      const { token } = replyLink(h.mail.noticesOf(res.body.trackingCode)[0]!.text);
      await h.http.get(`/reply/${token}`).expect(200);
      await h.http
        .post(`/api/v1/replies/${token}`)
        .send({ text: 'Đã xử lý xong, cảm ơn bà con.', responderName: 'Bình' })
        .expect(201);
      await h.mail.waitFor(() => h.mail.to('lan@example.com').length === 1);
      await eventually(
        async () => !(await h.deps.models.Submission.findById(res.body.id).lean())?.outboxPending,
      );
    } finally {
      await h.close();
    }
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of ['lan@example.com', 'Nguyễn Thị Lan', '0912', 'ubnd@laihung']) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/\/reply\/[A-Za-z0-9_-]{43}/);
    expect(all).not.toMatch(/\/replies\/[A-Za-z0-9_-]{43}/);
  });
});
