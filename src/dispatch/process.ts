import type { Types } from 'mongoose';
import type { Deps } from '../deps';
import type { HistoryEntry, Submission } from '../submissions/model';
import {
  decodeEvent,
  OUTBOX_EVENT_NAMES,
  type OutboxEvent,
  type OutboxEventName,
  type OutboxEventOf,
} from './events';

/** Carrying out outbox events, in the worker (src/dispatch/outbox.ts hands them over). */

/** What a handler asks to be written with the removal of its event from the outbox. */
export interface Handled {
  /** History entries to append (e.g. "agency notified"), in that same update. */
  history?: HistoryEntry[];
}

export type OutboxHandler<K extends OutboxEventName = OutboxEventName> = (
  deps: Deps,
  submission: Submission,
  event: OutboxEventOf<K>,
) => Promise<Handled | void>;

/** One handler per event of the catalogue: an event without one does not compile. */
export type OutboxHandlers = { [K in OutboxEventName]: OutboxHandler<K> };

/**
 * The start-up check of the same (for handlers put together at run time): throws
 * naming the events without a handler, or handlers of no event.
 */
export function checkOutboxHandlers(handlers: Record<string, unknown>): void {
  const missing = OUTBOX_EVENT_NAMES.filter((n) => typeof handlers[n] !== 'function');
  const unknown = Object.keys(handlers).filter(
    (n) => !(OUTBOX_EVENT_NAMES as string[]).includes(n),
  );
  if (missing.length || unknown.length)
    throw new Error(
      `outbox handlers do not match the catalogue: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`,
    );
}

function run(handlers: OutboxHandlers, deps: Deps, submission: Submission, event: OutboxEvent) {
  // `handlers[event.type]` takes exactly this event; TypeScript cannot correlate the two.
  return (handlers[event.type] as OutboxHandler)(deps, submission, event as never);
}

/**
 * Carries out one outbox event, then removes it from the outbox. Handlers must be
 * idempotent: after a crash between the two steps the event runs again.
 *
 * Two round trips besides the handler's own: the submission is read once (the
 * handler works on that reading, as it would on its own), and one update removes
 * the event, appends what the handler recorded and clears `outboxPending` when
 * nothing is left, atomically. Events a handler adds are handed to the queue by
 * the state machine as it stores them (`deps.lifecycle`), or by the relay.
 */
export async function processOutboxEvent(
  deps: Deps,
  handlers: OutboxHandlers,
  submissionId: string,
  event: string,
): Promise<'done' | 'skipped' | 'dropped'> {
  const doc = await deps.models.Submission.findById(submissionId).lean<Submission>();
  if (!doc || !doc.outbox.includes(event)) return 'skipped';
  const decoded = decodeEvent(event);
  if (!decoded) {
    deps.logger.error({ submissionId, event }, 'outbox: unknown event dropped');
    await finishEvent(deps, doc._id, event, []);
    return 'dropped';
  }
  const handled = await run(handlers, deps, doc, decoded);
  await finishEvent(deps, doc._id, event, handled?.history ?? []);
  return 'done';
}

/**
 * Takes `event` off the outbox, appends `history`, and sets `outboxPending` to
 * whether anything is left: one update (a pipeline, so that the flag follows the
 * array in the same write).
 */
async function finishEvent(
  deps: Deps,
  id: Types.ObjectId,
  event: string,
  history: HistoryEntry[],
): Promise<void> {
  await deps.models.Submission.collection.updateOne({ _id: id }, [
    {
      $set: {
        outbox: { $filter: { input: '$outbox', cond: { $ne: ['$$this', event] } } },
        ...(history.length
          ? { history: { $concatArrays: ['$history', { $literal: history }] } }
          : {}),
        updatedAt: new Date(),
      },
    },
    { $set: { outboxPending: { $gt: [{ $size: '$outbox' }, 0] } } },
  ]);
}
