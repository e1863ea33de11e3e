import { z } from 'zod';

/**
 * Configuration comes from environment variables only, validated once at start.
 * Defaults suit the local run started by `npm run dev`; production sets every URL.
 */
const DEV_SESSION_SECRET = 'development-only-session-secret-not-for-production';

const bool = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

/** `host:port,host:port`. */
const nodeList = z
  .string()
  .regex(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, 'a comma-separated list of host:port');

const schema = z
  .object({
    // Production unless NODE_ENV says otherwise: a forgotten variable must not mean
    // development secrets (scripts/dev.ts and the tests set it).
    NODE_ENV: z.enum(['development', 'test', 'production']).default('production'),
    /** Production refuses an http PUBLIC_BASE_URL (other than loopback) unless this is true. */
    ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    MONGODB_URL: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .default('mongodb://127.0.0.1:27018/tiengdan'),
    /** Write concern of every write: `majority` (a replica set's durable answer) or a number of nodes. */
    MONGODB_WRITE_CONCERN: z
      .string()
      .regex(/^(majority|\d)$/, 'majority, or a number of nodes (e.g. 1)')
      .default('majority')
      .transform((w) => (w === 'majority' ? w : Number(w))),
    /** Retry a write once after a failover or a network error (MongoDB's retryable writes). */
    MONGODB_RETRY_WRITES: bool('true'),
    /** Where reports read (monthly briefing, statistics): e.g. `secondaryPreferred` off the primary. */
    REPORTS_READ_PREFERENCE: z
      .enum(['primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', 'nearest'])
      .default('primary'),
    /** Build the indexes at start; `false` in production, where `npm run db:indexes` does it at deploy. */
    AUTO_INDEX: bool('true'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .default('redis://127.0.0.1:6380'),
    /** Redis behind Sentinels: their `host:port` list; the primary is REDIS_SENTINEL_NAME. */
    REDIS_SENTINELS: nodeList.optional(),
    REDIS_SENTINEL_NAME: z.string().min(1).default('td'),
    /** A Redis Cluster: `host:port` of some of its nodes (the rest are discovered). */
    REDIS_CLUSTER_NODES: nodeList.optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Tiếng Dân <no-reply@tiengdan.local>'),
    /** The SMS gateway's HTTP API (src/platform/sms.ts); unset: no SMS is sent. */
    SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
    SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
    /** The sender name (brandname) the gateway shows. */
    SMS_SENDER: z.string().min(1).max(11).default('TIENGDAN'),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .default('http://localhost:3000')
      .transform((u) => u.replace(/\/+$/, '')),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes only')
      .default('td'),
    REPLY_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(730).default(90),
    /** Agencies may answer by e-mail: notices carry Reply-To reply+<token>@INBOUND_DOMAIN. */
    INBOUND_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/i, 'a domain name, e.g. inbound.tiengdan.example')
      .default('inbound.tiengdan.local')
      .transform((d) => d.toLowerCase()),
    /** The inbound SMTP listener (src/inbound/server.ts); the MX of INBOUND_DOMAIN points at it. */
    INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
    OUTBOX_RELAY_EVERY_MS: z.coerce.number().int().min(200).default(5000),
    /** Outbox jobs one worker process runs at once (they mostly wait on the database and SMTP). */
    OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** How often the deadline scan (reminders, overdue notices, escalations) runs. */
    DEADLINE_SCAN_EVERY_MS: z.coerce
      .number()
      .int()
      .min(200)
      .default(5 * 60_000),
    BODY_LIMIT: z.string().default('64kb'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    // How many reverse proxies stand in front (their X-Forwarded-For is trusted that
    // many hops deep), so that rate limits see residents' real addresses.
    TRUST_PROXY: z
      .string()
      .regex(/^(false|\d{1,2})$/, 'false, or the number of proxies in front (e.g. 1)')
      .default('false')
      .transform((v) => (v === 'false' ? false : Number(v))),
    /** Prometheus metrics (`/metrics`) of each process, on this port, away from the site; 0 = any free port. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    /** When set, a scrape must send `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** Signs officers' session cookies; at least 32 characters, required in production. */
    SESSION_SECRET: z.string().min(32).default(DEV_SESSION_SECRET),
    /**
     * Derives each resident's private link (src/submissions/resident-key.ts), so that
     * every message to the resident can carry it; only its hash is stored. 32+
     * characters; when unset, derived from SESSION_SECRET.
     */
    RESIDENT_KEY_SECRET: z.string().min(32).optional(),
    /** Failed uses of a resident's link (wrong key or nothing to do) per tracking code per hour. */
    RESIDENT_FAILURES_PER_HOUR: z.coerce.number().int().min(1).default(10),
    /**
     * Personal data (Law 91/2025/QH15): a resident's contact data is erased this many
     * days after their item is closed (the item is kept, de-identified).
     */
    CONTACT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Officers' API tokens expire after this many days at most. */
    API_TOKEN_DAYS: z.coerce.number().int().min(1).max(730).default(90),
    /** An answer nobody rates within this many days closes by itself. */
    RATING_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    SESSION_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 30)
      .default(8),
    /** However active, an officer signs in again this long after signing in. */
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 30)
      .default(12),
  })
  .refine((c) => !(c.REDIS_SENTINELS && c.REDIS_CLUSTER_NODES), {
    path: ['REDIS_CLUSTER_NODES'],
    message: 'set REDIS_SENTINELS or REDIS_CLUSTER_NODES, not both',
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.SESSION_SECRET !== DEV_SESSION_SECRET, {
    path: ['SESSION_SECRET'],
    message: 'set a secret of your own in production',
  })
  .refine(
    (c) =>
      c.NODE_ENV !== 'production' ||
      c.ALLOW_HTTP === 'true' ||
      c.PUBLIC_BASE_URL.startsWith('https:') ||
      isLoopback(c.PUBLIC_BASE_URL),
    {
      path: ['PUBLIC_BASE_URL'],
      message: 'must be https in production (or set ALLOW_HTTP=true to serve plain http)',
    },
  );

/** http://localhost and the like: links that work only on this machine, never sniffed on a network. */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError that names every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
