import type { CommandStartedEvent } from 'mongodb';
import type { Connection } from 'mongoose';

/**
 * Our code may not use transactions: FerretDB 2.7 + DocumentDB applies each
 * write of one at once and cannot roll it back (docs/database.md). The harness
 * connects with command monitoring on and watches every command it sends;
 * `tests/unit/no-transactions.test.ts` checks the source as well.
 */

/** The same server, with the driver's command monitoring switched on. */
export function withCommandMonitoring(url: string): string {
  const hasPath = /^mongodb(\+srv)?:\/\/[^/]+\//.test(url);
  const base = hasPath ? url : url.replace(/^(mongodb(\+srv)?:\/\/[^/?]+)/, '$1/');
  return `${base}${base.includes('?') ? '&' : '?'}monitorCommands=true`;
}

/** Whether a command starts, continues or ends a transaction. */
export function isTransactional(e: Pick<CommandStartedEvent, 'commandName' | 'command'>): boolean {
  const c = e.command as { startTransaction?: unknown; autocommit?: unknown };
  return (
    c.startTransaction === true ||
    c.autocommit === false ||
    e.commandName === 'commitTransaction' ||
    e.commandName === 'abortTransaction'
  );
}

/**
 * Records the transactional commands sent on `conn`; the returned function
 * throws if there were any.
 */
export function watchTransactions(conn: Connection): () => void {
  const seen: string[] = [];
  conn.getClient().on('commandStarted', (e) => {
    if (isTransactional(e)) seen.push(`${e.commandName} on ${e.databaseName}`);
  });
  return () => {
    if (seen.length)
      throw new Error(
        `a transaction was used (not allowed, see docs/database.md): ${seen.slice(0, 5).join(', ')}`,
      );
  };
}
