import { Schema, type Connection } from 'mongoose';

/**
 * A subject of public opinion (flooding, roads, land and compensation…), seeded
 * from config/reference/topics.json. Officers tag submissions with topic codes;
 * the keywords (words, or their first syllables: "ngập" covers "ngập úng") let
 * the service propose topics for an item.
 */
export interface Topic {
  code: string;
  name: { vi: string; en: string };
  keywords: string[];
}

const topicSchema = new Schema<Topic>(
  {
    code: { type: String, required: true, unique: true },
    name: { vi: { type: String, required: true }, en: { type: String, required: true } },
    keywords: { type: [String], default: [] },
  },
  { versionKey: false },
);

export function topicModels(conn: Connection) {
  return { Topic: conn.model('Topic', topicSchema) };
}
