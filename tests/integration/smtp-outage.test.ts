import { eventually, petition, startHarness, type Harness } from '../helpers/harness';

/**
 * The SMTP server is down while agency notices are due. Nothing is lost: once it
 * is back, every notice arrives, each exactly once, and the delivery log says so.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

it('delivers every notice once after an SMTP outage', async () => {
  const port = h.mail.port;
  await h.mail.stop();

  const codes: string[] = [];
  for (let i = 0; i < 5; i += 1) {
    const res = await h.http
      .post('/api/v1/petitions')
      .send(petition({ title: `Kiến nghị khi SMTP ngừng số ${i}` }))
      .expect(201);
    codes.push(res.body.trackingCode);
  }
  // The sends fail and are logged as failed, to be retried.
  // (Each petition: the agency's notice and the resident's receipt.)
  await eventually(
    async () =>
      (await h.deps.models.Delivery.countDocuments({ status: 'failed', kind: 'agency-notice' })) ===
        5 &&
      (await h.deps.models.Delivery.countDocuments({
        status: 'failed',
        kind: 'resident-update',
      })) === 5,
    20_000,
  );
  const failed = await h.deps.models.Delivery.find({ status: 'failed' }).lean();
  expect(failed.every((d) => d.lastError && d.attempts >= 1)).toBe(true);

  await h.mail.start(port);
  await h.mail.waitFor(() => codes.every((c) => h.mail.noticesOf(c).length >= 1), 30_000);
  await new Promise((r) => setTimeout(r, 2000));
  await h.mail.waitFor(() => codes.every((c) => h.mail.residentMailsOf(c).length >= 1), 30_000);
  for (const c of codes) expect(h.mail.noticesOf(c)).toHaveLength(1);
  for (const c of codes) expect(h.mail.residentMailsOf(c)).toHaveLength(1);
  expect(
    await h.deps.models.Delivery.countDocuments({ status: 'sent', kind: 'agency-notice' }),
  ).toBe(5);
}, 60_000);
