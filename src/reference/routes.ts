import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Deps } from '../deps';
import { localDate } from '../platform/clock';
import { problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import type { Jurisdiction } from './model';
import { inForceFilter } from './reform';

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
    officialCode: z.string().optional(),
    validFrom: z.iso.date().optional().openapi({ description: 'In force from this day (Vietnam)' }),
    validTo: z.iso
      .date()
      .optional()
      .openapi({ description: 'Dissolved on this day: no new items may be filed under it' }),
    successorCode: z
      .string()
      .optional()
      .openapi({ description: 'The unit that took over a dissolved one' }),
  })
  .openapi('Jurisdiction');

const jurisdictionQuery = z.object({
  current: z.enum(['true', 'false']).optional().openapi({
    description: 'true: only the units in force today (what a new item may be filed under)',
  }),
});

/** Dates as the calendar days of the data files, in Vietnam. */
function viewJurisdiction(j: Jurisdiction) {
  return {
    code: j.code,
    name: j.name,
    level: j.level,
    parentCode: j.parentCode,
    path: j.path,
    depth: j.depth,
    ...(j.officialCode ? { officialCode: j.officialCode } : {}),
    ...(j.validFrom ? { validFrom: localDate(j.validFrom) } : {}),
    ...(j.validTo ? { validTo: localDate(j.validTo) } : {}),
    ...(j.successorCode ? { successorCode: j.successorCode } : {}),
  };
}

/** Public reference data: what a form needs to offer its choices. */
export function referenceRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/api/v1/categories', async (_req, res) => {
    const rows = await deps.models.Category.find({}, { _id: 0, __v: 0 }).sort({ code: 1 }).lean();
    res.set('Cache-Control', 'public, max-age=300').json(rows);
  });
  router.get('/api/v1/jurisdictions', async (req, res) => {
    const { current } = parseInput(jurisdictionQuery, req.query);
    const filter = current === 'true' ? inForceFilter(deps.clock.now()) : {};
    // Sorted by path so that each node follows its parent: a tree in reading order.
    const rows = await deps.models.Jurisdiction.find(filter).lean();
    rows.sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')));
    res.set('Cache-Control', 'public, max-age=300').json(rows.map(viewJurisdiction));
  });
  return router;
}

/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const referenceApi: RouteConfig[] = [
  {
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
  },
  {
    method: 'get',
    path: '/api/v1/jurisdictions',
    summary:
      'The jurisdiction tree (any depth), each node with its path from the root; dissolved units stay, with their successor',
    tags: ['Reference'],
    request: { query: jurisdictionQuery },
    responses: {
      200: {
        description: 'All nodes (or those in force today), parents before children',
        content: { 'application/json': { schema: z.array(jurisdictionView) } },
      },
      422: problemResponse('Invalid query'),
    },
  },
];
