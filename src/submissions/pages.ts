import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { answerAttachmentsByCode, type AttachmentLink } from '../attachments/service';
import type { Deps } from '../deps';
import { formatDate, formatDateTime } from '../platform/clock';
import type { FieldError } from '../platform/errors';
import { html, type SafeHtml } from '../platform/html';
import { parseInput } from '../platform/validate';
import { inForceFilter } from '../reference/reform';
import {
  actionLabel,
  fieldErrorText,
  fieldLabel,
  kindLabel,
  label,
  pickLang,
  statusLabel,
  type Lang,
} from '../web/i18n';
import { layout } from '../web/layout';
import { submit } from './intake';
import { petitionInput, sentimentInput } from './schemas';
import { residentUrl } from './resident-key';
import { getTracking } from './tracking';
import { canonicalTrackingCode } from './tracking-code';
import { refusalOf } from '../web/errors';

type FormValues = Record<string, string>;

/** The resident's pages: the submission form, its receipt, and the tracking page. */
export function submissionPages(deps: Deps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const lang = pickLang(req, res);
    res.send(await formPage(deps, lang, { kind: 'petition', formKey: randomUUID() }, []));
  });

  router.post('/submit', async (req, res) => {
    const lang = pickLang(req, res);
    const values = stringFields(req.body);
    const kind = values.kind === 'sentiment' ? 'sentiment' : 'petition';
    try {
      const result =
        kind === 'petition'
          ? await submit(
              deps,
              { kind, data: parseInput(petitionInput, toInput(values, true)) },
              values.formKey,
            )
          : await submit(
              deps,
              { kind, data: parseInput(sentimentInput, toInput(values, false)) },
              values.formKey,
            );
      const link = residentUrl(
        deps.config.PUBLIC_BASE_URL,
        result.trackingCode,
        result.residentKey,
      );
      res.status(201).send(receiptPage(lang, kind, result.trackingCode, link));
    } catch (err) {
      const r = refusalOf(err);
      if (r?.code !== 'validation') throw err;
      res.status(r.status).send(await formPage(deps, lang, values, r.fields));
    }
  });

  router.get('/track', (req, res) => {
    const lang = pickLang(req, res);
    const code = typeof req.query.code === 'string' ? canonicalTrackingCode(req.query.code) : null;
    if (code) return res.redirect(303, `/track/${code}`);
    const asked = typeof req.query.code === 'string';
    res.status(asked ? 404 : 200).send(lookupPage(lang, asked));
  });

  router.get('/track/:code', async (req, res) => {
    const lang = pickLang(req, res);
    const view = await getTracking(deps, req.params.code);
    if (!view) return res.status(404).send(lookupPage(lang, true));
    const files = view.answer ? await answerAttachmentsByCode(deps, view.trackingCode) : [];
    res.send(trackingPage(lang, view, req.path, files));
  });

  return router;
}

function stringFields(body: unknown): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** Form fields → the API's JSON shape; empty optional fields are left out. */
function toInput(v: FormValues, petition: boolean): unknown {
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  const submitter = {
    ...(opt(v.name) ? { name: opt(v.name) } : {}),
    ...(opt(v.email) ? { email: opt(v.email) } : {}),
    ...(opt(v.phone) ? { phone: opt(v.phone) } : {}),
  };
  return {
    title: v.title ?? '',
    body: v.body ?? '',
    categoryCode: v.categoryCode ?? '',
    jurisdictionCode: v.jurisdictionCode ?? '',
    ...(petition || Object.keys(submitter).length ? { submitter } : {}),
    shareContactWithAgency: v.shareContact === 'on',
  };
}

const T = {
  formTitle: { vi: 'Gửi kiến nghị, phản ánh', en: 'Submit a petition or a sentiment' },
  intro: {
    vi: 'Kiến nghị sẽ được chuyển đến cơ quan có thẩm quyền để trả lời. Tâm tư, nguyện vọng giúp Mặt trận nắm bắt dư luận và có thể gửi ẩn danh.',
    en: 'A petition is forwarded to the competent agency for an answer. A sentiment helps the Front follow public opinion and may be anonymous.',
  },
  errors: { vi: 'Vui lòng kiểm tra lại:', en: 'Please check:' },
  send: { vi: 'Gửi', en: 'Send' },
  contactHint: {
    vi: 'Kiến nghị cần họ tên và thư điện tử hoặc số điện thoại. Thông tin liên hệ không được công khai.',
    en: 'A petition needs a name and an e-mail or phone. Contact details are never published.',
  },
  share: {
    vi: 'Đồng ý cho cơ quan trả lời xem thông tin liên hệ của tôi',
    en: 'Let the answering agency see my contact details',
  },
  choose: { vi: '— Chọn —', en: '— Choose —' },
  thanks: { vi: 'Đã nhận ý kiến của bạn', en: 'We have received your submission' },
  keepCode: {
    vi: 'Hãy giữ mã tra cứu này để theo dõi kết quả:',
    en: 'Keep this tracking code to follow what happens:',
  },
  trackIt: { vi: 'Xem tình trạng', en: 'See its status' },
  privateLinkHint: {
    vi: 'Đường liên kết riêng của ông/bà: chỉ đường liên kết này cho phép đánh giá câu trả lời, bổ sung thông tin, rút kiến nghị, xem, sửa hoặc xoá thông tin cá nhân. Hãy giữ kín; chúng tôi cũng gửi nó trong thư báo.',
    en: 'Your private link: only this link lets you rate the answer, reply to the agency, withdraw, and see, correct or erase your personal data. Keep it private; we also send it in our messages.',
  },
  lookupTitle: { vi: 'Tra cứu kết quả', en: 'Track a submission' },
  codeLabel: { vi: 'Mã tra cứu', en: 'Tracking code' },
  notFound: {
    vi: 'Không tìm thấy mã tra cứu này. Hãy kiểm tra lại mã (ví dụ TD-7K4M-9QXP).',
    en: 'No submission has this tracking code. Check the code (e.g. TD-7K4M-9QXP).',
  },
  find: { vi: 'Tra cứu', en: 'Find' },
  status: { vi: 'Tình trạng', en: 'Status' },
  category: { vi: 'Lĩnh vực', en: 'Category' },
  place: { vi: 'Địa bàn', en: 'Place' },
  submitted: { vi: 'Ngày gửi', en: 'Submitted' },
  agency: { vi: 'Cơ quan giải quyết', en: 'Answering agency' },
  due: { vi: 'Hạn trả lời', en: 'Answer due by' },
  answer: { vi: 'Trả lời', en: 'Answer' },
  history: { vi: 'Quá trình xử lý', en: 'History' },
  when: { vi: 'Thời gian', en: 'When' },
  what: { vi: 'Nội dung', en: 'What' },
  by: { vi: 'Bởi', en: 'By' },
} as const;

async function formPage(deps: Deps, lang: Lang, v: FormValues, errors: FieldError[]) {
  const [categories, jurisdictions] = await Promise.all([
    deps.models.Category.find().sort({ code: 1 }).lean(),
    deps.models.Jurisdiction.find(inForceFilter(deps.clock.now())).lean(),
  ]);
  jurisdictions.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
  const selected = (a: string | undefined, b: string) => (a === b ? html` selected` : '');
  const body = html` <p>${T.intro[lang]}</p>
    ${
      errors.length
        ? html`<div class="errors" role="alert">
            <p>${T.errors[lang]}</p>
            <ul>
              ${errors.map((e) => html`<li>${fieldErrorText(e, lang)}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/submit">
      <input type="hidden" name="formKey" value="${v.formKey ?? randomUUID()}" />
      <fieldset>
        <legend>${fieldLabel.kind![lang]}</legend>
        <label
          ><input
            type="radio"
            name="kind"
            value="petition"
            ${v.kind !== 'sentiment' ? html` checked` : ''}
          />
          ${kindLabel.petition![lang]}</label
        >
        <label
          ><input
            type="radio"
            name="kind"
            value="sentiment"
            ${v.kind === 'sentiment' ? html` checked` : ''}
          />
          ${kindLabel.sentiment![lang]}</label
        >
      </fieldset>
      <label for="title">${fieldLabel.title![lang]}</label>
      <input
        type="text"
        id="title"
        name="title"
        minlength="5"
        maxlength="200"
        required
        value="${v.title ?? ''}"
      />
      <label for="body">${fieldLabel.body![lang]}</label>
      <textarea id="body" name="body" minlength="10" maxlength="10000" required>
${v.body ?? ''}</textarea>
      <label for="categoryCode">${fieldLabel.categoryCode![lang]}</label>
      <select id="categoryCode" name="categoryCode" required>
        <option value="">${T.choose[lang]}</option>
        ${categories.map((c) => html`<option value="${c.code}" ${selected(v.categoryCode, c.code)}>${c.name[lang]}</option>`)}
      </select>
      <label for="jurisdictionCode">${fieldLabel.jurisdictionCode![lang]}</label>
      <select id="jurisdictionCode" name="jurisdictionCode" required>
        <option value="">${T.choose[lang]}</option>
        ${jurisdictions.map(
          (j) =>
            html`<option value="${j.code}" ${selected(v.jurisdictionCode, j.code)}>
              ${'\u00a0\u00a0'.repeat(j.depth)}${j.name}
            </option>`,
        )}
      </select>
      <p class="hint">${T.contactHint[lang]}</p>
      <label for="name">${fieldLabel['submitter.name']![lang]}</label>
      <input
        type="text"
        id="name"
        name="name"
        maxlength="200"
        autocomplete="name"
        value="${v.name ?? ''}"
      />
      <label for="email">${fieldLabel['submitter.email']![lang]}</label>
      <input
        type="email"
        id="email"
        name="email"
        maxlength="254"
        autocomplete="email"
        value="${v.email ?? ''}"
      />
      <label for="phone">${fieldLabel['submitter.phone']![lang]}</label>
      <input
        type="tel"
        id="phone"
        name="phone"
        maxlength="20"
        autocomplete="tel"
        value="${v.phone ?? ''}"
      />
      <label
        ><input
          type="checkbox"
          name="shareContact"
          ${v.shareContact === 'on' ? html` checked` : ''}
        />
        ${T.share[lang]}</label
      >
      <button type="submit">${T.send[lang]}</button>
    </form>`;
  return layout({ lang, title: T.formTitle[lang], path: '/', body });
}

function receiptPage(
  lang: Lang,
  kind: 'petition' | 'sentiment',
  code: string,
  privateLink: string,
): string {
  const body = html` <div class="notice">
      <p>${kindLabel[kind]![lang]} — ${T.keepCode[lang]}</p>
      <p class="code" id="tracking-code">${code}</p>
    </div>
    <p><a href="/track/${code}">${T.trackIt[lang]}</a></p>
    <p>${T.privateLinkHint[lang]}</p>
    <p><a id="private-link" href="${privateLink}">${privateLink}</a></p>`;
  // The language switch on the receipt leads to the tracking page, keeping the code in view.
  return layout({ lang, title: T.thanks[lang], path: `/track/${code}`, body });
}

function lookupPage(lang: Lang, notFound: boolean): string {
  const body = html` ${notFound ? html`<p class="errors" role="alert">${T.notFound[lang]}</p>` : ''}
    <form method="get" action="/track">
      <label for="code">${T.codeLabel[lang]}</label>
      <input
        type="text"
        id="code"
        name="code"
        required
        placeholder="TD-XXXX-XXXX"
        autocapitalize="characters"
      />
      <button type="submit">${T.find[lang]}</button>
    </form>`;
  return layout({ lang, title: T.lookupTitle[lang], path: '/track', body });
}

/** The tracking page; `extra` is what only the resident's private page adds (its forms). */
export function trackingPage(
  lang: Lang,
  v: NonNullable<Awaited<ReturnType<typeof getTracking>>>,
  path: string,
  files: AttachmentLink[] = [],
  extra: SafeHtml | '' = '',
) {
  const body = html` <p class="code">${v.trackingCode}</p>
    <table>
      <tr>
        <th>${T.status[lang]}</th>
        <td id="status">${label(statusLabel, v.status, lang)}</td>
      </tr>
      <tr>
        <th>${fieldLabel.kind![lang]}</th>
        <td>${label(kindLabel, v.kind, lang)}</td>
      </tr>
      <tr>
        <th>${T.category[lang]}</th>
        <td>${v.category.name[lang]}</td>
      </tr>
      <tr>
        <th>${T.place[lang]}</th>
        <td>${v.jurisdiction.name}</td>
      </tr>
      <tr>
        <th>${T.submitted[lang]}</th>
        <td>${formatDateTime(new Date(v.submittedAt), lang)}</td>
      </tr>
      ${
        v.agency
          ? html`<tr>
              <th>${T.agency[lang]}</th>
              <td>${v.agency.name}</td>
            </tr>`
          : ''
      }
      ${
        v.dueAt
          ? html`<tr>
              <th>${T.due[lang]}</th>
              <td>${formatDate(new Date(v.dueAt), lang)}</td>
            </tr>`
          : ''
      }
    </table>
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
    ${v.resolution ? html`<p class="notice" id="resolution">${v.resolution}</p>` : ''} ${extra}
    <h2>${T.history[lang]}</h2>
    <table>
      <tr>
        <th>${T.when[lang]}</th>
        <th>${T.what[lang]}</th>
        <th>${T.by[lang]}</th>
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

function byLabel(by: string, lang: Lang): string {
  const roles: Record<string, { vi: string; en: string }> = {
    resident: { vi: 'Người dân', en: 'Resident' },
    system: { vi: 'Hệ thống', en: 'System' },
    officer: { vi: 'Cán bộ Mặt trận', en: 'Front officer' },
  };
  return roles[by]?.[lang] ?? by;
}

export type { Request, Response };
