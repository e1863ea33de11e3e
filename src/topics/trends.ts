import type { QueryFilter } from 'mongoose';
import type { Deps } from '../deps';
import type { Officer } from '../officers/model';
import { inScope, scopedSubmissions, scopeFilter, type Scope } from '../officers';
import { localDate } from '../platform/clock';
import { fail } from '../platform/domain-errors';
import type { Jurisdiction } from '../reference/model';
import type { Submission } from '../submissions/model';
import type { TrendsQuery } from './schemas';
import { risingTest, spikeTest } from './stats';

/**
 * Public-opinion trends for a jurisdiction subtree and a period: the most
 * frequent topics, the topics rising against the previous period of equal
 * length, and the child nodes where a topic spikes against the rest of the
 * subtree. The test is in `stats.ts` and docs/reports.md.
 *
 * Counted from the submissions themselves (every item filed in the period, of
 * any status, once; its topics as tagged by officers): the database groups them
 * by period, place and topic list, and the groups are counted here (which child
 * a place belongs to depends on the reform's successor links).
 */

const DAY = 86_400_000;
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;

/** Items of one period (before the period asked for, or in it), place and topic list. */
interface ItemGroup {
  _id: { before: boolean; path: string[]; topics?: string[] | null };
  n: number;
}

type Place = Pick<Jurisdiction, 'code' | 'name' | 'path' | 'parentCode' | 'successorCode'>;
type Name = { vi: string; en: string };

export interface TopicTrend {
  code: string;
  name: Name;
  current: number;
  previous: number;
  /** Share of all items of the period (0 to 1). */
  share: number;
  previousShare: number;
  /** Items of this topic H0 expects in the period, given both periods' volumes. */
  expected: number;
  pValue: number;
  rising: boolean;
}

export interface Spike {
  topic: { code: string; name: Name };
  jurisdiction: { code: string; name: string };
  /** Items of the topic in this node, and all items of this node, in the period. */
  count: number;
  items: number;
  /** Items of the topic in the rest of the subtree, and all its items there. */
  restCount: number;
  restItems: number;
  expected: number;
  pValue: number;
}

export interface Trends {
  jurisdiction: { code: string; name: string } | null;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  totals: { current: number; previous: number };
  /** Every topic seen in either period, most frequent now first. */
  topics: TopicTrend[];
  /** The codes of the topics flagged as rising, strongest evidence first. */
  rising: string[];
  spikes: Spike[];
  method: string;
}

export const METHOD =
  "One-sided exact conditional test on counts (Fisher's exact test of the 2×2 table): H0, the " +
  "topic's share of items is the same in both groups; p = P(X ≥ observed) given the topic's " +
  'items and the group sizes. Rising: this period against the previous one of equal length, ' +
  'p < 0.05 and more items than before. Spike: a child node against the rest of the subtree ' +
  'in this period, p < 0.05 and above expectation. See docs/reports.md.';

/** [start, end) of a period of calendar days in Vietnam. */
function period(from: string, to: string): { start: Date; end: Date; days: number } {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + DAY);
  return { start, end, days: Math.round((end.getTime() - start.getTime()) / DAY) };
}

function resolvePeriod(deps: Deps, q: TrendsQuery) {
  const to = q.to ?? localDate(deps.clock.now());
  const from =
    q.from ?? localDate(new Date(period(to, to).start.getTime() - (DEFAULT_DAYS - 1) * DAY));
  const { start, end, days } = period(from, to);
  if (days < 1 || days > MAX_DAYS)
    throw fail.validation([
      {
        path: days < 1 ? 'from' : 'to',
        message: days < 1 ? 'from is after to' : `at most ${MAX_DAYS} days`,
        code: 'custom',
      },
    ]);
  const previousStart = new Date(start.getTime() - days * DAY);
  return {
    start,
    end,
    previousStart,
    period: { from, to },
    previousPeriod: {
      from: localDate(previousStart),
      to: localDate(new Date(start.getTime() - 1)),
    },
  };
}

/**
 * The roots whose subtrees make up a node's subtree: the node, plus units
 * dissolved into a unit of its subtree (their items keep the place they were filed
 * under), like `scopeFor`.
 */
function subtreeRoots(node: string, places: Map<string, Place>): string[] {
  const roots = new Set([node]);
  for (;;) {
    const inside = [...places.values()].filter((p) => p.path.some((c) => roots.has(c)));
    const insideCodes = new Set(inside.map((p) => p.code));
    const fresh = [...places.values()].filter(
      (p) => p.successorCode && insideCodes.has(p.successorCode) && !roots.has(p.code),
    );
    if (fresh.length === 0) return [...roots];
    fresh.forEach((p) => roots.add(p.code));
  }
}

/**
 * Which child of `node` an item belongs to (the node itself for items filed
 * directly under it). Units dissolved below the node count as the unit that took
 * them over (the deepest dissolved unit of the item's path decides: a hamlet of a
 * merged commune is found under the new commune), so that today's children are
 * compared, not the ones of the time the item was filed.
 */
function childFinder(node: string | null, places: Map<string, Place>, tops: string[]) {
  const topSet = new Set(tops);
  /** Where a unit is now: itself, or (for a dissolved one) where its successor is. */
  const current = (code: string, seen = new Set<string>()): Place | undefined => {
    const p = places.get(code);
    if (!p || !p.successorCode || seen.has(code)) return p;
    seen.add(code);
    return current(p.successorCode, seen);
  };
  const childIn = (p: Place | undefined, nodeCode: string) => {
    const at = p ? p.path.indexOf(nodeCode) : -1;
    return at >= 0 ? (p!.path[at + 1] ?? nodeCode) : undefined;
  };
  return (path: string[]): string | undefined => {
    if (node === null) return path.find((c) => topSet.has(c));
    const stop = path.indexOf(node);
    for (let i = path.length - 1; i > stop; i -= 1) {
      if (!places.get(path[i]!)?.successorCode) continue;
      const found = childIn(current(path[i]!), node);
      if (found) return found;
    }
    return childIn(places.get(path.at(-1)!), node);
  };
}

export async function computeTrends(
  deps: Deps,
  officer: Officer,
  scope: Scope,
  q: TrendsQuery,
): Promise<Trends> {
  const when = resolvePeriod(deps, q);
  const [placeList, topicList] = await Promise.all([
    deps.models.Jurisdiction.find(
      {},
      { _id: 0, code: 1, name: 1, path: 1, parentCode: 1, successorCode: 1 },
    ).lean<Place[]>(),
    deps.models.Topic.find({}, { _id: 0, code: 1, name: 1 }).lean(),
  ]);
  const places = new Map(placeList.map((p) => [p.code, p]));
  const topicNames = new Map(topicList.map((t) => [t.code, t.name]));

  const nodeCode = q.jurisdiction ?? officer.jurisdictionCode ?? null;
  const node = nodeCode === null ? null : places.get(nodeCode);
  if (node === undefined || (node && !inScope(scope, node.path)))
    throw fail.notFound('jurisdiction');

  const and: QueryFilter<Submission>[] = [
    { createdAt: { $gte: when.previousStart, $lt: when.end } },
  ];
  if (node) and.push({ jurisdictionPath: { $in: subtreeRoots(node.code, places) } });
  if (q.kind) and.push({ kind: q.kind });
  // Only the submissions in the officer's scope: the scope's view adds its filter first.
  const groups = await scopedSubmissions(
    deps.models.Submission,
    scopeFilter(scope),
  ).aggregate<ItemGroup>([
    { $match: { $and: and } },
    {
      $group: {
        _id: {
          before: { $lt: ['$createdAt', when.start] },
          path: '$jurisdictionPath',
          topics: '$topics',
        },
        n: { $sum: 1 },
      },
    },
  ]);

  const children = node
    ? placeList.filter((p) => p.parentCode === node.code).map((p) => p.code)
    : scope.all
      ? placeList.filter((p) => p.parentCode === null).map((p) => p.code)
      : scope.roots;
  const childOf = childFinder(node?.code ?? null, places, children);

  const totals = { current: 0, previous: 0 };
  const now = new Map<string, number>();
  const before = new Map<string, number>();
  const perChild = new Map<string, { items: number; topics: Map<string, number> }>();
  for (const { _id: group, n } of groups) {
    const topics = [...new Set(group.topics ?? [])];
    const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + n);
    if (group.before) {
      totals.previous += n;
      topics.forEach((t) => bump(before, t));
      continue;
    }
    totals.current += n;
    topics.forEach((t) => bump(now, t));
    const child = childOf(group.path) ?? node?.code ?? '';
    const entry = perChild.get(child) ?? { items: 0, topics: new Map<string, number>() };
    entry.items += n;
    topics.forEach((t) => bump(entry.topics, t));
    perChild.set(child, entry);
  }

  const nameOf = (code: string): Name => topicNames.get(code) ?? { vi: code, en: code };
  const share = (c: number, t: number) => (t === 0 ? 0 : round(c / t));
  const trends: TopicTrend[] = [...new Set([...now.keys(), ...before.keys()])].map((code) => {
    const c1 = now.get(code) ?? 0;
    const c0 = before.get(code) ?? 0;
    const test = risingTest(c1, c0, totals.current, totals.previous);
    return {
      code,
      name: nameOf(code),
      current: c1,
      previous: c0,
      share: share(c1, totals.current),
      previousShare: share(c0, totals.previous),
      expected: round(test.expected),
      pValue: roundP(test.pValue),
      rising: test.rising,
    };
  });
  trends.sort((a, b) => b.current - a.current || b.previous - a.previous || cmp(a.code, b.code));

  const spikes: Spike[] = [];
  for (const [child, entry] of perChild) {
    for (const [code, count] of entry.topics) {
      const restCount = (now.get(code) ?? 0) - count;
      const restItems = totals.current - entry.items;
      const test = spikeTest(count, entry.items, restCount, restItems);
      if (!test.spike) continue;
      spikes.push({
        topic: { code, name: nameOf(code) },
        jurisdiction: { code: child, name: places.get(child)?.name ?? child },
        count,
        items: entry.items,
        restCount,
        restItems,
        expected: round(test.expected),
        pValue: roundP(test.pValue),
      });
    }
  }
  spikes.sort((a, b) => a.pValue - b.pValue || b.count - a.count);

  return {
    jurisdiction: node ? { code: node.code, name: node.name } : null,
    period: when.period,
    previousPeriod: when.previousPeriod,
    totals,
    topics: trends,
    rising: trends
      .filter((t) => t.rising)
      .sort((a, b) => a.pValue - b.pValue)
      .map((t) => t.code),
    spikes,
    method: METHOD,
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const round = (x: number) => Math.round(x * 1000) / 1000;
/** p-values keep three significant digits, so that very small ones stay readable. */
const roundP = (p: number) => (p === 0 ? 0 : Number(p.toPrecision(3)));
