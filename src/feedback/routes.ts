import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request } from 'express';
import type { Deps } from '../deps';
import { problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import type { Submission } from '../submissions/model';
import { supplyInformation } from './info';
import { correctContact, eraseContact, personalData } from './personal-data';
import { asResident } from './proof';
import {
  contactPatch,
  infoInput,
  personalDataView,
  ratingInput,
  residentKeyHeader,
  withdrawInput,
} from './schemas';
import { rateAnswer, withdraw } from './service';

/**
 * The resident's API: each call carries the private key (X-Resident-Key) and goes
 * through `asResident` (proof.ts).
 */
export function feedbackRoutes(deps: Deps): Router {
  const router = Router();
  const as = <T>(req: Request, act: (s: Submission) => Promise<T>) =>
    asResident(deps, String(req.params.code), req.get('x-resident-key'), act);
  const statusOf = (s: Submission) => ({ trackingCode: s.trackingCode, status: s.status });

  router.post('/api/v1/track/:code/rating', async (req, res) => {
    const input = parseInput(ratingInput, req.body);
    res.json(statusOf(await as(req, (s) => rateAnswer(deps, s, input))));
  });

  router.post('/api/v1/track/:code/info', async (req, res) => {
    const input = parseInput(infoInput, req.body);
    res.json(statusOf(await as(req, (s) => supplyInformation(deps, s, input))));
  });

  router.post('/api/v1/track/:code/withdraw', async (req, res) => {
    const input = parseInput(withdrawInput, req.body ?? {});
    res.json(statusOf(await as(req, (s) => withdraw(deps, s, input.reason))));
  });

  router.get('/api/v1/track/:code/personal-data', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await as(req, async (s) => personalData(deps, s)));
  });

  router.patch('/api/v1/track/:code/personal-data', async (req, res) => {
    const patch = parseInput(contactPatch, req.body);
    res.set('Cache-Control', 'no-store');
    res.json(await as(req, async (s) => personalData(deps, await correctContact(deps, s, patch))));
  });

  router.delete('/api/v1/track/:code/personal-data', async (req, res) => {
    await as(req, (s) => eraseContact(deps, s._id, { kind: 'resident' }));
    res.status(204).end();
  });

  return router;
}

const tags = ['Residents'];
const params = z.object({ code: z.string().openapi({ example: 'TD-7K4M-9QXP' }) });
const statusView = z.object({ trackingCode: z.string(), status: z.string() });
const refused = {
  403: problemResponse(
    'Wrong key, unknown code, or not possible in this status (one answer for all)',
  ),
  429: problemResponse('Too many refused attempts for this tracking code'),
};

const feedbackApiEach: RouteConfig[] = (
  [
    [
      '/api/v1/track/{code}/rating',
      'The resident rates the answer: satisfied closes it, not satisfied reopens it',
      ratingInput,
    ],
    ['/api/v1/track/{code}/info', "The resident answers the agency's question", infoInput],
    ['/api/v1/track/{code}/withdraw', 'The resident withdraws an open item', withdrawInput],
  ] as const
).map(([path, summary, schema]) => ({
  method: 'post',
  path,
  summary,
  tags,
  request: {
    params,
    headers: residentKeyHeader,
    body: { content: { 'application/json': { schema } } },
  },
  responses: {
    200: { description: 'Done', content: { 'application/json': { schema: statusView } } },
    ...refused,
    422: problemResponse('Invalid input'),
  },
}));

const dataResponse = {
  200: {
    description: 'The personal data kept',
    content: { 'application/json': { schema: personalDataView } },
  },
  ...refused,
};

/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const feedbackApi: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/v1/track/{code}/personal-data',
    summary: 'The resident sees the personal data kept, its purpose and retention',
    tags,
    request: { params, headers: residentKeyHeader },
    responses: dataResponse,
  },
  {
    method: 'patch',
    path: '/api/v1/track/{code}/personal-data',
    summary: 'The resident corrects their contact data',
    tags,
    request: {
      params,
      headers: residentKeyHeader,
      body: { content: { 'application/json': { schema: contactPatch } } },
    },
    responses: { ...dataResponse, 422: problemResponse('Invalid input') },
  },
  {
    method: 'delete',
    path: '/api/v1/track/{code}/personal-data',
    summary: 'The resident erases their contact data; the item is kept, de-identified',
    tags,
    request: { params, headers: residentKeyHeader },
    responses: { 204: { description: 'Erased' }, ...refused },
  },
  ...feedbackApiEach,
];
