import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Deps } from '../deps';
import { problems } from '../platform/errors';
import { problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import type { Submission } from '../submissions/model';
import { acknowledge, askResident, decline, reportProgress, type ActionResult } from './actions';
import { tokenGuard, type TokenGuard } from './guard';
import {
  actionResult,
  answerInput,
  declineInput,
  progressInput,
  askInput,
  replyView as replyViewSchema,
} from './schemas';
import {
  readReplyLink,
  recordAnswer,
  replyRefusal,
  resolveReplyLink,
  type ReplyLink,
} from './service';
import { replyView } from './view';
import { DomainError } from '../platform/domain-errors';

/** Reply links are capabilities: never cached, never leaked through a Referer. */
export function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store').set('X-Robots-Tag', 'noindex, nofollow');
}

/**
 * Every handler behind a token: refused (429) while the client address is
 * blocked for guessing, and an unknown token counts as one more guess. The
 * token is resolved here, once per request, into the capability it carries;
 * the handler works with that (`link`), never with the token.
 */
export function tokenHandler(
  deps: Deps,
  guard: TokenGuard,
  handler: (req: Request, res: Response, link: ReplyLink | null) => Promise<unknown>,
  onBlocked?: (req: Request, res: Response, seconds: number) => void,
): RequestHandler {
  return async (req, res) => {
    const wait = await guard.blockedFor(clientOf(req));
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      if (onBlocked) return onBlocked(req, res, wait);
      throw problems.rateLimited();
    }
    try {
      await handler(req, res, await resolveReplyLink(deps, String(req.params.token)));
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not-found') await guard.failed(clientOf(req));
      throw err;
    }
  };
}

export const clientOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The JSON twin of the agency's reply page. */
export function replyRoutes(deps: Deps): Router {
  const router = Router();
  const guard = tokenGuard(deps.redis, deps.config.QUEUE_PREFIX);

  router.get(
    '/api/v1/replies/:token',
    tokenHandler(deps, guard, async (_req, res, link) => {
      noStore(res);
      const ctx = await readReplyLink(deps, link);
      if (ctx.state !== 'open' && ctx.state !== 'answered') throw replyRefusal(ctx.state);
      res.json(await replyView(deps, ctx));
    }),
  );

  router.post(
    '/api/v1/replies/:token',
    tokenHandler(deps, guard, async (req, res, link) => {
      noStore(res);
      const input = parseInput(answerInput, req.body);
      const { outcome, submission } = await recordAnswer(deps, link, input);
      res.status(outcome === 'recorded' ? 201 : 200).json(result(outcome, submission));
    }),
  );

  const action = (
    path: string,
    run: (req: Request, link: ReplyLink | null) => Promise<ActionResult>,
  ) =>
    router.post(
      `/api/v1/replies/:token/${path}`,
      tokenHandler(deps, guard, async (req, res, link) => {
        noStore(res);
        const { outcome, submission } = await run(req, link);
        res.status(outcome === 'recorded' ? 201 : 200).json(result(outcome, submission));
      }),
    );
  action('acknowledge', (_req, link) => acknowledge(deps, link));
  action('progress', (req, link) =>
    reportProgress(deps, link, parseInput(progressInput, req.body)),
  );
  action('decline', (req, link) => decline(deps, link, parseInput(declineInput, req.body)));
  action('ask-resident', (req, link) => askResident(deps, link, parseInput(askInput, req.body)));

  return router;
}

function result(outcome: 'recorded' | 'already', s: Submission) {
  return { outcome, trackingCode: s.trackingCode, status: s.status };
}

const tokenParam = z.object({
  token: z.string().openapi({ description: 'The token from the e-mailed link' }),
});
const linkErrors = {
  404: problemResponse('Unknown link'),
  410: problemResponse('Expired, revoked, or the petition was re-routed or closed'),
  429: problemResponse('Too many unknown links tried from this address'),
};

const replyApiEach: RouteConfig[] = (
  [
    ['acknowledge', 'Acknowledge receipt (again: no change)', undefined],
    ['progress', 'Report progress and the date the answer is expected', progressInput],
    ['ask-resident', 'Ask the resident for more information (the deadline pauses)', askInput],
    [
      'decline',
      'Not competent: name the competent agency; the petition goes back to the Front',
      declineInput,
    ],
  ] as const
).map(([path, summary, body]) => ({
  method: 'post',
  path: `/api/v1/replies/{token}/${path}`,
  summary,
  tags: ['Agencies'],
  request: {
    params: tokenParam,
    ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
  },
  responses: {
    201: {
      description: 'Recorded; the resident is told',
      content: { 'application/json': { schema: actionResult } },
    },
    200: { description: 'The same step was already recorded' },
    409: problemResponse('Already answered, or changed meanwhile'),
    422: problemResponse('Invalid input'),
    ...linkErrors,
  },
}));

/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const replyApi: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/v1/replies/{token}',
    summary: 'The petition behind a reply link (reading changes nothing)',
    tags: ['Agencies'],
    request: { params: tokenParam },
    responses: {
      200: {
        description: 'The petition',
        content: { 'application/json': { schema: replyViewSchema } },
      },
      ...linkErrors,
    },
  },
  {
    method: 'post',
    path: '/api/v1/replies/{token}',
    summary: "Record the agency's answer (a repeated identical post changes nothing)",
    tags: ['Agencies'],
    request: {
      params: tokenParam,
      body: { content: { 'application/json': { schema: answerInput } } },
    },
    responses: {
      201: {
        description: 'Answer recorded',
        content: {
          'application/json': {
            schema: z.object({
              outcome: z.enum(['recorded', 'already']),
              trackingCode: z.string(),
              status: z.string(),
            }),
          },
        },
      },
      200: { description: 'The same answer was already recorded' },
      409: problemResponse('A different answer was recorded first'),
      422: problemResponse('Invalid answer'),
      ...linkErrors,
    },
  },
  ...replyApiEach,
];
