import type { Deps } from '../deps';
import type { Officer } from '../officers/model';
import { inScope, scopeFilter, type Scope } from '../officers';
import type { Db } from 'mongodb';
import { localDate, localMonth } from '../platform/clock';
import { readingDb } from '../platform/db';
import { fail } from '../platform/domain-errors';
import type { InboxEntry } from '../triage/model';
import { risingTest } from '../topics';
import {
  ALL_NODES,
  currentCollection,
  openItemsCollection,
  statsCollection,
  statsId,
  type AgencyCounters,
  type CurrentDoc,
  type StatsDoc,
} from './model';
import {
  addInto,
  NOTES,
  previousMonth,
  subtreeRoots,
  type AgencyScore,
  type MonthlyReport,
  type Name,
  type Place,
} from './monthly-shape';
import { approxMedian, deadlineStatuses, decodeKey } from './stats';

export type { MonthlyReport };

/**
 * The monthly briefing ("giao ban") of a jurisdiction subtree: read from the
 * counters of the month (one small document per root of the subtree, plus the
 * month before for rising topics) and, for what is open now, from the inbox of
 * open items. Never from the submissions.
 */

const DAY_MS = 86_400_000;
export const OPEN_LIST_CAP = 50;

const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 1000 : null);
const entries = (o: Record<string, number> | undefined) =>
  Object.entries(o ?? {}).map(([k, n]) => [decodeKey(k), n] as const);

/** Where the counters of a report come from: a node in scope (or the whole tree). */
export interface Target {
  node: Place | null;
  roots: string[];
}

export async function resolveTarget(
  deps: Deps,
  officer: Pick<Officer, 'jurisdictionCode'>,
  scope: Scope,
  jurisdiction: string | undefined,
): Promise<{ target: Target; places: Map<string, Place> }> {
  const placeList = await deps.models.Jurisdiction.find(
    {},
    { _id: 0, code: 1, name: 1, path: 1, parentCode: 1, successorCode: 1 },
  ).lean<Place[]>();
  const places = new Map(placeList.map((p) => [p.code, p]));
  const code = jurisdiction ?? (scope.all ? undefined : officer.jurisdictionCode);
  if (code === undefined) {
    if (!scope.all) throw fail.notFound('jurisdiction');
    return { target: { node: null, roots: [ALL_NODES] }, places };
  }
  const node = places.get(code);
  // Out of scope is "not found", exactly like an unknown node.
  if (!node || !inScope(scope, node.path)) throw fail.notFound('jurisdiction');
  return { target: { node, roots: subtreeRoots(node.code, places) }, places };
}

/** The counters of a target for one month: the sum of its roots' documents. */
export async function readCounters(deps: Deps, roots: string[], month: string): Promise<StatsDoc> {
  const col = statsCollection(reportsDb(deps), month);
  const docs = await Promise.all(roots.map((r) => col.findOne({ _id: statsId(r, month) })));
  const sum: Record<string, unknown> = { _id: `${roots.join('+')}|${month}` };
  for (const d of docs) if (d) addInto(sum, d as unknown as Record<string, unknown>);
  return sum as unknown as StatsDoc;
}

/** What is open now in a target: the sum of its roots' current documents. */
export async function readCurrent(deps: Deps, roots: string[]): Promise<CurrentDoc> {
  const col = currentCollection(reportsDb(deps));
  const docs = await Promise.all(roots.map((r) => col.findOne({ _id: r })));
  const sum: Record<string, unknown> = { _id: roots.join('+') };
  for (const d of docs) if (d) addInto(sum, d as unknown as Record<string, unknown>);
  return sum as unknown as CurrentDoc;
}

/**
 * The oldest open petitions of a target (in scope), at most OPEN_LIST_CAP: the
 * open items of the oldest months of receipt first (the counters say which
 * months have any), each month's few items sorted, until the cap is reached.
 */
async function oldestOpen(
  db: Db,
  scope: Scope,
  target: Target,
  openMonth: Record<string, number>,
): Promise<InboxEntry[]> {
  const months = Object.entries(openMonth)
    .filter(([, n]) => n > 0)
    .map(([m]) => m)
    .sort();
  const conditions: Record<string, unknown>[] = [
    scopeFilter(scope),
    target.node ? { jurisdictionPath: { $in: target.roots } } : {},
    { kind: 'petition' },
  ].filter((c) => Object.keys(c).length > 0);
  const out: InboxEntry[] = [];
  for (const m of months) {
    if (out.length >= OPEN_LIST_CAP) break;
    const found = await openItemsCollection(db, m)
      .find({ $and: conditions })
      .sort({ createdAt: 1, _id: 1 })
      .limit(OPEN_LIST_CAP - out.length)
      .toArray();
    out.push(...found);
  }
  return out;
}

export async function monthlyReport(
  deps: Deps,
  officer: Pick<Officer, 'jurisdictionCode'>,
  scope: Scope,
  q: { jurisdiction?: string; month?: string },
): Promise<MonthlyReport> {
  const now = deps.clock.now();
  const month = q.month ?? previousMonth(localMonth(now));
  const before = previousMonth(month);
  const { target } = await resolveTarget(deps, officer, scope, q.jurisdiction);

  const db = reportsDb(deps);
  const [cur, prev, now$, categories, agencies, topics] = await Promise.all([
    readCounters(deps, target.roots, month),
    readCounters(deps, target.roots, before),
    readCurrent(deps, target.roots),
    deps.models.Category.find({}, { _id: 0, code: 1, name: 1 }).lean(),
    deps.models.Agency.find({}, { _id: 0, code: 1, name: 1 }).lean(),
    deps.models.Topic.find({}, { _id: 0, code: 1, name: 1 }).lean(),
  ]);
  const today = localDate(now);
  const overdue = Object.entries(now$.due ?? {})
    .filter(([day]) => day < today)
    .reduce((sum, [, n]) => sum + n, 0);
  const byStatus = Object.fromEntries(
    Object.entries(now$.open ?? {})
      .filter(([, n]) => n !== 0)
      .map(([k, n]) => [decodeKey(k), n]),
  );
  const oldest = await oldestOpen(db, scope, target, now$.openMonth ?? {});

  const catName = new Map(categories.map((c) => [c.code, c.name as Name]));
  const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
  const topicName = new Map(topics.map((t) => [t.code, t.name as Name]));

  const r = cur.received ?? {};
  const byCategory = Object.entries(r.category ?? {})
    .map(([key, kinds]) => {
      const code = decodeKey(key);
      const petitions = kinds.petition ?? 0;
      const sentiments = kinds.sentiment ?? 0;
      return {
        code,
        name: catName.get(code) ?? { vi: code, en: code },
        petitions,
        sentiments,
        total: petitions + sentiments,
      };
    })
    .filter((c) => c.total !== 0)
    .sort((a, b) => b.total - a.total || cmp(a.code, b.code));

  const moves = Object.fromEntries(entries(cur.moves).filter(([, n]) => n !== 0));
  const answered = moves.answered ?? 0;
  const onTime = cur.answers?.onTime ?? 0;
  const late = cur.answers?.late ?? 0;

  const scores: AgencyScore[] = Object.entries(cur.agencies ?? {})
    .map(([key, a]: [string, AgencyCounters]) => {
      const code = decodeKey(key);
      const answeredA = a.answered ?? 0;
      return {
        code,
        name: agencyName.get(code) ?? code,
        assigned: a.assigned ?? 0,
        answered: answeredA,
        onTime: a.onTime ?? 0,
        late: a.late ?? 0,
        onTimeShare: share(a.onTime ?? 0, answeredA),
        medianDays: approxMedian(a.days),
        meanDays:
          answeredA > 0 && a.hoursSum !== undefined
            ? Math.round((a.hoursSum / answeredA / 24) * 10) / 10
            : null,
        reopened: a.reopened ?? 0,
        reopenShare: share(a.reopened ?? 0, answeredA),
        rated: a.rated ?? 0,
        satisfied: a.satisfied ?? 0,
        satisfactionShare: share(a.satisfied ?? 0, a.rated ?? 0),
      };
    })
    .filter((a) => a.assigned || a.answered || a.reopened || a.rated)
    .sort((a, b) => b.assigned - a.assigned || b.answered - a.answered || cmp(a.code, b.code));

  const t1 = r.n ?? 0;
  const t0 = prev.received?.n ?? 0;
  const prevTopics = new Map(entries(prev.received?.topic));
  const topicRows = entries(r.topic)
    .filter(([, n]) => n > 0)
    .map(([code, count]) => ({
      code,
      name: topicName.get(code) ?? { vi: code, en: code },
      count,
      previous: prevTopics.get(code) ?? 0,
    }))
    .sort((a, b) => b.count - a.count || cmp(a.code, b.code));
  const rising = topicRows
    .map((t) => ({ ...t, ...risingTest(t.count, t.previous, t1, t0) }))
    .filter((t) => t.rising)
    .sort((a, b) => a.pValue - b.pValue)
    .map((t) => ({
      code: t.code,
      name: t.name,
      count: t.count,
      previous: t.previous,
      pValue: Number(t.pValue.toPrecision(3)),
    }));

  return {
    jurisdiction: target.node ? { code: target.node.code, name: target.node.name } : null,
    month,
    previousMonth: before,
    generatedAt: now.toISOString(),
    received: {
      total: t1,
      petitions: r.kind?.petition ?? 0,
      sentiments: r.kind?.sentiment ?? 0,
      byCategory,
      byLegalType: entries(r.legal)
        .filter(([, n]) => n !== 0)
        .map(([code, count]) => ({ code, count }))
        .sort((a, b) => b.count - a.count || cmp(a.code, b.code)),
      byChannel: entries(r.channel)
        .filter(([, n]) => n !== 0)
        .map(([code, count]) => ({ code, count })),
    },
    routed: moves.assigned ?? 0,
    answered,
    answeredOnTime: onTime,
    answeredLate: late,
    onTimeShare: share(onTime, answered),
    medianAnswerDays: approxMedian(cur.answers?.days),
    reopened: moves.reopened ?? 0,
    moves,
    agencies: scores,
    topics: {
      top: topicRows.slice(0, 10),
      rising,
      details: '/api/v1/officer/trends',
    },
    open: {
      total: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
      byStatus,
      overdue,
      cap: OPEN_LIST_CAP,
      petitions: oldest.map((e) => {
        const due = e.dueAt ? new Date(e.dueAt) : null;
        return {
          id: String(e._id),
          trackingCode: e.trackingCode,
          title: e.title,
          status: e.status,
          categoryCode: e.categoryCode,
          jurisdictionCode: e.jurisdictionCode,
          agencyCode: e.agencyCode ?? null,
          createdAt: new Date(e.createdAt).toISOString(),
          ageDays: Math.floor((now.getTime() - new Date(e.createdAt).getTime()) / DAY_MS),
          dueAt: due ? due.toISOString() : null,
          overdue: !!due && due < now && deadlineStatuses().includes(e.status),
        };
      }),
    },
    notes: NOTES,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reports read with REPORTS_READ_PREFERENCE (e.g. from secondaries, off the primary). */
function reportsDb(deps: Deps): Db {
  return readingDb(deps.db, deps.config.REPORTS_READ_PREFERENCE);
}
