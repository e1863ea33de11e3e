import { formatDate } from '../platform/clock';
import { html, type SafeHtml } from '../platform/html';
import type { OutgoingMail } from '../platform/mail';

/**
 * The deadline e-mails: Vietnamese first, then English, in text and HTML. Every
 * value in the HTML part goes through `html` (escaped); the text part is plain.
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

/** What every deadline e-mail says about the petition. */
export interface PetitionFacts {
  trackingCode: string;
  title: string;
  categoryVi: string;
  categoryEn: string;
  jurisdiction: string;
  agencyName: string;
  assignedAt: Date;
  dueAt: Date;
}

function factsTable(d: PetitionFacts, lang: 'vi' | 'en'): SafeHtml {
  const vi = lang === 'vi';
  return html`<table cellpadding="4">
    <tr>
      <td>${vi ? 'Mã' : 'Code'}</td>
      <td><b>${d.trackingCode}</b></td>
    </tr>
    <tr>
      <td>${vi ? 'Tiêu đề' : 'Title'}</td>
      <td>${d.title}</td>
    </tr>
    <tr>
      <td>${vi ? 'Lĩnh vực' : 'Category'}</td>
      <td>${vi ? d.categoryVi : d.categoryEn}</td>
    </tr>
    <tr>
      <td>${vi ? 'Địa bàn' : 'Place'}</td>
      <td>${d.jurisdiction}</td>
    </tr>
    <tr>
      <td>${vi ? 'Cơ quan giải quyết' : 'Agency'}</td>
      <td>${d.agencyName}</td>
    </tr>
    <tr>
      <td>${vi ? 'Ngày chuyển' : 'Forwarded on'}</td>
      <td>${formatDate(d.assignedAt, lang)}</td>
    </tr>
    <tr>
      <td>${vi ? 'Hạn trả lời' : 'Due by'}</td>
      <td><b>${formatDate(d.dueAt, lang)}</b></td>
    </tr>
  </table>`;
}

function factsText(d: PetitionFacts, lang: 'vi' | 'en'): string {
  return lang === 'vi'
    ? `Mã: ${d.trackingCode}
Tiêu đề: ${d.title}
Lĩnh vực: ${d.categoryVi}
Địa bàn: ${d.jurisdiction}
Cơ quan giải quyết: ${d.agencyName}
Ngày chuyển: ${formatDate(d.assignedAt, 'vi')}
Hạn trả lời: ${formatDate(d.dueAt, 'vi')}`
    : `Code: ${d.trackingCode}
Category: ${d.categoryEn}
Agency: ${d.agencyName}
Forwarded on: ${formatDate(d.assignedAt, 'en')}
Due by: ${formatDate(d.dueAt, 'en')}`;
}

export interface ReminderData extends PetitionFacts {
  to: string;
  /** Working days left after today. */
  workingDaysLeft: number;
}

/** To the agency, a few working days before its deadline. */
export function deadlineReminder(d: ReminderData): OutgoingMail {
  const subject = `[Tiếng Dân] Nhắc hạn trả lời kiến nghị / Reminder: petition due ${formatDate(d.dueAt, 'en')} — ${d.trackingCode}`;
  const text = `Kính gửi ${d.agencyName},

Kiến nghị dưới đây cần được Quý cơ quan trả lời trước hết ngày ${formatDate(d.dueAt, 'vi')} (còn ${d.workingDaysLeft} ngày làm việc).
Xin trả lời qua đường dẫn trong thư thông báo đã gửi Quý cơ quan. Nếu không còn thư đó, xin liên hệ Ban Thường trực Ủy ban MTTQ để được gửi lại đường dẫn.

${factsText(d, 'vi')}

---

To ${d.agencyName},

The petition below is due by the end of ${formatDate(d.dueAt, 'en')} (${d.workingDaysLeft} working days left).
Please answer through the link in the notice we sent you; if you no longer have it, ask the Front's standing committee to send it again.

${factsText(d, 'en')}
`;
  const vi = html`<p>Kính gửi ${d.agencyName},</p>
    <p>
      Kiến nghị dưới đây cần được Quý cơ quan trả lời trước hết ngày
      <b>${formatDate(d.dueAt, 'vi')}</b> (còn ${d.workingDaysLeft} ngày làm việc).
    </p>
    ${factsTable(d, 'vi')}
    <p>
      Xin trả lời qua đường dẫn trong thư thông báo đã gửi Quý cơ quan. Nếu không còn thư đó, xin
      liên hệ Ban Thường trực Ủy ban MTTQ để được gửi lại đường dẫn.
    </p>`;
  const en = html`<p>To ${d.agencyName},</p>
    <p>
      The petition below is due by the end of <b>${formatDate(d.dueAt, 'en')}</b>
      (${d.workingDaysLeft} working days left).
    </p>
    ${factsTable(d, 'en')}
    <p>
      Please answer through the link in the notice we sent you; if you no longer have it, ask the
      Front's standing committee to send it again.
    </p>`;
  return { to: d.to, subject, text, html: wrapHtml(vi, en) };
}

export interface OverdueData extends PetitionFacts {
  to: string;
  /** The officers' item page. */
  itemUrl: string;
}

/** To the officers responsible for the place, once the deadline has passed. */
export function deadlineOverdue(d: OverdueData): OutgoingMail {
  const subject = `[Tiếng Dân] Kiến nghị quá hạn trả lời / Petition overdue — ${d.trackingCode}`;
  const text = `Kính gửi cán bộ phụ trách địa bàn,

${d.agencyName} chưa trả lời kiến nghị dưới đây, đã quá hạn ngày ${formatDate(d.dueAt, 'vi')}.
Đề nghị đôn đốc cơ quan hoặc chuyển kiến nghị cho cơ quan khác.

${factsText(d, 'vi')}

Xem kiến nghị: ${d.itemUrl}

---

To the officers for this place,

${d.agencyName} has not answered the petition below, which was due on ${formatDate(d.dueAt, 'en')}.
Please urge the agency, or route the petition to another one.

${factsText(d, 'en')}

See the petition: ${d.itemUrl}
`;
  const vi = html`<p>Kính gửi cán bộ phụ trách địa bàn,</p>
    <p>
      ${d.agencyName} chưa trả lời kiến nghị dưới đây, đã quá hạn ngày
      <b>${formatDate(d.dueAt, 'vi')}</b>. Đề nghị đôn đốc cơ quan hoặc chuyển kiến nghị cho cơ quan
      khác.
    </p>
    ${factsTable(d, 'vi')}
    <p><a href="${d.itemUrl}">Xem kiến nghị</a></p>`;
  const en = html`<p>To the officers for this place,</p>
    <p>
      ${d.agencyName} has not answered the petition below, which was due on
      <b>${formatDate(d.dueAt, 'en')}</b>. Please urge the agency, or route the petition to another
      one.
    </p>
    ${factsTable(d, 'en')}
    <p><a href="${d.itemUrl}">See the petition</a></p>`;
  return { to: d.to, subject, text, html: wrapHtml(vi, en) };
}

export interface EscalationData extends PetitionFacts {
  to: string;
  /** Whom the e-mail addresses: the superior agency's name, or the officers. */
  recipientName: string;
  workingDaysOverdue: number;
}

/** To the superior agency (or the officers above), when an overdue petition stays unanswered. */
export function deadlineEscalation(d: EscalationData): OutgoingMail {
  const subject = `[Tiếng Dân] Đề nghị chỉ đạo trả lời kiến nghị quá hạn / Escalation: petition overdue — ${d.trackingCode}`;
  const text = `Kính gửi ${d.recipientName},

${d.agencyName} chưa trả lời kiến nghị dưới đây, đã quá hạn ${d.workingDaysOverdue} ngày làm việc (hạn ${formatDate(d.dueAt, 'vi')}).
Ban Thường trực Ủy ban MTTQ đề nghị Quý cơ quan chỉ đạo ${d.agencyName} trả lời kiến nghị của cử tri.

${factsText(d, 'vi')}

---

To ${d.recipientName},

${d.agencyName} has not answered the petition below: it is ${d.workingDaysOverdue} working days overdue (due ${formatDate(d.dueAt, 'en')}).
The Front's standing committee asks you to direct ${d.agencyName} to answer the voter's petition.

${factsText(d, 'en')}
`;
  const vi = html`<p>Kính gửi ${d.recipientName},</p>
    <p>
      ${d.agencyName} chưa trả lời kiến nghị dưới đây, đã quá hạn ${d.workingDaysOverdue} ngày làm
      việc (hạn ${formatDate(d.dueAt, 'vi')}). Ban Thường trực Ủy ban MTTQ đề nghị Quý cơ quan chỉ
      đạo ${d.agencyName} trả lời kiến nghị của cử tri.
    </p>
    ${factsTable(d, 'vi')}`;
  const en = html`<p>To ${d.recipientName},</p>
    <p>
      ${d.agencyName} has not answered the petition below: it is ${d.workingDaysOverdue} working
      days overdue (due ${formatDate(d.dueAt, 'en')}). The Front's standing committee asks you to
      direct ${d.agencyName} to answer the voter's petition.
    </p>
    ${factsTable(d, 'en')}`;
  return { to: d.to, subject, text, html: wrapHtml(vi, en) };
}
