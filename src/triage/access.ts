import { Types } from 'mongoose';
import type { Deps } from '../deps';
import type { Officer } from '../officers/model';
import { scopedSubmissions, scopeFilter, type Scope } from '../officers';
import { fail } from '../platform/domain-errors';
import type { Actor, Submission } from '../submissions/model';

/**
 * The one place where officers reach submissions. Every read adds the officer's
 * scope to the query, so an item outside it is "not found", exactly like a
 * missing one.
 */
export async function findInScope(deps: Deps, scope: Scope, id: string): Promise<Submission> {
  if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id)
    throw fail.notFound('submission');
  const doc = await scopedSubmissions(deps.models.Submission, scopeFilter(scope)).findById(id);
  if (!doc) throw fail.notFound('submission');
  return doc;
}

export function officerActor(officer: Officer): Actor {
  return { kind: 'officer', ref: String(officer._id), name: officer.name };
}
