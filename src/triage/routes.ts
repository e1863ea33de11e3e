import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request } from 'express';
import type { Deps } from '../deps';
import { guard, type OfficerRequest } from '../officers';
import { describeRoute, problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { findInScope } from './access';
import {
  addNote,
  assign,
  classify,
  convertToPetition,
  markNoted,
  merge,
  reject,
  type Who,
} from './actions';
import { runBulk } from './bulk';
import { suggestDuplicates } from './duplicates';
import { listInbox } from './inbox';
import {
  assignInput,
  bulkInput,
  classifyInput,
  inboxPage,
  inboxQuery,
  mergeInput,
  noteInput,
  rejectInput,
} from './schemas';
import { submissionDetail } from './view';

export const who = (req: OfficerRequest): Who => ({ officer: req.officer, scope: req.scope });
const id = (req: Request) => String(req.params.id);

/** The officers' triage API: thin handlers over the inbox and the actions. */
export function triageRoutes(deps: Deps): Router {
  const router = Router();
  const officer = 'officer' as const;
  const base = '/api/v1/officer/submissions/:id';

  guard(
    router,
    { method: 'get', path: '/api/v1/officer/inbox', access: officer },
    async (req, res) => {
      res.json(await listInbox(deps, req.scope, parseInput(inboxQuery, req.query)));
    },
  );

  guard(router, { method: 'get', path: base, access: officer, scoped: true }, async (req, res) => {
    const doc = await findInScope(deps, req.scope, id(req));
    res.json(await submissionDetail(deps, req.scope, doc));
  });

  guard(
    router,
    { method: 'get', path: `${base}/duplicates`, access: officer, scoped: true },
    async (req, res) => {
      const doc = await findInScope(deps, req.scope, id(req));
      res.json(await suggestDuplicates(deps, req.scope, doc));
    },
  );

  const action = (path: string, run: (req: OfficerRequest) => Promise<unknown>) =>
    guard(
      router,
      { method: 'post', path: `${base}/${path}`, access: officer, scoped: true },
      async (req, res) => {
        // Out of scope is "not found" before anything else, even before the body is checked.
        await findInScope(deps, req.scope, id(req));
        await run(req);
        const doc = await findInScope(deps, req.scope, id(req));
        res.json(await submissionDetail(deps, req.scope, doc));
      },
    );

  action('classify', (req) =>
    classify(deps, who(req), id(req), parseInput(classifyInput, req.body)),
  );
  action('assign', (req) => assign(deps, who(req), id(req), parseInput(assignInput, req.body)));
  action('reject', (req) => reject(deps, who(req), id(req), parseInput(rejectInput, req.body)));
  action('merge', (req) =>
    merge(deps, who(req), id(req), parseInput(mergeInput, req.body).duplicates),
  );
  action('convert', (req) => convertToPetition(deps, who(req), id(req)));
  action('noted', (req) => markNoted(deps, who(req), id(req)));
  action('notes', (req) => addNote(deps, who(req), id(req), parseInput(noteInput, req.body).text));

  guard(
    router,
    { method: 'post', path: '/api/v1/officer/bulk', access: officer },
    async (req, res) => {
      res.json(await runBulk(deps, who(req), parseInput(bulkInput, req.body)));
    },
  );

  return router;
}

const tags = ['Triage'];
const idParam = z.object({ id: z.string().openapi({ example: '6b078a679f0e69c24710a1f5' }) });
const triageApiEach: RouteConfig[] = (
  [
    [
      'classify',
      classifyInput,
      'Set category and legal type (complaints and denunciations are redirected)',
    ],
    ['assign', assignInput, 'Assign or re-route to a lead agency (and cooperating ones)'],
    ['reject', rejectInput, 'Reject with a reason code and a message to the resident'],
    ['merge', mergeInput, 'Merge duplicates into this item'],
    ['notes', noteInput, 'Add an internal note'],
  ] as const
).map(([path, schema, summary]) => ({
  method: 'post',
  path: `/api/v1/officer/submissions/{id}/${path}`,
  summary,
  tags,
  request: { params: idParam, body: { content: { 'application/json': { schema } } } },
  responses: {
    200: { description: 'The item after the action' },
    404: problemResponse('No such item in your jurisdiction'),
    409: problemResponse('Closed, or changed meanwhile'),
    422: problemResponse('Invalid input'),
  },
}));

/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const triageApi: RouteConfig[] = [
  describeRoute(
    'get',
    '/api/v1/officer/submissions/{id}',
    'One item in your scope: contact, history, notes, assignments, duplicates',
    'Triage',
    { ok: 'The item' },
  ),
  describeRoute(
    'get',
    '/api/v1/officer/submissions/{id}/duplicates',
    'Suggested duplicates of an item, in your scope',
    'Triage',
    { ok: 'The suggestions' },
  ),
  describeRoute(
    'post',
    '/api/v1/officer/submissions/{id}/convert',
    'Turn a sentiment into a petition (it then waits in the triage inbox)',
    'Triage',
    { ok: 'The item as changed' },
  ),
  describeRoute(
    'post',
    '/api/v1/officer/submissions/{id}/noted',
    'Note a sentiment (it leaves the inbox)',
    'Triage',
    { ok: 'The item as changed' },
  ),
  {
    method: 'get',
    path: '/api/v1/officer/inbox',
    summary:
      'The triage inbox: filters, diacritics-insensitive search, sorting, cursor pages, counts per status',
    tags,
    request: { query: inboxQuery },
    responses: {
      200: { description: 'One page', content: { 'application/json': { schema: inboxPage } } },
      401: problemResponse('Sign in first'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/officer/bulk',
    summary: 'Apply one action to many items; answers a result per item',
    tags,
    request: { body: { content: { 'application/json': { schema: bulkInput } } } },
    responses: { 200: { description: 'Per-item results' } },
  },
  ...triageApiEach,
];
