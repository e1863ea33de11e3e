import type { Deps } from '../deps';
import type { Feature } from '../platform/features';
import { replyLinkApi } from './links';
import { replyExtras } from './mount';
import { replyPages } from './pages';
import { replyApi, replyRoutes } from './routes';

/** The agency's reply link: its page and API, the officers' link management, answer files. */
export const repliesFeature: Feature<Deps> = {
  name: 'replies',
  mounts: [
    {
      prefixes: ['/api/v1/replies', '/reply', '/api/v1/officer/submissions', '/attachments'],
      routers: (deps) => [replyExtras(deps), replyRoutes(deps), replyPages(deps)],
    },
  ],
  api: [...replyApi, ...replyLinkApi],
};
