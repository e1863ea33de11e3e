import { DomainError, type DomainErrorCode, type FieldError } from '../platform/domain-errors';
import { Problem, toProblem } from '../platform/errors';
import { fieldErrorText, type Lang } from './i18n';

/**
 * The pages' edge: a refused form is shown again with what went wrong. One table
 * of the domain errors that have words of their own for residents and officers;
 * the others show the problem's title (or detail), as the API would.
 */
const PAGE_MESSAGES: Partial<Record<DomainErrorCode, Record<Lang, string>>> = {
  'not-permitted': {
    vi: 'Đường liên kết riêng này không cho phép thao tác này, hoặc thao tác không còn phù hợp với tình trạng hiện tại.',
    en: 'This private link does not allow this, or not at this stage.',
  },
  'resident-throttled': {
    vi: 'Có quá nhiều lần thử không thành công với mã này. Vui lòng thử lại sau một giờ.',
    en: 'Too many refused attempts for this code. Please try again in an hour.',
  },
  'login-failed': { vi: 'Sai thư điện tử hoặc mật khẩu.', en: 'Wrong e-mail or password.' },
  'login-throttled': {
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
    en: 'Too many failed sign-ins. Please try again in a few minutes.',
  },
};

export interface Refusal {
  status: number;
  code: string;
  title: string;
  detail?: string;
  /** For a validation error: each field. */
  fields: FieldError[];
}

/**
 * What a page shows for a refused action: a domain error or a 4xx problem of the
 * edge (a form too large…). Null for anything else (a 5xx): the caller rethrows.
 */
export function refusalOf(err: unknown): Refusal | null {
  if (!(err instanceof DomainError) && !(err instanceof Problem)) return null;
  const p = toProblem(err);
  if (p.status >= 500) return null;
  return {
    status: p.status,
    code: p.type,
    title: p.title,
    ...(p.detail ? { detail: p.detail } : {}),
    fields: err instanceof DomainError ? err.fields : [],
  };
}

/** The refusal in words: the page's own message for the code, else its title. */
export function refusalText(r: Refusal, lang: Lang): string {
  return PAGE_MESSAGES[r.code as DomainErrorCode]?.[lang] ?? r.title;
}

/** The refusal in one line: each field's error, or the refusal's words. */
export function refusalLine(r: Refusal, lang: Lang): string {
  return r.fields.length
    ? r.fields.map((e) => fieldErrorText(e, lang)).join('; ')
    : refusalText(r, lang);
}
