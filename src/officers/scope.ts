import type { Deps } from '../deps';
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

/** The condition every query on submissions adds for this scope. */
export function scopeFilter(scope: Scope): Record<string, unknown> {
  return scope.all ? {} : { jurisdictionPath: { $in: scope.roots } };
}

export function inScope(scope: Scope, jurisdictionPath: string[]): boolean {
  return scope.all || jurisdictionPath.some((c) => scope.roots.includes(c));
}
