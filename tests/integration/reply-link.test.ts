import {
  assignedPetition as fileAssigned,
  eventually,
  startHarness,
  type Harness,
} from '../helpers/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Files a petition and returns the token from the agency's e-mail. */
async function assignedPetition(overrides: Record<string, unknown> = {}) {
  const { id, code, token } = await fileAssigned(h, overrides);
  return { id, code, token };
}

const answer = {
  text: 'Đã kiểm tra hiện trường; sẽ khơi thông cống thoát nước trong tuần này.',
  responderName: 'Trần Văn Bình',
};

describe('the reply link', () => {
  it('GET twice changes nothing; then POST records one answer', async () => {
    const { id, token } = await assignedPetition();
    const before = await h.deps.models.Submission.findById(id).lean();

    for (let i = 0; i < 2; i += 1) {
      const page = await h.http.get(`/reply/${token}`).expect(200);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('Đường vào ấp Bưng Thuốc ngập nước');
      expect(page.text).not.toContain('<script');
      await h.http.get(`/api/v1/replies/${token}`).expect(200);
    }
    const afterReads = await h.deps.models.Submission.findById(id).lean();
    expect(afterReads?.status).toBe('assigned');
    expect(afterReads?.history).toEqual(before?.history);

    const posted = await h.http.post(`/reply/${token}`).type('form').send(answer).expect(200);
    expect(posted.text).toContain('Đã ghi nhận trả lời');
    // A double click: the same answer again is accepted and changes nothing.
    await h.http.post(`/reply/${token}`).type('form').send(answer).expect(200);
    await h.http.post(`/api/v1/replies/${token}`).send(answer).expect(200);

    const doc = await h.deps.models.Submission.findById(id).lean();
    expect(doc?.status).toBe('answered');
    expect(doc?.history.filter((e) => e.action === 'agency.answered')).toHaveLength(1);
    await h.mail.waitFor(
      () =>
        h.mail
          .to('lan@example.com')
          .filter((m) => m.subject.includes(`đã được trả lời — mã ${doc!.trackingCode}`)).length ===
        1,
    );
  });

  it('a different second answer is a conflict and the first stands', async () => {
    const { id, token } = await assignedPetition();
    await h.http.post(`/api/v1/replies/${token}`).send(answer).expect(201);
    const res = await h.http
      .post(`/api/v1/replies/${token}`)
      .send({ ...answer, text: 'Một câu trả lời khác, gửi sau.' })
      .expect(409);
    expect(res.body.type).toMatch(/already-answered$/);
    const doc = await h.deps.models.Submission.findById(id).lean();
    expect(doc?.answer?.text).toBe(answer.text);
  });

  it('the page shows the agency the answer it gave', async () => {
    const { token } = await assignedPetition();
    await h.http.post(`/api/v1/replies/${token}`).send(answer).expect(201);
    const page = await h.http.get(`/reply/${token}`).expect(200);
    expect(page.text).toContain('Kiến nghị này đã được trả lời');
    expect(page.text).not.toContain('<form method="post"');
  });

  it('an unknown token gives a clear page and a 404 problem, and changes nothing', async () => {
    const fake = 'A'.repeat(43);
    const page = await h.http.get(`/reply/${fake}`).expect(404);
    expect(page.text).toContain('Liên kết này không hợp lệ');
    const api = await h.http.post(`/api/v1/replies/${fake}`).send(answer).expect(404);
    expect(api.body.type).toMatch(/not-found$/);
    await h.http.get('/reply/short').expect(404);
    await h.http.post(`/reply/${fake}`).type('form').send(answer).expect(404);
  });

  it('an expired token gives a clear page and changes nothing', async () => {
    const { id, token } = await assignedPetition();
    await h.deps.models.ReplyToken.updateOne(
      { submissionId: id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const before = await h.deps.models.Submission.findById(id).lean();

    const page = await h.http.get(`/reply/${token}`).expect(410);
    expect(page.text).toContain('Liên kết này đã hết hạn');
    const posted = await h.http.post(`/reply/${token}`).type('form').send(answer).expect(410);
    expect(posted.text).toContain('đã hết hạn');
    const api = await h.http.post(`/api/v1/replies/${token}`).send(answer).expect(410);
    expect(api.body.type).toMatch(/reply-link-expired$/);

    const after = await h.deps.models.Submission.findById(id).lean();
    expect(after?.status).toBe('assigned');
    expect(after?.history).toEqual(before?.history);
    expect(after?.answer).toBeUndefined();
  });

  it('an invalid answer re-shows the form with the errors and stores nothing', async () => {
    const { id, token } = await assignedPetition();
    const res = await h.http
      .post(`/reply/${token}`)
      .type('form')
      .send({ text: 'ngắn', responderName: '' })
      .expect(422);
    expect(res.text).toContain('Vui lòng kiểm tra lại');
    expect(res.text).toContain('Nội dung trả lời: cần ít nhất 10 ký tự');
    expect(res.text).toContain('Người trả lời: cần điền');
    // What the clerk typed is kept.
    expect(res.text).toMatch(/>\s*ngắn<\/textarea>/);
    const api = await h.http
      .post(`/api/v1/replies/${token}`)
      .send({ text: { $gt: '' }, responderName: 'X' })
      .expect(422);
    expect(api.body.type).toMatch(/validation$/);
    expect((await h.deps.models.Submission.findById(id).lean())?.status).toBe('assigned');
  });

  it('user text is escaped in the page and in the e-mails', async () => {
    const { code, token } = await assignedPetition({
      title: '<script>alert(1)</script> Đèn đường',
    });
    const notice = h.mail.noticesOf(code)[0]!;
    expect(notice.html).not.toContain('<script>alert(1)');
    expect(notice.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const page = await h.http.get(`/reply/${token}`).expect(200);
    expect(page.text).not.toContain('<script>alert(1)');
    await h.http
      .post(`/api/v1/replies/${token}`)
      .send({ ...answer, text: '<img src=x onerror=alert(1)> Đã xử lý xong.' })
      .expect(201);
    const track = await h.http.get(`/track/${code}`).expect(200);
    expect(track.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(track.text).not.toContain('<img src=x');
    const mail = await eventually(async () =>
      h.mail.to('lan@example.com').find((m) => m.subject.includes(`đã được trả lời — mã ${code}`)),
    );
    expect(mail.html).not.toContain('<img src=x');
  });
});
