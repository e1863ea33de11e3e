import { Router, type Request, type Response } from 'express';
import { answerAttachmentsByCode } from '../attachments';
import type { Deps } from '../deps';
import { html, type SafeHtml } from '../platform/html';
import { parseInput } from '../platform/validate';
import { trackingPage } from '../submissions';
import { OPEN_STATUSES } from '../submissions/statuses';
import type { Submission } from '../submissions/model';
import { getTracking } from '../submissions';
import { refusalLine, refusalOf } from '../web/errors';
import { pickLang, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { supplyInformation } from './info';
import { correctContact, eraseContact, PURPOSE } from './personal-data';
import { asResident } from './proof';
import { contactPatch, infoInput, RATING_REASONS, ratingInput } from './schemas';
import { rateAnswer, withdraw } from './service';

const T = {
  title: { vi: 'Đánh giá câu trả lời', en: 'Rate the answer' },
  satisfied: { vi: 'Tôi hài lòng với câu trả lời', en: 'I am satisfied with the answer' },
  notSatisfied: { vi: 'Tôi chưa hài lòng', en: 'I am not satisfied' },
  reason: { vi: 'Lý do', en: 'Why' },
  comment: { vi: 'Ý kiến thêm', en: 'Comment' },
  send: { vi: 'Gửi đánh giá', en: 'Send' },
  thanks: { vi: 'Cảm ơn ông/bà đã đánh giá.', en: 'Thank you for your rating.' },
  reopened: {
    vi: 'Kiến nghị đã được mở lại; Mặt trận sẽ xem xét và báo lại.',
    en: 'The petition is reopened; the Front will look into it and tell you.',
  },
  back: { vi: 'Quay lại trang riêng', en: 'Back to your page' },
  infoTitle: { vi: 'Bổ sung thông tin cho cơ quan', en: 'Reply to the agency' },
  question: { vi: 'Cơ quan đề nghị bổ sung:', en: 'The agency asks:' },
  info: { vi: 'Thông tin bổ sung', en: 'Your reply' },
  sendInfo: { vi: 'Gửi thông tin', en: 'Send' },
  infoSent: { vi: 'Đã gửi thông tin cho cơ quan.', en: 'Sent to the agency.' },
  withdrawTitle: { vi: 'Rút kiến nghị', en: 'Withdraw' },
  withdraw: { vi: 'Rút kiến nghị này', en: 'Withdraw it' },
  withdrawn: { vi: 'Kiến nghị đã được rút.', en: 'It is withdrawn.' },
  dataTitle: { vi: 'Thông tin cá nhân của ông/bà', en: 'Your personal data' },
  name: { vi: 'Họ và tên', en: 'Full name' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  share: {
    vi: 'Đồng ý cho cơ quan trả lời xem thông tin liên hệ của tôi',
    en: 'Let the answering agency see my contact details',
  },
  correct: { vi: 'Lưu thay đổi', en: 'Save changes' },
  corrected: { vi: 'Đã lưu thông tin liên hệ.', en: 'Your contact data is saved.' },
  erase: { vi: 'Xoá thông tin liên hệ của tôi', en: 'Erase my contact data' },
  erased: {
    vi: 'Thông tin liên hệ đã được xoá; kiến nghị vẫn được giữ, không kèm thông tin cá nhân.',
    en: 'Your contact data is erased; the item is kept without personal data.',
  },
  erasedNote: { vi: 'Thông tin liên hệ đã được xoá.', en: 'Contact data erased.' },
  retention: {
    vi: (d: number) => `Thông tin liên hệ được tự động xoá ${d} ngày sau khi vụ việc kết thúc.`,
    en: (d: number) => `Contact data is erased automatically ${d} days after the item is closed.`,
  },
} as const;

const REASONS: Record<(typeof RATING_REASONS)[number], { vi: string; en: string }> = {
  vague: { vi: 'Trả lời chung chung', en: 'Vague' },
  'no-evidence': { vi: 'Không có căn cứ', en: 'No evidence' },
  'not-done': { vi: 'Chưa được thực hiện', en: 'Not done' },
  'wrong-agency': { vi: 'Không đúng cơ quan', en: 'Wrong agency' },
  other: { vi: 'Khác', en: 'Other' },
};

/** A form of the private page: posts to /track/<code>/<what> with the key hidden. */
function form(code: string, key: string, what: string, inner: SafeHtml): SafeHtml {
  return html`<form method="post" action="/track/${code}/${what}">
    <input type="hidden" name="key" value="${key}" />
    ${inner}
  </form>`;
}

function ratingForm(lang: Lang, code: string, key: string): SafeHtml {
  return html`<h2>${T.title[lang]}</h2>
    ${form(
      code,
      key,
      'rating',
      html`<label
          ><input type="radio" name="satisfied" value="yes" required /> ${T.satisfied[lang]}</label
        >
        <label
          ><input type="radio" name="satisfied" value="no" required />
          ${T.notSatisfied[lang]}</label
        >
        <label for="reason">${T.reason[lang]}</label>
        <select id="reason" name="reason">
          <option value=""></option>
          ${RATING_REASONS.map((r) => html`<option value="${r}">${REASONS[r][lang]}</option>`)}
        </select>
        <label for="comment">${T.comment[lang]}</label>
        <textarea id="comment" name="comment" maxlength="2000"></textarea>
        <button type="submit">${T.send[lang]}</button>`,
    )}`;
}

function infoForm(lang: Lang, code: string, key: string, question: string): SafeHtml {
  return html`<h2>${T.infoTitle[lang]}</h2>
    <p>${T.question[lang]}</p>
    <blockquote class="answer" id="question">${question}</blockquote>
    ${form(
      code,
      key,
      'info',
      html`<label for="info-text">${T.info[lang]}</label>
        <textarea id="info-text" name="text" required minlength="5" maxlength="5000"></textarea>
        <button type="submit">${T.sendInfo[lang]}</button>`,
    )}`;
}

function dataSection(deps: Deps, lang: Lang, s: Submission, key: string): SafeHtml {
  const c = s.submitter;
  const field = (name: 'name' | 'email' | 'phone', type: string) =>
    html`<label for="pd-${name}">${T[name][lang]}</label>
      <input type="${type}" id="pd-${name}" name="${name}" value="${c[name] ?? ''}" />`;
  return html`<h2>${T.dataTitle[lang]}</h2>
    <p id="purpose">${PURPOSE[lang]} ${T.retention[lang](deps.config.CONTACT_RETENTION_DAYS)}</p>
    ${
      s.contactErasedAt
        ? html`<p class="notice">${T.erasedNote[lang]}</p>`
        : html`${form(
            s.trackingCode,
            key,
            'personal-data',
            html`${field('name', 'text')} ${field('email', 'email')} ${field('phone', 'tel')}
              <label
                ><input
                  type="checkbox"
                  name="shareContact"
                  ${s.shareContactWithAgency ? html` checked` : ''}
                />
                ${T.share[lang]}</label
              >
              <button type="submit" name="action" value="correct">${T.correct[lang]}</button>
              <button type="submit" name="action" value="erase">${T.erase[lang]}</button>`,
          )}`
    }`;
}

/** What only the resident sees on their private page: the forms for what they may do now. */
function residentForms(deps: Deps, lang: Lang, s: Submission, key: string, question?: string) {
  const code = s.trackingCode;
  return html`${s.status === 'answered' ? ratingForm(lang, code, key) : ''}
  ${question !== undefined ? infoForm(lang, code, key, question) : ''}
  ${
    OPEN_STATUSES.includes(s.status)
      ? html`<h2>${T.withdrawTitle[lang]}</h2>
          ${form(code, key, 'withdraw', html`<button type="submit">${T.withdraw[lang]}</button>`)}`
      : ''
  }
  ${dataSection(deps, lang, s, key)}`;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The resident's private page and the forms it posts (the key travels in the body). */
export function feedbackPages(deps: Deps): Router {
  const router = Router();

  router.get('/track/:code/:key', async (req, res) => {
    const lang = pickLang(req, res);
    res.set('Cache-Control', 'no-store');
    try {
      const page = await asResident(deps, req.params.code, req.params.key, async (s) => {
        const view = await getTracking(deps, s.trackingCode);
        const files = view?.answer ? await answerAttachmentsByCode(deps, s.trackingCode) : [];
        const extra = residentForms(deps, lang, s, req.params.key, view?.question);
        return view ? trackingPage(lang, view, `/track/${s.trackingCode}`, files, extra) : null;
      });
      if (page) return res.send(page);
    } catch (err) {
      return refuse(req, res, lang, err, T.dataTitle[lang]);
    }
  });

  /** A form of the private page: runs `act` as the resident and shows what it did. */
  const post = (
    what: string,
    title: Record<Lang, string>,
    act: (s: Submission, b: Record<string, unknown>, lang: Lang) => Promise<string>,
  ) =>
    router.post(`/track/:code/${what}`, async (req, res) => {
      const lang = pickLang(req, res);
      const b = (req.body ?? {}) as Record<string, unknown>;
      try {
        const msg = await asResident(deps, req.params.code, b.key, (s) => act(s, b, lang));
        res.set('Cache-Control', 'no-store').send(outcome(req, lang, title[lang], msg, false));
      } catch (err) {
        refuse(req, res, lang, err, title[lang]);
      }
    });

  post('rating', T.title, async (s, b, lang) => {
    const input = parseInput(ratingInput, {
      // Nothing is pre-selected: no choice is an error, not a "satisfied".
      ...(b.satisfied === 'yes' || b.satisfied === 'no'
        ? { satisfied: b.satisfied === 'yes' }
        : {}),
      ...(str(b.reason) ? { reason: str(b.reason) } : {}),
      ...(str(b.comment) ? { comment: str(b.comment) } : {}),
    });
    const done = await rateAnswer(deps, s, input);
    return done.status === 'reopened' ? T.reopened[lang] : T.thanks[lang];
  });
  post('info', T.infoTitle, async (s, b, lang) => {
    await supplyInformation(deps, s, parseInput(infoInput, { text: str(b.text) ?? '' }));
    return T.infoSent[lang];
  });
  post('withdraw', T.withdrawTitle, async (s, b, lang) => {
    await withdraw(deps, s, str(b.reason));
    return T.withdrawn[lang];
  });
  post('personal-data', T.dataTitle, async (s, b, lang) => {
    if (b.action === 'erase') {
      await eraseContact(deps, s._id, { kind: 'resident' });
      return T.erased[lang];
    }
    const patch = parseInput(contactPatch, {
      ...(str(b.name) ? { name: str(b.name) } : {}),
      ...(str(b.email) ? { email: str(b.email) } : {}),
      ...(str(b.phone) ? { phone: str(b.phone) } : {}),
      shareContactWithAgency: b.shareContact === 'on',
    });
    await correctContact(deps, s, patch);
    return T.corrected[lang];
  });

  return router;
}

/** What a resident's form post did, with the way back to the private page. */
function outcome(req: Request, lang: Lang, title: string, message: string, isError: boolean) {
  const key = (req.body as { key?: unknown } | undefined)?.key;
  const code = encodeURIComponent(String(req.params.code));
  const back =
    typeof key === 'string' && /^[\w-]{43}$/.test(key) ? `/track/${code}/${key}` : `/track/${code}`;
  const box = isError
    ? html`<p class="errors" role="alert">${message}</p>`
    : html`<p class="notice" role="status">${message}</p>`;
  return layout({
    lang,
    title,
    path: `/track/${code}`,
    body: html`${box}
      <p><a href="${back}">${T.back[lang]}</a></p>`,
  });
}

function refuse(req: Request, res: Response, lang: Lang, err: unknown, title: string) {
  const r = refusalOf(err);
  if (!r) throw err;
  res
    .status(r.status)
    .set('Cache-Control', 'no-store')
    .send(outcome(req, lang, title, refusalLine(r, lang), true));
}
