import type { Deps } from '../deps';
import type { Officer } from '../officers/model';
import { inScope, scopeFilter, type Scope } from '../officers/scope';
import type { Db } from 'mongodb';
import { localDate, localMonth } from '../platform/clock';
import { fail } from '../platform/domain-errors';
import type { Jurisdiction } from '../reference/model';
import type { InboxEntry } from '../triage/model';
import { risingTest } from '../topics/stats';
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
import { approxMedian, deadlineStatuses, decodeKey } from './stats';

/**
 * The monthly briefing ("giao ban") of a jurisdiction subtree: read from the
 * counters of the month (one small document per root of the subtree, plus the
 * month before for rising topics) and, for what is open now, from the inbox of
 * open items. Never from the submissions.
 */

const DAY_MS = 86_400_000;
export const OPEN_LIST_CAP = 50;

type Name = { vi: string; en: string };
type Place = Pick<Jurisdiction, 'code' | 'name' | 'path' | 'parentCode' | 'successorCode'>;

export interface AgencyScore {
  code: string;
  name: string;
  assigned: number;
  answered: number;
  onTime: number;
  late: number;
  /** on time / answered, 0..1; null without answers. */
  onTimeShare: number | null;
  /** Approximate (from a histogram of days), calendar days from assignment to answer. */
  medianDays: number | null;
  meanDays: number | null;
  reopened: number;
  /** reopened / answered in the month. */
  reopenShare: number | null;
  rated: number;
  satisfied: number;
  /** satisfied / rated. */
  satisfactionShare: number | null;
}

export interface OpenItem {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  categoryCode: string;
  jurisdictionCode: string;
  agencyCode: string | null;
  createdAt: string;
  ageDays: number;
  dueAt: string | null;
  overdue: boolean;
}

export interface MonthlyReport {
  jurisdiction: { code: string; name: string } | null;
  month: string;
  previousMonth: string;
  generatedAt: string;
  received: {
    total: number;
    petitions: number;
    sentiments: number;
    byCategory: {
      code: string;
      name: Name;
      petitions: number;
      sentiments: number;
      total: number;
    }[];
    byLegalType: { code: string; count: number }[];
    byChannel: { code: string; count: number }[];
  };
  routed: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  onTimeShare: number | null;
  medianAnswerDays: number | null;
  reopened: number;
  /** Status changes of the month by the status reached (rejected, noted, closed…). */
  moves: Record<string, number>;
  agencies: AgencyScore[];
  topics: {
    top: { code: string; name: Name; count: number; previous: number }[];
    rising: { code: string; name: Name; count: number; previous: number; pValue: number }[];
    details: string;
  };
  open: {
    /** Open now (at report time), from the inbox of open items. */
    total: number;
    byStatus: Record<string, number>;
    overdue: number;
    petitions: OpenItem[];
    cap: number;
  };
  notes: { vi: string; en: string }[];
}

export const NOTES: { vi: string; en: string }[] = [
  {
    vi: 'Tiếp nhận: theo tháng nhận, theo lĩnh vực, loại pháp lý hiện tại của mục.',
    en: 'Received: by the month of receipt, by the item’s current category and legal type.',
  },
  {
    vi: 'Chuyển, trả lời, mở lại, đánh giá: theo tháng xảy ra sự việc.',
    en: 'Routed, answered, reopened, rated: by the month the event happened.',
  },
  {
    vi: 'Đúng hạn: trả lời trước hạn của lần chuyển; quá hạn: trả lời sau hạn.',
    en: 'On time: answered by the due date of its assignment; late: after it.',
  },
  {
    vi: 'Thời gian trả lời (ngày lịch, từ khi chuyển đến khi trả lời): trung vị xấp xỉ từ biểu đồ tần suất.',
    en: 'Answer time (calendar days from assignment to answer): approximate median from a histogram.',
  },
  {
    vi: 'Đang mở, quá hạn: tại thời điểm lập báo cáo.',
    en: 'Open and overdue: at the time of the report.',
  },
];

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * The roots whose counters make up a node's subtree: the node, plus units
 * dissolved into a unit of its subtree (their items keep the place they were
 * filed under), without roots nested in another root (they would count twice).
 */
export function subtreeRoots(node: string, places: Map<string, Place>): string[] {
  const roots = new Set([node]);
  for (;;) {
    const inside = new Set(
      [...places.values()].filter((p) => p.path.some((c) => roots.has(c))).map((p) => p.code),
    );
    const fresh = [...places.values()].filter(
      (p) => p.successorCode && inside.has(p.successorCode) && !inside.has(p.code),
    );
    if (fresh.length === 0) break;
    fresh.forEach((p) => roots.add(p.code));
  }
  return [...roots].filter(
    (r) => !(places.get(r)?.path ?? [r]).some((c) => c !== r && roots.has(c)),
  );
}

/** Adds the numbers of `b` into `a`, at any depth. */
export function addInto(a: Record<string, unknown>, b: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(b)) {
    if (k === '_id') continue;
    if (typeof v === 'number') a[k] = ((a[k] as number | undefined) ?? 0) + v;
    else if (v && typeof v === 'object') {
      a[k] ??= {};
      addInto(a[k] as Record<string, unknown>, v as Record<string, unknown>);
    }
  }
}

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
  const col = statsCollection(deps.models.Submission.db.db!, month);
  const docs = await Promise.all(roots.map((r) => col.findOne({ _id: statsId(r, month) })));
  const sum: Record<string, unknown> = { _id: `${roots.join('+')}|${month}` };
  for (const d of docs) if (d) addInto(sum, d as unknown as Record<string, unknown>);
  return sum as unknown as StatsDoc;
}

/** What is open now in a target: the sum of its roots' current documents. */
export async function readCurrent(deps: Deps, roots: string[]): Promise<CurrentDoc> {
  const col = currentCollection(deps.models.Submission.db.db!);
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

  const db = deps.models.Submission.db.db!;
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
