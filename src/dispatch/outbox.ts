import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { OUTBOX_JOB_OPTIONS } from '../platform/queues';
import { jobIdFor } from './events';

/**
 * The outbox lives on each submission (`outbox`, `outboxPending`). Whatever
 * changes a submission writes the side effects it causes in the same update;
 * `kick` then hands them to BullMQ straight away, and `relay` (on a job scheduler)
 * hands over whatever is still pending, e.g. because Redis was down. Jobs are
 * keyed by submission and event, so handing over twice enqueues once.
 */

const KICK_TIMEOUT_MS = 500;
const RELAY_TIMEOUT_MS = 10_000;

/** Enqueues the given events; never throws. Returns whether Redis took them. */
export async function kick(
  deps: Deps,
  submissionId: Types.ObjectId | string,
  events: string[],
): Promise<boolean> {
  if (events.length === 0) return true;
  return enqueue(
    deps,
    events.map((e) => [submissionId, e]),
  );
}

async function enqueue(
  deps: Deps,
  events: [Types.ObjectId | string, string][],
  timeoutMs = KICK_TIMEOUT_MS,
): Promise<boolean> {
  if (events.length === 0) return true;
  const jobs = events.map(([submissionId, event]) => {
    const id = String(submissionId);
    return {
      name: event.split(':')[0] ?? event,
      data: { submissionId: id, event },
      opts: { ...OUTBOX_JOB_OPTIONS, jobId: jobIdFor(id, event) },
    };
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      // One job (the usual case: a new petition's `route`) is one script call;
      // addBulk wraps even one in MULTI/EXEC.
      jobs.length === 1
        ? deps.queues.outbox.add(jobs[0]!.name, jobs[0]!.data, jobs[0]!.opts)
        : deps.queues.outbox.addBulk(jobs),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis did not answer in time')), timeoutMs);
      }),
    ]);
    return true;
  } catch (err) {
    deps.logger.warn(
      {
        submissionIds: [...new Set(events.map(([id]) => String(id)))].slice(0, 10),
        err: (err as Error).message,
      },
      'outbox: could not enqueue now; the relay will retry',
    );
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Re-enqueues every pending side effect, in one hand-over to Redis per pass. Run
 * periodically by the worker. Events whose job is still queued are dropped by
 * BullMQ (same job id); so are events done since the scan, when their job runs.
 */
export async function relay(deps: Deps, batch = 500): Promise<number> {
  const pending = await deps.models.Submission.find({ outboxPending: true })
    .sort({ updatedAt: 1 })
    .limit(batch)
    .select({ _id: 1, outbox: 1 })
    .lean();
  const events: [Types.ObjectId, string][] = [];
  for (const doc of pending) {
    if (doc.outbox.length === 0) await clearPendingFlag(deps, doc._id);
    for (const event of doc.outbox) events.push([doc._id, event]);
  }
  // The relay is not in a hurry: Redis may take longer to take a large batch.
  return (await enqueue(deps, events, RELAY_TIMEOUT_MS)) ? events.length : 0;
}

export async function clearPendingFlag(deps: Deps, id: Types.ObjectId): Promise<void> {
  // Only if nothing was added meanwhile.
  await deps.models.Submission.updateOne(
    { _id: id, outbox: { $size: 0 } },
    { $set: { outboxPending: false } },
  );
}
