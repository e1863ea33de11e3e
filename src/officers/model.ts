import { Schema, Types, type Connection } from 'mongoose';

/**
 * Front officers and admins. An officer works on one jurisdiction node and its
 * whole subtree; an admin manages configuration (agencies, rules, officers).
 */
export const ROLES = ['admin', 'officer'] as const;
export type Role = (typeof ROLES)[number];

export interface Officer {
  _id: Types.ObjectId;
  email: string;
  name: string;
  role: Role;
  /** The node the officer works on (officers only). */
  jurisdictionCode?: string;
  passwordHash: string;
  active: boolean;
  createdAt: Date;
  passwordChangedAt: Date;
}

const officerSchema = new Schema<Officer>(
  {
    email: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    jurisdictionCode: String,
    passwordHash: { type: String, required: true },
    active: { type: Boolean, default: true },
    createdAt: { type: Date, required: true },
    passwordChangedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

/** A personal API token for scripts; only its SHA-256 is kept. */
export interface ApiToken {
  _id: Types.ObjectId;
  tokenHash: string;
  officerId: Types.ObjectId;
  name: string;
  createdAt: Date;
  /** Tokens expire (API_TOKEN_DAYS unless asked shorter); older tokens without one expire API_TOKEN_DAYS after creation. */
  expiresAt?: Date;
  /** When it was last used (updated at most once a minute). */
  lastUsedAt?: Date;
  /** Revoked by its owner, an admin, or a password change. */
  revokedAt?: Date;
}

const apiTokenSchema = new Schema<ApiToken>(
  {
    tokenHash: { type: String, required: true, unique: true },
    officerId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: Date,
    lastUsedAt: Date,
    revokedAt: Date,
  },
  { versionKey: false },
);

/**
 * Officers' sessions, written by connect-mongo (src/officers/auth.ts). Declared
 * here for its TTL index only: the database deletes a session once `expires`
 * has passed (connect-mongo also ignores an expired one it still finds).
 */
export const SESSIONS_COLLECTION = 'sessions';

const sessionSchema = new Schema(
  { _id: String, expires: Date, session: Schema.Types.Mixed },
  { versionKey: false, strict: false, collection: SESSIONS_COLLECTION },
);
sessionSchema.index({ expires: 1 }, { expireAfterSeconds: 0 });

export function officerModels(conn: Connection) {
  return {
    Officer: conn.model('Officer', officerSchema),
    ApiToken: conn.model('ApiToken', apiTokenSchema),
    Session: conn.model('Session', sessionSchema),
  };
}
