import { Schema, Types, type Connection } from 'mongoose';

/**
 * An assignment of a petition to one agency. A petition that is re-routed gets a
 * new assignment; `seq` numbers them per petition, which makes creating one
 * idempotent (a retried routing job finds the one it made before).
 */
export const ASSIGNMENT_STATUSES = [
  'open',
  'acknowledged',
  'answered',
  'declined',
  'withdrawn',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Still with the agency: it may answer, and its deadline runs. */
export const ACTIVE_ASSIGNMENT_STATUSES = [
  'open',
  'acknowledged',
] as const satisfies readonly AssignmentStatus[];

export function isActiveAssignment(status: AssignmentStatus): boolean {
  return (ACTIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(status);
}

export interface Assignment {
  _id: Types.ObjectId;
  submissionId: Types.ObjectId;
  seq: number;
  agencyCode: string;
  status: AssignmentStatus;
  assignedAt: Date;
  dueAt: Date;
  /** By when the agency should acknowledge receipt (src/deadlines/rules.ts). */
  ackDueAt?: Date;
  /** Set while the petition waits for the resident: the deadline is paused (src/deadlines/pause.ts). */
  pausedAt?: Date;
  /** Working days the deadline was extended by, over all pauses. */
  pausedWorkingDays?: number;
  /** When the reminder for the current `dueAt` went out (unset when `dueAt` moves). */
  remindedAt?: Date;
  /** When the officers were told the deadline had passed. */
  overdueNotifiedAt?: Date;
  /** When the overdue assignment was escalated. */
  escalatedAt?: Date;
  noticeSentAt?: Date;
  answeredAt?: Date;
  acknowledgedAt?: Date;
  declinedAt?: Date;
  /** How many times an officer had the notice sent again (each with a new link). */
  resendCount?: number;
}

const assignmentSchema = new Schema<Assignment>(
  {
    submissionId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    agencyCode: { type: String, required: true },
    status: { type: String, enum: ASSIGNMENT_STATUSES, required: true },
    assignedAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    ackDueAt: Date,
    pausedAt: Date,
    pausedWorkingDays: Number,
    remindedAt: Date,
    overdueNotifiedAt: Date,
    escalatedAt: Date,
    noticeSentAt: Date,
    answeredAt: Date,
    acknowledgedAt: Date,
    declinedAt: Date,
    resendCount: Number,
  },
  { versionKey: false },
);
assignmentSchema.index({ submissionId: 1, seq: 1 }, { unique: true });
assignmentSchema.index({ agencyCode: 1, status: 1, dueAt: 1 });
// The deadline scan (src/deadlines/scan.ts): active assignments by due date.
assignmentSchema.index({ status: 1, dueAt: 1 });

export function routingModels(conn: Connection) {
  return {
    Assignment: conn.model('Assignment', assignmentSchema),
  };
}
