import { Schema, Types, type Connection } from 'mongoose';

/**
 * A reply link's token. Only the SHA-256 of the token is stored: a database
 * leak does not leak working links. One token per assignment; sending the notice
 * again replaces it, which kills the previous link. The hashes of earlier tokens
 * are kept so that an old link says "revoked" rather than "unknown".
 */
export interface ReplyToken {
  _id: Types.ObjectId;
  tokenHash: string;
  submissionId: Types.ObjectId;
  assignmentId: Types.ObjectId;
  agencyCode: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date;
  previousHashes?: string[];
}

const replyTokenSchema = new Schema<ReplyToken>(
  {
    tokenHash: { type: String, required: true, unique: true },
    submissionId: { type: Schema.Types.ObjectId, required: true },
    assignmentId: { type: Schema.Types.ObjectId, required: true, unique: true },
    agencyCode: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: Date,
    previousHashes: { type: [String], default: undefined, index: true },
  },
  { versionKey: false },
);

export function replyModels(conn: Connection) {
  return { ReplyToken: conn.model('ReplyToken', replyTokenSchema) };
}
