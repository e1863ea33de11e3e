import { Schema, Types, type Connection } from 'mongoose';

/**
 * An assignment of a petition to one agency. A petition that is re-routed gets a
 * new assignment; `seq` numbers them per petition, which makes creating one
 * idempotent (a retried routing job finds the one it made before).
 */
export const ASSIGNMENT_STATUSES = ['open', 'answered', 'withdrawn'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface Assignment {
  _id: Types.ObjectId;
  submissionId: Types.ObjectId;
  seq: number;
  agencyCode: string;
  status: AssignmentStatus;
  assignedAt: Date;
  dueAt: Date;
  noticeSentAt?: Date;
  answeredAt?: Date;
}

const assignmentSchema = new Schema<Assignment>(
  {
    submissionId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    agencyCode: { type: String, required: true },
    status: { type: String, enum: ASSIGNMENT_STATUSES, required: true },
    assignedAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    noticeSentAt: Date,
    answeredAt: Date,
  },
  { versionKey: false },
);
assignmentSchema.index({ submissionId: 1, seq: 1 }, { unique: true });
assignmentSchema.index({ agencyCode: 1, status: 1, dueAt: 1 });

export function routingModels(conn: Connection) {
  return {
    Assignment: conn.model('Assignment', assignmentSchema),
  };
}
