import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { publicReportRoutes, reportApi, reportRoutes } from './routes';

/** Monthly briefings, exports and public statistics. */
export const reportsFeature: Feature<Deps> = {
  name: 'reports',
  mounts: [
    {
      prefixes: [
        '/api/v1/officer/reports',
        '/api/v1/officer/submissions',
        '/officer/reports',
        '/api/v1/public',
        '/public',
        '/cong-khai',
      ],
      routers: (deps) => [reportRoutes(deps), publicReportRoutes(deps)],
    },
  ],
  api: reportApi,
};
