import { simpleParser, type ParsedMail } from 'mailparser';
import { ATTACHMENT_LIMITS, checkFile, type CheckedFile } from '../attachments';
import type { Deps } from '../deps';
import { DomainError, type DomainErrorCode } from '../platform/domain-errors';
import { parseInput } from '../platform/validate';
import { answerInput } from '../replies';
import {
  readReplyLink,
  recordAnswer,
  resolveReplyLink,
  type DeadLinkState,
  type ReplyLink,
} from '../replies';
import { quotedMessageIds, readBounce } from './dsn';
import { stripQuoted } from './quotes';

/** An SMTP reply: 250 accepted, 5xx refused for good (the sender gets a bounce). */
export interface SmtpOutcome {
  code: 250 | 550 | 554;
  message: string;
}

/** What the sender reads in the bounce, per state of the address (at RCPT or after DATA). */
export const REFUSAL: Record<DeadLinkState, string> = {
  unknown: '5.1.1 No such reply address / Địa chỉ trả lời không tồn tại',
  expired:
    '5.1.1 This reply address has expired; ask the Front committee for a new link / Địa chỉ trả lời đã hết hạn, vui lòng liên hệ Ủy ban MTTQ',
  revoked:
    '5.1.1 This reply address was revoked; use the most recent notice / Địa chỉ trả lời đã bị thu hồi, vui lòng dùng thư mới nhất',
  rerouted:
    '5.1.1 This petition was passed to another agency; nothing more is needed from you / Kiến nghị đã chuyển cơ quan khác',
  closed:
    '5.1.1 This petition is closed for your agency; nothing more is needed / Kiến nghị đã kết thúc đối với Quý cơ quan',
};

/**
 * One message received for reply+<token>@…: a delivery-failure report about
 * our notice (the agency's address is failing), an auto-reply (ignored), or the
 * agency's answer, recorded with the same rules as the reply page.
 */
export async function handleInboundMessage(
  deps: Deps,
  token: string,
  raw: Buffer,
): Promise<SmtpOutcome> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const bounce = readBounce(mail, raw);
  const auto = !bounce && isAutoReply(mail);
  if (auto) return { code: 250, message: 'Auto-reply ignored' };
  // The reply address's token is resolved once, here; the rest works with its link.
  const link = await resolveReplyLink(deps, token);
  if (bounce) return recordBounce(deps, link, bounce, quotedMessageIds(mail, raw));
  return recordMailedAnswer(deps, link, mail);
}

function isAutoReply(mail: ParsedMail): boolean {
  const h = mail.headers;
  const auto = String(h.get('auto-submitted') ?? 'no').toLowerCase();
  const precedence = String(h.get('precedence') ?? '').toLowerCase();
  return (
    auto !== 'no' ||
    ['auto_reply', 'bulk', 'junk', 'list'].includes(precedence) ||
    h.has('x-autoreply') ||
    h.has('x-autorespond')
  );
}

async function recordMailedAnswer(
  deps: Deps,
  link: ReplyLink | null,
  mail: ParsedMail,
): Promise<SmtpOutcome> {
  const text = stripQuoted(mail.text ?? '');
  const sender = mail.from?.value[0];
  const agency = link
    ? await deps.models.Agency.findOne({ code: link.record.agencyCode }).lean()
    : null;
  const responderName = agency ? creditedResponder(agency, sender) : '';
  const { files, dropped } = keepAttachments(mail);
  const note = [
    `Trả lời qua thư điện tử / Answered by e-mail${sender?.address ? ` (${sender.address})` : ''}`,
    dropped.length
      ? `Tệp không được giữ lại / Files not kept: ${dropped.map((d) => `${d.name} (${d.why})`).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  try {
    const input = parseInput(answerInput, { text, responderName: responderName || 'Không rõ' });
    const { outcome, submission } = await recordAnswer(deps, link, input, {
      files,
      note,
      via: 'email',
    });
    return {
      code: 250,
      message:
        outcome === 'recorded'
          ? `Answer recorded for ${submission.trackingCode} / Đã ghi nhận trả lời`
          : `This answer was already recorded for ${submission.trackingCode}`,
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { code: 550, message: SMTP_REFUSALS[err.code] ?? REFUSAL.unknown };
  }
}

const REPORT_NOT_OURS =
  '5.7.1 This report does not quote a notice we sent to this address / Báo cáo không khớp với thư đã gửi';

/**
 * Who answered, as the public will read it. The From header is the sender's own
 * claim: the answer is credited to the agency, and to a named person only when the
 * sender's address is in the agency's registered e-mail domain.
 */
export function creditedResponder(
  agency: { name: string; email: string },
  sender: { name?: string; address?: string } | undefined,
): string {
  const domainOf = (a: string) => a.slice(a.lastIndexOf('@') + 1).toLowerCase();
  const address = sender?.address?.trim() ?? '';
  if (!address.includes('@') || domainOf(address) !== domainOf(agency.email)) return agency.name;
  return (sender?.name || address).trim();
}

/** The SMTP edge's table: the domain errors an e-mailed answer can meet, as refusals. */
const SMTP_REFUSALS: Partial<Record<DomainErrorCode, string>> = {
  validation:
    '5.6.0 The answer is empty or too short (at least 10 characters above the quoted notice); please use the link in the notice / Nội dung trả lời quá ngắn',
  'already-answered':
    '5.7.1 This petition has already been answered; the first answer stands / Kiến nghị đã được trả lời',
  'reply-link-expired': REFUSAL.expired,
  'reply-link-revoked': REFUSAL.revoked,
  'reply-link-rerouted': REFUSAL.rerouted,
  'reply-link-closed': REFUSAL.closed,
};

interface Dropped {
  name: string;
  why: string;
}

/**
 * The files worth keeping: PDF, PNG, JPEG (by their bytes) within the size
 * limit, at most ATTACHMENT_LIMITS.maxFiles. Images shown inside the message
 * (logos in signatures) and every other part are dropped, and named in the note.
 */
function keepAttachments(mail: ParsedMail): { files: CheckedFile[]; dropped: Dropped[] } {
  const files: CheckedFile[] = [];
  const dropped: Dropped[] = [];
  for (const a of mail.attachments) {
    const name = a.filename ?? a.contentType;
    if (a.related) {
      dropped.push({ name, why: 'inline' });
      continue;
    }
    const r = checkFile({ name: a.filename ?? 'tep-dinh-kem', data: a.content });
    if (!r.ok) dropped.push({ name, why: r.problem === 'size' ? 'too large' : r.problem });
    else if (files.length >= ATTACHMENT_LIMITS.maxFiles)
      dropped.push({ name, why: `over ${ATTACHMENT_LIMITS.maxFiles} files` });
    else files.push(r.file);
  }
  return { files, dropped };
}

/**
 * A delivery-failure report about one of our notices: the agency's address is
 * failing. The agency is marked (since when), and the petition's history says
 * so, for the officers. Only a report for a current link that quotes the
 * Message-ID of a notice we sent for it counts: anyone can send a report to a
 * reply address, and a forged one would mark the agency as unreachable.
 */
async function recordBounce(
  deps: Deps,
  link: ReplyLink | null,
  bounce: { recipients: string[]; status?: string; diagnostic?: string },
  quoted: string[],
): Promise<SmtpOutcome> {
  const ctx = await readReplyLink(deps, link);
  if (ctx.state !== 'open')
    return { code: 550, message: REFUSAL[ctx.state === 'answered' ? 'closed' : ctx.state] };
  const { submission, assignment } = ctx;
  const ours = await deps.models.Delivery.exists({
    submissionId: submission._id,
    kind: 'agency-notice',
    messageId: { $in: quoted },
    _id: { $regex: `^agency-notice:${String(assignment._id)}(:|$)` },
  });
  if (!ours) return { code: 550, message: REPORT_NOT_OURS };
  deps.metrics.messages.inc({ channel: 'email', outcome: 'bounced' });
  const now = deps.clock.now();
  await deps.models.Agency.updateOne(
    { code: assignment.agencyCode, emailFailingSince: { $exists: false } },
    { $set: { emailFailingSince: now } },
  );
  const agency = await deps.models.Agency.findOne({ code: assignment.agencyCode }).lean();
  await deps.lifecycle.record(submission._id, {
    at: now,
    actor: { kind: 'system', name: 'mail' },
    action: 'agency.email-failing',
    note: [
      `Không gửi được thư đến / Could not deliver to ${agency?.name ?? assignment.agencyCode}`,
      bounce.recipients.join(', '),
      [bounce.status, bounce.diagnostic].filter(Boolean).join(' '),
    ]
      .filter(Boolean)
      .join(' — ')
      .slice(0, 1000),
  });
  deps.logger.warn(
    { submissionId: String(submission._id), agency: assignment.agencyCode, status: bounce.status },
    'inbound: delivery failure report for an agency notice',
  );
  return { code: 250, message: 'Delivery report recorded' };
}
