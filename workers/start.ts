import { Worker } from 'bullmq';
import type { Deps } from '../src/deps';
import { QUEUE_NAMES, type MaintenanceJob, type OutboxJob } from '../src/platform/queues';
import { workerConnection } from '../src/platform/redis';
import { maintenanceProcessor } from './processors/maintenance';
import { outboxProcessor } from './processors/outbox';

export interface RunningWorkers {
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per queue and the job schedulers. Several worker
 * processes may run: jobs are keyed, handlers idempotent, schedulers upserted.
 */
export async function startWorkers(
  deps: Deps,
  opts: { concurrency?: number } = {},
): Promise<RunningWorkers> {
  const { config, logger } = deps;
  const connection = workerConnection(config.REDIS_URL);
  connection.on('error', (err) => logger.debug({ err: err.message }, 'worker redis error'));
  const common = { connection, prefix: config.QUEUE_PREFIX };

  const outbox = new Worker<OutboxJob>(QUEUE_NAMES.outbox, outboxProcessor(deps), {
    ...common,
    concurrency: opts.concurrency ?? config.OUTBOX_CONCURRENCY,
  });
  const maintenance = new Worker<MaintenanceJob>(
    QUEUE_NAMES.maintenance,
    maintenanceProcessor(deps),
    {
      ...common,
      concurrency: 1,
    },
  );
  for (const w of [outbox, maintenance]) {
    w.on('error', (err) => logger.warn({ err: err.message, queue: w.name }, 'worker error'));
    w.on('completed', (job) => logger.debug({ queue: w.name, jobId: job.id }, 'job done'));
    w.on('failed', (job, err) =>
      logger.warn(
        { queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
  }

  // Upserted at every start (and after Redis comes back empty): one scheduler,
  // however many workers run.
  const schedule = () =>
    Promise.all([
      deps.queues.maintenance.upsertJobScheduler(
        'relay-outbox',
        { every: config.OUTBOX_RELAY_EVERY_MS },
        { name: 'relay-outbox', data: { task: 'relay-outbox' } },
      ),
      deps.queues.maintenance.upsertJobScheduler(
        'deadlines',
        { every: config.DEADLINE_SCAN_EVERY_MS },
        { name: 'deadlines', data: { task: 'deadlines' } },
      ),
      deps.queues.maintenance.upsertJobScheduler(
        'close-unrated',
        { every: config.DEADLINE_SCAN_EVERY_MS },
        { name: 'close-unrated', data: { task: 'close-unrated' } },
      ),
    ]).catch((err: Error) =>
      logger.warn({ err: err.message }, 'could not schedule the periodic jobs yet'),
    );
  await schedule();
  connection.on('ready', () => void schedule());

  return {
    async close() {
      await Promise.allSettled([outbox.close(), maintenance.close()]);
      connection.disconnect();
    },
  };
}
