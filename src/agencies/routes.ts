import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import type { Deps } from '../deps';
import { guard } from '../officers';
import { fail } from '../platform/domain-errors';
import { problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import {
  agencyInput,
  agencyPatch,
  agencyView,
  mergeInput,
  mergeView,
  ruleInput,
  ruleQuery,
  ruleView,
} from './schemas';
import { mergeAgency } from './merge';
import { createAgency, createRule, updateAgency, viewAgency, viewMerge, viewRule } from './service';

const AGENCY_CODE = /^[a-z0-9-]{2,64}$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Admins manage agencies and routing rules. */
export function agencyRoutes(deps: Deps): Router {
  const router = Router();
  const { models } = deps;

  guard(
    router,
    { method: 'get', path: '/api/v1/admin/agencies', access: 'admin' },
    async (_req, res) => {
      const all = await models.Agency.find().sort({ code: 1 }).lean();
      res.json(all.map(viewAgency));
    },
  );

  guard(
    router,
    { method: 'post', path: '/api/v1/admin/agencies', access: 'admin' },
    async (req, res) => {
      const input = parseInput(agencyInput, req.body);
      res.status(201).json(viewAgency(await createAgency(deps, input)));
    },
  );

  guard(
    router,
    { method: 'patch', path: '/api/v1/admin/agencies/:code', access: 'admin' },
    async (req, res) => {
      const patch = parseInput(agencyPatch, req.body);
      const code = String(req.params.code);
      if (!AGENCY_CODE.test(code)) throw fail.notFound('agency');
      res.json(viewAgency(await updateAgency(deps, code, patch)));
    },
  );

  guard(
    router,
    { method: 'post', path: '/api/v1/admin/agencies/:code/merge', access: 'admin' },
    async (req, res) => {
      const { into } = parseInput(mergeInput, req.body);
      const code = String(req.params.code);
      if (!AGENCY_CODE.test(code)) throw fail.notFound('agency');
      const officer = req.officer;
      const merge = await mergeAgency(deps, code, into, {
        id: String(officer._id),
        name: officer.name,
      });
      res.json(viewMerge(merge));
    },
  );

  guard(
    router,
    { method: 'get', path: '/api/v1/admin/routing-rules', access: 'admin' },
    async (req, res) => {
      const filter = parseInput(ruleQuery, req.query);
      const rules = await models.RoutingRule.find(filter)
        .sort({ categoryCode: 1, jurisdictionCode: 1 })
        .lean();
      res.json(rules.map(viewRule));
    },
  );

  guard(
    router,
    { method: 'post', path: '/api/v1/admin/routing-rules', access: 'admin' },
    async (req, res) => {
      const input = parseInput(ruleInput, req.body);
      res.status(201).json(viewRule(await createRule(deps, input)));
    },
  );

  guard(
    router,
    { method: 'delete', path: '/api/v1/admin/routing-rules/:id', access: 'admin' },
    async (req, res) => {
      const id = String(req.params.id);
      if (!OBJECT_ID.test(id)) throw fail.notFound('routing rule');
      const { deletedCount } = await models.RoutingRule.deleteOne({ _id: id });
      if (deletedCount === 0) throw fail.notFound('routing rule');
      res.status(204).end();
    },
  );

  return router;
}

const tags = ['Admin: agencies and routing'];
const adminOnly = {
  401: problemResponse('Not signed in'),
  403: problemResponse('Admins only (or the CSRF token is missing)'),
};
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const codeParam = z.object({ code: z.string().openapi({ example: 'bb-tnmt' }) });

/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const agencyApi: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/v1/admin/agencies',
    summary: 'All agencies, active or not, with the one each merged agency went into',
    tags,
    responses: { 200: { description: 'Agencies', ...json(z.array(agencyView)) }, ...adminOnly },
  },
  {
    method: 'post',
    path: '/api/v1/admin/agencies',
    summary: 'Create an agency',
    tags,
    request: { body: json(agencyInput) },
    responses: {
      201: { description: 'Created', ...json(agencyView) },
      ...adminOnly,
      409: problemResponse('The code is taken'),
      422: problemResponse('Invalid input or unknown jurisdiction'),
    },
  },
  {
    method: 'patch',
    path: '/api/v1/admin/agencies/{code}',
    summary:
      'Rename an agency, change its address or jurisdiction; `active: false` deactivates it (no new petitions are routed to it)',
    tags,
    request: { params: codeParam, body: json(agencyPatch) },
    responses: {
      200: { description: 'Updated', ...json(agencyView) },
      ...adminOnly,
      404: problemResponse('No such agency'),
      409: problemResponse('A merged agency cannot be reactivated'),
      422: problemResponse('Invalid input or unknown jurisdiction'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/admin/agencies/{code}/merge',
    summary:
      'Merge an agency into another: its rules are re-pointed, its open petitions handed over (old reply links revoked, the new agency notified), and it becomes inactive',
    tags,
    request: { params: codeParam, body: json(mergeInput) },
    responses: {
      200: { description: 'The record of the merge', ...json(mergeView) },
      ...adminOnly,
      404: problemResponse('No such agency'),
      409: problemResponse('The agency was merged already'),
      422: problemResponse('Unknown or inactive target, or the agency itself'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/admin/routing-rules',
    summary: 'Routing rules (category × jurisdiction subtree → agency), optionally filtered',
    tags,
    request: { query: ruleQuery },
    responses: { 200: { description: 'Rules', ...json(z.array(ruleView)) }, ...adminOnly },
  },
  {
    method: 'post',
    path: '/api/v1/admin/routing-rules',
    summary: 'Create a routing rule; one rule per category and jurisdiction node',
    tags,
    request: { body: json(ruleInput) },
    responses: {
      201: { description: 'Created', ...json(ruleView) },
      ...adminOnly,
      409: problemResponse('A rule for this category and node exists (type rule-exists)'),
      422: problemResponse(
        'Invalid input; unknown category, jurisdiction or agency; inactive agency',
      ),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/admin/routing-rules/{id}',
    summary: 'Delete a routing rule',
    tags,
    request: { params: z.object({ id: z.string() }) },
    responses: {
      204: { description: 'Deleted' },
      ...adminOnly,
      404: problemResponse('No such rule'),
    },
  },
];
