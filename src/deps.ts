import type { Connection } from 'mongoose';
import type { Config } from '../config/env';
import { holidayCalendar } from '../config/reference';
import { kick } from './dispatch/outbox';
import { createModels, syncIndexes, type Models } from './models';
import { ReferenceCache } from './reference/cache';
import { WorkingCalendar } from './platform/calendar';
import { systemClock, type Clock } from './platform/clock';
import { connectDatabase } from './platform/db';
import { createLogger, type Logger } from './platform/logger';
import { createMailer, type Mailer } from './platform/mail';
import { createMetrics, type Metrics } from './platform/metrics';
import { createQueues, type Queues } from './platform/queues';
import { createSmsSender, type SmsSender } from './platform/sms';
import { producerConnection, redisTopology, type RedisClient } from './platform/redis';
import { registerCollectors } from './monitoring/collectors';
import { reportCounters } from './reports/stats';
import { createLifecycle, type Lifecycle } from './submissions/lifecycle';
import { inboxReadModel } from './triage/projection';

/** Everything the app and the workers are built from. Nothing is global. */
export interface Deps {
  config: Config;
  logger: Logger;
  clock: Clock;
  calendar: WorkingCalendar;
  db: Connection;
  models: Models;
  reference: ReferenceCache;
  redis: RedisClient;
  queues: Queues;
  mailer: Mailer;
  /** Prometheus metrics of this process (src/platform/metrics.ts). */
  metrics: Metrics;
  /** Text messages to residents who chose them (a no-op sender when no gateway is set). */
  sms: SmsSender;
  /** The state machine: every change to a submission goes through it. */
  lifecycle: Lifecycle;
}

export interface DepsOptions {
  dbName?: string;
  clock?: Clock;
  logger?: Logger;
  /** The `process` label of its metrics (api, workers, …). */
  processName?: string;
}

export async function createDeps(config: Config, options: DepsOptions = {}): Promise<Deps> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = await connectDatabase(config.MONGODB_URL, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    w: config.MONGODB_WRITE_CONCERN,
    retryWrites: config.MONGODB_RETRY_WRITES,
  });
  const models = createModels(db);
  // In production the deploy builds them (`npm run db:indexes`), not every process at start.
  if (config.AUTO_INDEX) await syncIndexes(models);
  const redis = producerConnection(redisTopology(config));
  // A Redis that is down at start must not stop the API: intake still works.
  redis.on('error', (err) => logger.debug({ err: err.message }, 'redis connection error'));
  const clock = options.clock ?? systemClock;
  const deps: Deps = {
    config,
    logger,
    clock,
    calendar: new WorkingCalendar(holidayCalendar),
    db,
    models,
    reference: new ReferenceCache(models),
    redis,
    queues: createQueues(redis, config.QUEUE_PREFIX),
    mailer: createMailer(config.SMTP_URL, config.MAIL_FROM),
    metrics: createMetrics(options.processName ?? 'tieng-dan'),
    sms: createSmsSender({
      url: config.SMS_GATEWAY_URL,
      token: config.SMS_GATEWAY_TOKEN,
      sender: config.SMS_SENDER,
    }),
    lifecycle: createLifecycle({
      Submission: models.Submission,
      clock,
      // The read models kept from the submissions, told after every change.
      readModels: [inboxReadModel(models), reportCounters(models)],
      dispatch: (id, events) => kick(deps, id, events),
    }),
  };
  registerCollectors(deps);
  return deps;
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.queues.close();
  deps.redis.disconnect();
  deps.mailer.close();
  await deps.db.close();
}
