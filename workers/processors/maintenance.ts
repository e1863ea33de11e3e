import type { Job } from 'bullmq';
import type { Deps } from '../../src/deps';
import { scanDeadlines } from '../../src/deadlines/scan';
import { relay } from '../../src/dispatch/outbox';
import { closeUnrated } from '../../src/feedback/service';
import type { MaintenanceJob } from '../../src/platform/queues';

/** Periodic tasks, each idempotent. */
export function maintenanceProcessor(deps: Deps) {
  return async (job: Job<MaintenanceJob>) => {
    switch (job.data.task) {
      case 'relay-outbox':
        return { handed: await relay(deps) };
      case 'deadlines':
        return scanDeadlines(deps);
      case 'close-unrated':
        return { closed: await closeUnrated(deps) };
    }
  };
}
