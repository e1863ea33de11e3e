import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Queue names and their job payloads. Payloads carry ids, never data: a job reads
 * the current state of what it works on, so a late or repeated job does no harm.
 */
export const QUEUE_NAMES = { outbox: 'outbox', maintenance: 'maintenance' } as const;

/** Carry out one side effect recorded in a submission's outbox. */
export interface OutboxJob {
  submissionId: string;
  event: string;
}

/** Periodic housekeeping, run by job schedulers. */
export interface MaintenanceJob {
  /**
   * `deadlines`: reminders, overdue notices and escalations (src/deadlines/scan.ts);
   * `close-unrated`: answers nobody rated in time close (src/feedback/service.ts).
   */
  task: 'relay-outbox' | 'deadlines' | 'close-unrated';
}

export const OUTBOX_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  // A job that failed every attempt stays visible for a week; while it does, its
  // jobId keeps the relay from re-adding it in a tight loop.
  removeOnFail: { age: 7 * 24 * 3600 },
};

export interface Queues {
  outbox: Queue<OutboxJob>;
  maintenance: Queue<MaintenanceJob>;
  close(): Promise<void>;
}

export function createQueues(connection: Redis, prefix: string): Queues {
  const outbox = new Queue<OutboxJob>(QUEUE_NAMES.outbox, { connection, prefix });
  const maintenance = new Queue<MaintenanceJob>(QUEUE_NAMES.maintenance, { connection, prefix });
  // Errors (Redis down) surface where jobs are added; here they would only be noise.
  outbox.on('error', () => undefined);
  maintenance.on('error', () => undefined);
  return {
    outbox,
    maintenance,
    async close() {
      await Promise.allSettled([outbox.close(), maintenance.close()]);
    },
  };
}
