import {
  eventually,
  petition,
  replyLink,
  settled,
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

describe('a petition travels from a resident to an agency and back', () => {
  it('is routed, e-mailed, answered and tracked', async () => {
    const created = await h.http.post('/api/v1/petitions').send(petition()).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      trackingCode: expect.stringMatching(/^TD-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      status: 'received',
      residentKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      residentLink: `${h.baseUrl}/track/${created.body.trackingCode}/${created.body.residentKey}`,
    });
    const code: string = created.body.trackingCode;

    // Routing: traffic in Lai Hưng goes to the commune's People's Committee.
    await h.mail.waitFor(() => h.mail.noticesOf(code).length === 1);
    // The notice is recorded in the history just after it is sent: wait for that too.
    await settled(h, created.body.id);
    const notice = h.mail.noticesOf(code)[0]!;
    expect(notice.to).toEqual(['ubnd@laihung.binhduong2018.example']);
    expect(notice.subject).toContain('Kiến nghị cần trả lời');
    expect(notice.text).toContain('Đường vào ấp Bưng Thuốc ngập nước');
    expect(notice.text).toContain('Please answer by');
    expect(notice.html).toContain('Trả lời kiến nghị');
    // The resident did not agree to share contact details.
    expect(notice.text).not.toContain('lan@example.com');

    const { token } = replyLink(notice.text);
    const stored = await h.deps.models.ReplyToken.findOne({}).lean();
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);

    const tracked = await h.http.get(`/api/v1/track/${code}`).expect(200);
    expect(tracked.body.status).toBe('assigned');
    expect(tracked.body.agency.name).toBe('UBND xã Lai Hưng');
    expect(tracked.body.dueAt).toEqual(expect.any(String));

    const answerText = 'UBND xã sẽ nâng cấp đoạn đường trong quý III, kinh phí đã được bố trí.';
    await h.http
      .post(`/api/v1/replies/${token}`)
      .send({
        text: answerText,
        responderName: 'Trần Văn Bình',
        responderTitle: 'Chủ tịch UBND xã',
      })
      .expect(201);

    // The resident is told.
    // The resident was told twice: the receipt (forwarded, due date), then the answer.
    await h.mail.waitFor(() => h.mail.to('lan@example.com').length === 2);
    const [receipt, toResident] = h.mail.to('lan@example.com');
    expect(receipt!.subject).toContain(`Đã tiếp nhận ý kiến của ông/bà — mã ${code}`);
    expect(receipt!.text).toContain('Kiến nghị đã được chuyển đến UBND xã Lai Hưng');
    expect(receipt!.text).toMatch(/trả lời trước ngày \d\d\/\d\d\/\d{4}/);
    expect(toResident!.subject).toContain(code);
    expect(toResident!.text).toContain(answerText);
    // …which invites a rating.
    expect(toResident!.text).toMatch(new RegExp(`/track/${code}/[A-Za-z0-9_-]{43}#danh-gia`));

    const after = await h.http.get(`/api/v1/track/${code}`).expect(200);
    expect(after.body.status).toBe('answered');
    expect(after.body.answer).toMatchObject({
      text: answerText,
      agency: 'UBND xã Lai Hưng',
      responderName: 'Trần Văn Bình',
    });
    expect(after.body.history.map((e: { action: string }) => e.action)).toEqual([
      'received',
      'routing.assigned',
      'agency.notified',
      'agency.answered',
    ]);
    // No personal data in the public view.
    const publicJson = JSON.stringify(after.body);
    expect(publicJson).not.toContain('Nguyễn Thị Lan');
    expect(publicJson).not.toContain('lan@example.com');
    expect(publicJson).not.toContain('0912');

    const doc = await eventually(async () => {
      const d = await h.deps.models.Submission.findOne({ trackingCode: code }).lean();
      return d && !d.outboxPending ? d : null;
    });
    expect(doc.outbox).toEqual([]);
  });

  it('sends a petition without a matching rule to the triage inbox', async () => {
    const created = await h.http
      .post('/api/v1/petitions')
      .send(petition({ categoryCode: 'other' }))
      .expect(201);
    const doc = await eventually(async () => {
      const d = await h.deps.models.Submission.findById(created.body.id).lean();
      return d?.status === 'needs_triage' ? d : null;
    });
    expect(doc.history.at(-1)).toMatchObject({
      action: 'routing.unresolved',
      from: 'received',
      to: 'needs_triage',
    });
    expect(await h.deps.models.Assignment.countDocuments({ submissionId: doc._id })).toBe(0);
  });

  it('stores a sentiment, anonymous, without routing it', async () => {
    const res = await h.http
      .post('/api/v1/sentiments')
      .send({
        title: 'Bà con phấn khởi',
        body: 'Bà con rất phấn khởi vì đèn đường đã được lắp.',
        categoryCode: 'utilities',
        jurisdictionCode: 'minh-hoa.tan-phu',
      })
      .expect(201);
    expect(res.body.status).toBe('received');
    // Only indexed (inbox and counters) by the worker; never routed.
    const doc = await eventually(async () => {
      const d = await h.deps.models.Submission.findById(res.body.id).lean();
      return d && !d.outboxPending ? d : null;
    });
    expect(doc).toMatchObject({ kind: 'sentiment', status: 'received', outbox: [] });
    expect(await h.deps.models.InboxEntry.exists({ _id: res.body.id })).toBeTruthy();
    expect(doc?.submitter ?? {}).toEqual({});
  });
});
