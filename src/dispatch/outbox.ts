import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import { OUTBOX_JOB_OPTIONS } from '../platform/queues';
import { decodeEvent, jobIdFor, type OutboxEvent } from './events';

/**
 * The outbox lives on each submission (`outbox`, `outboxPending`). Whatever
 * changes a submission writes the side effects it causes in the same update;
 * `kick` then hands them to BullMQ straight away, and `relay` (on a job scheduler)
 * hands over whatever is still pending, e.g. because Redis was down. Jobs are
 * keyed by submission and event, so handing over twice enqueues once.
 */

const KICK_TIMEOUT_MS = 500;

/** Enqueues the given events; never throws. Returns whether Redis took them. */
export async function kick(
  deps: Deps,
  submissionId: Types.ObjectId | string,
  events: string[],
): Promise<boolean> {
  if (events.length === 0) return true;
  const id = String(submissionId);
  const jobs = events.map((event) => ({
    name: event.split(':')[0] ?? event,
    data: { submissionId: id, event },
    opts: { ...OUTBOX_JOB_OPTIONS, jobId: jobIdFor(id, event) },
  }));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      deps.queues.outbox.addBulk(jobs),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error('redis did not answer in time')),
          KICK_TIMEOUT_MS,
        );
      }),
    ]);
    return true;
  } catch (err) {
    deps.logger.warn(
      { submissionId: id, err: (err as Error).message },
      'outbox: could not enqueue now; the relay will retry',
    );
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Re-enqueues every pending side effect. Run periodically by the worker. */
export async function relay(deps: Deps, batch = 500): Promise<number> {
  const pending = await deps.models.Submission.find({ outboxPending: true })
    .sort({ updatedAt: 1 })
    .limit(batch)
    .select({ _id: 1, outbox: 1 })
    .lean();
  let handed = 0;
  for (const doc of pending) {
    if (doc.outbox.length === 0) {
      await clearPendingFlag(deps, doc._id);
      continue;
    }
    if (await kick(deps, doc._id, doc.outbox)) handed += doc.outbox.length;
  }
  return handed;
}

export type OutboxHandler = (
  deps: Deps,
  submissionId: Types.ObjectId,
  event: OutboxEvent,
) => Promise<void>;

/**
 * Carries out one outbox event, then removes it from the outbox. Handlers must be
 * idempotent: after a crash between the two steps the event runs again.
 */
export async function processOutboxEvent(
  deps: Deps,
  handler: OutboxHandler,
  submissionId: string,
  event: string,
): Promise<'done' | 'skipped'> {
  const doc = await deps.models.Submission.findById(submissionId).select({ outbox: 1 }).lean();
  const decoded = decodeEvent(event);
  if (!doc || !doc.outbox.includes(event)) return 'skipped';
  if (decoded) await handler(deps, doc._id, decoded);
  else deps.logger.error({ submissionId, event }, 'outbox: unknown event dropped');

  const after = await deps.models.Submission.findOneAndUpdate(
    { _id: doc._id },
    { $pull: { outbox: event } },
    // No projection here: FerretDB v1 rejects findAndModify with one.
    { returnDocument: 'after' },
  ).lean();
  if (after && after.outbox.length > 0) await kick(deps, doc._id, after.outbox);
  else await clearPendingFlag(deps, doc._id);
  return 'done';
}

async function clearPendingFlag(deps: Deps, id: Types.ObjectId): Promise<void> {
  // Only if nothing was added meanwhile.
  await deps.models.Submission.updateOne(
    { _id: id, outbox: { $size: 0 } },
    { $set: { outboxPending: false } },
  );
}
