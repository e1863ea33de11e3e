import { Schema, Types, type Connection } from 'mongoose';
import type { SubmissionStatus } from '../submissions/statuses';

/** Officers' internal notes on a submission: never shown to residents or agencies. */
export interface Note {
  _id: Types.ObjectId;
  submissionId: Types.ObjectId;
  officerId: Types.ObjectId;
  officerName: string;
  text: string;
  at: Date;
}

const noteSchema = new Schema<Note>(
  {
    submissionId: { type: Schema.Types.ObjectId, required: true, index: true },
    officerId: { type: Schema.Types.ObjectId, required: true },
    officerName: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

/**
 * The inbox: a copy of the few fields the triage inbox shows, for OPEN items
 * only (received, needs triage, assigned). Officers work on open items, and their
 * number follows the monthly inflow, not the years of history, so the inbox
 * stays as fast with a million closed items as with none. Kept in step by the
 * state machine (`syncInbox`), rebuilt by `rebuild-inbox` if ever in doubt.
 */
export interface InboxEntry {
  _id: Types.ObjectId;
  trackingCode: string;
  kind: 'petition' | 'sentiment';
  status: SubmissionStatus;
  title: string;
  searchKey: string;
  categoryCode: string;
  jurisdictionCode: string;
  jurisdictionPath: string[];
  createdAt: Date;
  dueAt?: Date;
  agencyCode?: string;
  supporterCount: number;
}

const inboxEntrySchema = new Schema<InboxEntry>(
  {
    trackingCode: String,
    kind: String,
    status: String,
    title: String,
    searchKey: String,
    categoryCode: String,
    jurisdictionCode: String,
    jurisdictionPath: [String],
    createdAt: Date,
    dueAt: Date,
    agencyCode: String,
    supporterCount: Number,
  },
  { versionKey: false, collection: 'inboxentries' },
);
inboxEntrySchema.index({ jurisdictionPath: 1, status: 1, createdAt: -1 });
// "Overdue, by due date" (src/triage/inbox.ts): read in due-date order within a
// place, so the first page costs the same at 10k and 100k items (bench:inbox).
inboxEntrySchema.index({ jurisdictionPath: 1, dueAt: 1 });

export function triageModels(conn: Connection) {
  return {
    Note: conn.model('Note', noteSchema),
    InboxEntry: conn.model('InboxEntry', inboxEntrySchema),
  };
}
