import type { Express, NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { Problem } from '../platform/errors';
import { declareRoute, mountedRoutes } from '../platform/routes';
import { requireAccess, type Access } from './auth';
import type { Officer } from './model';
import type { Scope } from './scope';

/**
 * Every route of the officers' area is declared with the access it needs,
 * through `guard`, which puts the declaration on the route itself. The
 * authorisation matrix test walks the app's routes (`guardedRoutes`) and fails
 * on any route of the area without one.
 */
export interface GuardedRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  access: Access | 'public';
  /** True when the route reads or changes one submission: out of scope is a 404. */
  scoped?: boolean;
}

/** The guarded routes the app mounts, by `METHOD path`: read from the app, not kept aside. */
export function guardedRoutes(app: Express): Map<string, GuardedRoute> {
  return new Map(
    mountedRoutes(app).flatMap((r) =>
      isGuarded(r.declared) ? [[`${r.method} ${r.path}`, r.declared] as const] : [],
    ),
  );
}

const GUARDED = Symbol('guarded');
const isGuarded = (d: unknown): d is GuardedRoute =>
  typeof d === 'object' && d !== null && GUARDED in d;

/** A request that passed an officer's guard: who is asking and what they may see. */
export type OfficerRequest = Request & { officer: Officer; scope: Scope };
export type OfficerHandler = (
  req: OfficerRequest,
  res: Response,
  next: NextFunction,
) => unknown | Promise<unknown>;

/** A public route of the area: its handlers see a plain request. */
export function guard(
  router: Router,
  route: GuardedRoute & { access: 'public' },
  ...handlers: RequestHandler[]
): void;
/** A route for officers or admins: its handlers are given the officer and scope, typed. */
export function guard(
  router: Router,
  route: GuardedRoute & { access: Access },
  ...handlers: OfficerHandler[]
): void;
export function guard(
  router: Router,
  route: GuardedRoute,
  ...handlers: (RequestHandler | OfficerHandler)[]
): void {
  const declared = declareRoute({ ...route, [GUARDED]: true });
  if (route.access === 'public') {
    router[route.method](route.path, declared, ...(handlers as RequestHandler[]));
    return;
  }
  router[route.method](
    route.path,
    declared,
    requireAccess(route.access),
    ...(handlers as OfficerHandler[]).map(signedIn),
  );
}

/** Hands the handler the request as an officer's (requireAccess made sure of it). */
function signedIn(handler: OfficerHandler): RequestHandler {
  return (req, res, next) => {
    const { officer, scope } = req;
    if (!officer || !scope) return next(new Problem(401, 'unauthenticated', 'Sign in first'));
    return handler(Object.assign(req, { officer, scope }), res, next);
  };
}
