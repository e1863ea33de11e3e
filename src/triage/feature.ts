import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { triagePages } from './pages';
import { triageApi, triageRoutes } from './routes';

/** The officers' inbox and actions. */
export const triageFeature: Feature<Deps> = {
  name: 'triage',
  mounts: [
    {
      prefixes: ['/api/v1/officer', '/officer'],
      routers: (deps) => [triageRoutes(deps), triagePages(deps)],
    },
  ],
  api: triageApi,
};
