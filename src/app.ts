import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { agenciesFeature } from './agencies/feature';
import type { Deps } from './deps';
import { feedbackFeature } from './feedback/feature';
import { officersFeature } from './officers/feature';
import { csrfProtection, identify, OFFICER_AREA, officerSession } from './officers/auth';
import { readiness } from './monitoring/health';
import { queueBoard } from './monitoring/queue-board';
import { errorHandler, notFoundHandler, problems } from './platform/errors';
import { requestLogger } from './platform/http';
import { httpMetrics } from './platform/metrics';
import { mountHandler, type Feature } from './platform/features';
import { openApiDocument } from './platform/openapi';
import { rateLimiter } from './platform/rate-limit';
import { referenceFeature } from './reference/feature';
import { repliesFeature } from './replies/feature';
import { reportsFeature } from './reports/feature';
import { submissionsFeature } from './submissions/feature';
import { topicsFeature } from './topics/feature';
import { triageFeature } from './triage/feature';
import { voterCycleFeature } from './voter-cycle/feature';
import { open311Feature } from './open311/feature';
import { docsPage } from './web/docs';
import { SITE_CSS } from './web/layout';

/**
 * The features, mounted in this order, each under its path prefixes (see
 * `Feature`); the OpenAPI document is generated from their descriptions, and
 * the route table is read from the app they make (src/platform/routes.ts).
 */
export const FEATURES: readonly Feature<Deps>[] = [
  submissionsFeature,
  officersFeature,
  triageFeature,
  reportsFeature,
  topicsFeature,
  repliesFeature,
  voterCycleFeature,
  open311Feature,
  referenceFeature,
  feedbackFeature,
  agenciesFeature,
];

/** Builds the HTTP app from its dependencies; starting and stopping is server.ts's job. */
export function createApp(deps: Deps): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);

  app.use(httpMetrics(deps.metrics));
  app.use(requestLogger(deps.logger));
  app.use(
    helmet({
      // No scripts, no third-party resources; reply links must not leak through Referer.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'none'"],
          'upgrade-insecure-requests': config.PUBLIC_BASE_URL.startsWith('https:') ? [] : null,
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: config.PUBLIC_BASE_URL.startsWith('https:'),
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const { ok, checks } = await readiness(deps);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  });
  const document = openApiDocument(FEATURES.flatMap((f) => f.api));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(document);
  });
  const docs = docsPage(document);
  app.get('/docs', (_req, res) => {
    res.send(docs);
  });
  app.get('/assets/site.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=86400').send(SITE_CSS);
  });

  const prefix = config.QUEUE_PREFIX;
  const writes = rateLimiter(deps.redis, deps.logger, `${prefix}:w`, config.RATE_LIMIT_PER_MINUTE);
  const reads = rateLimiter(
    deps.redis,
    deps.logger,
    `${prefix}:r`,
    config.RATE_LIMIT_PER_MINUTE * 5,
  );
  app.use((req, res, next) =>
    (req.method === 'GET' || req.method === 'HEAD' ? reads : writes)(req, res, next),
  );

  app.use('/api', requireJsonBody);
  app.use(express.json({ limit: config.BODY_LIMIT, strict: true }));
  const mounts = FEATURES.flatMap((f) => f.mounts.map((m) => ({ feature: f, mount: m })));
  // Residents' intake first: it is the busiest route and needs neither forms nor
  // cookies, so it does not walk the officers' routers (intake benchmark).
  for (const { feature, mount } of mounts)
    if (mount.bare) app.use(mountHandler(feature, mount, deps));
  // Forms are for pages: the API refuses any body that is not JSON (above).
  const forms = express.urlencoded({
    extended: false,
    limit: config.BODY_LIMIT,
    parameterLimit: 50,
  });
  app.use((req, res, next) => (req.path.startsWith('/api/') ? next() : forms(req, res, next)));
  app.use(cookieParser());

  // The officers' area: sessions, who is asking, CSRF on every unsafe request.
  const whoIsAsking = [officerSession(deps), identify(deps)];
  app.use(queueBoard(deps, whoIsAsking));
  // Officers' pages and APIs show personal data: never kept by a browser or a proxy.
  app.use(OFFICER_AREA, noStore, ...whoIsAsking);
  for (const { feature, mount } of mounts)
    if (mount.beforeCsrf) app.use(mountHandler(feature, mount, deps));
  app.use(OFFICER_AREA, csrfProtection);
  for (const { feature, mount } of mounts)
    if (!mount.bare && !mount.beforeCsrf) app.use(mountHandler(feature, mount, deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** The API speaks JSON: a body of another type is refused before it is parsed. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody =
    req.headers['content-length'] !== '0' &&
    (req.headers['content-length'] || req.headers['transfer-encoding']);
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is('application/json')) {
    return next(problems.unsupportedMediaType());
  }
  next();
};
