import { ATTACHMENT_LIMITS } from '../attachments';
import { formatDate, formatDateTime } from '../platform/clock';
import type { FieldError } from '../platform/errors';
import { html } from '../platform/html';
import {
  actionLabel,
  fieldErrorText,
  fieldLabel,
  label,
  statusLabel,
  type Lang,
} from '../web/i18n';
import { layout } from '../web/layout';
import type { ReplyView } from './schemas';
import type { DeadLinkState } from './service';

/** The agency's reply page and its companions: pure views, from data to HTML. */
/** Which form of the page a post came from. */
export type Section = 'answer' | 'progress' | 'decline' | 'ask';

export interface PageState {
  notice?: string;
  section?: Section;
  values?: Record<string, string>;
  errors?: FieldError[];
}

const T = {
  title: { vi: 'Trả lời kiến nghị của cử tri', en: "Answer a voter's petition" },
  intro: {
    vi: 'Mặt trận Tổ quốc chuyển đến Quý cơ quan kiến nghị dưới đây. Vui lòng trả lời trước hạn.',
    en: 'The Fatherland Front forwards the petition below to your agency. Please answer before the due date.',
  },
  due: { vi: 'Hạn trả lời', en: 'Due by' },
  submitted: { vi: 'Ngày gửi', en: 'Submitted' },
  category: { vi: 'Lĩnh vực', en: 'Category' },
  place: { vi: 'Địa bàn', en: 'Place' },
  status: { vi: 'Tình trạng', en: 'Status' },
  contact: { vi: 'Liên hệ người gửi', en: "Resident's contact" },
  noContact: {
    vi: 'Người gửi không đồng ý chia sẻ thông tin liên hệ.',
    en: 'The resident did not agree to share contact details.',
  },
  updates: { vi: 'Quý cơ quan đã báo', en: 'What you reported' },
  ackTitle: { vi: '1. Xác nhận đã nhận', en: '1. Acknowledge receipt' },
  ackHint: {
    vi: 'Người dân được báo rằng Quý cơ quan đã nhận kiến nghị.',
    en: 'The resident is told that you received the petition.',
  },
  ack: { vi: 'Xác nhận đã nhận', en: 'Acknowledge receipt' },
  acked: { vi: 'Quý cơ quan đã xác nhận nhận kiến nghị.', en: 'You acknowledged receipt.' },
  progressTitle: { vi: '2. Báo cáo tiến độ', en: '2. Report progress' },
  progressHint: {
    vi: 'Có thể báo nhiều lần. Người dân được thông báo mỗi lần.',
    en: 'You may report more than once. The resident is told each time.',
  },
  progressText: { vi: 'Đang thực hiện', en: 'What is being done' },
  sendProgress: { vi: 'Gửi báo cáo tiến độ', en: 'Send the progress report' },
  askTitle: {
    vi: 'Đề nghị người dân bổ sung thông tin',
    en: 'Ask the resident for more information',
  },
  askHint: {
    vi: 'Thời hạn trả lời tạm dừng trong khi chờ người dân bổ sung.',
    en: 'The deadline pauses while you wait for the resident.',
  },
  askQuestion: { vi: 'Nội dung cần bổ sung', en: 'What you need' },
  askSend: { vi: 'Gửi đề nghị', en: 'Send the request' },
  answerTitle: { vi: '3. Trả lời chính thức', en: '3. The answer' },
  files: {
    vi: `Tệp đính kèm (PDF, PNG, JPEG; tối đa ${ATTACHMENT_LIMITS.maxFiles} tệp, mỗi tệp ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB)`,
    en: `Attachments (PDF, PNG, JPEG; at most ${ATTACHMENT_LIMITS.maxFiles} files of ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB each)`,
  },
  send: { vi: 'Gửi trả lời', en: 'Send the answer' },
  declineTitle: { vi: 'Không thuộc thẩm quyền?', en: 'Not within your competence?' },
  declineHint: {
    vi: 'Ghi rõ cơ quan có thẩm quyền (tên hoặc mã). Kiến nghị được trả về Mặt trận để chuyển đúng nơi; đường dẫn này sẽ đóng.',
    en: 'Name the competent agency (name or code). The petition goes back to the Front to be re-routed; this link then closes.',
  },
  sendDecline: { vi: 'Báo không thuộc thẩm quyền', en: 'Decline as not competent' },
  errors: { vi: 'Vui lòng kiểm tra lại:', en: 'Please check:' },
  answered: { vi: 'Kiến nghị này đã được trả lời:', en: 'This petition has been answered:' },
  thanks: { vi: 'Đã ghi nhận trả lời', en: 'Answer recorded' },
  thanksBody: {
    vi: 'Cảm ơn Quý cơ quan. Người dân sẽ được thông báo. Mã kiến nghị:',
    en: 'Thank you. The resident will be notified. Petition code:',
  },
} as const;

const NOTICE: Record<string, { vi: string; en: string }> = {
  acknowledged: {
    vi: 'Đã ghi nhận: Quý cơ quan đã nhận kiến nghị. Người dân sẽ được thông báo.',
    en: 'Recorded: you acknowledged receipt. The resident will be told.',
  },
  'acknowledged-already': {
    vi: 'Quý cơ quan đã xác nhận trước đó; không có gì thay đổi.',
    en: 'You had acknowledged it already; nothing changed.',
  },
  asked: {
    vi: 'Đã gửi câu hỏi cho người dân. Thời hạn trả lời tạm dừng cho đến khi người dân bổ sung.',
    en: 'Your question was sent to the resident. The deadline pauses until they reply.',
  },
  'asked-already': {
    vi: 'Đang chờ người dân bổ sung thông tin; không có gì thay đổi.',
    en: 'Already waiting for the resident; nothing changed.',
  },
  progress: {
    vi: 'Đã ghi nhận báo cáo tiến độ. Người dân sẽ được thông báo.',
    en: 'Progress recorded. The resident will be told.',
  },
};

const DEAD: Record<DeadLinkState, { vi: string; en: string }> = {
  unknown: {
    vi: 'Liên kết này không hợp lệ. Hãy kiểm tra lại đường dẫn trong thư, hoặc liên hệ Ban Thường trực Ủy ban MTTQ đã gửi thư.',
    en: 'This link is not valid. Check the address in the e-mail, or contact the Front committee that sent it.',
  },
  expired: {
    vi: 'Liên kết này đã hết hạn. Vui lòng liên hệ Ban Thường trực Ủy ban MTTQ để được gửi liên kết mới.',
    en: 'This link has expired. Please contact the Front committee to receive a new one.',
  },
  revoked: {
    vi: 'Liên kết này đã bị thu hồi. Nếu Quý cơ quan đã nhận thư mới, hãy dùng đường dẫn trong thư mới nhất; nếu không, vui lòng liên hệ Ban Thường trực Ủy ban MTTQ.',
    en: 'This link was revoked. If you received a newer e-mail, use the link in the latest one; otherwise please contact the Front committee.',
  },
  rerouted: {
    vi: 'Kiến nghị này đã được chuyển cho cơ quan khác giải quyết, không còn được giao cho Quý cơ quan. Không cần thao tác thêm.',
    en: 'This petition was passed to another agency. Nothing more is needed from you.',
  },
  closed: {
    vi: 'Kiến nghị này đã kết thúc đối với Quý cơ quan (Quý cơ quan đã báo không thuộc thẩm quyền, hoặc Mặt trận đã rút lại hay kết thúc kiến nghị). Không cần thao tác thêm.',
    en: 'This petition is closed for your agency (you declined it, or the Front withdrew or closed it). Nothing more is needed.',
  },
};

/** Attachment problems, in words for the clerk (other fields use the shared texts). */
function errorText(e: FieldError, lang: Lang): string {
  const vi = lang === 'vi';
  const mb = ATTACHMENT_LIMITS.maxBytes / 1024 / 1024;
  const file = e.message.includes(':') ? `${e.message.split(':')[0]}: ` : '';
  switch (e.code) {
    case 'attachment-type':
      return `${file}${vi ? 'chỉ nhận tệp PDF, PNG hoặc JPEG' : 'only PDF, PNG and JPEG files are accepted'}`;
    case 'attachment-size':
      return `${file}${vi ? `tệp lớn hơn ${mb} MB` : `larger than ${mb} MB`}`;
    case 'attachment-empty':
      return `${file}${vi ? 'tệp rỗng' : 'the file is empty'}`;
    case 'attachment-count':
      return vi
        ? `Tối đa ${ATTACHMENT_LIMITS.maxFiles} tệp đính kèm`
        : `At most ${ATTACHMENT_LIMITS.maxFiles} attachments`;
    case 'past-date':
      return `${fieldLabel.expectedBy![lang]}: ${vi ? 'không được trước hôm nay' : 'must be today or later'}`;
  }
  if (e.path === '(body)') return e.message;
  return fieldErrorText(e, lang);
}

export function deadLinkPage(lang: Lang, state: DeadLinkState, path: string): string {
  const title = lang === 'vi' ? 'Liên kết không sử dụng được' : 'This link cannot be used';
  return layout({
    lang,
    title,
    path,
    body: html`<p class="errors" role="alert" id="link-state" data-state="${state}">
      ${DEAD[state][lang]}
    </p>`,
  });
}

export function tooManyPage(lang: Lang, path: string): string {
  return layout({
    lang,
    title: lang === 'vi' ? 'Quá nhiều yêu cầu' : 'Too many requests',
    path,
    body: html`<p class="errors" role="alert">
      ${
        lang === 'vi'
          ? 'Có quá nhiều liên kết không hợp lệ được thử từ địa chỉ này. Vui lòng thử lại sau ít phút.'
          : 'Too many invalid links were tried from this address. Please try again in a few minutes.'
      }
    </p>`,
  });
}

function errorBox(lang: Lang, errors: FieldError[]) {
  return errors.length
    ? html`<div class="errors" role="alert">
        <p>${T.errors[lang]}</p>
        <ul>
          ${errors.map((e) => html`<li>${errorText(e, lang)}</li>`)}
        </ul>
      </div>`
    : '';
}

export function replyPage(lang: Lang, v: ReplyView, base: string, state: PageState): string {
  const errorsIn = (s: Section) => (state.section === s ? errorBox(lang, state.errors ?? []) : '');
  const val = (s: Section, name: string) =>
    state.section === s ? (state.values?.[name] ?? '') : '';
  const facts = html`<table>
    <tr>
      <th>${lang === 'vi' ? 'Mã' : 'Code'}</th>
      <td>${v.trackingCode}</td>
    </tr>
    <tr>
      <th>${T.status[lang]}</th>
      <td id="status">${label(statusLabel, v.status, lang)}</td>
    </tr>
    <tr>
      <th>${T.category[lang]}</th>
      <td>${v.category}</td>
    </tr>
    <tr>
      <th>${T.place[lang]}</th>
      <td>${v.jurisdiction}</td>
    </tr>
    <tr>
      <th>${T.submitted[lang]}</th>
      <td>${formatDateTime(new Date(v.submittedAt), lang)}</td>
    </tr>
    <tr>
      <th>${T.due[lang]}</th>
      <td>${formatDate(new Date(v.dueAt), lang)}</td>
    </tr>
    <tr>
      <th>${T.contact[lang]}</th>
      <td>
        ${
          v.contact
            ? [v.contact.name, v.contact.email, v.contact.phone].filter(Boolean).join(' · ')
            : T.noContact[lang]
        }
      </td>
    </tr>
  </table>`;
  const notice = state.notice && NOTICE[state.notice];
  const updates = v.updates.length
    ? html`<h2>${T.updates[lang]}</h2>
        <ul id="updates">
          ${v.updates.map(
            (u) =>
              html`<li>
                ${formatDateTime(new Date(u.at), lang)} — ${label(actionLabel, u.action, lang)}
                ${u.note ? html`<div class="body">${u.note}</div>` : ''}
              </li>`,
          )}
        </ul>`
    : '';

  const answered = v.answer
    ? html`<h2>${T.answered[lang]}</h2>
        <p>${v.answer.responderName} — ${formatDateTime(new Date(v.answer.at), lang)}</p>
        <div class="answer" id="answer">${v.answer.text}</div>
        ${
          v.answer.attachments?.length
            ? html`<ul>
                ${v.answer.attachments.map((a) => html`<li>${a.name}</li>`)}
              </ul>`
            : ''
        }`
    : '';

  const forms = v.answer
    ? ''
    : html`${state.section ? '' : errorBox(lang, state.errors ?? [])}
        <section id="acknowledge">
          <h2>${T.ackTitle[lang]}</h2>
          ${
            v.status === 'assigned'
              ? html`<p class="hint">${T.ackHint[lang]}</p>
                  <form method="post" action="${base}/acknowledge">
                    <button type="submit">${T.ack[lang]}</button>
                  </form>`
              : html`<p>${T.acked[lang]}</p>`
          }
        </section>
        <section id="progress">
          <h2>${T.progressTitle[lang]}</h2>
          <p class="hint">${T.progressHint[lang]}</p>
          ${errorsIn('progress')}
          <form method="post" action="${base}/progress">
            <label for="progress-text">${T.progressText[lang]}</label>
            <textarea id="progress-text" name="text" required minlength="10" maxlength="5000">
${val('progress', 'text')}</textarea>
            <label for="expectedBy">${fieldLabel.expectedBy![lang]}</label>
            <input
              type="date"
              id="expectedBy"
              name="expectedBy"
              required
              value="${val('progress', 'expectedBy')}"
            />
            <button type="submit">${T.sendProgress[lang]}</button>
          </form>
        </section>
        <section id="ask-resident">
          <h2>${T.askTitle[lang]}</h2>
          <p class="hint">${T.askHint[lang]}</p>
          ${errorsIn('ask')}
          <form method="post" action="${base}/ask-resident">
            <label for="question">${T.askQuestion[lang]}</label>
            <textarea id="question" name="question" required minlength="10" maxlength="2000">
${val('ask', 'question')}</textarea>
            <button type="submit">${T.askSend[lang]}</button>
          </form>
        </section>
        <section id="answer-form">
          <h2>${T.answerTitle[lang]}</h2>
          ${errorsIn('answer')}
          <form method="post" action="${base}" enctype="multipart/form-data">
            <label for="text">${fieldLabel.text![lang]}</label>
            <textarea id="text" name="text" required minlength="10" maxlength="20000">
${val('answer', 'text')}</textarea>
            <label for="responderName">${fieldLabel.responderName![lang]}</label>
            <input
              type="text"
              id="responderName"
              name="responderName"
              required
              maxlength="200"
              value="${val('answer', 'responderName')}"
            />
            <label for="responderTitle">${fieldLabel.responderTitle![lang]}</label>
            <input
              type="text"
              id="responderTitle"
              name="responderTitle"
              maxlength="200"
              value="${val('answer', 'responderTitle')}"
            />
            <label for="attachments">${T.files[lang]}</label>
            <input
              type="file"
              id="attachments"
              name="attachments"
              multiple
              accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            />
            <button type="submit">${T.send[lang]}</button>
          </form>
        </section>
        <section id="decline">
          <h2>${T.declineTitle[lang]}</h2>
          <p class="hint">${T.declineHint[lang]}</p>
          ${errorsIn('decline')}
          <form method="post" action="${base}/decline">
            <label for="suggestedAgency">${fieldLabel.suggestedAgency![lang]}</label>
            <input
              type="text"
              id="suggestedAgency"
              name="suggestedAgency"
              required
              maxlength="300"
              value="${val('decline', 'suggestedAgency')}"
            />
            <label for="reason">${fieldLabel.reason![lang]}</label>
            <textarea id="reason" name="reason" maxlength="2000">
${val('decline', 'reason')}</textarea>
            <button type="submit">${T.sendDecline[lang]}</button>
          </form>
        </section>`;

  const body = html`${notice ? html`<p class="notice" role="status">${notice[lang]}</p>` : ''}
    <p>${T.intro[lang]}</p>
    ${facts}
    <h2>${v.title}</h2>
    <div class="body">${v.body}</div>
    ${updates} ${answered} ${forms}`;
  return layout({ lang, title: T.title[lang], path: base, body });
}

export function declinedPage(lang: Lang, code: string, path: string): string {
  return layout({
    lang,
    title: lang === 'vi' ? 'Đã ghi nhận' : 'Recorded',
    path,
    body: html`<p class="notice" id="declined">
      ${
        lang === 'vi'
          ? 'Đã ghi nhận: kiến nghị không thuộc thẩm quyền của Quý cơ quan. Mặt trận sẽ chuyển đến cơ quan có thẩm quyền; đường dẫn này đã đóng. Mã kiến nghị:'
          : 'Recorded: the petition is not within your competence. The Front will pass it to the competent agency; this link is now closed. Petition code:'
      }
      <strong>${code}</strong>
    </p>`,
  });
}

export function thanksPage(lang: Lang, code: string, path: string): string {
  return layout({
    lang,
    title: T.thanks[lang],
    path,
    body: html`<p class="notice">${T.thanksBody[lang]} <strong>${code}</strong></p>`,
  });
}
