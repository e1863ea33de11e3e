import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Router, type RequestHandler } from 'express';
import type { Deps } from '../deps';
import { Problem } from '../platform/errors';

/** Where admins see the queues (Bull Board). */
export const QUEUE_BOARD_PATH = '/officer/queues';

/**
 * The queue dashboard (Bull Board) for admins: jobs by state, failed jobs and
 * their errors, retry. It is a script application, so it gets its own CSP
 * (scripts from this origin only); the rest of the site keeps `script-src 'none'`.
 *
 * Mounted ahead of the officers' area, whose session and identification
 * (`whoIsAsking`) it shares, as
 * Bull Board's calls send no CSRF token; its changes are PUT/PATCH/DELETE or a JSON
 * POST, which a page of another site cannot send with our cookie (SameSite=Lax,
 * no CORS), and a request whose Origin is another site is refused outright.
 */
export function queueBoard(deps: Deps, whoIsAsking: RequestHandler[]): Router {
  const adapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [deps.queues.outbox, deps.queues.maintenance, deps.queues.deadlines].map(
      (q) => new BullMQAdapter(q, { allowRetries: true }),
    ),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Tiếng Dân — hàng đợi / queues' } },
  });
  const router = Router();
  router.use(QUEUE_BOARD_PATH, boardCsp, ...whoIsAsking, adminOnly, sameSiteWrites(deps));
  router.use(QUEUE_BOARD_PATH, adapter.getRouter() as RequestHandler);
  return router;
}

const boardCsp: RequestHandler = (_req, res, next) => {
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
  );
  next();
};

/** Admins only: the sign-in page for nobody, 403 for an officer. */
const adminOnly: RequestHandler = (req, res, next) => {
  if (!req.officer) {
    if (req.method === 'GET' && !req.path.startsWith('/api/'))
      return res.redirect(303, `/officer/login?next=${encodeURIComponent(QUEUE_BOARD_PATH)}`);
    return next(new Problem(401, 'unauthenticated', 'Sign in first'));
  }
  if (req.officer.role !== 'admin')
    return next(new Problem(403, 'forbidden', 'Only an admin may see the queues'));
  next();
};

function sameSiteWrites(deps: Deps): RequestHandler {
  const origin = new URL(deps.config.PUBLIC_BASE_URL).origin;
  return (req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const from = req.get('origin');
    const ownOrigin = from === origin || from === `${req.protocol}://${req.get('host')}`;
    if ((from && !ownOrigin) || (req.method === 'POST' && !req.is('application/json')))
      return next(new Problem(403, 'forbidden', 'Cross-site request refused'));
    next();
  };
}
