/**
 * Every way an action can be refused for a reason of the domain: a closed list.
 * Services throw `DomainError`s, never HTTP problems; each edge maps the codes
 * once, in its own table: HTTP (`HTTP_PROBLEMS` in ./errors), the SMTP edge
 * (`SMTP_REFUSALS` in src/inbound/service), the pages (`pageErrors` in
 * src/web/errors). A new code does not compile until the HTTP table has it.
 */
export const DOMAIN_ERROR_CODES = [
  'validation',
  'not-found',
  'idempotency-key-reused',
  'changed-meanwhile',
  // The resident's private link: a wrong key and a wrong status answer the same.
  'not-permitted',
  'resident-throttled',
  // Submissions, by status.
  'not-open',
  'not-awaiting',
  'not-answered',
  'not-a-petition',
  'not-a-sentiment',
  'not-with-agency',
  'already-assigned',
  'already-answered',
  'already-rated',
  // Reply links.
  'no-assignment',
  'no-reply-link',
  'reply-link-expired',
  'reply-link-revoked',
  'reply-link-rerouted',
  'reply-link-closed',
  // Administration.
  'agency-exists',
  'agency-merged',
  'rule-exists',
  'email-taken',
  // Officers signing in.
  'login-failed',
  'login-throttled',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface FieldError {
  path: string;
  message: string;
  /** zod's issue code (too_small, invalid_type…) or `unknown` for a code not in the list. */
  code?: string;
  /** The bound that was not met, for too_small and too_big. */
  limit?: number;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** What happened this time, in words (English, for logs and API clients). */
    readonly detail?: string,
    /** Which fields, for `validation`. */
    readonly fields: FieldError[] = [],
    /** For `login-throttled`: when to try again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export const fail = {
  validation: (fields: FieldError[]) =>
    new DomainError('validation', 'See `errors` for each field.', fields),
  notFound: (what = 'resource') => new DomainError('not-found', `No such ${what}.`),
  because: (code: DomainErrorCode, detail?: string) => new DomainError(code, detail),
};
