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
