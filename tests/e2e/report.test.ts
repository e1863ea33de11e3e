import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { createOfficer } from '../../src/officers/service';
import { SHEETS } from '../../src/reports/export';
import { launchBrowser } from '../helpers/browser';
import { eventually, petition, replyLink, startHarness, type Harness } from '../helpers/harness';

/*
 * The province officer of Minh Hòa prepares the monthly briefing: opens the
 * report of this month, sees the charts, downloads the XLSX, and the file opens
 * with its four sheets and the same totals as the page.
 */
let h: Harness;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(process.env.TEST_DIR ?? tmpdir(), 'e2e-report-'));
  h = await startHarness();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
}, 60_000);

async function file(categoryCode: string, jurisdictionCode: string, email: string) {
  const res = await h.http
    .post('/api/v1/petitions')
    .send(petition({ categoryCode, jurisdictionCode, submitter: { name: 'Cư dân', email } }))
    .expect(201);
  await eventually(
    async () =>
      (await h.deps.models.Submission.findById(res.body.id).lean())?.status === 'assigned',
  );
  return res.body as { id: string; trackingCode: string };
}

it('an officer opens the monthly report, sees the charts and downloads the XLSX', async () => {
  const road = await file('traffic', 'minh-hoa.hoa-loi', 'a@example.com');
  await file('traffic', 'minh-hoa.tan-phu', 'b@example.com');
  await file('land', 'minh-hoa.dong-thanh', 'c@example.com');
  await file('health', 'minh-hoa.minh-khai', 'd@example.com');
  await h.mail.waitFor(() => h.mail.about(road.trackingCode).some((m) => /\/reply\//.test(m.text)));
  const mail = h.mail.about(road.trackingCode).find((m) => /\/reply\//.test(m.text))!;
  await h.http
    .post(`/api/v1/replies/${replyLink(mail.text).token}`)
    .send({ text: 'Đã nâng cấp đoạn đường, hết ngập.', responderName: 'Sở Giao thông' })
    .expect(201);

  await createOfficer(h.deps, {
    email: 'canbo.tinh@mttq.example',
    name: 'Cán bộ tỉnh',
    role: 'officer',
    jurisdictionCode: 'minh-hoa',
    password: 'mat-khau-tinh-minh-hoa',
  });
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })
    .format(h.deps.clock.now())
    .slice(0, 7);

  const context = await browser.newContext({ acceptDownloads: true });
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(`${h.baseUrl}/officer/reports/monthly`);
  expect(page.url()).toContain('/officer/login');
  await page.getByLabel('Thư điện tử').fill('canbo.tinh@mttq.example');
  await page.getByLabel('Mật khẩu').fill('mat-khau-tinh-minh-hoa');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${h.baseUrl}/officer/reports/monthly`, { timeout: 60_000 });
  expect(await page.getByRole('link', { name: 'Báo cáo tháng' }).getAttribute('href')).toBe(
    '/officer/reports/monthly',
  );

  // This month, through the form.
  await page.locator('input[name=month]').fill(month);
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL(new RegExp(`month=${month}`));
  expect(await page.locator('#report-month').textContent()).toBe(month);

  // The charts: inline SVG, titled, every bar labelled in text.
  const charts = page.locator('svg[role=img]');
  expect(await charts.count()).toBe(2);
  const category = page.locator('#chart-category');
  expect(await category.locator('title').first().textContent()).toContain(
    'Tiếp nhận theo lĩnh vực',
  );
  const bars = category.locator('g.bar');
  expect(await bars.count()).toBe(3);
  const traffic = category.locator('g.bar[data-label="Giao thông, vận tải"]');
  expect(await traffic.count()).toBe(1);
  expect(await traffic.locator('text').allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('Giao thông'), expect.stringContaining('2')]),
  );
  const onTime = page.locator('#chart-on-time g.bar');
  expect(await onTime.count()).toBe(1);
  expect((await onTime.locator('text').allTextContents()).join(' ')).toContain('100% (1/1)');
  const received = (await page.locator('#summary tr').first().locator('td').textContent())!.trim();
  expect(received).toBe('4');
  await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.report-filter').isVisible()).toBe(false);
  await page.emulateMedia({ media: 'screen' });

  // The XLSX download opens, with its sheets and the same totals.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#download-xlsx').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`bao-cao-thang-${month}-minh-hoa.xlsx`);
  const saved = join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    SHEETS.summary,
    SHEETS.category,
    SHEETS.agency,
    SHEETS.open,
  ]);
  const summary = wb.getWorksheet(SHEETS.summary)!;
  const value = (vi: string) => {
    let found: unknown;
    summary.eachRow((row) => {
      if (row.getCell(1).value === vi) found = row.getCell(3).value;
    });
    return found;
  };
  expect(value('Tiếp nhận')).toBe(4);
  expect(value('Đã trả lời')).toBe(1);
  expect(value('Đã chuyển cơ quan')).toBe(4);
  const cats = wb.getWorksheet(SHEETS.category)!;
  const totalRow = cats.getRow(cats.rowCount);
  expect(totalRow.getCell(6).value).toBe(4);
  const trafficRow = cats
    .getRows(2, cats.rowCount - 2)!
    .find((r) => r.getCell(1).value === 'traffic');
  expect(trafficRow?.getCell(6).value).toBe(2);
  const open = wb.getWorksheet(SHEETS.open)!;
  expect(open.rowCount).toBe(1 + 3);

  // Nothing came from anywhere else.
  expect(requests.filter((u) => !u.startsWith(h.baseUrl))).toEqual([]);
  await context.close();
}, 90_000);
