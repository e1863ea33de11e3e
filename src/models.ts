import type { Connection } from 'mongoose';
import { agencyModels } from './agencies/model';
import { attachmentModels } from './attachments/model';
import { notificationModels } from './notifications/model';
import { officerModels } from './officers/model';
import { referenceModels } from './reference/model';
import { replyModels } from './replies/model';
import { reportModels } from './reports/model';
import { routingModels } from './routing/model';
import { submissionModels } from './submissions/model';
import { topicModels } from './topics/model';
import { triageModels } from './triage/model';

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
  };
}

export type Models = ReturnType<typeof createModels>;

/** Builds the declared indexes (at start, and once per test database). */
export async function syncIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
}
