import { Schema, Types, type Connection } from 'mongoose';
import type { Collection, Db } from 'mongodb';
import type { InboxEntry } from '../triage/model';

/**
 * The records of reports and public transparency.
 *
 * Counters: one small document per (jurisdiction node, month), `_id:
 * "<node>|<YYYY-MM>"`, updated with `$inc` (upsert) by the state machine and
 * intake (see stats.ts). They live in ONE COLLECTION PER MONTH, `stats_YYYY_MM`,
 * a split made for FerretDB v1, which read every document of a collection for
 * any query. With an `_id` index (MongoDB, DocumentDB) one collection would
 * serve as well; the split costs nothing and stays until the reports are
 * reworked (the recount replaces a month by replacing its collection).
 *
 * Keys inside a counter document are codes, encoded by `encodeKey` (a code may
 * contain '.', which an update path takes for a level).
 */
export const ALL_NODES = '*';

export interface AgencyCounters {
  /** Assignments made in the month (routing, triage, re-routing, agency merges). */
  assigned?: number;
  /** Answers given in the month, and of them on time (by the due date) or late. */
  answered?: number;
  onTime?: number;
  late?: number;
  /** Sum of answer times in whole hours (assignment to answer), for a mean. */
  hoursSum?: number;
  /** Answer times in days, as a histogram (see ANSWER_DAY_EDGES): a median cannot be kept by $inc. */
  days?: Record<string, number>;
  /** Answers reopened by their resident (not satisfied) in the month. */
  reopened?: number;
  /** Answers rated by their resident in the month, and of them satisfied. */
  rated?: number;
  satisfied?: number;
}

export interface StatsDoc {
  _id: string;
  /**
   * Items RECEIVED in the month (their `month`, the month of receipt), by their
   * current kind, category, legal type, topics and channel (kept current by the
   * item ledger, see stats.ts).
   */
  received?: {
    n?: number;
    kind?: Record<string, number>;
    /** category → kind → count. */
    category?: Record<string, Record<string, number>>;
    legal?: Record<string, number>;
    channel?: Record<string, number>;
    topic?: Record<string, number>;
  };
  /** Status changes that HAPPENED in the month, by the status reached. */
  moves?: Record<string, number>;
  /** Answers given in the month: on time, late, answer time histogram. */
  answers?: { onTime?: number; late?: number; hoursSum?: number; days?: Record<string, number> };
  agencies?: Record<string, AgencyCounters>;
}

export function statsCollectionName(month: string): string {
  return `stats_${month.replace('-', '_')}`;
}

export const STATS_COLLECTION = /^stats_(\d{4})_(\d{2})$/;

export function statsCollection(db: Db, month: string): Collection<StatsDoc> {
  return db.collection<StatsDoc>(statsCollectionName(month));
}

export function statsId(node: string, month: string): string {
  return `${node}|${month}`;
}

/**
 * What is open NOW, per node (`_id`: the node code, or `*`), in collection
 * `stats_now`: open items by status, open items whose deadline runs by their due
 * day (Vietnam), open petitions by month of receipt. Kept by the same ledger
 * moves as "received", so "open" and "overdue at report time" are read from a
 * few small documents, however many items are open (counting the open items at
 * report time would cost more the more there are, on any database).
 */
export const CURRENT_COLLECTION = 'stats_now';

export interface CurrentDoc {
  _id: string;
  open?: Record<string, number>;
  due?: Record<string, number>;
  openMonth?: Record<string, number>;
}

export function currentCollection(db: Db): Collection<CurrentDoc> {
  return db.collection<CurrentDoc>(CURRENT_COLLECTION);
}

/**
 * The open items again, partitioned by month of receipt (`open_YYYY_MM`, the
 * inbox's entries): the report lists the oldest open petitions by reading the
 * oldest months first, which hold few items, instead of sorting the whole inbox.
 */
export function openItemsCollectionName(month: string): string {
  return `open_${month.replace('-', '_')}`;
}

export const OPEN_ITEMS_COLLECTION = /^open_(\d{4})_(\d{2})$/;

export function openItemsCollection(db: Db, month: string): Collection<InboxEntry> {
  return db.collection<InboxEntry>(openItemsCollectionName(month));
}

/**
 * The item ledger: what each submission currently adds to the "received"
 * counters (its kind, category, legal type, topics). When an item is
 * reclassified, one atomic swap stores its new state and returns the old one,
 * and the difference moves the counts (`v` counts the swaps).
 */
export interface StatItem {
  /** The submission's id, as a hex string. */
  _id: string;
  v: number;
  month: string;
  path: string[];
  kind: string;
  categoryCode: string;
  legalType: string;
  channel: string;
  topics: string[];
  /** Its status, and the due day (Vietnam) while its deadline runs, else ''. */
  status: string;
  dueDay: string;
}

const statItemSchema = new Schema<StatItem>(
  {
    _id: { type: String, required: true },
    v: { type: Number, required: true },
    month: { type: String, required: true },
    path: { type: [String], required: true },
    kind: { type: String, required: true },
    categoryCode: { type: String, required: true },
    legalType: { type: String, required: true },
    channel: { type: String, required: true },
    topics: { type: [String], default: [] },
    status: { type: String, required: true },
    dueDay: { type: String, default: '' },
  },
  { versionKey: false, collection: 'statitems' },
);

/**
 * An answer an officer chose to publish: a copy of the few public fields (no
 * name, no contact), so that the public page reads this small collection and
 * never the submissions. Deleting it unpublishes.
 */
export interface Publication {
  /** The submission's id. */
  _id: Types.ObjectId;
  published: true;
  title: string;
  answerText: string;
  agencyCode: string;
  categoryCode: string;
  jurisdictionCode: string;
  jurisdictionPath: string[];
  receivedAt: Date;
  answeredAt: Date;
  publishedAt: Date;
  /** Officer who published it (internal: never shown publicly). */
  publishedBy: Types.ObjectId;
}

const publicationSchema = new Schema<Publication>(
  {
    published: { type: Boolean, required: true },
    title: { type: String, required: true },
    answerText: { type: String, required: true },
    agencyCode: { type: String, required: true },
    categoryCode: { type: String, required: true },
    jurisdictionCode: { type: String, required: true },
    jurisdictionPath: { type: [String], required: true },
    receivedAt: { type: Date, required: true },
    answeredAt: { type: Date, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false, collection: 'publications' },
);
publicationSchema.index({ jurisdictionPath: 1, publishedAt: -1 });

export function reportModels(conn: Connection) {
  return {
    StatItem: conn.model<StatItem>('StatItem', statItemSchema),
    Publication: conn.model<Publication>('Publication', publicationSchema),
  };
}
