import type { Browser } from 'playwright-core';
import { freePort, smsSinkService, type Service } from '../../scripts/services';
import { expectGoodPage, launchBrowser, SCREENS } from '../helpers/browser';
import { startHarness, type Harness } from '../helpers/harness';

/*
 * The resident's journeys on a phone (390 px) and a desktop (1280 px), in
 * Vietnamese and in English: the form and its errors, the receipt, the SMS, the
 * tracking page. Every page: no sideways scrolling, no serious or critical
 * axe-core violation, a screenshot (tests/helpers/browser.ts: SCREENSHOT_DIR).
 */

let h: Harness;
let browser: Browser;
let sms: Service;

beforeAll(async () => {
  // The SMS sink as the local run starts it (scripts/services.ts), in its own process.
  const port = await freePort();
  sms = smsSinkService(port, `${process.env.TEST_DIR ?? '/tmp'}/logs`);
  await sms.start();
  h = await startHarness({ env: { SMS_GATEWAY_URL: sms.url } });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
  await sms?.stop();
}, 60_000);

const WORDS = {
  vi: {
    petition: 'Kiến nghị',
    title: 'Tiêu đề',
    body: 'Nội dung',
    category: 'Lĩnh vực',
    place: 'Địa bàn',
    name: 'Họ và tên',
    phone: 'Số điện thoại',
    bySms: 'Qua tin nhắn SMS',
    send: 'Gửi',
    summary: 'Chưa gửi được',
    receipt: 'Đã tiếp nhận ý kiến của ông/bà',
    track: 'Xem tình trạng',
    status: 'Mặt trận đang xem xét|Đã chuyển cơ quan có thẩm quyền|Đã tiếp nhận',
  },
  en: {
    petition: 'Petition',
    title: 'Title',
    body: 'Details',
    category: 'Category',
    place: 'Place',
    name: 'Full name',
    phone: 'Phone',
    bySms: 'By text message (SMS)',
    send: 'Send',
    summary: 'Not sent yet',
    receipt: 'We have received your submission',
    track: 'See its status',
    status: 'Being reviewed by the Front|Forwarded to the competent agency|Received',
  },
} as const;

describe.each(SCREENS)('on a $name', (screen) => {
  it.each(['vi', 'en'] as const)(
    'a resident who gives only a phone number petitions, fixes the form, gets an SMS (%s)',
    async (lang) => {
      const w = WORDS[lang];
      const shot = (page: string) => `resident-${page}-${lang}-${screen.name}`;
      const context = await browser.newContext({ viewport: screen.viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}/?lang=${lang}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectGoodPage(page, shot('form'));

      // Wrong on purpose: everything is checked at once, and the typed text stays.
      const body = 'Đèn đường trước trường tiểu học ấp 3 đã hỏng hơn hai tuần, buổi tối rất tối.';
      await page.getByLabel(w.title, { exact: true }).fill('Đèn');
      await page.getByLabel(w.body, { exact: true }).fill(body);
      await page.getByLabel(w.phone, { exact: true }).fill('0987 111 222');
      await page.getByRole('button', { name: w.send, exact: true }).click();
      await page.locator('#error-summary').waitFor();
      expect(await page.locator('#error-summary').textContent()).toContain(w.summary);
      // Each wrong field says so next to it, and the summary links to it.
      for (const id of ['title', 'categoryCode', 'jurisdictionCode', 'name']) {
        expect(await page.getAttribute(`#${id}`, 'aria-invalid')).toBe('true');
        expect(await page.getAttribute(`#${id}`, 'aria-describedby')).toContain(`${id}-error`);
        expect(await page.locator(`#error-summary a[href="#${id}"]`).count()).toBe(1);
      }
      expect(await page.inputValue('#title')).toBe('Đèn');
      expect(await page.inputValue('#body')).toBe(body);
      expect(await page.inputValue('#phone')).toBe('0987 111 222');
      await expectGoodPage(page, shot('form-errors'));

      await page.getByLabel(w.title, { exact: true }).fill('Đèn đường trước trường tiểu học hỏng');
      await page.getByLabel(w.category, { exact: true }).selectOption('traffic');
      await page
        .getByLabel(w.place, { exact: true })
        .selectOption('binh-duong-2018.bau-bang.lai-hung.bung-thuoc');
      await page.getByLabel(w.name, { exact: true }).fill('Lê Văn Dân');
      await page.getByRole('radio', { name: w.bySms, exact: true }).check();
      await page.getByRole('button', { name: w.send, exact: true }).click();
      await page.locator('#tracking-code').waitFor();
      expect(await page.locator('h1').textContent()).toBe(w.receipt);
      const code = ((await page.locator('#tracking-code').textContent()) ?? '').trim();
      expect(code).toMatch(/^TD-/);
      // What happens next, and when the answer is due.
      expect(await page.locator('#due').textContent()).toMatch(/\d/);
      await expectGoodPage(page, shot('receipt'));

      // The SMS, as the sink's page shows it.
      const smsPage = await context.newPage();
      const until = Date.now() + 15_000;
      for (;;) {
        await smsPage.goto(`http://127.0.0.1:${sms.port}/`);
        if ((await smsPage.content()).includes(code) || Date.now() > until) break;
        await smsPage.waitForTimeout(200);
      }
      expect(await smsPage.content()).toContain(code);
      expect(await smsPage.content()).toContain('+84987111222');

      // Where is my case?
      await page.getByRole('link', { name: w.track, exact: true }).click();
      await page.locator('#status').waitFor();
      expect(await page.locator('#status').textContent()).toMatch(new RegExp(w.status));
      expect(await page.locator('#title').textContent()).toContain('Đèn đường trước trường');
      expect(await page.locator('#next').textContent()).not.toBe('');
      await expectGoodPage(page, shot('tracking'));
      // Every public page leads to the public figures.
      expect(await page.locator('header nav a[href="/cong-khai"]').count()).toBe(1);
      await context.close();
    },
    90_000,
  );
});
