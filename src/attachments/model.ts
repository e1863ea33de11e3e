import { Schema, Types, type Connection } from 'mongoose';

/**
 * A file an agency attached to its answer (PDF, PNG or JPEG, checked by its
 * first bytes). Kept in the database as binary data, one document per file, each
 * well under MongoDB's 16 MB document limit (see ATTACHMENT_LIMITS). The id is
 * random, not an ObjectId: download links must not be guessable from one another.
 */
export interface StoredAttachment {
  _id: string;
  submissionId: Types.ObjectId;
  assignmentId: Types.ObjectId;
  name: string;
  type: string;
  size: number;
  sha256: string;
  data: Buffer;
  /** How it came: the reply page (or its JSON twin) or an e-mailed answer. */
  source: 'link' | 'email';
  createdAt: Date;
}

const attachmentSchema = new Schema<StoredAttachment>(
  {
    _id: { type: String, required: true },
    submissionId: { type: Schema.Types.ObjectId, required: true },
    assignmentId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    data: { type: Buffer, required: true },
    source: { type: String, enum: ['link', 'email'], required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
attachmentSchema.index({ submissionId: 1, assignmentId: 1 });

export function attachmentModels(conn: Connection) {
  return { Attachment: conn.model('Attachment', attachmentSchema, 'attachments') };
}
