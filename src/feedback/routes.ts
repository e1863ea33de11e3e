import { Router } from 'express';
import type { Deps } from '../deps';
import { html, type SafeHtml } from '../platform/html';
import { problemResponse, registry } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { pickLang, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { supplyInformation } from './info';
import { infoInput, RATING_REASONS, ratingInput } from './schemas';
import { rateAnswer } from './service';
import { refusalLine, refusalOf } from '../web/errors';

const T = {
  title: { vi: 'Đánh giá câu trả lời', en: 'Rate the answer' },
  contact: {
    vi: 'Thư điện tử hoặc số điện thoại đã dùng khi gửi',
    en: 'The e-mail or phone you gave',
  },
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
  back: { vi: 'Xem tình trạng', en: 'See the status' },
  infoTitle: { vi: 'Bổ sung thông tin cho cơ quan', en: 'Reply to the agency' },
  question: { vi: 'Cơ quan đề nghị bổ sung:', en: 'The agency asks:' },
  info: { vi: 'Thông tin bổ sung', en: 'Your reply' },
  sendInfo: { vi: 'Gửi thông tin', en: 'Send' },
} as const;

const REASONS: Record<(typeof RATING_REASONS)[number], { vi: string; en: string }> = {
  vague: { vi: 'Trả lời chung chung', en: 'Vague' },
  'no-evidence': { vi: 'Không có căn cứ', en: 'No evidence' },
  'not-done': { vi: 'Chưa được thực hiện', en: 'Not done' },
  'wrong-agency': { vi: 'Không đúng cơ quan', en: 'Wrong agency' },
  other: { vi: 'Khác', en: 'Other' },
};

/** The rating form shown under an answer on the tracking page. */
export function ratingForm(lang: Lang, code: string): SafeHtml {
  return html`<h2>${T.title[lang]}</h2>
    <form method="post" action="/track/${code}/rating">
      <label for="contact">${T.contact[lang]}</label>
      <input type="text" id="contact" name="contact" required autocomplete="email" />
      <label
        ><input type="radio" name="satisfied" value="yes" checked /> ${T.satisfied[lang]}</label
      >
      <label><input type="radio" name="satisfied" value="no" /> ${T.notSatisfied[lang]}</label>
      <label for="reason">${T.reason[lang]}</label>
      <select id="reason" name="reason">
        <option value=""></option>
        ${RATING_REASONS.map((r) => html`<option value="${r}">${REASONS[r][lang]}</option>`)}
      </select>
      <label for="comment">${T.comment[lang]}</label>
      <textarea id="comment" name="comment" maxlength="2000"></textarea>
      <button type="submit">${T.send[lang]}</button>
    </form>`;
}

/** The agency's question and the form to answer it, on the tracking page. */
export function infoForm(lang: Lang, code: string, question: string): SafeHtml {
  return html`<h2>${T.infoTitle[lang]}</h2>
    <p>${T.question[lang]}</p>
    <blockquote class="answer" id="question">${question}</blockquote>
    <form method="post" action="/track/${code}/info">
      <label for="info-contact">${T.contact[lang]}</label>
      <input type="text" id="info-contact" name="contact" required autocomplete="email" />
      <label for="info-text">${T.info[lang]}</label>
      <textarea id="info-text" name="text" required minlength="5" maxlength="5000"></textarea>
      <button type="submit">${T.sendInfo[lang]}</button>
    </form>`;
}

/** What a resident's form post did, with the way back to the tracking page. */
function outcomePage(lang: Lang, title: string, back: string, message: string, isError: boolean) {
  const box = isError
    ? html`<p class="errors" role="alert">${message}</p>`
    : html`<p class="notice" role="status">${message}</p>`;
  return layout({
    lang,
    title,
    path: back,
    body: html`${box}
      <p><a href="${back}">${T.back[lang]}</a></p>`,
  });
}

/** The resident rates the answer: page form and JSON. */
export function feedbackRoutes(deps: Deps): Router {
  const router = Router();

  router.post('/api/v1/track/:code/rating', async (req, res) => {
    const s = await rateAnswer(deps, req.params.code, parseInput(ratingInput, req.body));
    res.json({ trackingCode: s.trackingCode, status: s.status });
  });

  router.post('/api/v1/track/:code/info', async (req, res) => {
    const s = await supplyInformation(deps, req.params.code, parseInput(infoInput, req.body));
    res.json({ trackingCode: s.trackingCode, status: s.status });
  });

  router.post('/track/:code/info', async (req, res) => {
    const lang = pickLang(req, res);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const back = `/track/${encodeURIComponent(req.params.code)}`;
    try {
      await supplyInformation(
        deps,
        req.params.code,
        parseInput(infoInput, {
          contact: typeof b.contact === 'string' ? b.contact : '',
          text: typeof b.text === 'string' ? b.text : '',
        }),
      );
      res.redirect(303, back);
    } catch (err) {
      const r = refusalOf(err);
      if (!r || r.status === 404) throw err;
      res
        .status(r.status)
        .send(outcomePage(lang, T.infoTitle[lang], back, refusalLine(r, lang), true));
    }
  });

  router.post('/track/:code/rating', async (req, res) => {
    const lang = pickLang(req, res);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
    const back = `/track/${encodeURIComponent(req.params.code)}`;
    try {
      const s = await rateAnswer(
        deps,
        req.params.code,
        parseInput(ratingInput, {
          contact: str(b.contact) ?? '',
          satisfied: b.satisfied !== 'no',
          ...(str(b.reason) ? { reason: str(b.reason) } : {}),
          ...(str(b.comment) ? { comment: str(b.comment) } : {}),
        }),
      );
      const msg = s.status === 'reopened' ? T.reopened[lang] : T.thanks[lang];
      res.send(outcomePage(lang, T.title[lang], back, msg, false));
    } catch (err) {
      const r = refusalOf(err);
      if (!r || r.status === 404) throw err;
      res.status(r.status).send(outcomePage(lang, T.title[lang], back, refusalLine(r, lang), true));
    }
  });

  return router;
}

registry.registerPath({
  method: 'post',
  path: '/api/v1/track/{code}/rating',
  summary: 'The resident rates the answer: satisfied closes it, not satisfied reopens it',
  tags: ['Residents'],
  request: {
    params: z.object({ code: z.string() }),
    body: { content: { 'application/json': { schema: ratingInput } } },
  },
  responses: {
    200: { description: 'Rated' },
    403: problemResponse('Not the contact given with the submission'),
    404: problemResponse('No such tracking code'),
    409: problemResponse('Not answered, or already rated'),
    422: problemResponse('Invalid rating'),
  },
});

registry.registerPath({
  method: 'post',
  path: '/api/v1/track/{code}/info',
  summary: "The resident answers the agency's question; the deadline resumes",
  tags: ['Residents'],
  request: {
    params: z.object({ code: z.string() }),
    body: { content: { 'application/json': { schema: infoInput } } },
  },
  responses: {
    200: { description: 'Sent to the agency' },
    403: problemResponse('Not the contact given with the submission'),
    409: problemResponse('No information is awaited'),
  },
});
