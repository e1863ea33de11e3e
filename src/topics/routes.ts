import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request } from 'express';
import type { Deps } from '../deps';
import { guard } from '../officers';
import { problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { findInScope } from '../triage';
import { who } from '../triage';
import { setTopicsInput, topicSchema, trendsQuery, trendsSchema } from './schemas';
import { listTopics, setTopics, suggestTopics } from './service';
import { computeTrends } from './trends';

const id = (req: Request) => String(req.params.id);

/** Topics of submissions (tagging, proposals) and the trends they make. */
export function topicRoutes(deps: Deps): Router {
  const router = Router();
  const officer = 'officer' as const;
  const base = '/api/v1/officer/submissions/:id';

  guard(
    router,
    { method: 'get', path: '/api/v1/officer/topics', access: officer },
    async (_req, res) => {
      res.json({ topics: await listTopics(deps) });
    },
  );

  guard(
    router,
    { method: 'post', path: `${base}/topics`, access: officer, scoped: true },
    async (req, res) => {
      // Out of scope is "not found" before anything else, even before the body is checked.
      await findInScope(deps, req.scope, id(req));
      const { topics } = parseInput(setTopicsInput, req.body);
      res.json(await setTopics(deps, who(req), id(req), topics));
    },
  );

  guard(
    router,
    { method: 'get', path: `${base}/topic-suggestions`, access: officer, scoped: true },
    async (req, res) => {
      const doc = await findInScope(deps, req.scope, id(req));
      res.json(await suggestTopics(deps, req.scope, doc));
    },
  );

  guard(
    router,
    { method: 'get', path: '/api/v1/officer/trends', access: officer },
    async (req, res) => {
      res.json(
        await computeTrends(deps, req.officer, req.scope, parseInput(trendsQuery, req.query)),
      );
    },
  );

  return router;
}

const tags = ['Topics and trends'];
const idParam = z.object({ id: z.string().openapi({ example: '6b078a679f0e69c24710a1f5' }) });
/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const topicApi: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/v1/officer/topics',
    summary: 'The topics officers tag items with',
    tags,
    responses: {
      200: {
        description: 'All topics',
        content: { 'application/json': { schema: z.object({ topics: z.array(topicSchema) }) } },
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/officer/submissions/{id}/topics',
    summary: 'Set the topics of an item (replaces them; an empty list clears them)',
    tags,
    request: {
      params: idParam,
      body: { content: { 'application/json': { schema: setTopicsInput } } },
    },
    responses: {
      200: { description: 'The item’s topics' },
      404: problemResponse('No such item in your jurisdiction'),
      422: problemResponse('Invalid input or unknown topic'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/officer/submissions/{id}/topic-suggestions',
    summary: 'Topics proposed from the item’s keywords (TF-IDF), with scores',
    tags,
    request: { params: idParam },
    responses: {
      200: { description: 'Keywords and proposed topics' },
      404: problemResponse('No such item in your jurisdiction'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/officer/trends',
    summary:
      'Most frequent topics, rising topics (exact binomial test against the previous period) and places where a topic spikes',
    tags,
    request: { query: trendsQuery },
    responses: {
      200: { description: 'Trends', content: { 'application/json': { schema: trendsSchema } } },
      404: problemResponse('No such jurisdiction in your scope'),
      422: problemResponse('Invalid period'),
    },
  },
];
