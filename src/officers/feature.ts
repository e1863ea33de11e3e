import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { officerPages } from './pages';
import { officerApi, officerRoutes } from './routes';
import { loginThrottle } from './throttle';

/** Officers' accounts, sign-in, sessions and API tokens. */
export const officersFeature: Feature<Deps> = {
  name: 'officers',
  mounts: [
    {
      prefixes: ['/api/v1/auth', '/api/v1/admin/officers', '/api/v1/admin/tokens', '/officer'],
      routers: (deps) => {
        const throttle = loginThrottle(deps.redis, deps.config.QUEUE_PREFIX);
        return [officerRoutes(deps, throttle), officerPages(deps, throttle)];
      },
    },
  ],
  api: officerApi,
};
