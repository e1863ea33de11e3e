import { createSmsSender } from '../../src/platform/sms';
import { startSmsSink } from '../../scripts/sms-sink';
import { fileItem, petition, signedIn, startHarness, type Harness } from '../helpers/harness';

/**
 * Residents hear of every step, through the channel they chose: e-mail, SMS
 * (through the HTTP gateway, here the SMS sink) or nothing.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Files an item and waits until routing has run. */
const file = (body: Record<string, unknown>, kind: 'petitions' | 'sentiments' = 'petitions') =>
  fileItem(h, body, kind);

it('a resident who left only a phone number gets the receipt by SMS, with code and due date', async () => {
  const p = await file(petition({ submitter: { name: 'Bà Tư', phone: '0987 654 321' } }));
  await h.sms.waitFor((all) => all.some((m) => m.text.includes(p.trackingCode)));
  const [sms] = h.sms.to('+84987654321');
  expect(sms!.text).toMatch(
    new RegExp(`Da tiep nhan ${p.trackingCode}, da chuyen UBND xa Lai Hung, han tra loi \\d\\d/`),
  );
  expect(sms!.text).toContain(`/track/${p.trackingCode}`);
  expect(sms!.from).toBe('TIENGDAN');
  expect(h.mail.about(p.trackingCode).filter((m) => m.to.includes('lan@example.com'))).toEqual([]);
});

it('respects the chosen channel: SMS although an e-mail was given, or nothing at all', async () => {
  const bySms = await file(
    petition({
      submitter: { name: 'Hai', email: 'hai@example.com', phone: '0911111111', notifyBy: 'sms' },
    }),
  );
  const quiet = await file(
    petition({ submitter: { name: 'Ba', email: 'ba@example.com', notifyBy: 'none' } }),
  );
  await h.sms.waitFor((all) => all.some((m) => m.to === '+84911111111'));
  // Both were routed: the agency's notices are out; no resident e-mail for either.
  await h.mail.waitFor(
    () =>
      h.mail.noticesOf(bySms.trackingCode).length + h.mail.noticesOf(quiet.trackingCode).length ===
      2,
  );
  expect(h.mail.to('hai@example.com')).toEqual([]);
  expect(h.mail.to('ba@example.com')).toEqual([]);

  // A channel without its address is refused, with the field named.
  const bad = await h.http
    .post('/api/v1/petitions')
    .send(petition({ submitter: { name: 'Bốn', email: 'bon@example.com', notifyBy: 'sms' } }))
    .expect(422);
  expect(JSON.stringify(bad.body)).toContain('notifyBy');
});

it('a sentiment gets its receipt, then word that it was noted', async () => {
  const s = await file(
    {
      title: 'Mong có thêm cây xanh ở chợ',
      body: 'Chợ xã nắng nóng, người dân mong được trồng thêm cây xanh quanh chợ.',
      categoryCode: 'other',
      jurisdictionCode: 'minh-hoa.hoa-loi',
      submitter: { email: 'cay@example.com' },
    },
    'sentiments',
  );
  await h.mail.waitFor(() => h.mail.to('cay@example.com').length === 1);
  const receipt = h.mail.to('cay@example.com')[0]!;
  expect(receipt.subject).toBe(`[Tiếng Dân] Đã tiếp nhận ý kiến của ông/bà — mã ${s.trackingCode}`);
  expect(receipt.text).toContain('Kính gửi ông/bà,');
  expect(receipt.text).toContain('Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Lợi');

  const admin = await signedIn(h, { email: 'noted@mttq.example', role: 'admin' });
  await admin.agent
    .post(`/api/v1/officer/submissions/${s.id}/noted`)
    .set('X-CSRF-Token', admin.csrf)
    .expect(200);
  await h.mail.waitFor(() => h.mail.to('cay@example.com').length === 2);
  expect(h.mail.to('cay@example.com')[1]!.subject).toContain('Ý kiến đã được ghi nhận');
});

it('an English-speaking resident is written to in English only', async () => {
  const p = await file(
    petition({ lang: 'en', submitter: { name: 'Anna', email: 'anna@example.com' } }),
  );
  await h.mail.waitFor(() => h.mail.to('anna@example.com').length === 1);
  const m = h.mail.to('anna@example.com')[0]!;
  expect(m.subject).toBe(`[Tiếng Dân] We received your submission — code ${p.trackingCode}`);
  expect(m.text).toContain('Dear Anna,');
  expect(m.text).toMatch(/forwarded to UBND xã Lai Hưng, the agency competent to answer it/);
  expect(m.text).not.toMatch(/Kính gửi|Trân trọng|Kiến nghị đã/);
});

it('a re-routed petition: the resident hears of the new agency and its due date', async () => {
  const p = await file(petition({ submitter: { name: 'Năm', email: 'nam@example.com' } }));
  const admin = await signedIn(h, { email: 'reroute-msg@mttq.example', role: 'admin' });
  await admin.agent
    .post(`/api/v1/officer/submissions/${p.id}/assign`)
    .set('X-CSRF-Token', admin.csrf)
    .send({ agencyCode: 'bb-tnmt' })
    .expect(200);
  await h.mail.waitFor(() => h.mail.to('nam@example.com').length === 2);
  const news = h.mail.to('nam@example.com')[1]!;
  expect(news.subject).toContain('Kiến nghị đã được chuyển lại cơ quan khác');
  expect(news.text).toMatch(/chuyển lại đến .+, cơ quan có thẩm quyền/);
});

it('the HTTP gateway adapter sends the bearer token and fails loudly on an error', async () => {
  const sink = await startSmsSink();
  try {
    const sender = createSmsSender({ url: sink.url, token: 'bi-mat', sender: 'TIENGDAN' });
    const { messageId } = await sender.send({ to: '0912 345 678', text: 'thu' });
    expect(messageId).toMatch(/[0-9a-f-]{36}/);
    expect(sink.messages[0]).toMatchObject({
      to: '+84912345678',
      text: 'thu',
      from: 'TIENGDAN',
      auth: 'Bearer bi-mat',
    });
    const broken = createSmsSender({ url: `${sink.url}/nowhere`, sender: 'X' });
    await expect(broken.send({ to: '0912345678', text: 'x' })).rejects.toThrow(/404/);
    expect(createSmsSender({ sender: 'X' }).enabled).toBe(false);
  } finally {
    await sink.close();
  }
});
