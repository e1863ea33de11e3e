import type { Deps } from '../deps';
import type { Officer } from '../officers/model';
import type { Agency } from '../reference/model';

/**
 * The officers answerable for a petition filed under `jurisdictionPath`, grouped
 * by level, nearest first: those of the filing unit, then of each unit above.
 * A unit dissolved by a reform counts through its successor (and the successor's
 * own path), as officers' scopes do (src/officers/scope.ts). Admins are not
 * included; inactive officers neither.
 */
export async function officersByLevel(
  deps: Deps,
  jurisdictionPath: string[],
): Promise<Array<Array<Pick<Officer, 'email' | 'name'>>>> {
  const { Jurisdiction, Officer } = deps.models;
  // Each unit's depth; successors are put at the depth of the unit they took over.
  const depth = new Map<string, number>();
  let frontier = jurisdictionPath.map((code, i) => ({ code, depth: i }));
  frontier.forEach((f) => depth.set(f.code, f.depth));
  for (let round = 0; frontier.length > 0 && round < 10; round += 1) {
    const units = await Jurisdiction.find(
      { code: { $in: frontier.map((f) => f.code) }, successorCode: { $exists: true } },
      { code: 1, successorCode: 1 },
    ).lean();
    const next: typeof frontier = [];
    for (const u of units) {
      if (!u.successorCode || depth.has(u.successorCode)) continue;
      const d = depth.get(u.code) ?? 0;
      const successor = await Jurisdiction.findOne({ code: u.successorCode }, { path: 1 }).lean();
      // The successor's ancestors rank above it, level by level.
      const path = successor?.path ?? [u.successorCode];
      path
        .slice()
        .reverse()
        .forEach((code, i) => {
          if (!depth.has(code)) {
            depth.set(code, d - i);
            next.push({ code, depth: d - i });
          }
        });
    }
    frontier = next;
  }
  const officers = await Officer.find(
    { role: 'officer', active: true, jurisdictionCode: { $in: [...depth.keys()] } },
    { email: 1, name: 1, jurisdictionCode: 1 },
  ).lean();
  const levels = new Map<number, Array<Pick<Officer, 'email' | 'name'>>>();
  for (const o of officers) {
    const d = depth.get(o.jurisdictionCode ?? '') ?? -Infinity;
    levels.set(d, [...(levels.get(d) ?? []), { email: o.email, name: o.name }]);
  }
  return [...levels.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, group]) => group.sort((x, y) => x.email.localeCompare(y.email)));
}

/** The superior agency of `agency`, if one is configured and active. */
export async function superiorAgency(deps: Deps, agency: Agency): Promise<Agency | null> {
  if (!agency.superiorAgencyCode) return null;
  return deps.models.Agency.findOne({ code: agency.superiorAgencyCode, active: true }).lean();
}
