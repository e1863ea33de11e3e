import { formatDate, formatDateTime } from '../platform/clock';
import { html, type SafeHtml } from '../platform/html';
import type { OutgoingMail } from '../platform/mail';

/**
 * E-mails are written in Vietnamese first, then English, in text and HTML. User
 * text goes through `html` (escaped) in the HTML part; the text part is plain.
 */

function wrapHtml(vi: SafeHtml, en: SafeHtml): string {
  return html`<!doctype html>
    <html>
      <body style="font-family:Arial,sans-serif;line-height:1.5;max-width:40rem">
        <div lang="vi">${vi}</div>
        <hr />
        <div lang="en" style="color:#444">${en}</div>
      </body>
    </html>`.value;
}

export interface AgencyNoticeData {
  to: string;
  agencyName: string;
  trackingCode: string;
  title: string;
  body: string;
  categoryVi: string;
  categoryEn: string;
  jurisdiction: string;
  submittedAt: Date;
  dueAt: Date;
  link: string;
  /** Our inbound address for this assignment: answering the e-mail records the answer. */
  replyTo?: string;
  /** Sent again by an officer: earlier links no longer work. */
  resent?: boolean;
}

export function agencyNotice(d: AgencyNoticeData): OutgoingMail {
  const again = d.resent ? ' (gửi lại / sent again)' : '';
  const subject = `[Tiếng Dân] Kiến nghị cần trả lời / Petition to answer — ${d.trackingCode}${again}`;
  const againVi = d.resent
    ? 'Thư này được gửi lại kèm đường dẫn mới; đường dẫn trong các thư trước không còn dùng được.\n\n'
    : '';
  const againEn = d.resent
    ? 'This notice is sent again with a new link; links in earlier e-mails no longer work.\n\n'
    : '';
  const byMailVi = d.replyTo
    ? 'Quý cơ quan cũng có thể trả lời trực tiếp thư này (có thể đính kèm tệp PDF, PNG, JPEG).\n'
    : '';
  const byMailEn = d.replyTo
    ? 'You may also simply reply to this e-mail (PDF, PNG and JPEG attachments are kept).\n'
    : '';
  const text = `${againVi}Kính gửi ${d.agencyName},

Ban Thường trực Ủy ban MTTQ Việt Nam chuyển đến Quý cơ quan kiến nghị của cử tri sau đây.
Đề nghị Quý cơ quan trả lời trước ngày ${formatDate(d.dueAt, 'vi')} qua đường dẫn:

${d.link}
${byMailVi}
Mã: ${d.trackingCode}
Lĩnh vực: ${d.categoryVi}
Địa bàn: ${d.jurisdiction}
Ngày gửi: ${formatDateTime(d.submittedAt, 'vi')}
Tiêu đề: ${d.title}

${d.body}

Đường dẫn chỉ dùng cho kiến nghị này; xin không chuyển tiếp thư.

---

To ${d.agencyName},

The Standing Committee of the Vietnam Fatherland Front forwards the voter's petition above
(category: ${d.categoryEn}). Please answer by ${formatDate(d.dueAt, 'en')} through this link:

${d.link}
${byMailEn}
${againEn}
The link works for this petition only; please do not forward this e-mail.
`;
  const facts = (lang: 'vi' | 'en') =>
    html`<table cellpadding="4">
      <tr>
        <td>${lang === 'vi' ? 'Mã' : 'Code'}</td>
        <td><b>${d.trackingCode}</b></td>
      </tr>
      <tr>
        <td>${lang === 'vi' ? 'Lĩnh vực' : 'Category'}</td>
        <td>${lang === 'vi' ? d.categoryVi : d.categoryEn}</td>
      </tr>
      <tr>
        <td>${lang === 'vi' ? 'Địa bàn' : 'Place'}</td>
        <td>${d.jurisdiction}</td>
      </tr>
      <tr>
        <td>${lang === 'vi' ? 'Hạn trả lời' : 'Due by'}</td>
        <td>${formatDate(d.dueAt, lang)}</td>
      </tr>
    </table>`;
  const vi = html`<p>Kính gửi ${d.agencyName},</p>
    <p>Ban Thường trực Ủy ban MTTQ Việt Nam chuyển đến Quý cơ quan kiến nghị của cử tri sau đây.</p>
    ${facts('vi')}
    <h3>${d.title}</h3>
    <p style="white-space:pre-wrap;background:#f6f6f6;padding:8px">${d.body}</p>
    <p><a href="${d.link}">Trả lời kiến nghị</a></p>
    ${d.replyTo ? html`<p>${byMailVi}</p>` : ''} ${d.resent ? html`<p><b>${againVi}</b></p>` : ''}
    <p style="font-size:12px">Đường dẫn chỉ dùng cho kiến nghị này; xin không chuyển tiếp thư.</p>`;
  const en = html`<p>To ${d.agencyName},</p>
    <p>
      The Standing Committee of the Vietnam Fatherland Front forwards the voter's petition above.
    </p>
    ${facts('en')}
    <p><a href="${d.link}">Answer the petition</a></p>
    ${d.replyTo ? html`<p>${byMailEn}</p>` : ''} ${d.resent ? html`<p><b>${againEn}</b></p>` : ''}
    <p style="font-size:12px">
      The link works for this petition only; please do not forward this e-mail.
    </p>`;
  return {
    to: d.to,
    subject,
    text,
    html: wrapHtml(vi, en),
    ...(d.replyTo ? { replyTo: d.replyTo } : {}),
  };
}

export interface ResidentAnsweredData {
  to: string;
  name?: string;
  trackingCode: string;
  title: string;
  agencyName: string;
  responderName: string;
  answer: string;
  answeredAt: Date;
  trackUrl: string;
}

export function residentAnswered(d: ResidentAnsweredData): OutgoingMail {
  const subject = `[Tiếng Dân] Kiến nghị của bạn đã được trả lời / Your petition was answered — ${d.trackingCode}`;
  const greetingVi = d.name ? `Kính gửi ${d.name},` : 'Kính gửi ông/bà,';
  const greetingEn = d.name ? `Dear ${d.name},` : 'Dear resident,';
  const text = `${greetingVi}

${d.agencyName} đã trả lời kiến nghị "${d.title}" (mã ${d.trackingCode}) ngày ${formatDateTime(d.answeredAt, 'vi')}:

${d.answer}

— ${d.responderName}

Xem chi tiết: ${d.trackUrl}

---

${greetingEn}

${d.agencyName} answered your petition "${d.title}" (code ${d.trackingCode}) on ${formatDateTime(d.answeredAt, 'en')}.
The answer is above. Details: ${d.trackUrl}
`;
  const vi = html`<p>${greetingVi}</p>
    <p>
      ${d.agencyName} đã trả lời kiến nghị “${d.title}” (mã <b>${d.trackingCode}</b>) ngày
      ${formatDateTime(d.answeredAt, 'vi')}:
    </p>
    <blockquote style="white-space:pre-wrap;border-left:4px solid #1a7f37;padding-left:8px">
      ${d.answer}
    </blockquote>
    <p>— ${d.responderName}</p>
    <p><a href="${d.trackUrl}">Xem chi tiết</a></p>`;
  const en = html`<p>${greetingEn}</p>
    <p>
      ${d.agencyName} answered your petition “${d.title}” (code <b>${d.trackingCode}</b>). The
      answer is above.
    </p>
    <p><a href="${d.trackUrl}">See the details</a></p>`;
  return { to: d.to, subject, text, html: wrapHtml(vi, en) };
}

export type ResidentNoticeReason = 'rejected' | 'redirected' | 'merged';

export interface ResidentNoticeData {
  to: string;
  name?: string;
  reason: ResidentNoticeReason;
  trackingCode: string;
  title: string;
  /** The officer's words to the resident (rejection or redirection). */
  message?: string;
  /** For a merged item: the code of the item that carries on. */
  survivorCode?: string;
  trackUrl: string;
}

const NOTICE_SUBJECT: Record<ResidentNoticeReason, string> = {
  rejected: 'Ý kiến của bạn không được tiếp nhận / Your submission was not accepted',
  redirected: 'Hướng dẫn gửi theo thủ tục khác / Where to take your submission',
  merged: 'Ý kiến của bạn được gộp với ý kiến trùng / Your submission joined a similar one',
};

/** Tells a resident that triage closed their item, and why. */
export function residentNotice(d: ResidentNoticeData): OutgoingMail {
  const greetingVi = d.name ? `Kính gửi ${d.name},` : 'Kính gửi ông/bà,';
  const greetingEn = d.name ? `Dear ${d.name},` : 'Dear resident,';
  const leadVi: Record<ResidentNoticeReason, string> = {
    rejected: `Ý kiến "${d.title}" (mã ${d.trackingCode}) không được tiếp nhận.`,
    redirected: `Ý kiến "${d.title}" (mã ${d.trackingCode}) cần được gửi theo thủ tục khác.`,
    merged: `Ý kiến "${d.title}" (mã ${d.trackingCode}) trùng với một ý kiến khác và đã được gộp vào mã ${d.survivorCode ?? ''}. Bạn sẽ được báo khi có trả lời.`,
  };
  const leadEn: Record<ResidentNoticeReason, string> = {
    rejected: `Your submission "${d.title}" (code ${d.trackingCode}) was not accepted.`,
    redirected: `Your submission "${d.title}" (code ${d.trackingCode}) must go through another procedure.`,
    merged: `Your submission "${d.title}" (code ${d.trackingCode}) joined a similar one, code ${d.survivorCode ?? ''}. You will be told when it is answered.`,
  };
  const text = `${greetingVi}

${leadVi[d.reason]}
${d.message ? `\n${d.message}\n` : ''}
Xem chi tiết: ${d.trackUrl}

---

${greetingEn}

${leadEn[d.reason]}
Details: ${d.trackUrl}
`;
  const vi = html`<p>${greetingVi}</p>
    <p>${leadVi[d.reason]}</p>
    ${d.message ? html`<blockquote style="white-space:pre-wrap">${d.message}</blockquote>` : ''}
    <p><a href="${d.trackUrl}">Xem chi tiết</a></p>`;
  const en = html`<p>${greetingEn}</p>
    <p>${leadEn[d.reason]}</p>
    <p><a href="${d.trackUrl}">See the details</a></p>`;
  return {
    to: d.to,
    subject: `[Tiếng Dân] ${NOTICE_SUBJECT[d.reason]} — ${d.trackingCode}`,
    text,
    html: wrapHtml(vi, en),
  };
}
