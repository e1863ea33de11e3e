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
