import type { Job } from 'bullmq';
import type { Deps } from '../../src/deps';
import { handleOutboxEvent } from '../../src/dispatch/handlers';
import { processOutboxEvent } from '../../src/dispatch/process';
import type { OutboxJob } from '../../src/platform/queues';

/** Carries out one side effect of a submission (route it, send an e-mail…). */
export function outboxProcessor(deps: Deps) {
  return async (job: Job<OutboxJob>) =>
    processOutboxEvent(deps, handleOutboxEvent, job.data.submissionId, job.data.event);
}
