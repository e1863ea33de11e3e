import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { createOfficer } from '../../src/officers/service';
import { bullPrefix } from '../../src/platform/queues';
import { redisTopology, workerConnection } from '../../src/platform/redis';
import { launchBrowser } from '../helpers/browser';
import { petition, signedIn, startHarness, type Harness } from '../helpers/harness';

/*
 * A petition's routing job failed (here: a worker that meets an outage and gives
 * up). The admin opens the queue dashboard, sees the failed job and retries it;
 * the real workers then route the petition and the agency's e-mail goes out.
 * An officer who is not an admin is refused the dashboard.
 */
let h: Harness;
let browser: Browser;
let dir: string;
const PASSWORD = 'mat-khau-bang-hang-doi-1';

beforeAll(async () => {
  dir = mkdtempSync(join(process.env.TEST_DIR ?? tmpdir(), 'e2e-queues-'));
  h = await startHarness({ workers: false });
  browser = await launchBrowser();
  await createOfficer(h.deps, {
    email: 'quantri@mttq.example',
    name: 'Quản trị',
    role: 'admin',
    password: PASSWORD,
  });
  await createOfficer(h.deps, {
    email: 'canbo@mttq.example',
    name: 'Cán bộ',
    role: 'officer',
    jurisdictionCode: 'minh-hoa.hoa-loi',
    password: PASSWORD,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
}, 180_000);

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${h.baseUrl}/officer/queues`);
  expect(page.url()).toContain('/officer/login');
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/officer\/queues/, { timeout: 90_000 });
}

/** Fails the waiting routing job for good, as a worker meeting an outage would. */
async function failTheRoutingJob(): Promise<string> {
  const connection = workerConnection(redisTopology(h.deps.config));
  const failed = new Promise<string>((ok) => {
    const w = new Worker(
      'outbox',
      async () => {
        throw new UnrecoverableError('simulated outage');
      },
      { connection, prefix: bullPrefix(h.deps.config.QUEUE_PREFIX) },
    );
    w.on('failed', (job) => void w.close().then(() => ok(job!.id!)));
  });
  const id = await failed;
  connection.disconnect();
  return id;
}

it('an admin retries a failed job from the queue dashboard; an officer is refused', async () => {
  const res = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
  const code: string = res.body.trackingCode;
  const jobId = await failTheRoutingJob();
  expect(await h.deps.queues.outbox.getJobState(jobId)).toBe('failed');

  const officer = await browser.newContext();
  const refused = await officer.newPage();
  await refused.goto(`${h.baseUrl}/officer/queues`);
  await refused.getByLabel('Thư điện tử').fill('canbo@mttq.example');
  await refused.getByLabel('Mật khẩu').fill(PASSWORD);
  const answer = refused.waitForResponse((r) => r.url().endsWith('/officer/queues'));
  await refused.getByRole('button', { name: 'Đăng nhập' }).click();
  expect((await answer).status()).toBe(403);
  const api = await refused.request.get(`${h.baseUrl}/officer/queues/api/queues`);
  expect(api.status()).toBe(403);
  await officer.close();

  const admin = await browser.newContext();
  const page = await admin.newPage();
  const csp: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/officer/queues/queue/outbox?status=failed'))
      csp.push(r.headers()['content-security-policy'] ?? '');
  });
  await signIn(page, 'quantri@mttq.example');
  await page.goto(`${h.baseUrl}/officer/queues/queue/outbox?status=failed`);
  expect(csp[0]).toContain("script-src 'self'");
  await page.getByText('simulated outage').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(dir, 'failed.png'), fullPage: true });
  await page.getByRole('button', { name: 'Retry all' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expectState(jobId, 'waiting');
  await admin.close();

  // Another site cannot make a signed-in admin's browser retry or add jobs.
  const { agent } = await signedIn(h, { email: 'quantri2@mttq.example', role: 'admin' });
  await agent
    .put('/officer/queues/api/queues/outbox/retry/failed')
    .set('Origin', 'https://evil.example')
    .expect(403);
  await agent
    .post('/officer/queues/api/queues/outbox/add')
    .type('text/plain')
    .send('{"name":"route"}')
    .expect(403);
  await h.http
    .get('/officer/queues')
    .expect(303)
    .expect('Location', /\/officer\/login/);

  // The rest of the site keeps its script-free policy.
  const home = await h.http.get('/').expect(200);
  expect(home.headers['content-security-policy']).toContain("script-src 'none'");

  await h.startWorkers();
  await h.mail.waitFor(() => h.mail.noticesOf(code).length === 1);
}, 180_000);

async function expectState(jobId: string, state: string): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    const now = await h.deps.queues.outbox.getJobState(jobId);
    if (now === state) return;
    if (Date.now() > until) throw new Error(`job ${jobId} is ${now}, not ${state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
