import { eventually, petition, replyLink, startHarness, type Harness } from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

it('the agency asks the resident; the deadline pauses, the reply reaches the agency and it resumes', async () => {
  const res = await h.http
    .post('/api/v1/petitions')
    .send(petition({ submitter: { name: 'Lan', email: 'ask@example.com' } }))
    .expect(201);
  const code: string = res.body.trackingCode;
  const key: string = res.body.residentKey;
  await h.mail.waitFor(() => h.mail.noticesOf(code).length > 0);
  const notice = h.mail.noticesOf(code)[0]!;
  const { token } = replyLink(notice.text);

  const asked = await h.http
    .post(`/reply/${token}/ask-resident`)
    .type('form')
    .send({ question: 'Xin cho biết số nhà và ảnh chụp đoạn đường bị ngập.' })
    .expect(200);
  expect(asked.text).toContain('Thời hạn trả lời tạm dừng');
  await h.http
    .post(`/api/v1/replies/${token}/ask-resident`)
    .send({ question: 'Xin cho biết số nhà và ảnh chụp đoạn đường bị ngập.' })
    .expect(200);
  const assignment = await h.deps.models.Assignment.findOne({ submissionId: res.body.id }).lean();
  expect(assignment?.pausedAt).toBeDefined();

  // The resident is told, with their private link, and sees the question on their page.
  const asks = (m: { text: string }) => m.text.includes('số nhà');
  await h.mail.waitFor(() => h.mail.to('ask@example.com').some(asks));
  expect(h.mail.to('ask@example.com').find(asks)!.text).toContain(`/track/${code}/${key}`);
  const page = await h.http.get(`/track/${code}/${key}`).expect(200);
  expect(page.text).toContain('Xin cho biết số nhà');

  // The contact is no proof any more; the key is.
  await h.http
    .post(`/api/v1/track/${code}/info`)
    .send({ contact: 'ask@example.com', text: 'Nhà số 12.' })
    .expect(422);
  await h.http
    .post(`/api/v1/track/${code}/info`)
    .set('X-Resident-Key', 'A'.repeat(43))
    .send({ text: 'Nhà số 12.' })
    .expect(403);
  await h.http
    .post(`/track/${code}/info`)
    .type('form')
    .send({ key, text: 'Nhà số 12, ảnh đã gửi kèm qua Zalo của ấp.' })
    .expect(200);

  const doc = await h.deps.models.Submission.findById(res.body.id).lean();
  expect(doc?.status).toBe('in_progress');
  expect(doc?.history.map((e) => e.action)).toEqual(
    expect.arrayContaining(['agency.awaiting-resident', 'resident.supplied']),
  );
  await h.mail.waitFor(() => h.mail.to(notice.to[0]!).some((m) => m.text.includes('Nhà số 12')));
  const resumed = await eventually(async () => {
    const a = await h.deps.models.Assignment.findOne({ submissionId: res.body.id }).lean();
    return a && !a.pausedAt ? a : null;
  });
  expect(resumed.dueAt.getTime()).toBeGreaterThanOrEqual(assignment!.dueAt.getTime());
  // Nothing awaited any more.
  await h.http
    .post(`/api/v1/track/${code}/info`)
    .set('X-Resident-Key', key)
    .send({ text: 'Thêm nữa.' })
    .expect(403);
});
