import { eraseExpiredContacts } from '../../src/feedback/personal-data';
import { closeUnrated } from '../../src/feedback/service';
import { answeredPetition, eventually, startHarness, type Harness } from '../helpers/harness';

let h: Harness;
const clock = {
  t: Date.now(),
  now() {
    return new Date(this.t);
  },
};
beforeAll(async () => {
  h = await startHarness({ clock });
});
afterAll(async () => {
  await h.close();
});

const answered = (email: string) =>
  answeredPetition(h, { submitter: { name: 'Lan', email, phone: '0912 000 111' } });

it('a satisfied resident closes the petition', async () => {
  const { id, code, key } = await answered('happy@example.com');
  const page = await h.http.get(`/track/${code}/${key}`).expect(200);
  expect(page.text).toContain('Đánh giá câu trả lời');
  // The public tracking page offers no rating: that needs the private link.
  expect((await h.http.get(`/track/${code}`).expect(200)).text).not.toContain(
    'Đánh giá câu trả lời',
  );
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .set('X-Resident-Key', 'x'.repeat(43))
    .send({ satisfied: true })
    .expect(403);
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .set('X-Resident-Key', key)
    .send({ satisfied: true })
    .expect(200);
  const doc = await h.deps.models.Submission.findById(id).lean();
  expect(doc).toMatchObject({ status: 'closed', rating: { satisfied: true } });
  // Already rated: refused, with the same answer as a wrong key.
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .set('X-Resident-Key', key)
    .send({ satisfied: false, reason: 'vague' })
    .expect(403);
});

it('not satisfied (on the private page) reopens it for the officers', async () => {
  const { id, code, key } = await answered('unhappy@example.com');
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .set('X-Resident-Key', key)
    .send({ satisfied: false })
    .expect(422);
  const res = await h.http
    .post(`/track/${code}/rating`)
    .type('form')
    .send({
      key,
      satisfied: 'no',
      reason: 'not-done',
      comment: 'Đường vẫn còn ổ gà.',
    })
    .expect(200);
  expect(res.text).toContain('đã được mở lại');
  const doc = await h.deps.models.Submission.findById(id).lean();
  expect(doc).toMatchObject({
    status: 'reopened',
    rating: { satisfied: false, reason: 'not-done', comment: 'Đường vẫn còn ổ gà.' },
  });
  expect(doc?.history.at(-1)).toMatchObject({
    action: 'resident.reopened',
    from: 'answered',
    to: 'reopened',
  });
  // It is back in the officers' inbox.
  expect(await h.deps.models.InboxEntry.exists({ _id: id, status: 'reopened' })).toBeTruthy();
});

it('an answer nobody rates closes itself after the window', async () => {
  const { id } = await answered('silent@example.com');
  expect(await closeUnrated(h.deps)).toBe(0);
  clock.t += (h.deps.config.RATING_WINDOW_DAYS + 1) * 86_400_000;
  expect(await closeUnrated(h.deps)).toBeGreaterThanOrEqual(1);
  await eventually(
    async () => (await h.deps.models.Submission.findById(id).lean())?.status === 'closed',
  );
  expect(await closeUnrated(h.deps)).toBe(0);
});

it('contact data is erased CONTACT_RETENTION_DAYS after the item ends, the item kept', async () => {
  const { id, code, key } = await answered('old@example.com');
  const { id: openId } = await answered('still-open@example.com');
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .set('X-Resident-Key', key)
    .send({ satisfied: true })
    .expect(200);
  expect(await eraseExpiredContacts(h.deps)).toBe(0);
  clock.t += (h.deps.config.CONTACT_RETENTION_DAYS + 1) * 86_400_000;
  expect(await eraseExpiredContacts(h.deps)).toBeGreaterThanOrEqual(1);
  const ended = await h.deps.models.Submission.findById(id).lean();
  expect(ended).toMatchObject({ status: 'closed', submitter: {}, shareContactWithAgency: false });
  expect(ended?.contactErasedAt).toBeInstanceOf(Date);
  expect(ended?.history.at(-1)).toMatchObject({
    action: 'privacy.erased',
    actor: { kind: 'system' },
  });
  expect(ended?.title).toBeTruthy();
  // An item still awaiting its rating keeps the resident's contact.
  const open = await h.deps.models.Submission.findById(openId).lean();
  expect(open?.submitter.email).toBe('still-open@example.com');
  expect(await eraseExpiredContacts(h.deps)).toBe(0);
});
