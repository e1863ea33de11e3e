import { Router } from 'express';
import { attachmentRoutes } from '../attachments';
import type { Deps } from '../deps';
import { replyLinkOfficerRoutes } from './links';

/** What the reply link brought besides its page: officers' link management, answer files. */
export function replyExtras(deps: Deps): Router {
  const router = Router();
  router.use(replyLinkOfficerRoutes(deps));
  router.use(attachmentRoutes(deps));
  return router;
}
