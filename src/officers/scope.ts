import type { Model, PipelineStage, ProjectionType, QueryFilter, Types } from 'mongoose';
import type { Deps } from '../deps';
import type { Submission } from '../submissions/model';
import type { Officer } from './model';

/**
 * What part of the jurisdiction tree an officer may see. The check lives in the
 * data access (see `scopeFilter`), not in each handler: out-of-scope items are
 * simply not found.
 */
export type Scope = { all: true } | { all: false; roots: string[] };

/**
 * An officer sees their node's subtree, plus the subtrees of dissolved units whose
 * successor lies in it (items keep the place they were filed under).
 */
export async function scopeFor(
  deps: Deps,
  officer: Pick<Officer, 'role' | 'jurisdictionCode'>,
): Promise<Scope> {
  if (officer.role === 'admin') return { all: true };
  if (!officer.jurisdictionCode) return { all: false, roots: [] };
  const { Jurisdiction } = deps.models;
  const roots = new Set([officer.jurisdictionCode]);
  // Follow successor links backwards until nothing new is found.
  for (;;) {
    const inScope = await Jurisdiction.find({ path: { $in: [...roots] } }, { code: 1 }).lean();
    const codes = inScope.map((j) => j.code);
    const predecessors = await Jurisdiction.find(
      { successorCode: { $in: codes }, code: { $nin: [...roots] } },
      { code: 1 },
    ).lean();
    const fresh = predecessors.map((p) => p.code).filter((c) => !roots.has(c));
    if (fresh.length === 0) break;
    fresh.forEach((c) => roots.add(c));
  }
  return { all: false, roots: [...roots] };
}

declare const scoped: unique symbol;

/**
 * The condition every officer's query on submissions adds for their scope.
 * Branded: only `scopeFilter` makes one, so a view that takes a `ScopedFilter`
 * cannot be handed a plain query by mistake.
 */
export type ScopedFilter = Readonly<Record<string, unknown>> & { readonly [scoped]: true };

export function scopeFilter(scope: Scope): ScopedFilter {
  return (scope.all ? {} : { jurisdictionPath: { $in: scope.roots } }) as ScopedFilter;
}

/** The submissions an officer may see: every read goes through the scope's filter. */
export function scopedSubmissions(Submission: Model<Submission>, filter: ScopedFilter) {
  const within = (extra: QueryFilter<Submission>): QueryFilter<Submission> =>
    Object.keys(filter).length === 0
      ? extra
      : Object.keys(extra).length === 0
        ? filter
        : { $and: [filter, extra] };
  return {
    findById: (id: Types.ObjectId | string) =>
      Submission.findOne(within({ _id: id })).lean<Submission>(),
    find: (extra: QueryFilter<Submission> = {}, projection?: ProjectionType<Submission>) =>
      Submission.find(within(extra), projection),
    /** An aggregation over the submissions in scope only: the scope's `$match` comes first. */
    aggregate: <T>(pipeline: PipelineStage[]) =>
      Submission.aggregate<T>(
        Object.keys(filter).length ? [{ $match: filter }, ...pipeline] : pipeline,
      ),
  };
}

export function inScope(scope: Scope, jurisdictionPath: string[]): boolean {
  return scope.all || jurisdictionPath.some((c) => scope.roots.includes(c));
}
