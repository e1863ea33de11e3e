import { Schema, type Connection } from 'mongoose';

/**
 * The record of an agency merged into another. Its `_id` is the merged agency's
 * code: the insert that creates it is the claim (one merge per agency; a second
 * one finds it and is refused). `finishedAt` is set once everything is moved, so
 * an interrupted merge can be run again to completion.
 */
export interface AgencyMerge {
  _id: string;
  into: string;
  fromName: string;
  intoName: string;
  by: { officerId: string; name: string };
  startedAt: Date;
  finishedAt?: Date;
  /** Routing rules re-pointed to `into`, and rules dropped as duplicates of its own. */
  rulesMoved: number;
  rulesDropped: number;
  /** Open petitions handed over to `into`, and open assignments left alone (not current, or being answered). */
  assignmentsMoved: number;
  assignmentsSkipped: number;
}

const agencyMergeSchema = new Schema<AgencyMerge>(
  {
    _id: { type: String, required: true },
    into: { type: String, required: true, index: true },
    fromName: { type: String, required: true },
    intoName: { type: String, required: true },
    by: {
      officerId: { type: String, required: true },
      name: { type: String, required: true },
    },
    startedAt: { type: Date, required: true },
    finishedAt: Date,
    rulesMoved: { type: Number, default: 0 },
    rulesDropped: { type: Number, default: 0 },
    assignmentsMoved: { type: Number, default: 0 },
    assignmentsSkipped: { type: Number, default: 0 },
  },
  { versionKey: false },
);

export function agencyModels(conn: Connection) {
  return { AgencyMerge: conn.model('AgencyMerge', agencyMergeSchema) };
}
