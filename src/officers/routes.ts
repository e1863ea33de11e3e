import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request } from 'express';
import type { Deps } from '../deps';
import { fail } from '../platform/domain-errors';
import { describeRoute, problemResponse } from '../platform/openapi';
import { parseInput } from '../platform/validate';
import { z } from '../platform/zod';
import { guard } from './access';
import { csrfToken } from './auth';
import type { Officer } from './model';
import {
  loginInput,
  officerInput,
  officerPatch,
  officerView,
  passwordInput,
  tokenInput,
  tokenView,
} from './schemas';
import {
  authenticate,
  changePassword,
  createApiToken,
  createOfficer,
  listApiTokens,
  revokeApiToken,
} from './service';
import type { LoginThrottle } from './throttle';

export function viewOfficer(o: Officer) {
  return {
    id: String(o._id),
    email: o.email,
    name: o.name,
    role: o.role,
    ...(o.jurisdictionCode ? { jurisdictionCode: o.jurisdictionCode } : {}),
    active: o.active,
  };
}

/** Starts a fresh session for the officer (a new id: no session fixation). */
export async function signIn(req: Request, officer: Officer): Promise<void> {
  await new Promise<void>((ok, fail) => req.session.regenerate((err) => (err ? fail(err) : ok())));
  req.session.officerId = String(officer._id);
  req.session.passwordChangedAt = officer.passwordChangedAt.getTime();
  req.session.signedInAt = Date.now();
  req.officer = officer;
}

export async function signOut(req: Request): Promise<void> {
  await new Promise<void>((ok) => req.session.destroy(() => ok()));
}

function objectIdOr404(id: unknown, what: string): string {
  if (!/^[0-9a-f]{24}$/.test(String(id))) throw fail.notFound(what);
  return String(id);
}

export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Sign-in, password, API tokens; admins manage officers. */
export function officerRoutes(deps: Deps, throttle: LoginThrottle): Router {
  const router = Router();

  guard(
    router,
    { method: 'post', path: '/api/v1/auth/login', access: 'public' },
    async (req, res) => {
      const { email, password } = parseInput(loginInput, req.body);
      const officer = await authenticate(deps, throttle, email, password, clientAddress(req));
      await signIn(req, officer);
      res.json({ officer: viewOfficer(officer), csrfToken: csrfToken(req) });
    },
  );

  guard(
    router,
    { method: 'post', path: '/api/v1/auth/logout', access: 'officer' },
    async (req, res) => {
      await signOut(req);
      res.status(204).end();
    },
  );

  guard(router, { method: 'get', path: '/api/v1/auth/me', access: 'officer' }, (req, res) => {
    res.json({
      officer: viewOfficer(req.officer),
      ...(req.viaApiToken ? {} : { csrfToken: csrfToken(req) }),
    });
  });

  guard(
    router,
    { method: 'post', path: '/api/v1/auth/password', access: 'officer' },
    async (req, res) => {
      const input = parseInput(passwordInput, req.body);
      await changePassword(deps, req.officer._id, input.currentPassword, input.newPassword);
      const fresh = await deps.models.Officer.findById(req.officer._id).lean();
      if (!req.viaApiToken && fresh) await signIn(req, fresh);
      res.status(204).end();
    },
  );

  guard(
    router,
    { method: 'post', path: '/api/v1/auth/tokens', access: 'officer' },
    async (req, res) => {
      const { name, days } = parseInput(tokenInput, req.body);
      res.status(201).json(await createApiToken(deps, req.officer._id, name, days));
    },
  );

  guard(
    router,
    { method: 'get', path: '/api/v1/auth/tokens', access: 'officer' },
    async (req, res) => {
      res.json(await listApiTokens(deps, req.officer._id));
    },
  );

  guard(
    router,
    { method: 'get', path: '/api/v1/admin/tokens', access: 'admin' },
    async (_req, res) => {
      res.json(await listApiTokens(deps, null));
    },
  );

  guard(
    router,
    { method: 'delete', path: '/api/v1/admin/tokens/:id', access: 'admin' },
    async (req, res) => {
      await revokeApiToken(deps, null, objectIdOr404(req.params.id, 'token'));
      res.status(204).end();
    },
  );

  guard(
    router,
    { method: 'post', path: '/api/v1/admin/officers/:id/unlock', access: 'admin' },
    async (req, res) => {
      const officer = await deps.models.Officer.findById(
        objectIdOr404(req.params.id, 'officer'),
      ).lean();
      if (!officer) throw fail.notFound('officer');
      await throttle.unlock(officer.email);
      res.status(204).end();
    },
  );

  guard(
    router,
    { method: 'delete', path: '/api/v1/auth/tokens/:id', access: 'officer' },
    async (req, res) => {
      await revokeApiToken(deps, req.officer._id, objectIdOr404(req.params.id, 'token'));
      res.status(204).end();
    },
  );

  guard(
    router,
    { method: 'get', path: '/api/v1/admin/officers', access: 'admin' },
    async (_req, res) => {
      const all = await deps.models.Officer.find().sort({ email: 1 }).lean();
      res.json(all.map(viewOfficer));
    },
  );

  guard(
    router,
    { method: 'post', path: '/api/v1/admin/officers', access: 'admin' },
    async (req, res) => {
      const input = parseInput(officerInput, req.body);
      res.status(201).json(viewOfficer(await createOfficer(deps, input)));
    },
  );

  guard(
    router,
    { method: 'patch', path: '/api/v1/admin/officers/:id', access: 'admin' },
    async (req, res) => {
      const patch = parseInput(officerPatch, req.body);
      if (!/^[0-9a-f]{24}$/.test(String(req.params.id))) throw fail.notFound('officer');
      if (
        patch.jurisdictionCode &&
        !(await deps.models.Jurisdiction.exists({ code: patch.jurisdictionCode }))
      )
        throw fail.validation([
          { path: 'jurisdictionCode', message: 'unknown jurisdiction', code: 'unknown' },
        ]);
      const updated = await deps.models.Officer.findOneAndUpdate(
        { _id: req.params.id },
        { $set: patch },
        { returnDocument: 'after' },
      ).lean();
      if (!updated) throw fail.notFound('officer');
      res.json(viewOfficer(updated));
    },
  );

  return router;
}

const tags = ['Officers'];
const tokenList = {
  description: 'Tokens, newest first (never the tokens themselves)',
  content: { 'application/json': { schema: z.array(tokenView) } },
};
const idParam = z.object({ id: z.string().openapi({ example: '665f1c2e9b1e8a0012345678' }) });
/** The OpenAPI descriptions of these routes (mounted from src/app.ts's feature list). */
export const officerApi: RouteConfig[] = [
  describeRoute('get', '/api/v1/auth/me', 'The signed-in officer', 'Officers', {
    ok: 'The officer (and a CSRF token for a session)',
  }),
  describeRoute('post', '/api/v1/auth/logout', 'Sign out (ends the session)', 'Officers', {
    status: 204,
    ok: 'Signed out',
  }),
  describeRoute('post', '/api/v1/auth/password', 'Change your password', 'Officers', {
    body: passwordInput,
    status: 204,
    ok: 'Changed',
  }),
  describeRoute('delete', '/api/v1/auth/tokens/{id}', 'Revoke one of your API tokens', 'Officers', {
    status: 204,
    ok: 'Revoked',
  }),
  describeRoute('get', '/api/v1/admin/officers', 'All officers (admins only)', 'Officers', {
    ok: 'The officers',
  }),
  describeRoute(
    'patch',
    '/api/v1/admin/officers/{id}',
    'Change an officer (admins only)',
    'Officers',
    {
      body: officerPatch,
      ok: 'The officer as changed',
    },
  ),
  {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Sign in (session cookie); answers a CSRF token for later writes',
    tags,
    request: { body: { content: { 'application/json': { schema: loginInput } } } },
    responses: {
      200: {
        description: 'Signed in',
        content: {
          'application/json': { schema: z.object({ officer: officerView, csrfToken: z.string() }) },
        },
      },
      401: problemResponse('Wrong e-mail or password'),
      429: problemResponse('Too many failed logins for this account or address'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/tokens',
    summary: 'Create a personal API token for scripts (Authorization: Bearer …); shown once',
    tags,
    request: { body: { content: { 'application/json': { schema: tokenInput } } } },
    responses: {
      201: {
        description: 'The token',
        content: {
          'application/json': {
            schema: z.object({ id: z.string(), token: z.string(), expiresAt: z.string() }),
          },
        },
      },
    },
  },
  {
    method: 'post',
    path: '/api/v1/admin/officers',
    summary: 'Create an officer (bound to a jurisdiction) or an admin',
    tags,
    request: { body: { content: { 'application/json': { schema: officerInput } } } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: officerView } } },
      403: problemResponse('Admins only'),
      409: problemResponse('E-mail taken'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/auth/tokens',
    summary: 'My API tokens: created, expires, last used, revoked',
    tags,
    responses: { 200: tokenList },
  },
  {
    method: 'get',
    path: '/api/v1/admin/tokens',
    summary: "Every officer's API tokens, with their owners (admins)",
    tags,
    responses: { 200: tokenList, 403: problemResponse('Admins only') },
  },
  {
    method: 'delete',
    path: '/api/v1/admin/tokens/{id}',
    summary: "Revoke any officer's API token (admins)",
    tags,
    request: { params: idParam },
    responses: {
      204: { description: 'Revoked' },
      403: problemResponse('Admins only'),
      404: problemResponse('No such token, or already revoked'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/admin/officers/{id}/unlock',
    summary: 'Clear the failed sign-ins counted against an account (admins)',
    tags,
    request: { params: idParam },
    responses: {
      204: { description: 'Unlocked' },
      403: problemResponse('Admins only'),
      404: problemResponse('No such officer'),
    },
  },
];
