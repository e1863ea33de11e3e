import { formatDateTime } from '../platform/clock';
import { html } from '../platform/html';
import type { OutgoingMail } from '../platform/mail';

/** Milestones the resident hears about as they happen, in Vietnamese then English. */
const WHAT: Record<string, { vi: string; en: string }> = {
  'agency.acknowledged': {
    vi: 'Cơ quan có thẩm quyền đã nhận kiến nghị',
    en: 'The agency acknowledged receipt',
  },
  'agency.progress': {
    vi: 'Cơ quan cho biết tiến độ giải quyết',
    en: 'The agency reported progress',
  },
  'agency.awaiting-resident': {
    vi: 'Cơ quan cần ông/bà bổ sung thông tin',
    en: 'The agency needs more information from you',
  },
  'agency.declined': {
    vi: 'Cơ quan cho rằng không thuộc thẩm quyền; Mặt trận đang chuyển cơ quan khác',
    en: 'The agency says it is not competent; the Front is finding the right one',
  },
  'resident.reopened': { vi: 'Kiến nghị được mở lại để xem xét', en: 'Your petition was reopened' },
  'resident.closed': { vi: 'Kiến nghị đã kết thúc', en: 'Your petition is closed' },
};

export function milestoneKnown(action: string): boolean {
  return action in WHAT;
}

export interface ResidentUpdateData {
  to: string;
  name?: string;
  trackingCode: string;
  title: string;
  action: string;
  by?: string;
  note?: string;
  at: Date;
  trackUrl: string;
}

export function residentUpdate(d: ResidentUpdateData): OutgoingMail {
  const what = WHAT[d.action] ?? { vi: 'Có cập nhật mới', en: 'There is an update' };
  const greetingVi = d.name ? `Kính gửi ${d.name},` : 'Kính gửi ông/bà,';
  const greetingEn = d.name ? `Dear ${d.name},` : 'Dear resident,';
  const text = `${greetingVi}

${what.vi} — "${d.title}" (mã ${d.trackingCode}), ${formatDateTime(d.at, 'vi')}${d.by ? `, ${d.by}` : ''}.
${d.note ? `\n${d.note}\n` : ''}
Xem chi tiết: ${d.trackUrl}

---

${greetingEn}

${what.en} — code ${d.trackingCode}, ${formatDateTime(d.at, 'en')}.
Details: ${d.trackUrl}
`;
  const body = html`<p>${greetingVi}</p>
    <p>
      ${what.vi} — “${d.title}” (mã <b>${d.trackingCode}</b>),
      ${formatDateTime(d.at, 'vi')}${d.by ? `, ${d.by}` : ''}.
    </p>
    ${d.note ? html`<blockquote style="white-space:pre-wrap">${d.note}</blockquote>` : ''}
    <p><a href="${d.trackUrl}">Xem chi tiết</a></p>
    <hr />
    <p lang="en" style="color:#444">
      ${greetingEn} ${what.en} — code ${d.trackingCode}. <a href="${d.trackUrl}">Details</a>
    </p>`;
  return {
    to: d.to,
    subject: `[Tiếng Dân] ${what.vi} / ${what.en} — ${d.trackingCode}`,
    text,
    html: `<!doctype html><html><body style="font-family:Arial,sans-serif;line-height:1.5;max-width:40rem">${body.value}</body></html>`,
  };
}
