import { Schema, Types, type Connection } from 'mongoose';
import { SUBMISSION_STATUSES, type SubmissionStatus } from './statuses';

export type SubmissionKind = 'petition' | 'sentiment';

export const LEGAL_TYPES = ['feedback', 'complaint', 'denunciation'] as const;
export type LegalType = (typeof LEGAL_TYPES)[number];

/**
 * Where a submission came from. The source may bring a legal answer period of its
 * own (config/reference/deadlines.json). Missing means `resident`.
 */
export const SOURCES = ['resident', 'na-delegation', 'front'] as const;
export type Source = (typeof SOURCES)[number];

/** Who did something: a resident, an agency (through its reply link), an officer, the system. */
export interface Actor {
  kind: 'resident' | 'agency' | 'officer' | 'system';
  ref?: string;
  name?: string;
}

/** One line of a submission's history. Entries are only ever appended. */
export interface HistoryEntry {
  /** Set on entries the resident is told about: names the message. */
  id?: string;
  at: Date;
  actor: Actor;
  action: string;
  from?: SubmissionStatus;
  to?: SubmissionStatus;
  note?: string;
}

export interface Answer {
  text: string;
  responderName: string;
  responderTitle?: string;
  agencyCode: string;
  assignmentId: Types.ObjectId;
  at: Date;
}

export interface Submission {
  _id: Types.ObjectId;
  kind: SubmissionKind;
  trackingCode: string;
  title: string;
  body: string;
  /** Diacritics-free, lower-case title and body, for search. */
  searchKey: string;
  categoryCode: string;
  jurisdictionCode: string;
  /** The jurisdiction's path from the root, so a subtree is one indexed equality match. */
  jurisdictionPath: string[];
  /** Month of receipt in Vietnam (YYYY-MM), for reports. */
  month: string;
  submitter: {
    name?: string;
    email?: string;
    phone?: string;
    /** How they want to hear from us (missing: e-mail if given, else SMS). */
    notifyBy?: 'email' | 'sms' | 'none';
  };
  /** The resident's language, for messages to them (missing: vi). */
  lang?: 'vi' | 'en';
  shareContactWithAgency: boolean;
  /** SHA-256 of the resident's private key (see resident-key.ts); missing on older items. */
  residentKeyHash?: string;
  /** When the contact data was erased (by the resident, or after CONTACT_RETENTION_DAYS). */
  contactErasedAt?: Date;
  /** Where it came from (default `resident`); see SOURCES. */
  source?: Source;
  status: SubmissionStatus;
  assignmentCount: number;
  currentAssignmentId?: Types.ObjectId;
  agencyCode?: string;
  dueAt?: Date;
  answer?: Answer;
  /** Set by officers: ordinary feedback/petition, or a complaint or denunciation (other procedures). */
  legalType?: LegalType;
  /** How many residents stand behind this item (1 + those merged into it). */
  supporterCount: number;
  /** For a merged duplicate: the item that carries on. */
  mergedInto?: Types.ObjectId;
  /** Why it was rejected or redirected, in words for the resident. */
  resolution?: { reasonCode: string; message: string };
  /** The resident's rating of the answer. */
  rating?: { satisfied: boolean; reason?: string; comment?: string; at: Date };
  /** Agencies asked to cooperate with the lead agency. */
  cooperatingAgencyCodes: string[];
  /** Topic codes set by officers (src/topics), counted by the trends. */
  topics?: string[];
  history: HistoryEntry[];
  /** Keys of the history entries that may be appended only once (see `Change.once` in lifecycle). */
  historyKeys?: string[];
  /**
   * The transactional outbox: side effects (routing, e-mails) still to be carried
   * out, written in the same atomic update as the change that causes them.
   */
  outbox: string[];
  outboxPending: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const historySchema = new Schema<HistoryEntry>(
  {
    id: String,
    at: { type: Date, required: true },
    actor: {
      kind: { type: String, required: true },
      ref: String,
      name: String,
    },
    action: { type: String, required: true },
    from: String,
    to: String,
    note: String,
  },
  { _id: false },
);

const submissionSchema = new Schema<Submission>(
  {
    kind: { type: String, enum: ['petition', 'sentiment'], required: true },
    trackingCode: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    searchKey: { type: String, required: true },
    categoryCode: { type: String, required: true },
    jurisdictionCode: { type: String, required: true },
    jurisdictionPath: { type: [String], required: true },
    month: { type: String, required: true },
    submitter: {
      name: String,
      email: String,
      phone: String,
      notifyBy: { type: String, enum: ['email', 'sms', 'none'] },
    },
    lang: { type: String, enum: ['vi', 'en'] },
    shareContactWithAgency: { type: Boolean, default: false },
    residentKeyHash: String,
    contactErasedAt: Date,
    source: { type: String, enum: SOURCES, default: 'resident' },
    status: { type: String, enum: SUBMISSION_STATUSES, required: true },
    assignmentCount: { type: Number, default: 0 },
    currentAssignmentId: Schema.Types.ObjectId,
    agencyCode: String,
    dueAt: Date,
    answer: {
      type: new Schema<Answer>(
        {
          text: String,
          responderName: String,
          responderTitle: String,
          agencyCode: String,
          assignmentId: Schema.Types.ObjectId,
          at: Date,
        },
        { _id: false },
      ),
      default: undefined,
    },
    legalType: { type: String, enum: LEGAL_TYPES },
    supporterCount: { type: Number, default: 1 },
    mergedInto: Schema.Types.ObjectId,
    resolution: {
      type: new Schema({ reasonCode: String, message: String }, { _id: false }),
      default: undefined,
    },
    cooperatingAgencyCodes: { type: [String], default: [] },
    topics: { type: [String], default: undefined },
    rating: {
      type: new Schema(
        { satisfied: Boolean, reason: String, comment: String, at: Date },
        { _id: false },
      ),
      default: undefined,
    },
    history: { type: [historySchema], default: [] },
    historyKeys: { type: [String], default: undefined },
    outbox: { type: [String], default: [] },
    outboxPending: { type: Boolean, default: false },
  },
  { timestamps: true, strict: 'throw' },
);
// The relay's scan (src/dispatch/outbox.ts: `find({outboxPending: true})`, oldest
// `updatedAt` first): only submissions with pending side effects are in it.
submissionSchema.index(
  { outboxPending: 1, updatedAt: 1 },
  { name: 'outbox_pending', partialFilterExpression: { outboxPending: true } },
);
submissionSchema.index({ jurisdictionPath: 1, status: 1, createdAt: -1 });

/**
 * A retried request with the same Idempotency-Key returns the first result, for
 * IDEMPOTENCY_KEY_DAYS; then the database deletes the record (a TTL index).
 */
export const IDEMPOTENCY_KEY_DAYS = 7;

export interface IdempotencyRecord {
  _id: string;
  requestHash: string;
  submissionId: Types.ObjectId;
  trackingCode: string;
  createdAt: Date;
}

const idempotencySchema = new Schema<IdempotencyRecord>(
  {
    _id: { type: String, required: true },
    requestHash: { type: String, required: true },
    submissionId: { type: Schema.Types.ObjectId, required: true },
    trackingCode: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
idempotencySchema.index({ createdAt: 1 }, { expireAfterSeconds: IDEMPOTENCY_KEY_DAYS * 86_400 });

export function submissionModels(conn: Connection) {
  return {
    Submission: conn.model('Submission', submissionSchema),
    IdempotencyRecord: conn.model('IdempotencyRecord', idempotencySchema),
  };
}
