import type { AnyBulkWriteOperation } from 'mongodb';
import type { Models } from '../models';
import { OPEN_STATUSES } from '../submissions/statuses';
import type { Submission } from '../submissions/model';
import type { InboxEntry } from '../triage/model';
import { inboxEntry } from '../triage';
import {
  ALL_NODES,
  currentCollection,
  OPEN_ITEMS_COLLECTION,
  openItemsCollection,
  openItemsCollectionName,
  STATS_COLLECTION,
  statsCollection,
  statsCollectionName,
  statsId,
  type CurrentDoc,
  type StatItem,
  type StatsDoc,
} from './model';
import {
  assignmentSeqAt,
  currentIncrements,
  eventIncrements,
  itemDims,
  receivedIncrements,
  type EventContext,
  type Inc,
} from './stats';

/** The fields of a submission the counters depend on. */
export type CountedFields = Pick<
  Submission,
  | '_id'
  | 'month'
  | 'jurisdictionPath'
  | 'kind'
  | 'categoryCode'
  | 'legalType'
  | 'topics'
  | 'history'
  | 'agencyCode'
  | 'dueAt'
  | 'status'
  | 'trackingCode'
  | 'title'
  | 'searchKey'
  | 'jurisdictionCode'
  | 'createdAt'
  | 'supporterCount'
> & { channel?: string };

export const COUNTED_PROJECTION = {
  _id: 1,
  month: 1,
  jurisdictionPath: 1,
  kind: 1,
  categoryCode: 1,
  legalType: 1,
  topics: 1,
  history: 1,
  agencyCode: 1,
  dueAt: 1,
  channel: 1,
  status: 1,
  trackingCode: 1,
  title: 1,
  searchKey: 1,
  jurisdictionCode: 1,
  createdAt: 1,
  supporterCount: 1,
} as const;

export type EarlierAssignments = Map<number, { agencyCode: string; dueAt?: Date }>;

/**
 * Counters computed in memory from raw submissions: what the live path would
 * have written, item by item. Used by the recount command and the benchmark.
 */
export class StatsAccumulator {
  /** month → _id → document. */
  readonly months = new Map<string, Map<string, StatsDoc>>();
  /** node → what is open now. */
  readonly current = new Map<string, CurrentDoc>();
  /** month of receipt → open items. */
  readonly openItems = new Map<string, InboxEntry[]>();
  readonly ledger: StatItem[] = [];
  items = 0;

  /** Adds `inc` to the documents of every node of `path` (and the whole tree). */
  add(month: string, path: readonly string[], inc: Inc): void {
    let docs = this.months.get(month);
    if (!docs) this.months.set(month, (docs = new Map()));
    for (const node of new Set([...path, ALL_NODES])) {
      const id = statsId(node, month);
      let doc = docs.get(id);
      if (!doc) docs.set(id, (doc = { _id: id }));
      addNested(doc, inc);
    }
  }

  addCurrent(path: readonly string[], inc: Inc): void {
    if (Object.keys(inc).length === 0) return;
    for (const node of new Set([...path, ALL_NODES])) {
      let doc = this.current.get(node);
      if (!doc) this.current.set(node, (doc = { _id: node }));
      addNested(doc, inc);
    }
  }

  /** Whether counting this item needs its earlier (re-routed) assignments. */
  static needsEarlierAssignments(s: Pick<Submission, 'history'>): boolean {
    return (s.history ?? []).filter((e) => e.to === 'assigned').length > 1;
  }

  /**
   * Counts one item: received (its current classification) and every status
   * change in its history. `earlier` gives the agency and due date of
   * assignments before the current one (by `seq`); the current one is the item's.
   */
  addItem(s: CountedFields, earlier: EarlierAssignments = new Map()): void {
    const dims = itemDims(s);
    this.ledger.push({ _id: String(s._id), v: 0, ...dims });
    this.add(dims.month, dims.path, receivedIncrements(dims, 1));
    this.addCurrent(dims.path, currentIncrements(dims, 1));
    if (OPEN_STATUSES.includes(s.status)) {
      const list = this.openItems.get(s.month) ?? [];
      list.push(inboxEntry(s as Submission));
      this.openItems.set(s.month, list);
    }
    const history = s.history ?? [];
    const lastSeq = assignmentSeqAt(history, history.length - 1);
    const ctx: EventContext = {
      agencyAt: (i) => {
        const seq = assignmentSeqAt(history, i);
        if (seq < 0) return undefined;
        return seq === lastSeq ? s.agencyCode : earlier.get(seq)?.agencyCode;
      },
      dueAt: (i) => {
        const seq = assignmentSeqAt(history, i);
        if (seq < 0) return undefined;
        return seq === lastSeq ? s.dueAt : earlier.get(seq)?.dueAt;
      },
    };
    for (let i = 0; i < history.length; i += 1) {
      const ev = eventIncrements(history, i, ctx);
      if (ev) this.add(ev.month, s.jurisdictionPath, ev.inc);
    }
    this.items += 1;
  }

  docCount(): number {
    let n = 0;
    for (const docs of this.months.values()) n += docs.size;
    return n;
  }
}

function addNested(doc: object, inc: Inc): void {
  for (const [key, n] of Object.entries(inc)) {
    if (n === 0) continue;
    const parts = key.split('.');
    let at = doc as Record<string, unknown>;
    for (const p of parts.slice(0, -1)) {
      at[p] ??= {};
      at = at[p] as Record<string, unknown>;
    }
    const leaf = parts.at(-1)!;
    at[leaf] = ((at[leaf] as number | undefined) ?? 0) + n;
  }
}

/** Reads every submission (and the assignments of re-routed ones) into an accumulator. */
export async function countFromRaw(models: Models): Promise<StatsAccumulator> {
  const acc = new StatsAccumulator();
  const deferred: CountedFields[] = [];
  const cursor = models.Submission.collection.find({}, { projection: COUNTED_PROJECTION });
  for await (const raw of cursor) {
    const s = raw as unknown as CountedFields;
    if (StatsAccumulator.needsEarlierAssignments(s)) deferred.push(s);
    else acc.addItem(s);
  }
  for (let i = 0; i < deferred.length; i += 500) {
    const chunk = deferred.slice(i, i + 500);
    const assignments = await models.Assignment.find(
      { submissionId: { $in: chunk.map((s) => s._id) } },
      { submissionId: 1, seq: 1, agencyCode: 1, dueAt: 1 },
    ).lean();
    const bySubmission = new Map<string, EarlierAssignments>();
    for (const a of assignments) {
      const key = String(a.submissionId);
      if (!bySubmission.has(key)) bySubmission.set(key, new Map());
      bySubmission.get(key)!.set(a.seq, { agencyCode: a.agencyCode, dueAt: a.dueAt });
    }
    for (const s of chunk) acc.addItem(s, bySubmission.get(String(s._id)));
  }
  return acc;
}

/**
 * Replaces the counters and the item ledger with `acc`: every month's documents
 * are replaced, documents and months no longer counted are removed. Idempotent.
 * Counts written by live traffic while this runs may be lost: run it when the
 * service is quiet (or run it again).
 */
export async function writeCounters(models: Models, acc: StatsAccumulator): Promise<void> {
  const db = models.Submission.db.db!;
  for (const [month, docs] of acc.months) {
    const col = statsCollection(db, month);
    const list = [...docs.values()];
    const ops: AnyBulkWriteOperation<StatsDoc>[] = list.map((d) => ({
      replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true },
    }));
    if (ops.length) await col.bulkWrite(ops, { ordered: false });
    await col.deleteMany({ _id: { $nin: list.map((d) => d._id) } });
  }
  const current = currentCollection(db);
  await current.deleteMany({});
  if (acc.current.size) await current.insertMany([...acc.current.values()]);
  for (const [month, items] of acc.openItems) {
    const col = openItemsCollection(db, month);
    await col.deleteMany({});
    for (let i = 0; i < items.length; i += 5000)
      await col.insertMany(items.slice(i, i + 5000), { ordered: false });
  }
  const wanted = new Set([
    ...[...acc.months.keys()].map(statsCollectionName),
    ...[...acc.openItems.keys()].map(openItemsCollectionName),
  ]);
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const ours = STATS_COLLECTION.test(c.name) || OPEN_ITEMS_COLLECTION.test(c.name);
    if (ours && !wanted.has(c.name)) await db.dropCollection(c.name);
  }
  await models.StatItem.deleteMany({});
  for (let i = 0; i < acc.ledger.length; i += 5000) {
    await models.StatItem.collection.insertMany(acc.ledger.slice(i, i + 5000) as never[], {
      ordered: false,
    });
  }
}

/** Recomputes all counters from the raw submissions and replaces them. */
export async function recountStats(
  models: Models,
): Promise<{ items: number; documents: number; months: number }> {
  const acc = await countFromRaw(models);
  await writeCounters(models, acc);
  return { items: acc.items, documents: acc.docCount(), months: acc.months.size };
}
