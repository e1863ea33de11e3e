import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { freePort } from '../../scripts/services';
import type Mail from 'nodemailer/lib/mailer';
import { startInboundServer, type InboundServer } from '../../src/inbound/listener';
import {
  assignedPetition as fileAssigned,
  eventually,
  signedIn,
  startHarness,
  type Harness,
} from '../helpers/harness';

/**
 * Agencies answer by e-mail: a real SMTP conversation (nodemailer) with our
 * inbound listener, on a real port; bad addresses are refused at RCPT (the bounce).
 */
let h: Harness;
let inbound: InboundServer;
beforeAll(async () => {
  h = await startHarness();
  inbound = await startInboundServer(h.deps, 0);
});
afterAll(async () => {
  await inbound.close();
  await h.close();
});

const AGENCY = 'ubnd@laihung.binhduong2018.example';

let n = 0;
async function assignedPetition() {
  n += 1;
  const email = `dan${n}@example.com`;
  const filed = await fileAssigned(h, { submitter: { name: 'Lê Văn Nam', email } });
  return { ...filed, email };
}

const address = (token: string) => `reply+${token}@${h.deps.config.INBOUND_DOMAIN}`;

/** Sends one message to our listener, as an agency's mail server would. */
async function send(
  mail: Mail.Options,
): Promise<{ ok: true; response: string } | { ok: false; code?: number; response: string }> {
  const t = nodemailer.createTransport({
    host: '127.0.0.1',
    port: inbound.port,
    secure: false,
    ignoreTLS: true,
  });
  try {
    const info = await t.sendMail({ from: `Trần Văn Bình <${AGENCY}>`, ...mail });
    return { ok: true, response: String(info.response) };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message: string };
    return { ok: false, code: e.responseCode, response: e.response ?? e.message };
  } finally {
    t.close();
  }
}

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(3000, 0x41),
  Buffer.from('\n%%EOF'),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);

const doc = (id: string) => h.deps.models.Submission.findById(id).lean();

describe('the agency notice', () => {
  it('carries the inbound address as Reply-To and as the envelope sender (for bounces)', async () => {
    const { notice, token } = await assignedPetition();
    expect(notice.replyTo).toBe(address(token));
    expect(notice.envelopeFrom).toBe(address(token));
    expect(notice.text).toContain('trả lời trực tiếp thư này');
  });
});

describe('an e-mailed answer', () => {
  it('is recorded without the quoted notice, keeps the PDF, drops the rest with a note, tells the resident', async () => {
    const { id, code, email, notice, token } = await assignedPetition();
    const quoted = notice.text
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    const res = await send({
      to: address(token),
      subject: `Re: ${notice.subject}`,
      text: `Kính gửi Ủy ban MTTQ,

UBND xã đã cho khơi thông cống và nâng nền đoạn đường ngập.

Trân trọng,
Trần Văn Bình

Vào Th 5, 26 thg 11, 2026 vào lúc 09:00 Tiếng Dân <no-reply@tiengdan.local>
đã viết:
${quoted}`,
      attachments: [
        { filename: 'Công văn 45-UBND.pdf', content: PDF, contentType: 'application/octet-stream' },
        {
          filename: 'ghi-chu.docx',
          content: Buffer.from('PK\u0003\u0004 word'),
          contentType: 'application/msword',
        },
        { filename: 'logo.png', content: PNG, cid: 'logo@sig' },
      ],
      html: '<p>UBND xã đã cho khơi thông cống và nâng nền đoạn đường ngập.</p><img src="cid:logo@sig">',
    });
    expect(res).toMatchObject({ ok: true });
    expect(res.response).toContain(`Answer recorded for ${code}`);

    const d = await doc(id);
    expect(d?.status).toBe('answered');
    expect(d?.answer?.text).toBe(
      'Kính gửi Ủy ban MTTQ,\n\nUBND xã đã cho khơi thông cống và nâng nền đoạn đường ngập.\n\nTrân trọng,\nTrần Văn Bình',
    );
    expect(d?.answer?.responderName).toBe('Trần Văn Bình');
    const entry = d!.history.find((e) => e.action === 'agency.answered')!;
    expect(entry.note).toContain(`Answered by e-mail (${AGENCY})`);
    expect(entry.note).toContain('ghi-chu.docx (type)');
    expect(entry.note).toContain('logo.png (inline)');

    const files = await h.deps.models.Attachment.find({ submissionId: id }, { data: 0 }).lean();
    expect(files.map((f) => [f.name, f.type, f.source])).toEqual([
      ['Công văn 45-UBND.pdf', 'application/pdf', 'email'],
    ]);
    const track = await h.http.get(`/track/${code}`).expect(200);
    expect(track.text).toContain('Công văn 45-UBND.pdf');

    await h.mail.waitFor(() =>
      h.mail
        .to(email)
        .some((m) => m.subject.includes('đã được trả lời') && m.text.includes('nâng nền')),
    );
    const told = h.mail.to(email).find((m) => m.subject.includes('đã được trả lời'))!;
    expect(told.text).not.toContain('> Kính gửi');

    // The same e-mail again (a retry by the agency's server) changes nothing.
    const again = await send({
      to: address(token),
      text: `Kính gửi Ủy ban MTTQ,

UBND xã đã cho khơi thông cống và nâng nền đoạn đường ngập.

Trân trọng,
Trần Văn Bình`,
    });
    expect(again).toMatchObject({ ok: true });
    expect(await h.deps.models.Attachment.countDocuments({ submissionId: id })).toBe(1);
    // A different one is refused: the first answer stands.
    const other = await send({ to: address(token), text: 'Một nội dung khác hẳn, gửi sau.' });
    expect(other).toMatchObject({ ok: false, code: 550 });
    expect(other.response).toContain('already been answered');
  });

  it("finding 4: an answer from outside the agency's domain is credited to the agency, not the From name", async () => {
    const { id, token } = await assignedPetition();
    const res = await send({
      from: 'Chủ tịch UBND tỉnh <chu.tich@gmail.example>',
      to: address(token),
      text: 'Đã chỉ đạo xử lý dứt điểm đoạn đường ngập trong tháng này.',
    });
    expect(res).toMatchObject({ ok: true });
    const d = await doc(id);
    const agency = await h.deps.models.Agency.findOne({ code: d!.agencyCode }).lean();
    expect(d?.answer?.responderName).toBe(agency!.name);
    expect(d?.answer?.responderName).not.toContain('Chủ tịch');
  });

  it('strips an English (Gmail/Outlook) quote and escapes HTML in what the resident gets', async () => {
    const { id, email, token } = await assignedPetition();
    const res = await send({
      to: address(token),
      text: `We cleared the drain. <script>alert(1)</script> Done.

On Thu, Nov 26, 2026 at 9:00 AM Tiếng Dân <no-reply@tiengdan.local> wrote:
> Dear agency`,
    });
    expect(res).toMatchObject({ ok: true });
    const d = await doc(id);
    expect(d?.answer?.text).toBe('We cleared the drain. <script>alert(1)</script> Done.');
    await h.mail.waitFor(() => h.mail.to(email).some((m) => m.subject.includes('đã được trả lời')));
    const mail = h.mail.to(email).find((m) => m.subject.includes('đã được trả lời'))!;
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>alert(1)');
    const track = await h.http.get(`/track/${d!.trackingCode}`).expect(200);
    expect(track.text).not.toContain('<script>alert(1)');
  });

  it('an auto-reply (out of office) is accepted and ignored', async () => {
    const { id, token } = await assignedPetition();
    const res = await send({
      to: address(token),
      subject: 'Trả lời tự động: vắng mặt',
      text: 'Tôi đang nghỉ phép đến hết tuần sau.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(res).toMatchObject({ ok: true });
    expect((await doc(id))?.status).toBe('assigned');
  });

  it('a reply with nothing above the quote is refused, and nothing is stored', async () => {
    const { id, token } = await assignedPetition();
    const res = await send({
      to: address(token),
      text: 'Ok\n\nOn Thu, Nov 26, 2026 at 9:00 AM Tiếng Dân <x@y> wrote:\n> everything',
    });
    expect(res).toMatchObject({ ok: false, code: 550 });
    expect(res.response).toContain('too short');
    expect((await doc(id))?.status).toBe('assigned');
  });
});

describe('refused at RCPT (the bounce says why)', () => {
  it('a forged token or an address not ours', async () => {
    const forged = await send({
      to: address('A'.repeat(43)),
      text: 'Trả lời giả mạo, không hợp lệ.',
    });
    expect(forged).toMatchObject({ ok: false, code: 550 });
    expect(forged.response).toContain('No such reply address');
    const other = await send({
      to: `someone@${h.deps.config.INBOUND_DOMAIN}`,
      text: 'xin chào các bạn',
    });
    expect(other).toMatchObject({ ok: false, code: 550 });
  });

  it('expired, revoked and re-routed links, each with its own words', async () => {
    const expired = await assignedPetition();
    await h.deps.models.ReplyToken.updateOne(
      { submissionId: expired.id },
      { $set: { expiresAt: new Date(Date.now() - 1000) } },
    );
    const r1 = await send({ to: address(expired.token), text: 'Trả lời sau khi hết hạn.' });
    expect(r1).toMatchObject({ ok: false, code: 550 });
    expect(r1.response).toContain('expired');

    const { agent, csrf } = await signedIn(h, {
      email: 'inbound@mttq.example',
      role: 'officer',
      jurisdictionCode: 'binh-duong-2018',
    });
    const revoked = await assignedPetition();
    await agent
      .post(`/api/v1/officer/submissions/${revoked.id}/reply-link/revoke`)
      .set('X-CSRF-Token', csrf)
      .expect(200);
    const r2 = await send({ to: address(revoked.token), text: 'Trả lời sau khi bị thu hồi.' });
    expect(r2).toMatchObject({ ok: false, code: 550 });
    expect(r2.response).toContain('revoked');

    const rerouted = await assignedPetition();
    await agent
      .post(`/api/v1/officer/submissions/${rerouted.id}/assign`)
      .set('X-CSRF-Token', csrf)
      .send({ agencyCode: 'bb-tnmt' })
      .expect(200);
    const r3 = await send({ to: address(rerouted.token), text: 'Trả lời sau khi chuyển.' });
    expect(r3).toMatchObject({ ok: false, code: 550 });
    expect(r3.response).toContain('another agency');

    for (const p of [expired, revoked, rerouted]) expect((await doc(p.id))?.answer).toBeUndefined();
  });

  it('a message over the size limit (552), storing nothing', async () => {
    const { id, token } = await assignedPetition();
    const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x41)]);
    const res = await send({
      to: address(token),
      text: 'Công văn kèm theo, dung lượng lớn.',
      attachments: [{ filename: 'lon.pdf', content: big }],
    });
    expect(res.ok).toBe(false);
    expect(res.response).toMatch(/55[24]/);
    expect((await doc(id))?.status).toBe('assigned');
    expect(await h.deps.models.Attachment.countDocuments({ submissionId: id })).toBe(0);
  });
});

/** The Message-ID of the notice we sent for a submission (from the delivery log). */
async function noticeMessageId(id: string): Promise<string> {
  const d = await h.deps.models.Delivery.findOne({
    submissionId: id,
    kind: 'agency-notice',
  }).lean();
  return d!.messageId!;
}

function dsnFor(token: string, messageId?: string): string {
  const boundary = 'dsn-boundary-1';
  return [
    `From: Mail Delivery System <MAILER-DAEMON@mx.laihung.example>`,
    `To: ${address(token)}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is the mail system. Your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.laihung.example',
    '',
    `Final-Recipient: rfc822; ${AGENCY}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <ubnd@laihung.binhduong2018.example>: User unknown',
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    ...(messageId ? [`Message-ID: ${messageId}`] : []),
    'Subject: [Tiếng Dân] Kiến nghị cần trả lời',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

describe('a delivery-failure report', () => {
  it('marks the agency address as failing and tells the officers in the history', async () => {
    const { id, token } = await assignedPetition();
    const raw = dsnFor(token, await noticeMessageId(id));
    const res = await send({ envelope: { from: '', to: address(token) }, raw });
    expect(res).toMatchObject({ ok: true });

    const agency = await h.deps.models.Agency.findOne({ code: 'bb-laihung-ubnd' }).lean();
    expect(agency?.emailFailingSince).toBeInstanceOf(Date);
    const d = await doc(id);
    const entry = d!.history.find((e) => e.action === 'agency.email-failing')!;
    expect(entry.note).toContain(AGENCY);
    expect(entry.note).toContain('5.1.1');
    expect(d?.status).toBe('assigned');
    expect(d?.answer).toBeUndefined();

    // The agency acting again through its link shows the address works.
    await h.http.post(`/api/v1/replies/${token}/acknowledge`).send({}).expect(201);
    const after = await h.deps.models.Agency.findOne({ code: 'bb-laihung-ubnd' }).lean();
    expect(after?.emailFailingSince).toBeUndefined();
  });

  it('finding 4: a forged report (no Message-ID of our notice) is refused; the agency stays reachable', async () => {
    const { id, token } = await assignedPetition();
    await h.deps.models.Agency.updateOne(
      { code: 'bb-laihung-ubnd' },
      { $unset: { emailFailingSince: 1 } },
    );
    for (const raw of [dsnFor(token), dsnFor(token, '<forged@attacker.example>')]) {
      const res = await send({ envelope: { from: '', to: address(token) }, raw });
      expect(res).toMatchObject({ ok: false, code: 550 });
    }
    const agency = await h.deps.models.Agency.findOne({ code: 'bb-laihung-ubnd' }).lean();
    expect(agency?.emailFailingSince).toBeUndefined();
    expect((await doc(id))?.history.some((e) => e.action === 'agency.email-failing')).toBe(false);
  });

  it('finding 4: a report for a revoked link is refused, as is an answer to it', async () => {
    const { id, token } = await assignedPetition();
    const messageId = await noticeMessageId(id);
    await h.deps.models.ReplyToken.updateOne(
      { submissionId: id },
      { $set: { revokedAt: new Date() } },
    );
    const res = await send({
      envelope: { from: '', to: address(token) },
      raw: dsnFor(token, messageId),
    });
    expect(res).toMatchObject({ ok: false, code: 550 });
    expect((await doc(id))?.history.some((e) => e.action === 'agency.email-failing')).toBe(false);
    const answer = await send({
      envelope: { from: '', to: address(token) },
      raw: `To: ${address(token)}\r\nSubject: Re\r\n\r\nTrả lời qua địa chỉ đã thu hồi.\r\n`,
    });
    expect(answer).toMatchObject({ ok: false, code: 550 });
    expect(answer.response).toContain('revoked');
  });
});

describe('the entry point', () => {
  it('src/inbound/server.ts listens on INBOUND_SMTP_PORT and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const root = resolve(__dirname, '../..');
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/inbound/server.ts'], {
      cwd: root,
      env: {
        ...process.env,
        MONGODB_URL: process.env.TEST_MONGODB_URL,
        REDIS_URL: process.env.TEST_REDIS_URL,
        INBOUND_SMTP_PORT: String(port),
        QUEUE_PREFIX: 'inbound-entry',
        LOG_LEVEL: 'info',
      },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    await eventually(async () => out.includes('inbound smtp listening'), 30_000);
    const t = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
    const err = await t
      .sendMail({ from: AGENCY, to: 'reply+x@inbound.tiengdan.local', text: 'xin chào' })
      .catch((e: { responseCode?: number }) => e);
    t.close();
    expect((err as { responseCode?: number }).responseCode).toBe(550);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
