import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { topicApi, topicRoutes } from './routes';

/** Topics, suggestions and trends. */
export const topicsFeature: Feature<Deps> = {
  name: 'topics',
  mounts: [{ prefixes: ['/api/v1/officer'], routers: (deps) => [topicRoutes(deps)] }],
  api: topicApi,
};
