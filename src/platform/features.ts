import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type RequestHandler } from 'express';

/**
 * What a feature brings to the HTTP app: its routers (API routes and pages),
 * the path prefixes they live under, and the OpenAPI descriptions of its API
 * routes. `src/app.ts` mounts the features from one list, and the OpenAPI
 * document is generated from the same list: nothing is registered on import.
 */
export interface Feature<D> {
  name: string;
  mounts: readonly Mount<D>[];
  api: readonly RouteConfig[];
}

export interface Mount<D> {
  /**
   * Where its routes are: `/track` covers `/track` and `/track/…`; `/` only `/`.
   * A request under none of them never walks these routers.
   */
  prefixes: readonly string[];
  routers(deps: D): Router[];
  /** Mounted before form parsing, cookies and sessions: JSON routes that need none of them. */
  bare?: boolean;
  /**
   * Mounted in the officers' area after the officer is known but before the CSRF
   * check: readers of multipart forms, whose `_csrf` field the check needs. They
   * must refuse anyone not signed in before reading a byte of the body.
   */
  beforeCsrf?: boolean;
}

export const underPrefix = (path: string, prefix: string): boolean =>
  path === prefix || (prefix !== '/' && path.startsWith(`${prefix}/`));

/** Marks the handler of a feature's mount, for the route table (src/platform/routes.ts). */
export const FEATURE_NAME = Symbol('feature');

/**
 * A mount's routers behind a check of the path: a request elsewhere goes on at
 * once. (Unlike `app.use(prefix, router)` the routes keep their full paths, which
 * the route table, the OpenAPI check and the metrics' route labels use.)
 */
export function mountHandler<D>(feature: Feature<D>, mount: Mount<D>, deps: D): RequestHandler {
  const router = Router();
  for (const r of mount.routers(deps)) router.use(r);
  const gate: RequestHandler = (req, res, next) =>
    mount.prefixes.some((p) => underPrefix(req.path, p)) ? router(req, res, next) : next();
  // The route table walks into it as into a router.
  return Object.assign(gate, { stack: router.stack, [FEATURE_NAME]: feature.name });
}
