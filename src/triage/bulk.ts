import type { Deps } from '../deps';
import { DomainError } from '../platform/domain-errors';
import { addNote, assign, markNoted, reject, type Who } from './actions';
import type { BulkInput } from './schemas';

export interface BulkResult {
  id: string;
  ok: boolean;
  problem?: string;
}

/** One action over a selection; each item succeeds or fails on its own. */
export async function runBulk(
  deps: Deps,
  who: Who,
  input: BulkInput,
): Promise<{ results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      if (input.action === 'assign') await assign(deps, who, id, { agencyCode: input.agencyCode });
      else if (input.action === 'reject') await reject(deps, who, id, input);
      else if (input.action === 'note') await addNote(deps, who, id, input.text);
      else await markNoted(deps, who, id);
      results.push({ id, ok: true });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ id, ok: false, problem: err.code });
    }
  }
  return { results };
}
