import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createOfficer } from '../../src/officers/service';
import { launchBrowser } from '../helpers/browser';
import { petition, replyLink, startHarness, type Harness } from '../helpers/harness';

/*
 * The agency, from the link in its e-mail, acknowledges, reports progress and
 * answers; the resident rates the answer "not satisfied"; the officer finds the
 * petition reopened in the inbox.
 */
let h: Harness;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(process.env.TEST_DIR ?? tmpdir(), 'e2e-loop-'));
  h = await startHarness();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
}, 60_000);

it('acknowledge, progress, answer; not satisfied reopens it for the officer', async () => {
  const res = await h.http
    .post('/api/v1/petitions')
    .send(
      petition({
        title: 'Cống thoát nước ấp Bưng Thuốc bị vỡ',
        submitter: { name: 'Lan', email: 'loop@example.com' },
      }),
    )
    .expect(201);
  const code: string = res.body.trackingCode;
  await h.mail.waitFor(() => h.mail.noticesOf(code).length === 1);
  const { url } = replyLink(h.mail.noticesOf(code)[0]!.text);

  // The agency clerk.
  const agency = await browser.newContext({ javaScriptEnabled: false });
  const page = await agency.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
  await page.getByText('Quý cơ quan đã nhận kiến nghị', { exact: false }).first().waitFor();
  await page
    .getByLabel('Đang thực hiện')
    .fill('Đã khảo sát hiện trường, đang lập dự toán sửa cống.');
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await page.locator('#expectedBy').fill(inAWeek);
  await page.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
  await page.getByText('Đã ghi nhận báo cáo tiến độ').waitFor();
  await page.locator('#text').fill('Đã sửa xong cống thoát nước, bà con kiểm tra giúp.');
  await page.locator('#responderName').fill('Trần Văn Bình');
  await page.getByRole('button', { name: 'Gửi trả lời' }).click();
  await page.getByText('Đã ghi nhận trả lời').waitFor();
  await page.screenshot({ path: join(dir, 'agency.png'), fullPage: true });
  await agency.close();

  // The resident heard of each step.
  await h.mail.waitFor(() => {
    const mine = h.mail.to('loop@example.com');
    return mine.length >= 3 && mine.some((m) => m.text.includes('Đã sửa xong cống'));
  });

  // The resident is not satisfied.
  const resident = await browser.newContext();
  const rp = await resident.newPage();
  // Through the private link of the answer's message, which asks for a rating.
  const answeredMail = h.mail
    .to('loop@example.com')
    .find((m) => m.text.includes('Đã sửa xong cống'))!;
  const own = answeredMail.text.match(/https?:\/\/\S+\/track\/\S+#danh-gia/)![0];
  await rp.goto(own);
  // Nothing is chosen for the resident.
  expect(await rp.locator('input[name=satisfied]:checked').count()).toBe(0);
  await rp.getByLabel('Tôi chưa hài lòng').check();
  await rp.locator('#reason').selectOption('not-done');
  await rp.locator('#comment').fill('Cống vẫn còn rò rỉ.');
  await rp.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await rp.getByText('Kiến nghị đã được mở lại').waitFor();
  await resident.close();

  // The officer sees it reopened.
  await createOfficer(h.deps, {
    email: 'loop.officer@mttq.example',
    name: 'Cán bộ huyện',
    role: 'officer',
    jurisdictionCode: 'binh-duong-2018.bau-bang',
    password: 'mat-khau-can-bo-loop',
  });
  const officer = await browser.newContext();
  const op = await officer.newPage();
  await op.goto(`${h.baseUrl}/officer/login`);
  await op.getByLabel('Thư điện tử').fill('loop.officer@mttq.example');
  await op.getByLabel('Mật khẩu').fill('mat-khau-can-bo-loop');
  const posted = op.waitForResponse((r) => r.request().method() === 'POST', { timeout: 90_000 });
  await op.getByRole('button', { name: 'Đăng nhập' }).click();
  const login = await posted;
  if (login.status() !== 303)
    throw new Error(`login answered ${login.status()}: ${(await login.text()).slice(0, 300)}`);
  // Generous: on a loaded CI machine the first officer page can be slow.
  await op.waitForURL(`${h.baseUrl}/officer`, { timeout: 90_000 });
  await op.locator('#status').selectOption('reopened');
  await op.getByRole('button', { name: 'Lọc' }).click();
  await op.waitForURL(/status=reopened/);
  await op.getByRole('link', { name: 'Cống thoát nước ấp Bưng Thuốc bị vỡ' }).click();
  expect((await op.locator('#status').textContent())?.trim()).toBe(
    'Người dân chưa hài lòng, đang xem xét lại',
  );
  await op.screenshot({ path: join(dir, 'reopened.png'), fullPage: true });
  await officer.close();
}, 180_000);
