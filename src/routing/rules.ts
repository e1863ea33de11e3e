import type { RoutingRule } from '../reference/model';

export type RouteDecision =
  { kind: 'one'; rule: RoutingRule } | { kind: 'none' } | { kind: 'several'; rules: RoutingRule[] };

/**
 * Which rule routes a petition. A rule covers its jurisdiction's whole subtree;
 * the most specific rule (deepest node on the petition's path) wins, so a commune
 * can override its province. Two rules equally specific are not a clear match:
 * officers decide.
 */
export function decideRoute(
  rules: RoutingRule[],
  categoryCode: string,
  jurisdictionPath: string[],
): RouteDecision {
  const depthOf = new Map(jurisdictionPath.map((code, depth) => [code, depth]));
  const matching = rules.filter(
    (r) => r.categoryCode === categoryCode && depthOf.has(r.jurisdictionCode),
  );
  if (matching.length === 0) return { kind: 'none' };
  const deepest = Math.max(...matching.map((r) => depthOf.get(r.jurisdictionCode) ?? -1));
  const best = matching.filter((r) => depthOf.get(r.jurisdictionCode) === deepest);
  const agencies = new Set(best.map((r) => r.agencyCode));
  if (agencies.size === 1 && best[0]) return { kind: 'one', rule: best[0] };
  return { kind: 'several', rules: best };
}
