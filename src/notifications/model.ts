import { Schema, Types, type Connection } from 'mongoose';

/**
 * The delivery log: one record per e-mail we mean to send, keyed by what it is
 * about (e.g. `agency-notice:<assignmentId>`), so a retried job never sends twice
 * what was already sent.
 */
export const DELIVERY_STATUSES = ['sending', 'sent', 'failed'] as const;

export interface Delivery {
  _id: string;
  kind: string;
  submissionId: Types.ObjectId;
  status: (typeof DELIVERY_STATUSES)[number];
  attempts: number;
  /** Who may send it now (src/notifications/deliver.ts), and until when (real time). */
  claim?: string;
  leaseUntil?: Date;
  lastError?: string;
  messageId?: string;
  sentAt?: Date;
  updatedAt: Date;
}

const deliverySchema = new Schema<Delivery>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    submissionId: { type: Schema.Types.ObjectId, required: true, index: true },
    status: { type: String, enum: DELIVERY_STATUSES, required: true },
    attempts: { type: Number, default: 0 },
    claim: String,
    leaseUntil: Date,
    lastError: String,
    messageId: String,
    sentAt: Date,
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export function notificationModels(conn: Connection) {
  return { Delivery: conn.model('Delivery', deliverySchema) };
}
