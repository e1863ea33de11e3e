import { randomBytes } from 'node:crypto';
import type { Model, Types, UpdateQuery } from 'mongoose';
import { encodeEvent, type OutboxEvent } from '../dispatch/events';
import type { Clock } from '../platform/clock';
import type { Actor, HistoryEntry, Submission } from './model';
import { canTransition, TransitionNotAllowed, type SubmissionStatus } from './statuses';

export * from './statuses';

/**
 * The one state machine of submissions, and the one way to change one. Every
 * change goes through `commit` (`transition` is a commit that moves the status):
 * a single conditional update (so two racing changes cannot both win) that sets
 * the fields, appends to the history and queues the side effects in the
 * document's outbox. Once stored, the machine tells the read models (the inbox
 * of open items, the report counters) and hands the outbox to the queue, through
 * the ports below that `deps` wires: it imports neither.
 */

/** A view kept from the submissions: told after each stored change. */
export interface ReadModel {
  /**
   * `s` is the submission as stored now; `from` is the status before when the
   * change was a transition.
   */
  changed(s: Submission, from?: SubmissionStatus): Promise<void>;
}

export interface LifecyclePorts {
  Submission: Model<Submission>;
  clock: Clock;
  readModels: readonly ReadModel[];
  /** Hands outbox events to the queue now; must not throw (the relay retries). */
  dispatch(id: Types.ObjectId, events: string[]): Promise<unknown>;
}

export interface Change {
  /** Extra conditions on the current document (e.g. which assignment is current). */
  where?: Record<string, unknown>;
  /** Fields set. */
  set?: Record<string, unknown>;
  /** Fields incremented. */
  inc?: Record<string, number>;
  /** Appended to the history. */
  history?: HistoryEntry;
  /**
   * With a key the change is applied only if no change with that key was (the
   * key goes into `historyKeys` in the same update), so a retried or concurrent
   * job records it once.
   */
  once?: string;
  /** Side effects to carry out once the change is stored (src/dispatch/events.ts). */
  effects?: readonly OutboxEvent[];
}

export interface TransitionRequest {
  from: SubmissionStatus;
  to: SubmissionStatus;
  actor: Actor;
  action: string;
  note?: string;
  /** Extra fields set together with the status. */
  set?: Partial<Submission>;
  /** Extra conditions on the current document (e.g. which assignment is current). */
  where?: Record<string, unknown>;
  /** Side effects to carry out once the change is stored (src/dispatch/events.ts). */
  effects?: readonly OutboxEvent[];
  /** Tell the resident (and merged supporters) about this change. */
  notifyResident?: boolean;
  /** Tell the current agency about this change (e.g. the resident's reply to its question). */
  notifyAgency?: boolean;
}

export interface Lifecycle {
  /**
   * Applies a change. Returns the updated document, or null when the document
   * did not match (any more): the caller decides whether that is an error.
   */
  commit(id: Types.ObjectId | string, change: Change): Promise<Submission | null>;
  /** Applies a status change allowed by the transition table (see `commit`). */
  transition(id: Types.ObjectId | string, req: TransitionRequest): Promise<Submission | null>;
  /** Appends a history entry (once per key, with one); returns whether it was appended. */
  record(id: Types.ObjectId | string, entry: HistoryEntry, once?: string): Promise<boolean>;
  /**
   * Stores a new, complete submission (with its first history entry and its
   * outbox; written with the driver, see intake) and hands its outbox to the
   * queue without waiting. Throws the driver's duplicate-key error.
   */
  create(doc: Submission): Promise<void>;
  /** Brings the read models in line with the submission as just read (after a create). */
  refresh(s: Submission): Promise<void>;
}

export function createLifecycle(ports: LifecyclePorts): Lifecycle {
  const notify = async (s: Submission, from?: SubmissionStatus) => {
    for (const view of ports.readModels) await view.changed(s, from);
  };

  async function apply(
    id: Types.ObjectId | string,
    change: Change & { status?: { from: SubmissionStatus; to: SubmissionStatus } },
  ): Promise<Submission | null> {
    const effects = (change.effects ?? []).map(encodeEvent);
    const set = {
      ...change.set,
      ...(change.status ? { status: change.status.to } : {}),
      ...(effects.length ? { outboxPending: true } : {}),
    };
    const push = {
      ...(change.history ? { history: change.history } : {}),
      ...(change.once ? { historyKeys: change.once } : {}),
      ...(effects.length ? { outbox: { $each: effects } } : {}),
    };
    const update: UpdateQuery<Submission> = {
      ...(Object.keys(set).length ? { $set: set } : {}),
      ...(Object.keys(push).length ? { $push: push } : {}),
      ...(change.inc ? { $inc: change.inc } : {}),
    };
    const updated = await ports.Submission.findOneAndUpdate(
      {
        ...change.where,
        _id: id,
        ...(change.status ? { status: change.status.from } : {}),
        ...(change.once ? { historyKeys: { $ne: change.once } } : {}),
      },
      update,
      { returnDocument: 'after' },
    ).lean<Submission>();
    if (!updated) return null;
    // A plain history line changes nothing the read models show.
    if (change.status || change.set || change.inc) await notify(updated, change.status?.from);
    if (effects.length) await ports.dispatch(updated._id, updated.outbox);
    return updated;
  }

  return {
    commit: (id, change) => apply(id, change),

    async transition(id, req) {
      if (!canTransition(req.from, req.to)) throw new TransitionNotAllowed(req.from, req.to);
      const entryId =
        req.notifyResident || req.notifyAgency ? randomBytes(6).toString('hex') : undefined;
      const entry: HistoryEntry = {
        ...(entryId ? { id: entryId } : {}),
        at: ports.clock.now(),
        actor: req.actor,
        action: req.action,
        from: req.from,
        to: req.to,
        ...(req.note ? { note: req.note } : {}),
      };
      const effects: OutboxEvent[] = [
        ...(req.effects ?? []),
        ...(entryId && req.notifyResident
          ? [{ type: 'resident-update', entry: entryId } as const]
          : []),
        ...(entryId && req.notifyAgency
          ? [{ type: 'agency-update', entry: entryId } as const]
          : []),
      ];
      return apply(id, {
        status: { from: req.from, to: req.to },
        where: req.where,
        set: req.set,
        history: entry,
        effects,
      });
    },

    async record(id, entry, once) {
      return (await apply(id, { history: entry, once })) !== null;
    },

    async create(doc) {
      await ports.Submission.collection.insertOne({ ...doc, __v: 0 });
      // Handing over to the queue is not awaited: the answer never waits on Redis,
      // and the relay hands over whatever this misses.
      if (doc.outbox.length) void ports.dispatch(doc._id, doc.outbox);
    },

    async refresh(s) {
      await notify(s);
    },
  };
}

/** The first history entry, written when the submission is created. */
export function receivedEntry(at: Date, actor: Actor): HistoryEntry {
  return { at, actor, action: 'received', to: 'received' };
}
