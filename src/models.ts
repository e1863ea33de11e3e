import type { Connection } from 'mongoose';
import { agencyModels } from './agencies/model';
import { attachmentModels } from './attachments/model';
import { notificationModels } from './notifications/model';
import { officerModels } from './officers/model';
import { open311Models } from './open311/model';
import { referenceModels } from './reference/model';
import { replyModels } from './replies/model';
import { reportModels } from './reports/model';
import { routingModels } from './routing/model';
import { submissionModels } from './submissions/model';
import { topicModels } from './topics/model';
import { triageModels } from './triage/model';
import { voterCycleModels } from './voter-cycle/model';

/** Every model, bound to one connection. */
export function createModels(conn: Connection) {
  return {
    ...referenceModels(conn),
    ...submissionModels(conn),
    ...triageModels(conn),
    ...routingModels(conn),
    ...replyModels(conn),
    ...notificationModels(conn),
    ...officerModels(conn),
    ...agencyModels(conn),
    ...reportModels(conn),
    ...topicModels(conn),
    ...attachmentModels(conn),
    ...voterCycleModels(conn),
    ...open311Models(conn),
  };
}

export type Models = ReturnType<typeof createModels>;

/**
 * Builds the declared indexes (at start, and once per test database), one
 * collection at a time. DocumentDB creates an index in PostgreSQL's catalog, and
 * several processes doing so at once (workers starting together, parallel test
 * files) can meet a PostgreSQL "deadlock detected"; the loser simply tries again.
 */
export async function syncIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) {
    for (let attempt = 1; ; attempt++) {
      try {
        await model.createIndexes();
        break;
      } catch (err) {
        if (attempt >= 8 || !isCatalogDeadlock(err)) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
      }
    }
  }
}

function isCatalogDeadlock(err: unknown): boolean {
  return /deadlock detected/i.test((err as Error)?.message ?? '');
}
