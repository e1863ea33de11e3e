import { Router, type Response } from 'express';
import type { Deps } from '../deps';
import { problemResponse, registry } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { answerInput, replyView as replyViewSchema } from './schemas';
import { recordAnswer, replyProblem, resolveReplyToken } from './service';
import { replyView } from './view';

/** Reply links are capabilities: never cached, never leaked through a Referer. */
export function noStore(res: Response): void {
  res.set('Cache-Control', 'no-store').set('X-Robots-Tag', 'noindex, nofollow');
}

/** The JSON twin of the agency's reply page. */
export function replyRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/api/v1/replies/:token', async (req, res) => {
    noStore(res);
    const ctx = await resolveReplyToken(deps, req.params.token);
    if (ctx.state !== 'open' && ctx.state !== 'answered') throw replyProblem(ctx.state);
    res.json(await replyView(deps, ctx));
  });

  router.post('/api/v1/replies/:token', async (req, res) => {
    noStore(res);
    const input = parseInput(answerInput, req.body);
    const { outcome, submission } = await recordAnswer(deps, req.params.token, input);
    res.status(outcome === 'recorded' ? 201 : 200).json({
      outcome,
      trackingCode: submission.trackingCode,
      status: submission.status,
    });
  });

  return router;
}

const tokenParam = z.object({
  token: z.string().openapi({ description: 'The token from the e-mailed link' }),
});
const linkErrors = {
  404: problemResponse('Unknown link'),
  410: problemResponse('Expired, revoked, or the petition was re-routed or closed'),
};

registry.registerPath({
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
});
registry.registerPath({
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
});
