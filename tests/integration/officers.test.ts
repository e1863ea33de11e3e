import { delayAfter, loginThrottle } from '../../src/officers/throttle';
import { createApiToken, createOfficer } from '../../src/officers/service';
import { startHarness, signedIn, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ workers: false });
});
afterAll(async () => {
  await h.close();
});

/** Each test starts with no failed logins counted (only this file's keys). */
beforeEach(async () => {
  const keys = await h.deps.redis.keys(`${h.deps.config.QUEUE_PREFIX}:login:*`);
  if (keys.length) await h.deps.redis.del(...keys);
});

const csrfFrom = (page: string) => page.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';

describe('signing in', () => {
  it('an admin signs in, sees who they are, and signs out', async () => {
    const { agent } = await signedIn(h, { email: 'admin@mttq.example', role: 'admin' });
    const me = await agent.get('/api/v1/auth/me').expect(200);
    expect(me.body.officer).toMatchObject({ email: 'admin@mttq.example', role: 'admin' });
    expect(me.body.officer.passwordHash).toBeUndefined();
    await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', me.body.csrfToken).expect(204);
    await agent.get('/api/v1/auth/me').expect(401);
  });

  it('sets an httpOnly, SameSite session cookie and stores only an argon2id hash', async () => {
    await signedIn(h, { email: 'cookie@mttq.example', role: 'admin' });
    const res = await h.http
      .post('/api/v1/auth/login')
      .send({ email: 'cookie@mttq.example', password: 'mat-khau-du-dai-123' })
      .expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/td\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const stored = await h.deps.models.Officer.findOne({ email: 'cookie@mttq.example' }).lean();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    await signedIn(h, { email: 'same@mttq.example', role: 'admin' });
    const wrong = await h.http
      .post('/api/v1/auth/login')
      .send({ email: 'same@mttq.example', password: 'sai-mat-khau-roi' });
    const unknown = await h.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@mttq.example', password: 'sai-mat-khau-roi' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.title).toBe(unknown.body.title);
  });
});

describe('login throttling', () => {
  it('locks an account after 5 failures in a row, even for the right password', async () => {
    const { password } = await signedIn(h, {
      email: 'target@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    for (let i = 0; i < 5; i += 1)
      await h.http
        .post('/api/v1/auth/login')
        .send({ email: 'target@mttq.example', password: `doan-sai-${i}-xxxxx` })
        .expect(401);
    const locked = await h.http
      .post('/api/v1/auth/login')
      .send({ email: 'target@mttq.example', password })
      .expect(429);
    expect(locked.body.type).toMatch(/login-throttled$/);
  });

  it('blocks an address after 20 failures across accounts', async () => {
    await signedIn(h, { email: 'other@mttq.example', role: 'admin' });
    const from = (i: number) =>
      h.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '203.0.113.9')
        .send({ email: `guess${i}@mttq.example`, password: 'doan-mo-xxxxxx' });
    // Without TRUST_PROXY the header is ignored: every request here comes from the test's own address.
    for (let i = 0; i < 20; i += 1) expect((await from(i)).status).toBe(401);
    expect((await from(99)).status).toBe(429);
    const blocked = await h.http
      .post('/api/v1/auth/login')
      .send({ email: 'other@mttq.example', password: 'mat-khau-du-dai-123' });
    expect(blocked.status).toBe(429);
  });
});

describe('CSRF', () => {
  it('a page form post without the token is refused and changes nothing', async () => {
    const { agent } = await signedIn(h, { email: 'csrf@mttq.example', role: 'admin' });
    const before = (await h.deps.models.Officer.findOne({ email: 'csrf@mttq.example' }).lean())!
      .passwordHash;
    const res = await agent
      .post('/officer/password')
      .type('form')
      .send({ currentPassword: 'mat-khau-du-dai-123', newPassword: 'mot-mat-khau-moi-456' })
      .expect(403);
    expect(res.body.type).toMatch(/csrf$/);
    expect(
      (await h.deps.models.Officer.findOne({ email: 'csrf@mttq.example' }).lean())!.passwordHash,
    ).toBe(before);
  });

  it('the same post with the page token goes through', async () => {
    const { agent } = await signedIn(h, { email: 'csrf2@mttq.example', role: 'admin' });
    const page = await agent.get('/officer/password').expect(200);
    await agent
      .post('/officer/password')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        currentPassword: 'mat-khau-du-dai-123',
        newPassword: 'mot-mat-khau-moi-456',
      })
      .expect(200);
    await h.http
      .post('/api/v1/auth/login')
      .send({ email: 'csrf2@mttq.example', password: 'mot-mat-khau-moi-456' })
      .expect(200);
  });

  it('API writes with a session need X-CSRF-Token; with an API token they do not', async () => {
    const { agent, csrf } = await signedIn(h, { email: 'script@mttq.example', role: 'admin' });
    await agent.post('/api/v1/auth/tokens').send({ name: 'báo cáo' }).expect(403);
    const created = await agent
      .post('/api/v1/auth/tokens')
      .set('X-CSRF-Token', csrf)
      .send({ name: 'báo cáo' })
      .expect(201);
    expect(created.body.token).toMatch(/^td_/);
    const viaToken = await h.http
      .get('/api/v1/admin/officers')
      .set('Authorization', `Bearer ${created.body.token}`)
      .expect(200);
    expect(viaToken.body.map((o: { email: string }) => o.email)).toContain('script@mttq.example');
    await h.http
      .post('/api/v1/auth/tokens')
      .set('Authorization', `Bearer ${created.body.token}`)
      .send({ name: 'khác' })
      .expect(201);
    await agent
      .delete(`/api/v1/auth/tokens/${created.body.id}`)
      .set('X-CSRF-Token', csrf)
      .expect(204);
    await h.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${created.body.token}`)
      .expect(401);
  });

  it('the login form itself carries a token', async () => {
    await signedIn(h, { email: 'form@mttq.example', role: 'admin' });
    const agent = h.agent();
    await agent
      .post('/officer/login')
      .type('form')
      .send({ email: 'form@mttq.example', password: 'mat-khau-du-dai-123' })
      .expect(403);
    const page = await agent.get('/officer/login').expect(200);
    const res = await agent
      .post('/officer/login')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        email: 'form@mttq.example',
        password: 'mat-khau-du-dai-123',
        next: 'https://evil.example/',
      })
      .expect(303);
    // Never an open redirect.
    expect(res.headers.location).toBe('/officer');
  });
});

describe('accounts', () => {
  it('admins create officers; officers may not', async () => {
    const admin = await signedIn(h, { email: 'boss@mttq.example', role: 'admin' });
    const created = await admin.agent
      .post('/api/v1/admin/officers')
      .set('X-CSRF-Token', admin.csrf)
      .send({
        email: 'can-bo@mttq.example',
        name: 'Cán bộ xã',
        role: 'officer',
        jurisdictionCode: 'minh-hoa.tan-phu',
        password: 'mat-khau-can-bo-789',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      role: 'officer',
      jurisdictionCode: 'minh-hoa.tan-phu',
      active: true,
    });
    await admin.agent
      .post('/api/v1/admin/officers')
      .set('X-CSRF-Token', admin.csrf)
      .send({
        email: 'x@mttq.example',
        name: 'X',
        role: 'officer',
        jurisdictionCode: 'atlantis',
        password: 'mat-khau-can-bo-789',
      })
      .expect(422);
    await admin.agent
      .post('/api/v1/admin/officers')
      .set('X-CSRF-Token', admin.csrf)
      .send({ email: 'y@mttq.example', name: 'Y', role: 'admin', password: 'ngan' })
      .expect(422);

    const officer = h.agent();
    await officer
      .post('/api/v1/auth/login')
      .send({ email: 'can-bo@mttq.example', password: 'mat-khau-can-bo-789' })
      .expect(200);
    await officer.get('/api/v1/admin/officers').expect(403);

    // Deactivated: the session ends at once.
    await admin.agent
      .patch(`/api/v1/admin/officers/${created.body.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ active: false })
      .expect(200);
    await officer.get('/api/v1/auth/me').expect(401);
  });

  it('changing the password ends the other sessions', async () => {
    const a = await signedIn(h, { email: 'two@mttq.example', role: 'admin' });
    const b = await signedIn(h, { email: 'two@mttq.example', role: 'admin' });
    await a.agent
      .post('/api/v1/auth/password')
      .set('X-CSRF-Token', a.csrf)
      .send({ currentPassword: a.password, newPassword: 'mat-khau-moi-hoan-toan' })
      .expect(204);
    await a.agent.get('/api/v1/auth/me').expect(200);
    await b.agent.get('/api/v1/auth/me').expect(401);
  });

  it('pages send a signed-out visitor to the login page', async () => {
    const res = await h.http.get('/officer/password').expect(303);
    expect(res.headers.location).toBe('/officer/login?next=%2Fofficer%2Fpassword');
  });
});

describe('finding 5: login throttling does not let anyone lock anyone out', () => {
  it('failures from one address delay that address, growing; the owner elsewhere signs in', async () => {
    const throttle = loginThrottle(h.deps.redis, h.deps.config.QUEUE_PREFIX);
    for (let i = 0; i < 5; i += 1) await throttle.failed('victim@mttq.example', '198.51.100.7');
    const first = await throttle.blockedFor('victim@mttq.example', '198.51.100.7');
    expect(first).toBeGreaterThan(0);
    expect(await throttle.blockedFor('victim@mttq.example', '192.0.2.44')).toBe(0);
    await throttle.failed('victim@mttq.example', '198.51.100.7');
    expect(await throttle.blockedFor('VICTIM@mttq.example', '198.51.100.7')).toBeGreaterThan(first);
    expect(delayAfter({ free: 3, first: 2, max: 900 }, 2)).toBe(0);
    expect(delayAfter({ free: 3, first: 2, max: 900 }, 3)).toBe(2);
    expect(delayAfter({ free: 3, first: 2, max: 900 }, 5)).toBe(8);
    expect(delayAfter({ free: 3, first: 2, max: 900 }, 30)).toBe(900);
  });

  it('an admin unlocks an account', async () => {
    const { password } = await signedIn(h, {
      email: 'locked@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    const admin = await signedIn(h, { email: 'unlocker@mttq.example', role: 'admin' });
    for (let i = 0; i < 5; i += 1)
      await h.http
        .post('/api/v1/auth/login')
        .send({ email: 'locked@mttq.example', password: `sai-${i}-xxxxxxxx` })
        .expect(401);
    const login = () =>
      h.http.post('/api/v1/auth/login').send({ email: 'locked@mttq.example', password });
    expect((await login()).status).toBe(429);
    const officer = await h.deps.models.Officer.findOne({ email: 'locked@mttq.example' }).lean();
    await h.http.post(`/api/v1/admin/officers/${officer!._id}/unlock`).expect(403);
    await admin.agent
      .post(`/api/v1/admin/officers/${officer!._id}/unlock`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(204);
    expect((await login()).status).toBe(200);
  });
});

describe('finding 5: API tokens expire, are listed, revoked by admins and by a password change', () => {
  it('a token shows its expiry and last use; an admin lists and revokes it', async () => {
    const officer = await signedIn(h, {
      email: 'scripts@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    const admin = await signedIn(h, { email: 'tokens-admin@mttq.example', role: 'admin' });
    const made = await officer.agent
      .post('/api/v1/auth/tokens')
      .set('X-CSRF-Token', officer.csrf)
      .send({ name: 'xuất báo cáo', days: 7 })
      .expect(201);
    const days = (Date.parse(made.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const bearer = `Bearer ${made.body.token}`;
    await h.http.get('/api/v1/auth/me').set('Authorization', bearer).expect(200);
    const mine = await h.http.get('/api/v1/auth/tokens').set('Authorization', bearer).expect(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        id: made.body.id,
        name: 'xuất báo cáo',
        lastUsedAt: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(made.body.token);
    await officer.agent.get('/api/v1/admin/tokens').expect(403);
    const all = await admin.agent.get('/api/v1/admin/tokens').expect(200);
    expect(all.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: made.body.id, officerEmail: 'scripts@mttq.example' }),
      ]),
    );
    await admin.agent
      .delete(`/api/v1/admin/tokens/${made.body.id}`)
      .set('X-CSRF-Token', admin.csrf)
      .expect(204);
    await h.http.get('/api/v1/auth/me').set('Authorization', bearer).expect(401);
  });

  it('an expired token is refused', async () => {
    const o = await createOfficer(h.deps, {
      email: 'old-token@mttq.example',
      name: 'Cũ',
      role: 'admin',
      password: 'mat-khau-du-dai-123',
    });
    const { id, token } = await createApiToken(h.deps, o._id, 'cũ', 1);
    await h.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await h.deps.models.ApiToken.updateOne(
      { _id: id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    await h.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it("a password change revokes the officer's API tokens", async () => {
    const a = await signedIn(h, { email: 'rotate@mttq.example', role: 'admin' });
    const made = await a.agent
      .post('/api/v1/auth/tokens')
      .set('X-CSRF-Token', a.csrf)
      .send({ name: 'cron' })
      .expect(201);
    const bearer = `Bearer ${made.body.token}`;
    await h.http.get('/api/v1/auth/me').set('Authorization', bearer).expect(200);
    await a.agent
      .post('/api/v1/auth/password')
      .set('X-CSRF-Token', a.csrf)
      .send({ currentPassword: a.password, newPassword: 'mat-khau-moi-cho-token' })
      .expect(204);
    await h.http.get('/api/v1/auth/me').set('Authorization', bearer).expect(401);
  });
});
