import { request } from 'node:http';
import { ConfigError, loadConfig } from '../../config/env';
import { demoRefused } from '../../src/demo/guard';
import { signedIn, startHarness, type Harness } from '../helpers/harness';

/** Findings 5 (uploads), 6, 7 and 8 of the security review. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

/**
 * Announces a 15 MB multipart upload to `path` and sends only its first 64 kB: an
 * answer can only come if the server does not wait for the rest.
 */
function partialUpload(path: string): Promise<number> {
  const url = new URL(`${h.baseUrl}${path}`);
  const boundary = 'x-boundary';
  return new Promise<number>((ok, fail) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(15 * 1024 * 1024),
        },
      },
      (res) => {
        res.resume();
        ok(res.statusCode ?? 0);
      },
    );
    req.on('error', () => undefined);
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n`);
    req.write(Buffer.alloc(64 * 1024, 0x61));
    setTimeout(() => fail(new Error('no answer while the body was still coming')), 5000);
  });
}

it('finding 5: an upload to an unknown reply token is refused before its body is read', async () => {
  expect(await partialUpload(`/reply/${'z'.repeat(43)}`)).toBe(404);
});

it('an anonymous upload to a voter meeting is refused before its body is read', async () => {
  expect(await partialUpload(`/officer/voters/meetings/${'0'.repeat(24)}/import`)).toBe(303);
});

it('finding 6: a cursor whose date is not a date is a 422, not a 500', async () => {
  const officer = await signedIn(h, { email: 'cursor@mttq.example', role: 'admin' });
  const bad = Buffer.from(JSON.stringify({ v: 'not-a-date', id: '0'.repeat(24) })).toString(
    'base64url',
  );
  const res = await officer.agent.get('/api/v1/officer/inbox').query({ cursor: bad }).expect(422);
  expect(res.body.errors[0].path).toBe('cursor');
});

it('finding 6: a form with more than 50 fields is a 413, not a 500', async () => {
  const fields = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, 'x']));
  const res = await h.http.post('/submit').type('form').send(fields).expect(413);
  expect(res.text).not.toContain('errorId');
});

it('finding 7: officer and admin routes send Cache-Control: no-store', async () => {
  const admin = await signedIn(h, { email: 'nostore@mttq.example', role: 'admin' });
  for (const path of [
    '/api/v1/auth/me',
    '/api/v1/officer/inbox',
    '/api/v1/admin/officers',
    '/officer',
    '/officer/login',
  ]) {
    const res = await admin.agent.get(path);
    expect([path, res.headers['cache-control']]).toEqual([path, 'no-store']);
  }
  expect((await h.http.get('/api/v1/auth/me').expect(401)).headers['cache-control']).toBe(
    'no-store',
  );
});

it('finding 8: production is the default, refuses http and demo data unless allowed', () => {
  const secret = { SESSION_SECRET: 'x'.repeat(40) };
  expect(() => loadConfig({})).toThrow(/SESSION_SECRET/);
  expect(loadConfig({ ...secret, PUBLIC_BASE_URL: 'https://tiengdan.example' }).NODE_ENV).toBe(
    'production',
  );
  expect(() => loadConfig({ ...secret, PUBLIC_BASE_URL: 'http://tiengdan.example' })).toThrow(
    ConfigError,
  );
  expect(
    loadConfig({ ...secret, PUBLIC_BASE_URL: 'http://tiengdan.example', ALLOW_HTTP: 'true' })
      .PUBLIC_BASE_URL,
  ).toBe('http://tiengdan.example');
  expect(loadConfig({ ...secret, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' }).NODE_ENV).toBe(
    'production',
  );
  expect(loadConfig({ NODE_ENV: 'development' }).SESSION_SECRET).toBeDefined();
  expect(demoRefused({ NODE_ENV: 'production' }, {})).toMatch(/refused in production/);
  expect(demoRefused({ NODE_ENV: 'production' }, { ALLOW_DEMO: 'true' })).toBeNull();
  expect(demoRefused({ NODE_ENV: 'development' }, {})).toBeNull();
});

it('finding 8: an anonymous visit stores no session; sign-in works through the cookie token', async () => {
  await signedIn(h, { email: 'anon@mttq.example', role: 'admin' });
  const before = await h.deps.models.Session.countDocuments();
  const agent = h.agent();
  const page = await agent.get('/officer/login').expect(200);
  await agent.get('/officer').expect(303);
  expect(String(page.headers['set-cookie'])).not.toContain('td.sid');
  expect(await h.deps.models.Session.countDocuments()).toBe(before);
  const token = page.text.match(/name="_csrf" value="([^"]+)"/)![1];
  // Without the cookie (a cross-site form), the same token is refused.
  await h.http
    .post('/officer/login')
    .type('form')
    .send({ _csrf: token, email: 'anon@mttq.example', password: 'mat-khau-du-dai-123' })
    .expect(403);
  await agent
    .post('/officer/login')
    .type('form')
    .send({ _csrf: token, email: 'anon@mttq.example', password: 'mat-khau-du-dai-123' })
    .expect(303);
  await agent.get('/api/v1/auth/me').expect(200);
});

it('finding 8: a session ends SESSION_ABSOLUTE_HOURS after sign-in, however active', async () => {
  const a = await signedIn(h, { email: 'long@mttq.example', role: 'admin' });
  await a.agent.get('/api/v1/auth/me').expect(200);
  const hours = h.deps.config.SESSION_ABSOLUTE_HOURS;
  await h.deps.models.Session.updateMany(
    { 'session.officerId': { $exists: true } },
    { $set: { 'session.signedInAt': Date.now() - (hours * 3600 + 60) * 1000 } },
  );
  await a.agent.get('/api/v1/auth/me').expect(401);
});
