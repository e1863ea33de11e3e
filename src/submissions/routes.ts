import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';
import { problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { submit, type IntakeResult } from './intake';
import {
  idempotencyHeader,
  petitionInput,
  sentimentInput,
  submissionCreated,
  trackingView,
} from './schemas';
import { residentUrl } from './resident-key';
import { getTracking } from './tracking';

export function submissionRoutes(deps: Deps): Router {
  const router = Router();

  router.post('/api/v1/petitions', async (req, res) => {
    const data = parseInput(petitionInput, req.body);
    const key = parseInput(idempotencyHeader, req.headers)['idempotency-key'];
    sendCreated(deps, res, await submit(deps, { kind: 'petition', data }, key));
  });

  router.post('/api/v1/sentiments', async (req, res) => {
    const data = parseInput(sentimentInput, req.body);
    const key = parseInput(idempotencyHeader, req.headers)['idempotency-key'];
    sendCreated(deps, res, await submit(deps, { kind: 'sentiment', data }, key));
  });

  router.get('/api/v1/track/:code', async (req, res) => {
    const view = await getTracking(deps, req.params.code);
    if (!view) throw fail.notFound('tracking code');
    res.json(view);
  });

  return router;
}

function sendCreated(deps: Deps, res: import('express').Response, r: IntakeResult): void {
  if (!r.created) res.setHeader('Idempotent-Replayed', 'true');
  res
    .status(201)
    .location(`/api/v1/track/${r.trackingCode}`)
    .json({
      id: r.id,
      trackingCode: r.trackingCode,
      status: r.status,
      residentKey: r.residentKey,
      residentLink: residentUrl(deps.config.PUBLIC_BASE_URL, r.trackingCode, r.residentKey),
    });
}

const intakeErrors = {
  400: problemResponse('Malformed JSON'),
  413: problemResponse('Body too large'),
  422: problemResponse(
    'Invalid input, unknown category or jurisdiction, or a reused Idempotency-Key',
  ),
  429: problemResponse('Rate limited'),
};

const submissionApiEach: RouteConfig[] = (
  [
    ['/api/v1/petitions', petitionInput, 'Submit a petition (kiến nghị) for an agency to answer'],
    [
      '/api/v1/sentiments',
      sentimentInput,
      'Voice a sentiment (tâm tư, nguyện vọng); may be anonymous',
    ],
  ] as const
).map(([path, schema, summary]) => ({
  method: 'post',
  path,
  summary,
  tags: ['Residents'],
  request: {
    headers: idempotencyHeader,
    body: { content: { 'application/json': { schema } } },
  },
  responses: {
    201: {
      description: 'Stored durably; keep the tracking code',
      content: { 'application/json': { schema: submissionCreated } },
    },
    ...intakeErrors,
  },
}));

/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const submissionApi: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/v1/track/{code}',
    summary: 'Status, history and answer of a submission, without personal data',
    tags: ['Residents'],
    request: { params: z.object({ code: z.string().openapi({ example: 'TD-7K4M-9QXP' }) }) },
    responses: {
      200: { description: 'Found', content: { 'application/json': { schema: trackingView } } },
      404: problemResponse('No such tracking code'),
    },
  },
  ...submissionApiEach,
];
