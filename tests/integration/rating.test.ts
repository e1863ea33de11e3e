import { closeUnrated } from '../../src/feedback/service';
import { eventually, petition, replyLink, startHarness, type Harness } from '../helpers/harness';

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

async function answered(email: string) {
  const res = await h.http
    .post('/api/v1/petitions')
    .send(petition({ submitter: { name: 'Lan', email, phone: '0912 000 111' } }))
    .expect(201);
  const code: string = res.body.trackingCode;
  await h.mail.waitFor(() => h.mail.about(code).length > 0);
  const { token } = replyLink(h.mail.about(code)[0]!.text);
  await h.http
    .post(`/api/v1/replies/${token}`)
    .send({ text: 'Đã sửa xong đoạn đường, mời bà con kiểm tra.', responderName: 'UBND xã' })
    .expect(201);
  return { id: res.body.id as string, code };
}

it('a satisfied resident closes the petition', async () => {
  const { id, code } = await answered('happy@example.com');
  const page = await h.http.get(`/track/${code}`).expect(200);
  expect(page.text).toContain('Đánh giá câu trả lời');
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .send({ contact: 'someone@else.com', satisfied: true })
    .expect(403);
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .send({ contact: 'HAPPY@example.com', satisfied: true })
    .expect(200);
  const doc = await h.deps.models.Submission.findById(id).lean();
  expect(doc).toMatchObject({ status: 'closed', rating: { satisfied: true } });
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .send({ contact: 'happy@example.com', satisfied: false, reason: 'vague' })
    .expect(409);
});

it('not satisfied (by phone, on the page) reopens it for the officers', async () => {
  const { id, code } = await answered('unhappy@example.com');
  await h.http
    .post(`/api/v1/track/${code}/rating`)
    .send({ contact: '0912000111', satisfied: false })
    .expect(422);
  const res = await h.http
    .post(`/track/${code}/rating`)
    .type('form')
    .send({
      contact: '0912 000 111',
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
