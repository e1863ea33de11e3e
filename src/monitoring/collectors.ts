import { Gauge } from 'prom-client';
import { reminderHorizon } from '../deadlines';
import type { Deps } from '../deps';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../routing/model';

/**
 * The gauges read from Redis and the database, computed when Prometheus scrapes
 * (each is one indexed count or one range read), never on the request path. Every
 * process with metrics reports the same values: dashboards take `max` over them.
 */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

export function registerCollectors(deps: Deps): void {
  const { registry } = deps.metrics;
  const queues = [deps.queues.outbox, deps.queues.maintenance, deps.queues.deadlines];

  new Gauge({
    name: 'td_queue_jobs',
    help: 'Jobs in each BullMQ queue, by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const q of queues) {
        const counts = await q.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
      }
    },
  });

  new Gauge({
    name: 'td_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in each queue (0 when none waits)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const q of queues) {
        const [oldest] = await q.getJobs(['wait'], 0, 0, true);
        this.set({ queue: q.name }, oldest ? ageSeconds(oldest.timestamp) : 0);
      }
    },
  });

  const { Submission, Assignment } = deps.models;
  new Gauge({
    name: 'td_outbox_pending',
    help: 'Submissions with side effects not yet carried out (the outbox)',
    registers: [registry],
    async collect() {
      this.set(await Submission.countDocuments({ outboxPending: true }));
    },
  });

  new Gauge({
    name: 'td_outbox_oldest_pending_seconds',
    help: 'Time since the oldest submission with pending side effects last changed (0 when none)',
    registers: [registry],
    async collect() {
      // The relay's own index (outbox_pending: outboxPending, updatedAt).
      const oldest = await Submission.findOne({ outboxPending: true })
        .sort({ updatedAt: 1 })
        .select({ updatedAt: 1 })
        .lean();
      this.set(oldest ? ageSeconds(oldest.updatedAt.getTime()) : 0);
    },
  });

  new Gauge({
    name: 'td_deadlines',
    help: 'Agencies’ active assignments whose deadline runs: due soon (reminder window) or overdue',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const now = deps.clock.now();
      const running = {
        status: { $in: [...ACTIVE_ASSIGNMENT_STATUSES] },
        pausedAt: { $exists: false },
      };
      const [overdue, dueSoon] = await Promise.all([
        Assignment.countDocuments({ ...running, dueAt: { $lt: now } }),
        Assignment.countDocuments({
          ...running,
          dueAt: { $gte: now, $lte: reminderHorizon(deps.calendar, now) },
        }),
      ]);
      this.set({ state: 'overdue' }, overdue);
      this.set({ state: 'due_soon' }, dueSoon);
    },
  });
}

function ageSeconds(sinceMs: number): number {
  return Math.max(0, (Date.now() - sinceMs) / 1000);
}
