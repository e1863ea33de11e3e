import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { submissionPages } from './pages';
import { submissionApi, submissionRoutes } from './routes';

/** Residents file and follow petitions and sentiments. */
export const submissionsFeature: Feature<Deps> = {
  name: 'submissions',
  mounts: [
    // The busiest route: before form parsing, cookies and sessions (see src/app.ts).
    {
      bare: true,
      prefixes: ['/api/v1/petitions', '/api/v1/sentiments', '/api/v1/track'],
      routers: (deps) => [submissionRoutes(deps)],
    },
    { prefixes: ['/', '/submit', '/track'], routers: (deps) => [submissionPages(deps)] },
  ],
  api: submissionApi,
};
