import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger';

/**
 * Prometheus metrics (prom-client), one registry per process (or per test
 * harness), named `td_*`. A request costs one histogram observation; the gauges
 * that need the database or Redis are computed when Prometheus scrapes
 * (src/monitoring/collectors.ts), never on the request path.
 */
export interface Metrics {
  registry: Registry;
  /** Rate, errors (by status) and latency of HTTP requests, by matched route. */
  http: Histogram<'method' | 'route' | 'status'>;
  /** Messages to people by channel (e-mail, SMS): sent, failed (each failed attempt), bounced. */
  messages: Counter<'channel' | 'outcome'>;
}

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export const MESSAGE_OUTCOMES = ['sent', 'failed', 'bounced'] as const;

export function createMetrics(processName: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry, prefix: 'td_' });
  const http = new Histogram({
    name: 'td_http_request_duration_seconds',
    help: 'HTTP requests by method, matched route pattern and status: latency in seconds',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const messages = new Counter({
    name: 'td_messages_total',
    help: 'Messages to agencies, officers and residents, by channel and outcome',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  // Every series exists from the start, so that rates and alerts see zeros.
  for (const channel of MESSAGE_CHANNELS)
    for (const outcome of MESSAGE_OUTCOMES) messages.inc({ channel, outcome }, 0);
  return { registry, http, messages };
}

/** The route pattern that answered (never the raw URL: it may hold reply tokens). */
export function routeLabel(req: Request): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (path === undefined) return 'unmatched';
  return `${req.baseUrl}${typeof path === 'string' ? path : String(path)}`;
}

/** Times each request: one observation when the response is finished. */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      metrics.http.observe(
        { method: req.method, route: routeLabel(req), status: String(res.statusCode) },
        Number(process.hrtime.bigint() - start) / 1e9,
      );
    });
    next();
  };
}

export interface MetricsServerOptions {
  port: number;
  host?: string;
  /** When set, a scrape must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** `/readyz` (no token: for the orchestrator's probes), beside `/healthz`. */
  ready?: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
}

/**
 * `/metrics` on its own port, away from the public site, with `/healthz` and
 * `/readyz` for processes that serve no HTTP otherwise (workers, inbound SMTP).
 * A port already taken
 * (e.g. several processes on one machine with the same METRICS_PORT) is logged,
 * not fatal: metrics are not worth stopping the service for.
 */
export async function serveMetrics(
  metrics: Metrics,
  opts: MetricsServerOptions,
  logger: Logger,
): Promise<Server | undefined> {
  const expected = opts.token ? Buffer.from(`Bearer ${opts.token}`) : undefined;
  const server = createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && (url === '/healthz' || url === '/readyz')) {
      void probe(url, res, opts.ready);
      return;
    }
    if (req.method !== 'GET' || url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
        return;
      }
    }
    metrics.registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(body),
      (err: Error) => {
        logger.warn({ err: err.message }, 'metrics: collection failed');
        res.writeHead(500).end();
      },
    );
  });
  return new Promise((resolve) => {
    server.once('error', (err) => {
      logger.warn({ err: err.message, port: opts.port }, 'metrics: not served');
      resolve(undefined);
    });
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => {
      logger.info({ port: (server.address() as AddressInfo).port }, 'metrics served');
      resolve(server);
    });
  });
}

async function probe(
  url: string,
  res: ServerResponse,
  ready: MetricsServerOptions['ready'],
): Promise<void> {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
  if (url === '/healthz' || !ready) return json(200, { status: 'ok' });
  const { ok, checks } = await ready().catch(() => ({ ok: false, checks: {} }));
  json(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks });
}
