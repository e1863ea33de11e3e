import { UnrecoverableError, type Job } from 'bullmq';
import { runDeadlineStep } from '../src/deadlines/scan';
import type { Deps } from '../src/deps';
import { outboxHandlers } from '../src/dispatch/handlers';
import { processOutboxEvent } from '../src/dispatch/process';
import {
  deadlineStepJob,
  maintenanceJob,
  outboxJob,
  payloadOf,
  type DeadlineStepJob,
  type MaintenanceJob,
  type OutboxJob,
} from '../src/platform/queues';
import { isMaintenanceTask, MAINTENANCE_TASKS } from './maintenance';

/**
 * One processor per queue. A malformed payload fails its job with an
 * `UnrecoverableError`: BullMQ does not try it again.
 */

/** Carries out one side effect of a submission (route it, send an e-mail…). */
export function outboxProcessor(deps: Deps) {
  return async (job: Job<OutboxJob>) => {
    const { submissionId, event } = payloadOf(outboxJob, job);
    const outcome = await processOutboxEvent(deps, outboxHandlers, submissionId, event);
    // Taken off the outbox already; failing the job leaves it visible.
    if (outcome === 'dropped') throw new UnrecoverableError(`unknown outbox event ${event}`);
    return outcome;
  };
}

/** The periodic tasks (workers/maintenance.ts). */
export function maintenanceProcessor(deps: Deps) {
  return async (job: Job<MaintenanceJob>) => {
    const { task } = payloadOf(maintenanceJob, job);
    if (!isMaintenanceTask(task)) throw new UnrecoverableError(`unknown maintenance task ${task}`);
    return MAINTENANCE_TASKS[task].run(deps);
  };
}

/** One step of the deadline scan for one assignment (src/deadlines/scan.ts). */
export function deadlineProcessor(deps: Deps) {
  return async (job: Job<DeadlineStepJob>) =>
    runDeadlineStep(deps, payloadOf(deadlineStepJob, job));
}
