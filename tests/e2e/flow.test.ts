import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { launchBrowser, recordRequests } from '../helpers/browser';
import { petition, replyLink, startHarness, type Harness } from '../helpers/harness';

/*
 * The whole flow in a real browser, as people do it: a resident fills the form,
 * the agency follows the link in its e-mail and answers, the resident reads the
 * answer on the tracking page.
 */

let h: Harness;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  // Under the run's folder, which globalTeardown removes (KEEP_TEST_DIR=1 keeps it).
  dir = mkdtempSync(join(process.env.TEST_DIR ?? tmpdir(), 'e2e-'));
  h = await startHarness();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
}, 60_000);

/** The response to the navigation `method url` that the next action causes. */
function navigation(page: Page, method: 'GET' | 'POST', url: string): Promise<Response> {
  return page.waitForResponse(
    (r) => r.request().isNavigationRequest() && r.request().method() === method && r.url() === url,
  );
}

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).textContent()) ?? '').trim();
}

async function agencyMail(code: string) {
  await h.mail.waitFor(() => h.mail.noticesOf(code).length === 1);
  return h.mail.noticesOf(code)[0]!;
}

describe('in a browser', () => {
  it('a resident petitions, the agency answers from the e-mail link, the resident reads it', async () => {
    const title = 'Đèn đường ấp Bưng Thuốc hư hỏng';
    const email = 'hoa.tran@example.com';
    const answerText =
      'UBND xã đã giao Ban quản lý ấp thay bóng đèn trong tuần này.\nKinh phí lấy từ ngân sách xã.';

    // The resident.
    const resident = await browser.newContext();
    const residentRequests = recordRequests(resident);
    const page = await resident.newPage();
    const form = await page.goto(`${h.baseUrl}/`);
    expect(form?.status()).toBe(200);

    await page.getByRole('radio', { name: 'Kiến nghị', exact: true }).check();
    await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
    await page
      .getByLabel('Nội dung', { exact: true })
      .fill('Ba bóng đèn trên đường vào ấp đã hỏng hơn một tháng, buổi tối rất tối và nguy hiểm.');
    await page.getByLabel('Lĩnh vực', { exact: true }).selectOption('traffic');
    await page
      .getByLabel('Địa bàn', { exact: true })
      .selectOption('binh-duong-2018.bau-bang.lai-hung.bung-thuoc');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Trần Thị Hoa');
    await page.getByLabel('Thư điện tử', { exact: true }).fill(email);
    const submitted = navigation(page, 'POST', `${h.baseUrl}/submit`);
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    expect((await submitted).status()).toBe(201);

    const code = await text(page, '#tracking-code');
    expect(code).toMatch(/^TD-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // The agency, in its own browser session, from the link in its e-mail.
    const notice = await agencyMail(code);
    expect(notice.to).toEqual(['ubnd@laihung.binhduong2018.example']);
    const { url } = replyLink(notice.text);
    expect(url.startsWith(`${h.baseUrl}/reply/`)).toBe(true);

    const agency = await browser.newContext();
    const agencyRequests = recordRequests(agency);
    const reply = await agency.newPage();
    const opened = await reply.goto(url);
    expect(opened?.status()).toBe(200);
    await reply.getByRole('heading', { name: title, exact: true }).waitFor();
    expect(await reply.content()).not.toContain(email); // the resident did not agree to share it
    await reply.screenshot({ path: join(dir, 'reply-page.png'), fullPage: true });

    await reply.locator('textarea#text').fill(answerText);
    await reply.locator('input#responderName').fill('Lê Văn Tâm');
    await reply.locator('input#responderTitle').fill('Phó Chủ tịch UBND xã');
    const answered = navigation(reply, 'POST', url);
    await reply.getByRole('button', { name: 'Gửi trả lời', exact: true }).click();
    expect((await answered).status()).toBe(200);
    expect(await text(reply, '.notice strong')).toBe(code);
    expect(await text(reply, 'h1')).toBe('Đã ghi nhận trả lời');

    // The resident is told by e-mail, and follows the receipt's link to the tracking page.
    await h.mail.waitFor(() =>
      h.mail.to(email).some((m) => m.subject.includes(`đã được trả lời — mã ${code}`)),
    );
    // Before it, the receipt: code, agency, due date.
    expect(h.mail.to(email)[0]!.subject).toContain(`Đã tiếp nhận ý kiến của ông/bà — mã ${code}`);
    const tracking = navigation(page, 'GET', `${h.baseUrl}/track/${code}`);
    await page.getByRole('link', { name: 'Xem tình trạng' }).click();
    expect((await tracking).status()).toBe(200);
    expect(await text(page, 'html[lang="vi"] #status')).toBe('Đã có trả lời');
    expect(await text(page, '#answer')).toContain(answerText);
    await page.screenshot({ path: join(dir, 'tracking-page.png'), fullPage: true });

    const english = navigation(page, 'GET', `${h.baseUrl}/track/${code}?lang=en`);
    await page.getByRole('link', { name: 'English' }).click();
    expect((await english).status()).toBe(200);
    expect(await text(page, 'html[lang="en"] #status')).toBe('Answered');
    expect(await text(page, '#answer')).toContain(answerText);

    for (const file of ['reply-page.png', 'tracking-page.png'])
      expect(statSync(join(dir, file)).size).toBeGreaterThan(1000);
    const thirdParty = [...residentRequests, ...agencyRequests].filter(
      (u) => !u.startsWith(`${h.baseUrl}/`),
    );
    expect(thirdParty).toEqual([]);
  }, 60_000);

  it('the reply page works without JavaScript, sends no referrer and loads nothing from elsewhere', async () => {
    const title = 'Cống thoát nước ấp Bưng Thuốc bị tắc';
    const created = await h.http.post('/api/v1/petitions').send(petition({ title })).expect(201);
    const code: string = created.body.trackingCode;
    const { url } = replyLink((await agencyMail(code)).text);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const requests = recordRequests(context);
    const page = await context.newPage();
    const opened = await page.goto(url);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
    await page.getByRole('heading', { name: title, exact: true }).waitFor();

    const answerText = 'UBND xã sẽ nạo vét cống trước mùa mưa.';
    await page.locator('textarea#text').fill(answerText);
    await page.locator('input#responderName').fill('Trần Văn Bình');
    const answered = navigation(page, 'POST', url);
    await page.getByRole('button', { name: 'Gửi trả lời', exact: true }).click();
    const thanks = await answered;
    expect(thanks.status()).toBe(200);
    expect(thanks.headers()['referrer-policy']).toBe('no-referrer');
    expect(await text(page, '.notice strong')).toBe(code);

    const tracked = await h.http.get(`/api/v1/track/${code}`).expect(200);
    expect(tracked.body.status).toBe('answered');
    expect(tracked.body.answer).toMatchObject({ text: answerText, responderName: 'Trần Văn Bình' });

    expect(requests).toContain(url);
    expect(requests).toContain(`${h.baseUrl}/assets/site.css`);
    expect(requests.filter((u) => !u.startsWith(`${h.baseUrl}/`))).toEqual([]);
  }, 60_000);
});
