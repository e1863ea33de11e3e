import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { feedbackPages } from './pages';
import { feedbackApi, feedbackRoutes } from './routes';

/** The resident rates an answer, supplies information, manages their data. */
export const feedbackFeature: Feature<Deps> = {
  name: 'feedback',
  mounts: [
    {
      prefixes: ['/api/v1/track', '/track'],
      routers: (deps) => [feedbackRoutes(deps), feedbackPages(deps)],
    },
  ],
  api: feedbackApi,
};
