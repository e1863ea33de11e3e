import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { agencyApi, agencyRoutes } from './routes';

/** Admins manage agencies (merges included) and routing rules. */
export const agenciesFeature: Feature<Deps> = {
  name: 'agencies',
  mounts: [{ prefixes: ['/api/v1/admin'], routers: (deps) => [agencyRoutes(deps)] }],
  api: agencyApi,
};
