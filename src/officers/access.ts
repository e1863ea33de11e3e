import type { RequestHandler, Router } from 'express';
import { requireAccess, type Access } from './auth';

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

export function guard(router: Router, route: GuardedRoute, ...handlers: RequestHandler[]): void {
  routeTable.set(`${route.method.toUpperCase()} ${route.path}`, route);
  const checks = route.access === 'public' ? [] : [requireAccess(route.access)];
  router[route.method](route.path, ...checks, ...handlers);
}
