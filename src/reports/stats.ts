import type { Collection, Db } from 'mongodb';
import type { Models } from '../models';
import { isDuplicateKey } from '../platform/db';
import { dayBucket, encodeKey } from './counter-keys';
import { localDate, localMonth } from '../platform/clock';
import type { ReadModel } from '../submissions/lifecycle';
import { AGENCY_STATUSES, OPEN_STATUSES, type SubmissionStatus } from '../submissions/statuses';
import type { HistoryEntry, Submission } from '../submissions/model';
import { inboxEntry } from '../triage';
import {
  ALL_NODES,
  currentCollection,
  openItemsCollection,
  statsCollection,
  statsId,
  type StatItem,
} from './model';

/**
 * Statistics kept on write. Intake and the state machine call in here after
 * each successful write; every count is an atomic `$inc` (upsert) on the
 * counter document of each node of the item's jurisdiction path (and of the
 * whole tree, `*`), so a report reads a few small documents and never the
 * submissions. `recount.ts` recomputes everything from the raw documents.
 *
 * Which month a count goes to:
 * - `received.*`: the month the ITEM was received (its `month`), whenever the
 *   count is made; by its CURRENT kind, category, legal type and topics (a
 *   reclassification moves it, see `reconcileItem`);
 * - everything else (`moves`, `answers`, `agencies`): the month the EVENT
 *   happened (the history entry's time, in Vietnam): routed/assigned, answered
 *   (on time or late), reopened, rated, rejected, noted…
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export type Inc = Record<string, number>;

export {
  ANSWER_DAY_EDGES,
  approxMedian,
  bucketRange,
  dayBucket,
  decodeKey,
  encodeKey,
} from './counter-keys';

// ---------------------------------------------------------------------------
// What one item adds to "received"

export type ItemDims = Omit<StatItem, '_id' | 'v'>;

type Countable = Pick<
  Submission,
  | 'month'
  | 'jurisdictionPath'
  | 'kind'
  | 'categoryCode'
  | 'legalType'
  | 'topics'
  | 'status'
  | 'dueAt'
> & { channel?: string };

/**
 * Statuses whose deadline runs (awaiting the resident pauses it). A function,
 * not a constant: lifecycle.ts imports this module, so its lists are read late.
 */
export function deadlineStatuses(): readonly SubmissionStatus[] {
  return AGENCY_STATUSES.filter((st) => st !== 'awaiting_resident');
}

export function itemDims(s: Countable): ItemDims {
  return {
    month: s.month,
    path: [...s.jurisdictionPath],
    kind: s.kind,
    categoryCode: s.categoryCode,
    legalType: s.legalType ?? 'unclassified',
    channel: s.channel ?? 'web',
    topics: [...new Set(s.topics ?? [])].sort(),
    status: s.status,
    dueDay: deadlineStatuses().includes(s.status) && s.dueAt ? localDate(new Date(s.dueAt)) : '',
  };
}

function sameDims(a: ItemDims, b: ItemDims): boolean {
  return (
    a.kind === b.kind &&
    a.categoryCode === b.categoryCode &&
    a.legalType === b.legalType &&
    a.channel === b.channel &&
    a.topics.join(',') === b.topics.join(',') &&
    a.status === b.status &&
    a.dueDay === b.dueDay
  );
}

function sameReceived(a: ItemDims, b: ItemDims): boolean {
  return sameDims({ ...a, status: '', dueDay: '' }, { ...b, status: '', dueDay: '' });
}

export function receivedIncrements(d: ItemDims, sign: 1 | -1, into: Inc = {}): Inc {
  const add = (k: string) => (into[k] = (into[k] ?? 0) + sign);
  add('received.n');
  add(`received.kind.${encodeKey(d.kind)}`);
  add(`received.category.${encodeKey(d.categoryCode)}.${encodeKey(d.kind)}`);
  add(`received.legal.${encodeKey(d.legalType)}`);
  add(`received.channel.${encodeKey(d.channel)}`);
  for (const t of d.topics) add(`received.topic.${encodeKey(t)}`);
  return into;
}

/** What one item adds to the counters of what is open now (`stats_now`). */
export function currentIncrements(d: ItemDims, sign: 1 | -1, into: Inc = {}): Inc {
  const add = (k: string) => (into[k] = (into[k] ?? 0) + sign);
  if (!OPEN_STATUSES.includes(d.status as SubmissionStatus)) return into;
  add(`open.${encodeKey(d.status)}`);
  if (d.kind === 'petition') add(`openMonth.${d.month}`);
  if (d.dueDay) add(`due.${d.dueDay}`);
  return into;
}

// ---------------------------------------------------------------------------
// What one status change adds

/** Where the facts about the assignment in force at an event come from. */
export interface EventContext {
  /** The agency of the assignment in force at history entry `i`. */
  agencyAt(i: number): string | undefined;
  /** Its due date. */
  dueAt(i: number): Date | undefined;
}

/**
 * The counts of history entry `i` (a status change: it has `from` and `to`),
 * and the month they go to. The same function serves the live path (entry = the
 * one just written) and the recount (every entry of every item).
 */
export function eventIncrements(
  history: readonly HistoryEntry[],
  i: number,
  ctx: EventContext,
): { month: string; inc: Inc } | null {
  const e = history[i];
  if (!e || !e.from || !e.to) return null;
  const at = new Date(e.at);
  const inc: Inc = { [`moves.${e.to}`]: 1 };
  const agencyKey = () => `agencies.${encodeKey(ctx.agencyAt(i) ?? 'unknown')}`;
  if (e.to === 'assigned') inc[`${agencyKey()}.assigned`] = 1;
  if (e.to === 'answered') {
    const a = agencyKey();
    const due = ctx.dueAt(i);
    const onTime = !due || at.getTime() <= new Date(due).getTime();
    const verdict = onTime ? 'onTime' : 'late';
    inc[`answers.${verdict}`] = 1;
    inc[`${a}.answered`] = 1;
    inc[`${a}.${verdict}`] = 1;
    const assigned = lastAssignedBefore(history, i);
    if (assigned) {
      const ms = Math.max(0, at.getTime() - new Date(assigned.at).getTime());
      const bucket = dayBucket(ms / DAY_MS);
      const hours = Math.round(ms / HOUR_MS);
      inc[`answers.days.${bucket}`] = 1;
      inc[`${a}.days.${bucket}`] = 1;
      inc['answers.hoursSum'] = hours;
      inc[`${a}.hoursSum`] = hours;
    }
  }
  if (e.from === 'answered') {
    const a = agencyKey();
    if (e.to === 'reopened') inc[`${a}.reopened`] = 1;
    if (e.actor?.kind === 'resident') {
      inc[`${a}.rated`] = 1;
      if (e.to === 'closed') inc[`${a}.satisfied`] = 1;
    }
  }
  return { month: localMonth(at), inc };
}

function lastAssignedBefore(history: readonly HistoryEntry[], i: number) {
  for (let j = i - 1; j >= 0; j -= 1) if (history[j]!.to === 'assigned') return history[j];
  return undefined;
}

/** For the recount: assignment number `seq` of history entry `i` is the `seq`-th change to `assigned`. */
export function assignmentSeqAt(history: readonly HistoryEntry[], i: number): number {
  let seq = -1;
  for (let j = 0; j <= i && j < history.length; j += 1) if (history[j]!.to === 'assigned') seq += 1;
  return seq;
}

// ---------------------------------------------------------------------------
// Writing

function rawDb(models: Models): Db {
  const db = models.Submission.db.db;
  if (!db) throw new Error('not connected');
  return db;
}

/** `$inc` the counters of every node of `path` (and of the whole tree) for `month`. */
export async function applyIncrements(
  models: Models,
  month: string,
  path: readonly string[],
  inc: Inc,
): Promise<void> {
  const fields = Object.fromEntries(Object.entries(inc).filter(([, n]) => n !== 0));
  if (Object.keys(fields).length === 0) return;
  await incrementEach(
    statsCollection(rawDb(models), month),
    [...new Set([...path, ALL_NODES])].map((node) => statsId(node, month)),
    fields,
  );
}

/** `$inc` the open-now counters of every node of `path` (and of the whole tree). */
export async function applyCurrent(
  models: Models,
  path: readonly string[],
  inc: Inc,
): Promise<void> {
  const fields = Object.fromEntries(Object.entries(inc).filter(([, n]) => n !== 0));
  if (Object.keys(fields).length === 0) return;
  await incrementEach(currentCollection(rawDb(models)), [...new Set([...path, ALL_NODES])], fields);
}

/** The same `$inc` (upsert) on each document, in one unordered bulk command. */
async function incrementEach(col: Collection<{ _id: string }>, ids: string[], inc: Inc) {
  await col.bulkWrite(
    ids.map((_id) => ({ updateOne: { filter: { _id }, update: { $inc: inc }, upsert: true } })),
    { ordered: false },
  );
}

/** Keeps the item's entry in the open items of its month of receipt (or removes it). */
export async function syncOpenItem(models: Models, s: Submission): Promise<void> {
  const col = openItemsCollection(rawDb(models), s.month);
  if (OPEN_STATUSES.includes(s.status))
    await col.replaceOne({ _id: s._id }, inboxEntry(s), { upsert: true });
  else await col.deleteOne({ _id: s._id });
}

/**
 * Brings the "received" and open-now counters of one item in line with its
 * current state: a new item is counted once (the ledger insert is the claim);
 * otherwise one atomic swap puts the item's current dimensions in the ledger
 * and returns the ones they replaced, and the counts move from those to these.
 * Racing callers each move from what they replaced, so the counters always
 * match the ledger.
 *
 * `also` (the counts of the event that changed it) is added in the same write
 * when it goes to the same counter documents, else on its own.
 */
export async function reconcileItem(
  models: Models,
  s: Submission,
  also?: { month: string; inc: Inc },
): Promise<void> {
  const now = itemDims(s);
  const id = String(s._id);
  let extra = also;
  const apply = async (month: string, path: readonly string[], inc: Inc) => {
    if (extra && extra.month === month && path.join() === s.jurisdictionPath.join()) {
      for (const [k, n] of Object.entries(extra.inc)) inc[k] = (inc[k] ?? 0) + n;
      extra = undefined;
    }
    await applyIncrements(models, month, path, inc);
  };
  const counted = async () => {
    await apply(now.month, now.path, receivedIncrements(now, 1));
    await applyCurrent(models, now.path, currentIncrements(now, 1));
  };
  // An item counted before has had status changes since it came in: only then
  // is the ledger swapped first; otherwise the insert is tried at once.
  let fresh = (s.history ?? []).filter((e) => e.from).length <= 1;
  try {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (fresh) {
        fresh = false;
        try {
          await models.StatItem.collection.insertOne({ _id: id, v: 0, ...now } as never);
          return await counted();
        } catch (err) {
          if (!isDuplicateKey(err)) throw err;
        }
      }
      const old = await models.StatItem.findOneAndUpdate(
        { _id: id },
        {
          $set: {
            kind: now.kind,
            categoryCode: now.categoryCode,
            legalType: now.legalType,
            channel: now.channel,
            topics: now.topics,
            status: now.status,
            dueDay: now.dueDay,
          },
          $inc: { v: 1 },
        },
        { returnDocument: 'before' },
      ).lean();
      if (!old) {
        try {
          await models.StatItem.collection.insertOne({ _id: id, v: 0, ...now } as never);
        } catch (err) {
          if (isDuplicateKey(err)) continue;
          throw err;
        }
        return await counted();
      }
      const before: ItemDims = {
        month: old.month,
        path: old.path,
        kind: old.kind,
        categoryCode: old.categoryCode,
        legalType: old.legalType,
        channel: old.channel,
        topics: old.topics ?? [],
        status: old.status ?? '',
        dueDay: old.dueDay ?? '',
      };
      // Month and path never change: the move stays within the same documents.
      const after = { ...now, month: before.month, path: before.path };
      if (sameDims(before, after)) return;
      if (!sameReceived(before, after)) {
        const inc = receivedIncrements(before, -1);
        receivedIncrements(after, 1, inc);
        await apply(before.month, before.path, inc);
      }
      const cur = currentIncrements(before, -1);
      currentIncrements(after, 1, cur);
      await applyCurrent(models, before.path, cur);
      return;
    }
  } finally {
    if (extra) await applyIncrements(models, extra.month, s.jurisdictionPath, extra.inc);
  }
}

/**
 * The state machine, after a successful change from `from` to `updated.status`:
 * counts the event (the last history entry, just written) and brings the item's
 * "received" counters in line with its current classification.
 */
export async function countTransition(
  models: Models,
  from: SubmissionStatus,
  updated: Submission,
): Promise<void> {
  const history = updated.history ?? [];
  const i = history.length - 1;
  const entry = history[i];
  if (!entry || entry.from !== from || entry.to !== updated.status) return;
  const ev = eventIncrements(history, i, {
    agencyAt: () => updated.agencyCode,
    dueAt: () => updated.dueAt,
  });
  await reconcileItem(models, updated, ev ?? undefined);
  await syncOpenItem(models, updated);
}

/**
 * After a change that may reclassify an item (category, legal type, topics), or
 * a new item: moves its counts, refreshes its open entry.
 */
async function countChange(models: Models, s: Submission): Promise<void> {
  await reconcileItem(models, s);
  await syncOpenItem(models, s);
}

/** The counters follow every change the state machine stores (wired in `deps`). */
export function reportCounters(models: Models): ReadModel {
  return {
    changed: (s, from) => (from ? countTransition(models, from, s) : countChange(models, s)),
  };
}
