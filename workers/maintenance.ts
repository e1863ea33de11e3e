import type { Config } from '../config/env';
import { scanDeadlines } from '../src/deadlines/scan';
import type { Deps } from '../src/deps';
import { relay } from '../src/dispatch/outbox';
import { eraseExpiredContacts } from '../src/feedback/personal-data';
import { closeUnrated } from '../src/feedback/service';

/**
 * The periodic tasks, declared once: name, how often, what it does. Each is
 * idempotent; the worker upserts one job scheduler per task (however many
 * workers run) and runs them on the `maintenance` queue.
 */
export const MAINTENANCE_TASKS = {
  /** Hands over the outbox events still pending (e.g. Redis was down). */
  'relay-outbox': {
    every: (c: Config) => c.OUTBOX_RELAY_EVERY_MS,
    run: async (deps: Deps) => ({ handed: await relay(deps) }),
  },
  /** Reminders, overdue notices and escalations: queues one job per step (src/deadlines/scan.ts). */
  deadlines: {
    every: (c: Config) => c.DEADLINE_SCAN_EVERY_MS,
    run: (deps: Deps) => scanDeadlines(deps),
  },
  /** Answers nobody rated in time close (src/feedback/service.ts). */
  'close-unrated': {
    every: (c: Config) => c.DEADLINE_SCAN_EVERY_MS,
    run: async (deps: Deps) => ({ closed: await closeUnrated(deps) }),
  },
  /**
   * Contact data erased CONTACT_RETENTION_DAYS after an item ends (Law 91/2025;
   * src/feedback/personal-data.ts). Counted in days, so a few runs a day suffice;
   * each run scans the ended items, which is why it is not every minute.
   */
  'erase-expired-contacts': {
    every: () => 6 * 3_600_000,
    run: async (deps: Deps) => ({ erased: await eraseExpiredContacts(deps) }),
  },
} satisfies Record<string, MaintenanceTask>;

export interface MaintenanceTask {
  every(config: Config): number;
  run(deps: Deps): Promise<unknown>;
}

export type MaintenanceTaskName = keyof typeof MAINTENANCE_TASKS;

export function isMaintenanceTask(name: string): name is MaintenanceTaskName {
  return Object.hasOwn(MAINTENANCE_TASKS, name);
}
