import { Worker, type Processor } from 'bullmq';
import type { Deps } from '../src/deps';
import { outboxHandlers } from '../src/dispatch/handlers';
import { checkOutboxHandlers } from '../src/dispatch/process';
import { bullPrefix, QUEUE_NAMES } from '../src/platform/queues';
import { redisTopology, workerConnection } from '../src/platform/redis';
import { MAINTENANCE_TASKS } from './maintenance';
import { deadlineProcessor, maintenanceProcessor, outboxProcessor } from './processors';

export interface RunningWorkers {
  close(): Promise<void>;
}

/** How many deadline steps (each one e-mail at most) one worker process runs at once. */
const DEADLINE_CONCURRENCY = 4;

/**
 * Starts one BullMQ worker per queue and the job schedulers. Several worker
 * processes may run: jobs are keyed, handlers idempotent, schedulers upserted.
 */
export async function startWorkers(
  deps: Deps,
  opts: { concurrency?: number } = {},
): Promise<RunningWorkers> {
  const { config, logger } = deps;
  // The TypeScript type already demands every handler; this catches a catalogue
  // and handlers that drifted apart at run time anyway, before any job is taken.
  checkOutboxHandlers(outboxHandlers);
  const connection = workerConnection(redisTopology(config));
  connection.on('error', (err) => logger.debug({ err: err.message }, 'worker redis error'));
  const common = { connection, prefix: bullPrefix(config.QUEUE_PREFIX) };
  const worker = <T>(name: string, processor: Processor<T>, concurrency: number) =>
    new Worker<T>(name, processor, { ...common, concurrency });

  const workers = [
    worker(
      QUEUE_NAMES.outbox,
      outboxProcessor(deps),
      opts.concurrency ?? config.OUTBOX_CONCURRENCY,
    ),
    worker(QUEUE_NAMES.maintenance, maintenanceProcessor(deps), 1),
    worker(QUEUE_NAMES.deadlines, deadlineProcessor(deps), DEADLINE_CONCURRENCY),
  ];
  for (const w of workers) {
    w.on('error', (err) => logger.warn({ err: err.message, queue: w.name }, 'worker error'));
    w.on('completed', (job) => logger.debug({ queue: w.name, jobId: job.id }, 'job done'));
    w.on('failed', (job, err) =>
      logger.warn(
        { queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'job failed',
      ),
    );
  }

  // Upserted at every start (and after Redis comes back empty): one scheduler
  // per task, however many workers run.
  const schedule = () =>
    Promise.all(
      Object.entries(MAINTENANCE_TASKS).map(([task, { every }]) =>
        deps.queues.maintenance.upsertJobScheduler(
          task,
          { every: every(config) },
          { name: task, data: { task } },
        ),
      ),
    ).catch((err: Error) =>
      logger.warn({ err: err.message }, 'could not schedule the periodic jobs yet'),
    );
  await schedule();
  connection.on('ready', () => void schedule());

  return {
    async close() {
      await Promise.allSettled(workers.map((w) => w.close()));
      connection.disconnect();
    },
  };
}
