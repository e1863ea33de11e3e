import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { referenceApi, referenceRoutes } from './routes';

/** Public reference data: categories and jurisdictions. */
export const referenceFeature: Feature<Deps> = {
  name: 'reference',
  mounts: [
    {
      prefixes: ['/api/v1/categories', '/api/v1/jurisdictions'],
      routers: (deps) => [referenceRoutes(deps)],
    },
  ],
  api: referenceApi,
};
