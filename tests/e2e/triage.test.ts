import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createOfficer } from '../../src/officers/service';
import { launchBrowser } from '../helpers/browser';
import { eventually, petition, startHarness, type Harness } from '../helpers/harness';

/*
 * An officer of Xã Hòa Lợi signs in, filters the inbox, merges two petitions
 * about the same broken street light, assigns the survivor, and the agency's
 * e-mail arrives.
 */
let h: Harness;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(process.env.TEST_DIR ?? tmpdir(), 'e2e-triage-'));
  h = await startHarness();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
}, 180_000);

async function file(title: string, email: string) {
  const res = await h.http
    .post('/api/v1/petitions')
    .send(
      petition({
        title,
        categoryCode: 'other',
        jurisdictionCode: 'minh-hoa.hoa-loi',
        submitter: { name: 'Cư dân', email },
      }),
    )
    .expect(201);
  await eventually(
    async () =>
      (await h.deps.models.Submission.findById(res.body.id).lean())?.status === 'needs_triage' &&
      !(await h.deps.models.Submission.findById(res.body.id).lean())?.outboxPending,
  );
  return res.body as { id: string; trackingCode: string };
}

it('an officer filters the inbox, merges two petitions and assigns one', async () => {
  const a = await file('Đèn đường trước trường học bị hỏng', 'den1@example.com');
  const b = await file('Đèn đường trước cổng trường hỏng đã lâu', 'den2@example.com');
  await file('Xin hỗ trợ sửa nhà cho hộ nghèo', 'nha@example.com');
  await createOfficer(h.deps, {
    email: 'canbo.hoaloi@mttq.example',
    name: 'Cán bộ Hòa Lợi',
    role: 'officer',
    jurisdictionCode: 'minh-hoa.hoa-loi',
    password: 'mat-khau-hoa-loi-2026',
  });

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/officer`);
  expect(page.url()).toContain('/officer/login');
  await page.getByLabel('Thư điện tử').fill('canbo.hoaloi@mttq.example');
  await page.getByLabel('Mật khẩu').fill('mat-khau-hoa-loi-2026');
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const login = await posted;
  if (login.status() !== 303)
    throw new Error(`login answered ${login.status()}: ${(await login.text()).slice(0, 300)}`);
  // Generous: on a loaded CI machine the first officer page can be slow.
  await page.waitForURL(`${h.baseUrl}/officer`, { timeout: 90_000 });

  // Filter: search without accents.
  await page.getByLabel('Tìm theo nội dung hoặc mã (không cần dấu)').fill('den duong truoc');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await page.waitForURL(/q=den\+duong\+truoc/);
  const rows = page.locator('#inbox tr td:nth-child(3) a');
  expect(await rows.count()).toBe(2);
  await page.screenshot({ path: join(dir, 'inbox.png'), fullPage: true });

  // Open the first, merge the other into it.
  await page.getByRole('link', { name: 'Đèn đường trước trường học bị hỏng' }).click();
  await page.waitForURL(`${h.baseUrl}/officer/submissions/${a.id}`);
  await page.getByRole('checkbox', { name: b.trackingCode }).check();
  await page.getByRole('button', { name: 'Gộp các mục trùng vào mục này' }).click();
  await page.waitForURL(/done=merge/);
  expect((await page.locator('#supporters').textContent())?.trim()).toBe('2');

  // Assign it to the electricity company.
  await page.getByLabel('Cơ quan', { exact: true }).selectOption('mh-dienluc');
  await page.getByRole('button', { name: 'Chuyển cơ quan' }).click();
  await page.waitForURL(/done=assign/);
  expect((await page.locator('#status').textContent())?.trim()).toBe(
    'Đã chuyển cơ quan có thẩm quyền',
  );
  await page.screenshot({ path: join(dir, 'detail.png'), fullPage: true });

  await h.mail.waitFor(() =>
    h.mail.to('cskh@dienluc.minhhoa.example').some((m) => m.subject.includes(a.trackingCode)),
  );
  await h.mail.waitFor(() =>
    h.mail.to('den2@example.com').some((m) => m.subject.includes('được gộp với ý kiến trùng')),
  );
  expect((await h.deps.models.Submission.findById(b.id).lean())?.status).toBe('merged');
  await context.close();
}, 180_000);
