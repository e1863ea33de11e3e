import { OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from './zod';

/**
 * The OpenAPI document is generated from the same zod schemas that validate
 * requests: each feature exports the descriptions of its routes next to them
 * (`api` of its `Feature`), and `src/app.ts` hands the list of its features'
 * descriptions here. Nothing is registered on import.
 */

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://tiengdan.example/problems/validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

/** The document itself is a route of the API too. */
const documentRoute: RouteConfig = {
  method: 'get',
  path: '/api/v1/openapi.json',
  summary: 'This document (OpenAPI 3.1)',
  tags: ['Documentation'],
  responses: { 200: { description: 'The OpenAPI document' } },
};

/**
 * How a caller proves who it is. Officers: the session cookie (from
 * `POST /api/v1/auth/login`) with the CSRF token in `X-CSRF-Token` on unsafe
 * requests, or a bearer API token. Residents: their private key. Agencies: the
 * reply token in the path (no scheme: the URL is the capability).
 */
const securitySchemes = {
  officerSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'td.sid',
    description: 'Set by POST /api/v1/auth/login; unsafe requests also send X-CSRF-Token.',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'The CSRF token of the session (GET /api/v1/auth/me), on unsafe requests.',
  },
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (POST /api/v1/auth/tokens); no CSRF token needed.',
  },
  residentKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Resident-Key',
    description: "The resident's private key, given once at submission.",
  },
} as const;

const OFFICER_PREFIXES = ['/api/v1/auth/', '/api/v1/officer/', '/api/v1/admin/'];
const RESIDENT_PATH = /^\/api\/v1\/track\/\{code\}\/.+/;

/** The `security` of one operation, from its path and method (an empty list: public). */
export function securityOf(method: string, path: string): Record<string, string[]>[] {
  if (path === '/api/v1/auth/login') return [];
  if (OFFICER_PREFIXES.some((p) => path.startsWith(p))) {
    const session: Record<string, string[]> =
      method === 'get' ? { officerSession: [] } : { officerSession: [], csrfToken: [] };
    return [session, { bearerToken: [] }];
  }
  if (RESIDENT_PATH.test(path)) return [{ residentKey: [] }];
  return [];
}

export function openApiDocument(routes: readonly RouteConfig[]): object {
  const withSecurity = [documentRoute, ...routes].map((route) => ({
    ...route,
    security: route.security ?? securityOf(route.method, route.path),
  }));
  const document = new OpenApiGeneratorV31(
    withSecurity.map((route) => ({ type: 'route' as const, route })),
  ).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tiếng Dân API',
      version: '1',
      description:
        'Residents voice sentiments and petitions; the Fatherland Front triages them; agencies answer through e-mailed links.',
    },
    servers: [{ url: '/' }],
  });
  return { ...document, components: { ...document.components, securitySchemes } };
}

type Method = RouteConfig['method'];

/**
 * A short description of a route: its path parameters as strings, an optional
 * JSON body, the success answer, and the problems an officer's route may meet.
 */
export function describeRoute(
  method: Method,
  path: string,
  summary: string,
  tag: string,
  opts: { body?: z.ZodType; status?: 200 | 201 | 204; ok?: string } = {},
): RouteConfig {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return {
    method,
    path,
    summary,
    tags: [tag],
    request: {
      ...(names.length
        ? { params: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) }
        : {}),
      ...(opts.body ? { body: { content: { 'application/json': { schema: opts.body } } } } : {}),
    },
    responses: {
      [opts.status ?? 200]: { description: opts.ok ?? 'Done' },
      401: problemResponse('Not signed in'),
      403: problemResponse('Not allowed for this account'),
      ...(names.length ? { 404: problemResponse('Not found, or outside your scope') } : {}),
      ...(opts.body ? { 422: problemResponse('Invalid input') } : {}),
    },
  };
}
