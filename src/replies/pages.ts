import { Router } from 'express';
import type { Deps } from '../deps';
import { formatDate, formatDateTime } from '../platform/clock';
import { Problem, type FieldError } from '../platform/errors';
import { html } from '../platform/html';
import { parseInput } from '../platform/validate';
import { fieldErrorText, fieldLabel, pickLang, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { noStore } from './routes';
import { answerInput, type ReplyView } from './schemas';
import { recordAnswer, resolveReplyToken, type ReplyContext } from './service';
import { replyView } from './view';

/**
 * The agency's reply page: one link from an e-mail, no account, no JavaScript.
 * GET only shows (mail scanners open links); POST records the answer.
 */
export function replyPages(deps: Deps): Router {
  const router = Router();

  router.get('/reply/:token', async (req, res) => {
    noStore(res);
    const lang = pickLang(req, res);
    const ctx = await resolveReplyToken(deps, req.params.token);
    if (ctx.state !== 'open' && ctx.state !== 'answered') {
      return res
        .status(ctx.state === 'unknown' ? 404 : 410)
        .send(deadLinkPage(lang, ctx.state, req.path));
    }
    res.send(replyPage(lang, await replyView(deps, ctx), req.path, {}, []));
  });

  router.post('/reply/:token', async (req, res) => {
    noStore(res);
    const lang = pickLang(req, res);
    const values = (req.body ?? {}) as Record<string, unknown>;
    const form = {
      text: typeof values.text === 'string' ? values.text : '',
      responderName: typeof values.responderName === 'string' ? values.responderName : '',
      responderTitle: typeof values.responderTitle === 'string' ? values.responderTitle : '',
    };
    try {
      const input = parseInput(answerInput, {
        text: form.text,
        responderName: form.responderName,
        ...(form.responderTitle.trim() ? { responderTitle: form.responderTitle } : {}),
      });
      const { submission } = await recordAnswer(deps, req.params.token, input);
      res.send(thanksPage(lang, submission.trackingCode, req.path));
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      const ctx = await resolveReplyToken(deps, req.params.token);
      if (ctx.state !== 'open' && ctx.state !== 'answered')
        return res
          .status(ctx.state === 'unknown' ? 404 : 410)
          .send(deadLinkPage(lang, ctx.state, req.path));
      const errors = Array.isArray(err.extra.errors)
        ? (err.extra.errors as FieldError[])
        : [{ path: '(body)', message: err.title }];
      res
        .status(err.status)
        .send(replyPage(lang, await replyView(deps, ctx), req.path, form, errors));
    }
  });

  return router;
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
  contact: { vi: 'Liên hệ người gửi', en: "Resident's contact" },
  noContact: {
    vi: 'Người gửi không đồng ý chia sẻ thông tin liên hệ.',
    en: 'The resident did not agree to share contact details.',
  },
  send: { vi: 'Gửi trả lời', en: 'Send the answer' },
  errors: { vi: 'Vui lòng kiểm tra lại:', en: 'Please check:' },
  answered: { vi: 'Kiến nghị này đã được trả lời:', en: 'This petition has been answered:' },
  thanks: { vi: 'Đã ghi nhận trả lời', en: 'Answer recorded' },
  thanksBody: {
    vi: 'Cảm ơn Quý cơ quan. Người dân sẽ được thông báo. Mã kiến nghị:',
    en: 'Thank you. The resident will be notified. Petition code:',
  },
} as const;

const DEAD: Record<
  Exclude<ReplyContext['state'], 'open' | 'answered'>,
  { vi: string; en: string }
> = {
  unknown: {
    vi: 'Liên kết này không hợp lệ. Hãy kiểm tra lại đường dẫn trong thư, hoặc liên hệ Ban Thường trực Ủy ban MTTQ đã gửi thư.',
    en: 'This link is not valid. Check the address in the e-mail, or contact the Front committee that sent it.',
  },
  expired: {
    vi: 'Liên kết này đã hết hạn. Vui lòng liên hệ Ban Thường trực Ủy ban MTTQ để được gửi liên kết mới.',
    en: 'This link has expired. Please contact the Front committee to receive a new one.',
  },
  revoked: {
    vi: 'Liên kết này đã bị thu hồi. Nếu Quý cơ quan vẫn cần trả lời, vui lòng liên hệ Ban Thường trực Ủy ban MTTQ.',
    en: 'This link was revoked. If you still need to answer, please contact the Front committee.',
  },
  closed: {
    vi: 'Kiến nghị này không còn được giao cho Quý cơ quan qua liên kết này (đã chuyển cơ quan khác hoặc đã kết thúc). Không cần thao tác thêm.',
    en: 'This petition is no longer assigned to you through this link (it was re-routed or closed). Nothing more is needed.',
  },
};

function deadLinkPage(lang: Lang, state: keyof typeof DEAD, path: string): string {
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

function replyPage(
  lang: Lang,
  v: ReplyView,
  path: string,
  form: { text?: string; responderName?: string; responderTitle?: string },
  errors: FieldError[],
): string {
  const body = html` <p>${T.intro[lang]}</p>
    <table>
      <tr>
        <th>${lang === 'vi' ? 'Mã' : 'Code'}</th>
        <td>${v.trackingCode}</td>
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
    </table>
    <h2>${v.title}</h2>
    <div class="body">${v.body}</div>
    ${
      v.answer
        ? html`<h2>${T.answered[lang]}</h2>
            <p>${v.answer.responderName} — ${formatDateTime(new Date(v.answer.at), lang)}</p>
            <div class="answer" id="answer">${v.answer.text}</div>`
        : html` ${
              errors.length
                ? html`<div class="errors" role="alert">
                    <p>${T.errors[lang]}</p>
                    <ul>
                      ${errors.map((e) => html`<li>${fieldErrorText(e, lang)}</li>`)}
                    </ul>
                  </div>`
                : ''
            }
            <form method="post" action="${path}">
              <label for="text">${fieldLabel.text![lang]}</label>
              <textarea id="text" name="text" required minlength="10" maxlength="20000">
${form.text ?? ''}</textarea>
              <label for="responderName">${fieldLabel.responderName![lang]}</label>
              <input
                type="text"
                id="responderName"
                name="responderName"
                required
                maxlength="200"
                value="${form.responderName ?? ''}"
              />
              <label for="responderTitle">${fieldLabel.responderTitle![lang]}</label>
              <input
                type="text"
                id="responderTitle"
                name="responderTitle"
                maxlength="200"
                value="${form.responderTitle ?? ''}"
              />
              <button type="submit">${T.send[lang]}</button>
            </form>`
    }`;
  return layout({ lang, title: T.title[lang], path, body });
}

function thanksPage(lang: Lang, code: string, path: string): string {
  return layout({
    lang,
    title: T.thanks[lang],
    path,
    body: html`<p class="notice">${T.thanksBody[lang]} <strong>${code}</strong></p>`,
  });
}
