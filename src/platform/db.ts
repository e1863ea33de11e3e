import type { Db, ReadPreferenceMode } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';

/**
 * One mongoose connection per process (or per test file), never the global default,
 * so that the app is built from its dependencies. Writes wait for the journal
 * and, by default, a majority of a replica set: a `201` is only sent once the
 * document is durable. Retryable writes carry a write across a failover.
 */
export interface DatabaseOptions {
  dbName?: string;
  /** `majority` unless configured otherwise (MONGODB_WRITE_CONCERN). */
  w?: 'majority' | number;
  retryWrites?: boolean;
}

export async function connectDatabase(
  url: string,
  opts: DatabaseOptions = {},
): Promise<Connection> {
  const conn = mongoose.createConnection(url, {
    ...(opts.dbName ? { dbName: opts.dbName } : {}),
    serverSelectionTimeoutMS: 5000,
    writeConcern: { w: opts.w ?? 'majority', j: true },
    retryWrites: opts.retryWrites ?? true,
    // Indexes are built by syncIndexes (src/models.ts), one at a time with a
    // retry, not by mongoose as each model is compiled.
    autoIndex: false,
  });
  await conn.asPromise();
  return conn;
}

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/** The same database, read with another read preference (reports may read from secondaries). */
export function readingDb(conn: Connection, readPreference: ReadPreferenceMode): Db {
  return conn.getClient().db(conn.name, { readPreference });
}
