import type { AttachmentLink } from '../attachments';
import { formatDate, formatDateTime } from '../platform/clock';
import { html, type SafeHtml } from '../platform/html';
import { actionLabel, kindLabel, label, statusLabel, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { T } from './page-texts';
import type { TrackingView } from './schemas';

/** What the resident will see next, by status: "where is my case?" in one sentence. */
export const NEXT: Record<string, { vi: string; en: string }> = {
  received: {
    vi: 'Ý kiến đang được chuyển đến nơi giải quyết.',
    en: 'It is on its way to whoever handles it.',
  },
  needs_triage: {
    vi: 'Ủy ban Mặt trận Tổ quốc đang xác định cơ quan có thẩm quyền, thường trong 3 ngày làm việc.',
    en: 'The Fatherland Front committee is finding the competent agency, usually within 3 working days.',
  },
  assigned: {
    vi: 'Cơ quan có thẩm quyền đã được thông báo và phải trả lời trước hạn dưới đây.',
    en: 'The competent agency has been told and must answer by the date below.',
  },
  acknowledged: {
    vi: 'Cơ quan đã nhận và đang giải quyết; trả lời sẽ hiện ở đây.',
    en: 'The agency has it and is working on it; the answer will appear here.',
  },
  in_progress: {
    vi: 'Cơ quan đang giải quyết; xem tiến độ và ngày dự kiến có trả lời dưới đây.',
    en: 'The agency is working on it; see its progress and expected date below.',
  },
  awaiting_resident: {
    vi: 'Cơ quan cần ông/bà bổ sung thông tin (xem câu hỏi dưới đây); thời hạn tạm dừng đến khi ông/bà trả lời.',
    en: 'The agency needs information from you (see its question below); the deadline waits for your reply.',
  },
  answered: {
    vi: 'Đã có trả lời. Xin ông/bà cho biết có hài lòng không; nếu chưa, kiến nghị sẽ được xem xét lại.',
    en: 'It has been answered. Please tell us whether you are satisfied; if not, it will be looked at again.',
  },
  reopened: {
    vi: 'Ông/bà chưa hài lòng: Ủy ban Mặt trận Tổ quốc đang xem xét lại cùng cơ quan.',
    en: 'You were not satisfied: the Fatherland Front committee is looking at it again with the agency.',
  },
  closed: { vi: 'Việc giải quyết đã kết thúc.', en: 'It is closed.' },
  rejected: {
    vi: 'Không tiếp nhận, vì lý do dưới đây.',
    en: 'Not accepted, for the reason below.',
  },
  redirected: {
    vi: 'Cần gửi theo thủ tục khác, như hướng dẫn dưới đây.',
    en: 'It must go through another procedure, as explained below.',
  },
  merged: {
    vi: 'Đã gộp với một ý kiến trùng nội dung; ông/bà nhận kết quả của ý kiến đó.',
    en: 'It was merged with one raising the same issue; you receive that one’s outcome.',
  },
  noted: {
    vi: 'Đã được ghi nhận và tổng hợp để phản ánh đến cấp có thẩm quyền.',
    en: 'It was taken into account and passed on to the authorities.',
  },
};

export type Channel = 'email' | 'sms' | 'none';

/** The receipt: the code, what happens next, when the answer is due, the resident's private link. */
export function receiptPage(
  lang: Lang,
  r: {
    kind: 'petition' | 'sentiment';
    code: string;
    channel: Channel;
    due?: { days: number; date: Date };
    privateLink: string;
  },
): string {
  const due = r.due
    ? T.dueBy[lang]
        .replace('{days}', String(r.due.days))
        .replace('{date}', formatDate(r.due.date, lang))
    : '';
  const body = html` <div class="notice">
      <p>${kindLabel[r.kind]![lang]} — ${T.keepCode[lang]}</p>
      <p class="code" id="tracking-code">${r.code}</p>
    </div>
    <h2>${T.nextTitle[lang]}</h2>
    <ol id="next-steps">
      <li>${r.kind === 'petition' ? T.nextPetition[lang] : T.nextSentiment[lang]}</li>
      ${due ? html`<li id="due">${due}</li>` : ''}
      <li>${T.toldBy[r.channel][lang]}</li>
    </ol>
    <p><a href="/track/${r.code}">${T.trackIt[lang]}</a></p>
    <p>${T.privateLinkHint[lang]}</p>
    <p><a id="private-link" href="${r.privateLink}">${r.privateLink}</a></p>`;
  // The language switch on the receipt leads to the tracking page, keeping the code in view.
  return layout({ lang, title: T.thanks[lang], path: `/track/${r.code}`, body });
}

export function lookupPage(lang: Lang, notFound: boolean, typed = ''): string {
  const body = html` ${
      notFound ? html`<p class="errors" role="alert" id="code-error">${T.notFound[lang]}</p>` : ''
    }
    <form method="get" action="/track">
      <label for="code">${T.codeLabel[lang]}</label>
      <p class="hint" id="code-hint">${T.codeHint[lang]}</p>
      <input
        type="text"
        id="code"
        name="code"
        required
        value="${typed}"
        autocapitalize="characters"
        aria-describedby="code-hint${notFound ? ' code-error' : ''}"
        ${notFound ? html`aria-invalid="true"` : ''}
      />
      <button type="submit">${T.find[lang]}</button>
    </form>`;
  return layout({ lang, title: T.lookupTitle[lang], path: '/track', body });
}

const row = (th: string, td: SafeHtml | string, id?: string) =>
  html`<tr>
    <th scope="row">${th}</th>
    <td ${id ? html`id="${id}"` : ''}>${td}</td>
  </tr>`;

/** The tracking page; `extra` is what only the resident's private page adds (its forms). */
export function trackingPage(
  lang: Lang,
  v: TrackingView,
  path: string,
  files: AttachmentLink[] = [],
  extra: SafeHtml | '' = '',
): string {
  const vi = lang === 'vi';
  const progress = v.progress.at(-1);
  const body = html` <p class="code">${v.trackingCode}</p>
    <p id="title"><b>${v.title}</b></p>
    <p class="notice" id="next">${(NEXT[v.status] ?? NEXT.received!)[lang]}</p>
    ${
      v.keptItem
        ? html`<p id="kept-item">
            ${vi ? 'Ý kiến được tiếp tục giải quyết:' : 'The item that carries on:'}
            <a href="/track/${v.keptItem.trackingCode}">${v.keptItem.trackingCode}</a> —
            “${v.keptItem.title}” — ${label(statusLabel, v.keptItem.status, lang)}
          </p>`
        : ''
    }
    <table>
      ${row(T.status[lang], label(statusLabel, v.status, lang), 'status')}
      ${row(fieldLabelKind(lang), label(kindLabel, v.kind, lang))}
      ${row(T.category[lang], v.category.name[lang])} ${row(T.place[lang], v.jurisdiction.name)}
      ${row(T.submitted[lang], formatDateTime(new Date(v.submittedAt), lang))}
      ${v.agency ? row(T.agency[lang], v.agency.name) : ''}
      ${v.dueAt ? row(T.due[lang], formatDate(new Date(v.dueAt), lang), 'due-at') : ''}
      ${
        progress?.expectedBy
          ? row(vi ? 'Dự kiến có trả lời' : 'Answer expected by', progress.expectedBy, 'expected')
          : ''
      }
    </table>
    ${
      v.progress.length
        ? html`<h2>${vi ? 'Tiến độ giải quyết' : 'Progress'}</h2>
            <ul id="progress">
              ${v.progress.map(
                (p) =>
                  html`<li>
                    ${formatDateTime(new Date(p.at), lang)}: ${p.text}
                    ${p.expectedBy ? html`(${vi ? 'dự kiến trả lời' : 'answer expected by'} ${p.expectedBy})` : ''}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    ${
      v.answer
        ? html`<h2>${T.answer[lang]}</h2>
            <p>
              ${v.answer.agency} —
              ${v.answer.responderName}${v.answer.responderTitle ? html`, ${v.answer.responderTitle}` : ''}
              — ${formatDateTime(new Date(v.answer.at), lang)}
            </p>
            <div class="answer" id="answer">${v.answer.text}</div>
            ${
              files.length
                ? html`<ul id="attachments">
                    ${files.map((f) => html`<li><a href="${f.url}" download>${f.name}</a></li>`)}
                  </ul>`
                : ''
            }`
        : ''
    }
    ${v.resolution ? html`<p class="notice" id="resolution">${v.resolution}</p>` : ''}
    ${extra ? html`<section id="danh-gia">${extra}</section>` : ''}
    <h2>${T.history[lang]}</h2>
    <table>
      <tr>
        <th scope="col">${T.when[lang]}</th>
        <th scope="col">${T.what[lang]}</th>
        <th scope="col">${T.by[lang]}</th>
      </tr>
      ${v.history.map(
        (h) =>
          html`<tr>
            <td>${formatDateTime(new Date(h.at), lang)}</td>
            <td>${label(actionLabel, h.action, lang)}</td>
            <td>${byLabel(h.by, lang)}</td>
          </tr>`,
      )}
    </table>`;
  return layout({ lang, title: T.lookupTitle[lang], path, body });
}

const fieldLabelKind = (lang: Lang) => (lang === 'vi' ? 'Loại' : 'Kind');

function byLabel(by: string, lang: Lang): string {
  const roles: Record<string, { vi: string; en: string }> = {
    resident: { vi: 'Người dân', en: 'Resident' },
    system: { vi: 'Hệ thống', en: 'System' },
    officer: { vi: 'Cán bộ Mặt trận', en: 'Front officer' },
  };
  return roles[by]?.[lang] ?? by;
}
