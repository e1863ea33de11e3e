import {
  assignedPetition as fileAssigned,
  eventually,
  replyLink,
  signedIn,
  startHarness,
  type Harness,
} from '../helpers/harness';
import { formatDate } from '../../src/platform/clock';
import { GUESS_LIMIT } from '../../src/replies/guard';

/**
 * What an agency does through its reply link (page without JavaScript, and the
 * JSON twin), and what officers do to the link, through the real SMTP path.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

let n = 0;
/** Files a petition (its own resident address) and returns the token from the agency's e-mail. */
async function assignedPetition(overrides: Record<string, unknown> = {}) {
  n += 1;
  const email = `cudan${n}@example.com`;
  const filed = await fileAssigned(h, {
    submitter: { name: 'Nguyễn Thị Lan', email },
    ...overrides,
  });
  return { ...filed, email };
}

const doc = (id: string) => h.deps.models.Submission.findById(id).lean();
const residentMail = (email: string, what: string) =>
  h.mail.to(email).filter((m) => m.subject.includes(what));
/** Waits until the outbox is empty, so that every e-mail due has gone. */
const settled = (id: string) =>
  eventually(async () => {
    const d = await doc(id);
    return d && !d.outboxPending;
  });

function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n'),
  Buffer.alloc(2000, 0x20),
  Buffer.from('\n%%EOF\n'),
]);

describe('acknowledge', () => {
  it('records one step for a double click, on the page and the JSON twin, and tells the resident once', async () => {
    const { id, email, token } = await assignedPetition();
    const page = await h.http.get(`/reply/${token}`).expect(200);
    expect(page.text).toContain(`action="/reply/${token}/acknowledge"`);
    expect(page.text).toContain('enctype="multipart/form-data"');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);

    const first = await h.http.post(`/reply/${token}/acknowledge`).type('form').send({});
    expect(first.status).toBe(200);
    expect(first.text).toContain('Đã ghi nhận: Quý cơ quan đã nhận kiến nghị');
    const again = await h.http.post(`/reply/${token}/acknowledge`).type('form').send({});
    expect(again.text).toContain('đã xác nhận trước đó');
    const api = await h.http.post(`/api/v1/replies/${token}/acknowledge`).send({}).expect(200);
    expect(api.body).toMatchObject({ outcome: 'already', status: 'acknowledged' });

    const d = await doc(id);
    expect(d?.status).toBe('acknowledged');
    expect(d?.history.filter((e) => e.action === 'agency.acknowledged')).toHaveLength(1);
    const a = await h.deps.models.Assignment.findById(d?.currentAssignmentId).lean();
    expect(a?.status).toBe('acknowledged');

    await h.mail.waitFor(() => residentMail(email, 'đã nhận kiến nghị').length === 1);
    await settled(id);
    expect(residentMail(email, 'đã nhận kiến nghị')).toHaveLength(1);
    // The page now says so instead of offering the button.
    const after = await h.http.get(`/reply/${token}`).expect(200);
    expect(after.text).toContain('Quý cơ quan đã xác nhận nhận kiến nghị.');
  });
});

describe('progress', () => {
  it('records each report (a double post once), with the expected date, and tells the resident each time', async () => {
    const { id, email, token } = await assignedPetition();
    const report = {
      text: 'Đã khảo sát hiện trường, đang lập dự toán sửa chữa.',
      expectedBy: inDays(20),
    };
    const page = await h.http.post(`/reply/${token}/progress`).type('form').send(report);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Đã ghi nhận báo cáo tiến độ');
    await h.http.post(`/reply/${token}/progress`).type('form').send(report).expect(200);
    const second = {
      text: 'Đã có kinh phí, <script>alert(1)</script> sẽ thi công tuần sau.',
      expectedBy: inDays(10),
    };
    const api = await h.http.post(`/api/v1/replies/${token}/progress`).send(second).expect(201);
    expect(api.body).toMatchObject({ outcome: 'recorded', status: 'in_progress' });

    const d = await doc(id);
    const steps = d!.history.filter((e) => e.action === 'agency.progress');
    expect(steps).toHaveLength(2);
    const expected = formatDate(new Date(`${inDays(20)}T12:00:00+07:00`), 'vi');
    expect(steps[0]!.note).toContain(`Dự kiến có trả lời / Answer expected by: ${expected}`);

    await h.mail.waitFor(() => residentMail(email, 'tiến độ').length === 2);
    const mails = residentMail(email, 'tiến độ');
    expect(mails.some((mm) => mm.text.includes('đang lập dự toán'))).toBe(true);
    const withScript = mails.find((mm) => mm.text.includes('thi công tuần sau'))!;
    expect(withScript.html).not.toContain('<script>alert(1)');
    expect(withScript.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The agency's page lists its reports, escaped.
    const view = await h.http.get(`/reply/${token}`).expect(200);
    expect(view.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(view.text).not.toContain('<script>alert(1)');
  });

  it('refuses a date in the past and an empty report, and records nothing', async () => {
    const { id, token } = await assignedPetition();
    const past = await h.http
      .post(`/reply/${token}/progress`)
      .type('form')
      .send({ text: 'Đang xử lý theo quy trình.', expectedBy: '2020-01-01' })
      .expect(422);
    expect(past.text).toContain('không được trước hôm nay');
    expect(past.text).toMatch(/>\s*Đang xử lý theo quy trình\.<\/textarea>/);
    await h.http
      .post(`/api/v1/replies/${token}/progress`)
      .send({ text: 'x', expectedBy: 'mai' })
      .expect(422);
    expect((await doc(id))?.status).toBe('assigned');
  });
});

describe('decline', () => {
  it('sends the petition back to the officers with the suggested agency; the old link then says closed', async () => {
    const { id, code, email, token } = await assignedPetition();
    const page = await h.http
      .post(`/reply/${token}/decline`)
      .type('form')
      .send({ suggestedAgency: 'bb-congan', reason: 'Việc xử lý vi phạm trật tự thuộc Công an.' })
      .expect(200);
    expect(page.text).toContain('không thuộc thẩm quyền của Quý cơ quan');
    // Declining again is a no-op.
    await h.http
      .post(`/api/v1/replies/${token}/decline`)
      .send({ suggestedAgency: 'bb-congan' })
      .expect(200);

    const d = await doc(id);
    expect(d?.status).toBe('needs_triage');
    const entries = d!.history.filter((e) => e.action === 'agency.declined');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.note).toContain('Công an huyện Bàu Bàng (bb-congan)');
    expect(entries[0]!.actor.kind).toBe('agency');
    const a = await h.deps.models.Assignment.findById(d?.currentAssignmentId).lean();
    expect(a?.status).toBe('declined');

    const dead = await h.http.get(`/reply/${token}`).expect(410);
    expect(dead.text).toContain('data-state="closed"');
    expect(dead.text).toContain('đã kết thúc đối với Quý cơ quan');
    const api = await h.http.get(`/api/v1/replies/${token}`).expect(410);
    expect(api.body.type).toMatch(/reply-link-closed$/);

    // Officers find it in their inbox; the resident is told.
    const { agent } = await signedIn(h, {
      email: 'baubang@mttq.example',
      role: 'officer',
      jurisdictionCode: 'binh-duong-2018.bau-bang',
    });
    const inbox = await agent.get('/api/v1/officer/inbox?status=needs_triage').expect(200);
    expect(inbox.body.items.map((i: { trackingCode: string }) => i.trackingCode)).toContain(code);
    await h.mail.waitFor(() => residentMail(email, 'không thuộc thẩm quyền').length === 1);
  });
});

describe('the answer with attachments', () => {
  const form = (token: string) =>
    h.http
      .post(`/reply/${token}`)
      .field('text', 'Đã khơi thông cống thoát nước; kèm theo công văn trả lời.')
      .field('responderName', 'Trần Văn Bình')
      .field('responderTitle', 'Phó Chủ tịch UBND xã');

  it('keeps a PDF, lists it on the tracking page and serves it as a download', async () => {
    const { id, code, email, token } = await assignedPetition();
    const res = await form(token).attach('attachments', PDF, 'Công văn số 12.pdf').expect(200);
    expect(res.text).toContain('Đã ghi nhận trả lời');
    // A double click (the same answer and file again) stores nothing more.
    await form(token).attach('attachments', PDF, 'Công văn số 12.pdf').expect(200);

    expect(await h.deps.models.Attachment.countDocuments({ submissionId: id })).toBe(1);
    const track = await h.http.get(`/track/${code}`).expect(200);
    const href = /<ul id="attachments">[\s\S]*?href="([^"]+)"/.exec(track.text)?.[1];
    expect(href).toMatch(/^\/attachments\/[A-Za-z0-9_-]{22}\/C%C3%B4ng%20v%C4%83n/);
    const file = await h.http
      .get(href!)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(
      /^attachment; filename="Cong van so 12.pdf"/,
    );
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''C%C3%B4ng");
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    // Another name, or a made-up id, is not found.
    await h.http.get(href!.replace(/\/[^/]+$/, '/other.pdf')).expect(404);
    await h.http.get('/attachments/AAAAAAAAAAAAAAAAAAAAAA/x.pdf').expect(404);

    expect((await doc(id))?.status).toBe('answered');
    await h.mail.waitFor(() => residentMail(email, 'đã được trả lời').length === 1);
    const api = await h.http.get(`/api/v1/replies/${token}`).expect(200);
    expect(api.body.answer.attachments).toEqual([
      expect.objectContaining({ name: 'Công văn số 12.pdf', type: 'application/pdf' }),
    ]);
  });

  it('refuses a file that is not PDF, PNG or JPEG (whatever its name), and stores nothing', async () => {
    const { id, token } = await assignedPetition();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 1)]);
    const res = await form(token).attach('attachments', exe, 'cong-van.pdf').expect(422);
    expect(res.text).toContain('chỉ nhận tệp PDF, PNG hoặc JPEG');
    // What the clerk typed is kept.
    expect(res.text).toMatch(/>\s*Đã khơi thông cống/);
    expect(await h.deps.models.Attachment.countDocuments({ submissionId: id })).toBe(0);
    expect((await doc(id))?.status).toBe('assigned');
  });

  it('refuses an oversized file and too many files, and stores nothing', async () => {
    const { id, token } = await assignedPetition();
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const tooBig = await form(token).attach('attachments', big, 'lon.pdf').expect(422);
    expect(tooBig.text).toContain('tệp lớn hơn 5 MB');
    let many = form(token);
    for (let i = 0; i < 4; i += 1) many = many.attach('attachments', PDF, `tep-${i}.pdf`);
    const tooMany = await many.expect(422);
    expect(tooMany.text).toContain('Tối đa 3 tệp đính kèm');
    expect(await h.deps.models.Attachment.countDocuments({ submissionId: id })).toBe(0);
    expect((await doc(id))?.status).toBe('assigned');
  });

  it('escapes an HTML payload of the answer in the e-mail and the pages', async () => {
    const { code, email, token } = await assignedPetition();
    await h.http
      .post(`/reply/${token}`)
      .field('text', '<img src=x onerror=alert(1)> Đã xử lý xong <b>ngay</b>.')
      .field('responderName', '<script>x</script> Bình')
      .expect(200);
    const track = await h.http.get(`/track/${code}`).expect(200);
    expect(track.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(track.text).not.toContain('<img src=x');
    expect(track.text).not.toContain('<script>x');
    const page = await h.http.get(`/reply/${token}`).expect(200);
    expect(page.text).not.toContain('<img src=x');
    await h.mail.waitFor(() => residentMail(email, 'đã được trả lời').length === 1);
    const mail = residentMail(email, 'đã được trả lời')[0]!;
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).not.toContain('<script>x');
  });
});

describe('the link over its life', () => {
  const officer = () =>
    signedIn(h, {
      email: 'laihung@mttq.example',
      role: 'officer',
      jurisdictionCode: 'binh-duong-2018.bau-bang',
    });

  it('an officer revokes it: the page says revoked, inbound replies are refused', async () => {
    const { id, token } = await assignedPetition();
    const { agent, csrf } = await officer();
    const res = await agent
      .post(`/api/v1/officer/submissions/${id}/reply-link/revoke`)
      .set('X-CSRF-Token', csrf)
      .expect(200);
    expect(res.body.outcome).toBe('revoked');
    const page = await h.http.get(`/reply/${token}`).expect(410);
    expect(page.text).toContain('data-state="revoked"');
    expect(page.text).toContain('đã bị thu hồi');
    const api = await h.http.post(`/api/v1/replies/${token}/acknowledge`).send({}).expect(410);
    expect(api.body.type).toMatch(/reply-link-revoked$/);
    expect((await doc(id))?.history.some((e) => e.action === 'reply-link.revoked')).toBe(true);
  });

  it('an officer resends it: a new link each time, one e-mail per resend, old links dead', async () => {
    const { id, code, token: first } = await assignedPetition();
    const { agent, csrf } = await officer();
    const notices = () =>
      h.mail.about(code).filter((m) => m.subject.includes('Kiến nghị cần trả lời'));
    for (const k of [1, 2]) {
      const res = await agent
        .post(`/api/v1/officer/submissions/${id}/reply-link/resend`)
        .set('X-CSRF-Token', csrf)
        .expect(202);
      expect(res.body.resend).toBe(k);
      await h.mail.waitFor(() => notices().length === k + 1);
      await settled(id);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(notices()).toHaveLength(3);
    const tokens = notices().map((m) => replyLink(m.text).token);
    expect(new Set(tokens).size).toBe(3);
    expect(notices()[2]!.subject).toContain('gửi lại');
    for (const old of [first, tokens[1]!]) {
      const page = await h.http.get(`/reply/${old}`).expect(410);
      expect(page.text).toContain('data-state="revoked"');
    }
    await h.http.get(`/reply/${tokens[2]}`).expect(200);
    const keys = await h.deps.models.Delivery.find({ kind: 'agency-notice', submissionId: id })
      .select({ _id: 1 })
      .lean();
    expect(keys.map((k) => k._id).sort()).toEqual([
      expect.stringMatching(/^agency-notice:[0-9a-f]{24}$/),
      expect.stringMatching(/:resend:1$/),
      expect.stringMatching(/:resend:2$/),
    ]);
  });

  it('is out of reach for an officer outside the scope (404)', async () => {
    const { id } = await assignedPetition();
    const { agent, csrf } = await signedIn(h, {
      email: 'minhhoa@mttq.example',
      role: 'officer',
      jurisdictionCode: 'minh-hoa',
    });
    for (const what of ['revoke', 'resend'])
      await agent
        .post(`/api/v1/officer/submissions/${id}/reply-link/${what}`)
        .set('X-CSRF-Token', csrf)
        .expect(404);
  });

  it('re-routed: the old link says so, the new agency gets its own', async () => {
    const { id, code, token } = await assignedPetition();
    const { agent, csrf } = await officer();
    await agent
      .post(`/api/v1/officer/submissions/${id}/assign`)
      .set('X-CSRF-Token', csrf)
      .send({ agencyCode: 'bb-tnmt' })
      .expect(200);
    await h.mail.waitFor(() =>
      h.mail.to('tnmt@baubang.binhduong2018.example').some((m) => m.subject.includes(code)),
    );
    const page = await h.http.get(`/reply/${token}`).expect(410);
    expect(page.text).toContain('data-state="rerouted"');
    expect(page.text).toContain('đã được chuyển cho cơ quan khác');
    const api = await h.http.post(`/api/v1/replies/${token}`).send({
      text: 'Trả lời muộn qua đường dẫn cũ.',
      responderName: 'X',
    });
    expect(api.status).toBe(410);
    expect(api.body.type).toMatch(/reply-link-rerouted$/);
  });
});

describe('guessing tokens', () => {
  it(`is refused (429) after ${GUESS_LIMIT} unknown tokens from one address, even for a good one`, async () => {
    const { token } = await assignedPetition();
    for (let i = 0; i < GUESS_LIMIT; i += 1) {
      const fake = `${String(i).padStart(2, '0')}${'x'.repeat(41)}`;
      await h.http.get(i % 2 ? `/reply/${fake}` : `/api/v1/replies/${fake}`).expect(404);
    }
    const page = await h.http.get(`/reply/${'y'.repeat(43)}`).expect(429);
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.text).toContain('Quá nhiều yêu cầu');
    const api = await h.http.get(`/api/v1/replies/${token}`).expect(429);
    expect(api.body.type).toMatch(/rate-limited$/);
    await h.http.post(`/reply/${token}/acknowledge`).type('form').send({}).expect(429);
  });
});
