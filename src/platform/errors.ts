import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from './logger';

/**
 * Errors leave the API as RFC 9457 problem documents. `type` is a stable URI per
 * kind of problem, so clients can branch on it; `title` is the same for every
 * occurrence, `detail` explains this one.
 */
export const PROBLEM_BASE = 'https://tiengdan.example/problems/';

export interface FieldError {
  path: string;
  message: string;
  /** zod's issue code (too_small, invalid_type…) or `unknown` for a code not in the list. */
  code?: string;
  /** The bound that was not met, for too_small and too_big. */
  limit?: number;
}

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

export const problems = {
  validation: (errors: FieldError[]) =>
    new Problem(422, 'validation', 'The request is not valid', 'See `errors` for each field.', {
      errors,
    }),
  malformedJson: () => new Problem(400, 'malformed-json', 'The request body is not valid JSON'),
  tooLarge: () => new Problem(413, 'body-too-large', 'The request body is too large'),
  unsupportedMediaType: () =>
    new Problem(415, 'unsupported-media-type', 'Send the body as application/json'),
  notFound: (what = 'resource') => new Problem(404, 'not-found', 'Not found', `No such ${what}.`),
  idempotencyMismatch: () =>
    new Problem(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused with a different request',
      'This key was already used for a request with another body.',
    ),
  conflict: (type: string, title: string, detail?: string) => new Problem(409, type, title, detail),
  gone: (type: string, title: string, detail?: string) => new Problem(410, type, title, detail),
  rateLimited: () =>
    new Problem(429, 'rate-limited', 'Too many requests', 'Wait a minute and try again.'),
  unavailable: (detail?: string) =>
    new Problem(503, 'unavailable', 'The service is temporarily unavailable', detail),
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(problems.notFound(`route ${req.method} ${req.path}`));
};

/** Turns anything thrown in a handler into a problem response. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toProblem(err);
    if (problem.status >= 500) (req.log ?? logger).error({ err }, 'request failed');
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem.toJSON(req.originalUrl)));
  };
}

function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  const e = err as { type?: string; status?: number; name?: string; code?: string };
  if (e?.code === 'EBADCSRFTOKEN')
    return new Problem(403, 'csrf', 'The form has expired', 'Reload the page and try again.');
  // body-parser's errors carry a `type` of their own.
  if (e?.type === 'entity.parse.failed') return problems.malformedJson();
  if (e?.type === 'entity.too.large') return problems.tooLarge();
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return problems.unsupportedMediaType();
  if (e?.name === 'MongoServerSelectionError' || e?.name === 'MongoNetworkError')
    return problems.unavailable('The database cannot be reached.');
  return new Problem(500, 'internal', 'Internal error');
}
