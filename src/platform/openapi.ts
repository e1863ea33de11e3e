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

export function openApiDocument(routes: readonly RouteConfig[]): object {
  return new OpenApiGeneratorV31(
    [documentRoute, ...routes].map((route) => ({ type: 'route' as const, route })),
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
