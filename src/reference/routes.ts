import { Router } from 'express';
import type { Deps } from '../deps';
import { registry } from '../platform/openapi';
import { z } from '../platform/zod';

const categoryView = z
  .object({
    code: z.string(),
    name: z.object({ vi: z.string(), en: z.string() }),
    answerWorkingDays: z.number().int(),
  })
  .openapi('Category');

const jurisdictionView = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.string(),
    parentCode: z.string().nullable(),
    path: z.array(z.string()),
    depth: z.number().int(),
  })
  .openapi('Jurisdiction');

/** Public reference data: what a form needs to offer its choices. */
export function referenceRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/api/v1/categories', async (_req, res) => {
    const rows = await deps.models.Category.find({}, { _id: 0, __v: 0 }).sort({ code: 1 }).lean();
    res.set('Cache-Control', 'public, max-age=300').json(rows);
  });
  router.get('/api/v1/jurisdictions', async (_req, res) => {
    // Sorted by path so that each node follows its parent: a tree in reading order.
    const rows = await deps.models.Jurisdiction.find({}, { _id: 0, __v: 0 }).lean();
    rows.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
    res.set('Cache-Control', 'public, max-age=300').json(rows);
  });
  return router;
}

registry.registerPath({
  method: 'get',
  path: '/api/v1/categories',
  summary: 'Categories of petitions and sentiments',
  tags: ['Reference'],
  responses: {
    200: {
      description: 'All categories',
      content: { 'application/json': { schema: z.array(categoryView) } },
    },
  },
});
registry.registerPath({
  method: 'get',
  path: '/api/v1/jurisdictions',
  summary: 'The jurisdiction tree (any depth), each node with its path from the root',
  tags: ['Reference'],
  responses: {
    200: {
      description: 'All nodes, parents before children',
      content: { 'application/json': { schema: z.array(jurisdictionView) } },
    },
  },
});
