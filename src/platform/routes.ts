import type { Express, RequestHandler } from 'express';
import { FEATURE_NAME } from './features';

/**
 * The route table, read from the app itself: every route it mounts, the feature
 * that mounted it, and what its first handler declared about it (`declareRoute`).
 * There is no table kept on the side: what is mounted is what is listed.
 */
export interface MountedRoute {
  method: string;
  path: string;
  feature?: string;
  /** What the route declared (e.g. the access an officers' route needs). */
  declared?: unknown;
}

const DECLARED = Symbol('declared');

/** A first handler that only carries a declaration about its route, for the route table. */
export function declareRoute(declaration: unknown): RequestHandler {
  const handler: RequestHandler = (_req, _res, next) => next();
  return Object.assign(handler, { [DECLARED]: declaration });
}

interface Layer {
  route?: {
    path: string | string[];
    methods: Record<string, boolean>;
    stack: { handle: { [DECLARED]?: unknown } }[];
  };
  handle?: { stack?: Layer[]; [FEATURE_NAME]?: string };
}

export function mountedRoutes(app: Express): MountedRoute[] {
  const out: MountedRoute[] = [];
  const walk = (stack: Layer[], feature?: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const declared = layer.route.stack[0]?.handle[DECLARED];
        for (const path of [layer.route.path].flat())
          for (const method of Object.keys(layer.route.methods))
            out.push({
              method: method.toUpperCase(),
              path,
              ...(feature ? { feature } : {}),
              ...(declared ? { declared } : {}),
            });
      } else if (layer.handle?.stack)
        walk(layer.handle.stack, layer.handle[FEATURE_NAME] ?? feature);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}
