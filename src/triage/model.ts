import { Schema, Types, type Connection } from 'mongoose';

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

export function triageModels(conn: Connection) {
  return { Note: conn.model('Note', noteSchema) };
}
