import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { Problem } from '../platform/errors';
import { requireAccess, type Access } from './auth';
import type { Officer } from './model';
import type { Scope } from './scope';

/**
 * The route table of the officers' area: every route there is declared with the
 * access it needs, through `guard`. The authorisation matrix test walks the app's
 * routes and fails on any route of the area that is not in this table.
 */
export interface GuardedRoute {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  access: Access | 'public';
  /** True when the route reads or changes one submission: out of scope is a 404. */
  scoped?: boolean;
}

export const routeTable = new Map<string, GuardedRoute>();

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
  routeTable.set(`${route.method.toUpperCase()} ${route.path}`, route);
  if (route.access === 'public') {
    router[route.method](route.path, ...(handlers as RequestHandler[]));
    return;
  }
  router[route.method](
    route.path,
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
