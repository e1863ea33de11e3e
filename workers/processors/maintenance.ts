import type { Job } from 'bullmq';
import type { Deps } from '../../src/deps';
import { relay } from '../../src/dispatch/outbox';
import type { MaintenanceJob } from '../../src/platform/queues';

/** Periodic tasks, each idempotent. */
export function maintenanceProcessor(deps: Deps) {
  return async (job: Job<MaintenanceJob>) => {
    switch (job.data.task) {
      case 'relay-outbox':
        return { handed: await relay(deps) };
    }
  };
}
