import { Queue, UnrecoverableError, type Job, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import type { RedisClient } from './redis';

/**
 * Queue names and their job payloads. Payloads carry ids, never data: a job reads
 * the current state of what it works on, so a late or repeated job does no harm.
 */
export const QUEUE_NAMES = {
  outbox: 'outbox',
  maintenance: 'maintenance',
  deadlines: 'deadlines',
} as const;

const objectId = z.string().regex(/^[0-9a-f]{24}$/);

/**
 * Carry out one side effect recorded in a submission's outbox; `event` is one of
 * the catalogue's (src/dispatch/events.ts), as stored in the outbox.
 */
export const outboxJob = z.object({ submissionId: objectId, event: z.string().min(1).max(200) });
export type OutboxJob = z.infer<typeof outboxJob>;

/** Periodic housekeeping, run by job schedulers: the tasks are declared in workers/maintenance.ts. */
export const maintenanceJob = z.object({ task: z.string().min(1) });
export type MaintenanceJob = z.infer<typeof maintenanceJob>;

/**
 * One step of the deadline scan (src/deadlines/scan.ts) for one assignment, for
 * the due date it had when the scan found it.
 */
export const deadlineStepJob = z.object({
  step: z.enum(['reminder', 'overdue', 'escalation']),
  assignmentId: objectId,
  dueAt: z.iso.datetime(),
});
export type DeadlineStepJob = z.infer<typeof deadlineStepJob>;

/**
 * A job's payload as its schema says, or an `UnrecoverableError` (BullMQ does not
 * retry it): a malformed payload stays malformed however often it is tried.
 */
export function payloadOf<T>(schema: z.ZodType<T>, job: Job): T {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(
      `malformed ${job.queueName} job ${String(job.id)}: ${parsed.error.issues
        .map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`)
        .join('; ')}`,
    );
  return parsed.data;
}

export const OUTBOX_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  // A job that failed every attempt stays visible for a week; while it does, its
  // jobId keeps the relay from re-adding it in a tight loop.
  removeOnFail: { age: 7 * 24 * 3600 },
};

/**
 * Deadline steps: a few tries close together; a step that failed them all is
 * removed, so that the next scan enqueues it afresh (each step is sent once
 * however often it runs: src/deadlines/scan.ts).
 */
export const DEADLINE_STEP_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
};

export interface Queues {
  outbox: Queue<OutboxJob>;
  maintenance: Queue<MaintenanceJob>;
  deadlines: Queue<DeadlineStepJob>;
  close(): Promise<void>;
}

/**
 * BullMQ's key prefix: QUEUE_PREFIX as a hash tag (`{td}`), so that every key of
 * every queue lives in one hash slot. A Redis Cluster requires it (BullMQ's
 * scripts touch several keys at once); a single Redis does not mind.
 */
export function bullPrefix(queuePrefix: string): string {
  return `{${queuePrefix}}`;
}

export function createQueues(connection: RedisClient, queuePrefix: string): Queues {
  const prefix = bullPrefix(queuePrefix);
  const outbox = new Queue<OutboxJob>(QUEUE_NAMES.outbox, { connection, prefix });
  const maintenance = new Queue<MaintenanceJob>(QUEUE_NAMES.maintenance, { connection, prefix });
  const deadlines = new Queue<DeadlineStepJob>(QUEUE_NAMES.deadlines, { connection, prefix });
  // Errors (Redis down) surface where jobs are added; here they would only be noise.
  for (const q of [outbox, maintenance, deadlines]) q.on('error', () => undefined);
  return {
    outbox,
    maintenance,
    deadlines,
    async close() {
      await Promise.allSettled([outbox.close(), maintenance.close(), deadlines.close()]);
    },
  };
}
