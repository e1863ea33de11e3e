import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createOfficer } from '../../src/officers/service';
import { launchBrowser } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/harness';
import { row, workbook } from '../helpers/voters';

/*
 * At 1280 px, an officer of the province creates a session and a meeting, types
 * three petitions on the multi-row entry page, then imports a spreadsheet with
 * four good rows and one bad: the page reports each, and nothing is stored twice.
 */
let h: Harness;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(process.env.TEST_DIR ?? tmpdir(), 'e2e-voters-'));
  h = await startHarness({ workers: false });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
}, 180_000);

it('multi-row entry and XLSX import of a meeting', async () => {
  await createOfficer(h.deps, {
    email: 'tonghop@mttq.example',
    name: 'Cán bộ tổng hợp',
    role: 'officer',
    jurisdictionCode: 'minh-hoa',
    password: 'mat-khau-tong-hop-2026',
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/officer/voters`);
  await page.getByLabel('Thư điện tử').fill('tonghop@mttq.example');
  await page.getByLabel('Mật khẩu').fill('mat-khau-tong-hop-2026');
  const posted = page.waitForResponse((r) => r.request().method() === 'POST', { timeout: 90_000 });
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  const login = await posted;
  if (login.status() !== 303)
    throw new Error(`login answered ${login.status()}: ${(await login.text()).slice(0, 300)}`);
  await page.waitForLoadState();
  await page.goto(`${h.baseUrl}/officer/voters`);

  // A session, then a meeting under it.
  await page.getByLabel('Cơ quan').selectOption('peoples-council');
  await page.getByLabel('Kỳ họp thứ').fill('12');
  await page.getByLabel('Khóa').fill('X');
  await page.getByLabel('Khai mạc').fill('2026-12-20');
  await page.getByLabel('Bế mạc').fill('2026-12-22');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/officer\/voters\/sessions\/[0-9a-f]{24}$/);
  await page.getByLabel('Ngày').fill('2026-12-05');
  await page.getByLabel('Địa điểm').fill('Hội trường UBND xã Tân Phú');
  await page.getByLabel('Địa bàn').selectOption('minh-hoa.tan-phu');
  await page.getByLabel('Đại biểu (mỗi dòng một người)').fill('Nguyễn Thị Hạnh\nLê Văn Tâm');
  await page.getByLabel('Số cử tri dự').fill('85');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.waitForURL(/\/officer\/voters\/meetings\/[0-9a-f]{24}$/);

  // Three rows typed; the other rows of the page stay empty and are not rows.
  for (const [i, t] of [0, 2, 4].entries()) {
    const r = row(t, 0, 'minh-hoa.tan-phu');
    await page.getByLabel(`Nội dung kiến nghị ${i + 1}`, { exact: true }).fill(r.text);
    await page.locator(`select[name=category_${i}]`).selectOption({ label: r.category });
    await page.locator(`input[name=voterCount_${i}]`).fill(r.voterCount);
  }
  await page.getByRole('button', { name: 'Lưu các dòng' }).click();
  await page.waitForSelector('.entry-report');
  expect(await page.locator('.entry-report p').innerText()).toBe(
    'Đã nhận: 3 · Đã có (không nhập lại): 0 · Bị từ chối: 0',
  );
  // The page fits 1280 px: nothing sticks out sideways.
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: join(dir, 'entry.png'), fullPage: true });

  // The spreadsheet: four good rows and one with an unknown field.
  const file = join(dir, 'kien-nghi.xlsx');
  writeFileSync(
    file,
    await workbook([
      row(1, 1, 'Xã Tân Phú'),
      row(3, 1, 'Xã Tân Phú'),
      { ...row(5, 1, 'Xã Tân Phú'), category: 'Không có lĩnh vực này' },
      row(5, 2, 'Xã Tân Phú'),
      row(0, 0, 'Xã Tân Phú'),
    ]),
  );
  const importForm = page.locator('form[action$="/import"]');
  await importForm.locator('input[type=file]').setInputFiles(file);
  await importForm.getByRole('button', { name: 'Tải lên' }).click();
  await page.waitForSelector('.entry-report');
  // The last row repeats one typed above: already there, not stored again.
  expect(await page.locator('.entry-report p').innerText()).toBe(
    'Đã nhận: 3 · Đã có (không nhập lại): 1 · Bị từ chối: 1',
  );
  const refused = page.locator('.entry-report tr.refused');
  expect(await refused.count()).toBe(1);
  expect(await refused.innerText()).toContain('Dòng 4');
  expect(await refused.innerText()).toContain('lĩnh vực không có');
  expect(await page.locator('table.items tr').count()).toBe(6);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    1280,
  );
  await page.screenshot({ path: join(dir, 'import.png'), fullPage: true });
  expect(await h.deps.models.VoterItem.countDocuments()).toBe(6);
  await context.close();
}, 180_000);
