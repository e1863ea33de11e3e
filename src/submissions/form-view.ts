import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps';
import { formatNumber } from '../platform/clock';
import type { FieldError } from '../platform/errors';
import { html, type SafeHtml } from '../platform/html';
import { inForceFilter } from '../reference';
import { fieldErrorText, fieldLabel, kindLabel, type Lang } from '../web/i18n';
import { layout } from '../web/layout';
import { T } from './page-texts';

export type FormValues = Record<string, string>;

/** The longest text a submission may have (src/submissions/schemas.ts). */
export const BODY_MAX = 10_000;

/** The form field (its id) where the error on an API path is shown. */
const FIELD_OF: Record<string, string> = {
  title: 'title',
  body: 'body',
  categoryCode: 'categoryCode',
  jurisdictionCode: 'jurisdictionCode',
  'submitter.name': 'name',
  'submitter.email': 'email',
  'submitter.phone': 'phone',
  submitter: 'email',
  'submitter.notifyBy': 'notifyBy',
};

/** Errors by field id, each already in words; unknown paths go to the summary only. */
function errorsByField(errors: FieldError[], lang: Lang): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of errors) {
    const id = FIELD_OF[e.path] ?? 'form';
    out.set(id, [...(out.get(id) ?? []), fieldErrorText(e, lang)]);
  }
  return out;
}

/**
 * The submission form. On an error every field keeps what was typed, each wrong
 * field says what is wrong next to it (aria-invalid, aria-describedby) and a
 * summary at the top links to them. Limits are said, never enforced by cutting
 * text (no maxlength on the details): the server says when it is too long.
 */
export async function formPage(
  deps: Deps,
  lang: Lang,
  v: FormValues,
  errors: FieldError[],
): Promise<string> {
  const [categories, jurisdictions] = await Promise.all([
    deps.models.Category.find().sort({ code: 1 }).lean(),
    deps.models.Jurisdiction.find(inForceFilter(deps.clock.now())).lean(),
  ]);
  jurisdictions.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
  const byField = errorsByField(errors, lang);
  const selected = (a: string | undefined, b: string) => (a === b ? html` selected` : '');
  const checked = (on: boolean) => (on ? html` checked` : '');
  /** aria attributes and hint/error ids of a field. */
  const aria = (id: string, hint?: boolean) => {
    const ids = [hint ? `${id}-hint` : '', byField.has(id) ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
    return html`${byField.has(id) ? html` aria-invalid="true"` : ''}${
      ids ? html` aria-describedby="${ids}"` : ''
    }`;
  };
  const error = (id: string): SafeHtml | string =>
    byField.has(id)
      ? html`<p class="field-error" id="${id}-error">${byField.get(id)!.join('; ')}</p>`
      : '';
  const text = (id: string, type: string, label: string, extra: SafeHtml, hint?: string) =>
    html`<label for="${id}">${label}</label>
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''} ${error(id)}
      <input
        type="${type}"
        id="${id}"
        name="${id}"
        value="${v[id] ?? ''}"
        ${extra}${aria(id, !!hint)}
      />`;
  const notify = v.notifyBy ?? '';
  const body = html` <p>${T.intro[lang]}</p>
    ${
      errors.length
        ? html`<div class="errors" role="alert" id="error-summary" tabindex="-1">
            <p>${T.errors[lang]}</p>
            <ul>
              ${[...byField].map(([id, texts]) =>
                texts.map((t) =>
                  id === 'form' ? html`<li>${t}</li>` : html`<li><a href="#${id}">${t}</a></li>`,
                ),
              )}
            </ul>
          </div>`
        : ''
    }
    <form method="post" action="/submit" novalidate>
      <input type="hidden" name="formKey" value="${v.formKey ?? randomUUID()}" />
      <input type="hidden" name="lang" value="${lang}" />
      <fieldset>
        <legend>${fieldLabel.kind![lang]}</legend>
        <label class="choice"
          ><input type="radio" name="kind" value="petition" ${checked(v.kind !== 'sentiment')} />
          ${kindLabel.petition![lang]}</label
        >
        <label class="choice"
          ><input type="radio" name="kind" value="sentiment" ${checked(v.kind === 'sentiment')} />
          ${kindLabel.sentiment![lang]}</label
        >
      </fieldset>
      ${text('title', 'text', fieldLabel.title![lang], html`required`, T.titleHint[lang])}
      <label for="body">${fieldLabel.body![lang]}</label>
      <p class="hint" id="body-hint">
        ${T.bodyHint[lang].replace('{max}', formatNumber(BODY_MAX, lang))}
      </p>
      ${error('body')}
      <textarea id="body" name="body" required ${aria('body', true)}>${v.body ?? ''}</textarea>
      <label for="categoryCode">${fieldLabel.categoryCode![lang]}</label>
      ${error('categoryCode')}
      <select id="categoryCode" name="categoryCode" required ${aria('categoryCode')}>
        <option value="">${T.choose[lang]}</option>
        ${categories.map((c) => html`<option value="${c.code}" ${selected(v.categoryCode, c.code)}>${c.name[lang]}</option>`)}
      </select>
      <label for="jurisdictionCode">${fieldLabel.jurisdictionCode![lang]}</label>
      ${error('jurisdictionCode')}
      <select id="jurisdictionCode" name="jurisdictionCode" required ${aria('jurisdictionCode')}>
        <option value="">${T.choose[lang]}</option>
        ${jurisdictions.map(
          (j) =>
            html`<option value="${j.code}" ${selected(v.jurisdictionCode, j.code)}>
              ${'\u00a0\u00a0'.repeat(j.depth)}${j.name}
            </option>`,
        )}
      </select>
      <p class="hint" id="contact-hint">${T.contactHint[lang]}</p>
      ${text('name', 'text', fieldLabel['submitter.name']![lang], html`autocomplete="name"`)}
      ${text('email', 'email', fieldLabel['submitter.email']![lang], html`autocomplete="email"`)}
      ${text('phone', 'tel', fieldLabel['submitter.phone']![lang], html`autocomplete="tel"`)}
      <fieldset id="notifyBy" ${aria('notifyBy', true)}>
        <legend>${T.notifyBy[lang]}</legend>
        <p class="hint" id="notifyBy-hint">${T.notifyHint[lang]}</p>
        ${error('notifyBy')}
        ${(['email', 'sms', 'none'] as const).map(
          (c) =>
            html`<label class="choice"
              ><input type="radio" name="notifyBy" value="${c}" ${checked(notify === c)} />
              ${{ email: T.byEmail, sms: T.bySms, none: T.byNone }[c][lang]}</label
            >`,
        )}
      </fieldset>
      <label class="choice"
        ><input type="checkbox" name="shareContact" ${checked(v.shareContact === 'on')} />
        ${T.share[lang]}</label
      >
      <button type="submit">${T.send[lang]}</button>
    </form>`;
  return layout({ lang, title: T.formTitle[lang], path: '/', body });
}
