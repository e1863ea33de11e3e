import mongoose, { type Connection } from 'mongoose';

/**
 * One mongoose connection per process (or per test file), never the global default,
 * so that the app is built from its dependencies. Writes wait for the journal: a
 * `201` is only sent once the document is durable.
 */
export async function connectDatabase(url: string, dbName?: string): Promise<Connection> {
  const conn = mongoose.createConnection(url, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: 5000,
    writeConcern: { w: 'majority', j: true },
    // Our code uses only what MongoDB and FerretDB v1 both support; autoIndex
    // builds the few plain indexes each model declares.
    autoIndex: true,
  });
  await conn.asPromise();
  return conn;
}

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number })?.code === 11000;
}

/**
 * FerretDB v1.24 (SQLite) hangs, and locks the database file, on one update
 * command with many statements that match existing documents (seen with 101 and
 * with 100; 50 works): batch bulk updates and replaces by this many. Inserts are
 * not affected. tests/integration/database-atomicity.test.ts guards it.
 */
export const MAX_UPDATES_PER_COMMAND = 50;
