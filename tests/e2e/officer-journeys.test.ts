import type { Browser } from 'playwright-core';
import { createOfficer } from '../../src/officers/service';
import { expectGoodPage, launchBrowser, SCREENS } from '../helpers/browser';
import { fileItem, petition, startHarness, type Harness } from '../helpers/harness';

/*
 * A commune officer on a phone (390 px) and a desktop (1280 px), in Vietnamese
 * and English: the inbox (cards on a phone), finding an item by part of its
 * tracking code, assigning it, and reading what was done. Every page: no
 * sideways scrolling, no serious or critical axe-core violation, a screenshot.
 */
let h: Harness;
let browser: Browser;
const PASSWORD = 'mat-khau-can-bo-tan-phu';

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
  await createOfficer(h.deps, {
    email: 'canbo.hoaloi.phone@mttq.example',
    name: 'Cán bộ xã Hòa Lợi',
    role: 'officer',
    jurisdictionCode: 'minh-hoa.hoa-loi',
    password: PASSWORD,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
}, 60_000);

const WORDS = {
  vi: {
    email: 'Thư điện tử',
    password: 'Mật khẩu',
    signIn: 'Đăng nhập',
    search: 'Tìm theo nội dung hoặc mã (không cần dấu)',
    filter: 'Lọc',
    agency: 'Cơ quan',
    assign: 'Chuyển cơ quan',
    done: 'Đã chuyển kiến nghị đến Công ty Điện lực Minh Hòa.',
  },
  en: {
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    search: 'Search words or a code (accents optional)',
    filter: 'Filter',
    agency: 'Agency',
    assign: 'Assign to agency',
    done: 'Forwarded to Công ty Điện lực Minh Hòa.',
  },
} as const;

describe.each(SCREENS)('on a $name', (screen) => {
  it.each(['vi', 'en'] as const)(
    'an officer finds a petition by part of its code and forwards it (%s)',
    async (lang) => {
      const w = WORDS[lang];
      const shot = (p: string) => `officer-${p}-${lang}-${screen.name}`;
      const p = await fileItem(
        h,
        petition({
          title: `Cột điện nghiêng ở xóm Bến (${lang} ${screen.name})`,
          categoryCode: 'other',
          jurisdictionCode: 'minh-hoa.hoa-loi',
          submitter: { name: 'Cư dân', email: 'cotdien@example.com' },
        }),
      );
      const context = await browser.newContext({ viewport: screen.viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}/officer/login?lang=${lang}`);
      await page.getByLabel(w.email, { exact: true }).fill('canbo.hoaloi.phone@mttq.example');
      await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: w.signIn }).click();
      await page.waitForURL(`${h.baseUrl}/officer`, { timeout: 90_000 });
      await expectGoodPage(page, shot('inbox'));

      // Part of the code, in lower case and without its dashes.
      const part = p.trackingCode.slice(3).replace('-', '').toLowerCase().slice(0, 6);
      await page.getByLabel(w.search, { exact: true }).fill(part);
      await page.getByRole('button', { name: w.filter, exact: true }).click();
      await page.waitForURL(/q=/);
      const rows = page.locator('#inbox tr:not(.head)');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(p.trackingCode);
      await expectGoodPage(page, shot('search'));

      await page.locator(`a[href="/officer/submissions/${p.id}"]`).click();
      await page.waitForURL(`${h.baseUrl}/officer/submissions/${p.id}`);
      await expectGoodPage(page, shot('detail'));
      await page.getByLabel(w.agency, { exact: true }).selectOption('mh-dienluc');
      await page.getByRole('button', { name: w.assign, exact: true }).click();
      await page.waitForURL(/done=assign/);
      // The message says what was done.
      expect(await page.content()).toContain(w.done);
      await expectGoodPage(page, shot('assigned'));
      await context.close();
    },
    120_000,
  );
});
