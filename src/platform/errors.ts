import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, type DomainErrorCode, type FieldError } from './domain-errors';
import type { Logger } from './logger';

export type { FieldError };

/**
 * Errors leave the API as RFC 9457 problem documents. `type` is a stable URI per
 * kind of problem, so clients can branch on it; `title` is the same for every
 * occurrence, `detail` explains this one.
 */
export const PROBLEM_BASE = 'https://tiengdan.example/problems/';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: PROBLEM_BASE + this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
    };
  }
}

/** The HTTP edge's table: each domain error as a problem (status, title). */
export const HTTP_PROBLEMS: Record<DomainErrorCode, { status: number; title: string }> = {
  validation: { status: 422, title: 'The request is not valid' },
  'not-found': { status: 404, title: 'Not found' },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key reused with a different request',
  },
  'changed-meanwhile': { status: 409, title: 'The item changed meanwhile' },
  'not-permitted': {
    status: 403,
    title: 'This private link does not allow this, or not now',
  },
  'resident-throttled': { status: 429, title: 'Too many refused attempts for this tracking code' },
  'not-open': { status: 409, title: 'The item is closed' },
  'not-awaiting': { status: 409, title: 'No information is awaited' },
  'not-answered': { status: 409, title: 'There is no answer' },
  'not-a-petition': { status: 409, title: 'Only petitions are assigned' },
  'not-a-sentiment': { status: 409, title: 'This is not a sentiment' },
  'not-with-agency': { status: 409, title: 'The item is not with an agency now' },
  'already-assigned': { status: 409, title: 'Already assigned to this agency' },
  'already-answered': { status: 409, title: 'This petition has already been answered' },
  'already-rated': { status: 409, title: 'The answer was already rated' },
  'no-assignment': { status: 409, title: 'The item is not assigned to an agency' },
  'no-reply-link': { status: 409, title: 'No reply link was sent yet' },
  'reply-link-expired': { status: 410, title: 'This reply link has expired' },
  'reply-link-revoked': { status: 410, title: 'This reply link was revoked' },
  'reply-link-rerouted': { status: 410, title: 'This petition was passed to another agency' },
  'reply-link-closed': {
    status: 410,
    title: 'This petition is no longer assigned to you through this link',
  },
  'agency-exists': { status: 409, title: 'An agency with this code exists' },
  'agency-merged': { status: 409, title: 'The agency was merged' },
  'rule-exists': { status: 409, title: 'A rule for this category and jurisdiction exists' },
  'email-taken': { status: 409, title: 'An account with this e-mail exists' },
  'login-failed': { status: 401, title: 'Wrong e-mail or password' },
  'login-throttled': { status: 429, title: 'Too many failed logins' },
};

export function problemOf(err: DomainError): Problem {
  const { status, title } = HTTP_PROBLEMS[err.code];
  return new Problem(status, err.code, title, err.detail, {
    ...(err.code === 'validation' ? { errors: err.fields } : {}),
    ...(err.retryAfterSeconds !== undefined ? { retryAfter: err.retryAfterSeconds } : {}),
  });
}

export const problems = {
  malformedJson: () => new Problem(400, 'malformed-json', 'The request body is not valid JSON'),
  tooLarge: () => new Problem(413, 'body-too-large', 'The request body is too large'),
  tooManyFields: () =>
    new Problem(413, 'too-many-fields', 'The form has too many fields', 'At most 50 are read.'),
  unsupportedMediaType: () =>
    new Problem(415, 'unsupported-media-type', 'Send the body as application/json'),
  notFound: (what = 'resource') => new Problem(404, 'not-found', 'Not found', `No such ${what}.`),
  rateLimited: () =>
    new Problem(429, 'rate-limited', 'Too many requests', 'Wait a minute and try again.'),
  unavailable: (detail?: string) =>
    new Problem(503, 'unavailable', 'The service is temporarily unavailable', detail),
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(problems.notFound(`route ${req.method} ${req.path}`));
};

/**
 * Turns anything thrown in a handler into a problem response. Every 5xx gets an
 * error id, logged with the error and given to the client, so that a report of
 * one can be found in the logs.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let problem = toProblem(err);
    if (problem.status >= 500) {
      const errorId = randomUUID();
      (req.log ?? logger).error({ err, errorId }, 'request failed');
      problem = new Problem(problem.status, problem.type, problem.title, problem.detail, {
        ...problem.extra,
        errorId,
      });
    }
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem.toJSON(req.originalUrl)));
  };
}

/** A problem for anything thrown: domain errors by the table, the rest by kind. */
export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof DomainError) return problemOf(err);
  const e = err as { type?: string; status?: number; name?: string; code?: string };
  if (e?.code === 'EBADCSRFTOKEN')
    return new Problem(403, 'csrf', 'The form has expired', 'Reload the page and try again.');
  // body-parser's errors carry a `type` of their own.
  if (e?.type === 'entity.parse.failed') return problems.malformedJson();
  if (e?.type === 'entity.too.large') return problems.tooLarge();
  if (e?.type === 'parameters.too.many') return problems.tooManyFields();
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return problems.unsupportedMediaType();
  if (e?.name === 'MongoServerSelectionError' || e?.name === 'MongoNetworkError')
    return problems.unavailable('The database cannot be reached.');
  return new Problem(500, 'internal', 'Internal error');
}
