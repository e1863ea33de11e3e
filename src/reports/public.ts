import type { Deps } from '../deps';
import type { Who } from '../triage';
import { findInScope, officerActor } from '../triage';
import { localDate, localMonth } from '../platform/clock';
import { fail } from '../platform/domain-errors';
import type { Jurisdiction } from '../reference/model';
import { ALL_NODES, type AgencyCounters } from './model';
import { readCounters } from './monthly';
import { addInto, nextMonth, previousMonth, subtreeRoots } from './monthly-shape';
import { approxMedian, decodeKey } from './stats';

/**
 * Public transparency: aggregate figures per agency (never per person) read
 * from the monthly counters, and the answers officers chose to publish (title
 * and answer only, copied at publication: no name, no contact).
 */

export const MAX_MONTHS = 24;
export const PUBLISHED_LIST_CAP = 50;

type Place = Pick<Jurisdiction, 'code' | 'name' | 'path' | 'parentCode' | 'successorCode'>;

export interface PublicStats {
  jurisdiction: { code: string; name: string } | null;
  period: { from: string; to: string };
  totals: {
    received: number;
    answered: number;
    answeredOnTime: number;
    onTimeShare: number | null;
  };
  agencies: {
    code: string;
    name: string;
    answered: number;
    onTime: number;
    onTimeShare: number | null;
    medianDays: number | null;
  }[];
}

export interface PublishedAnswer {
  id: string;
  title: string;
  answer: string;
  agency: { code: string; name: string };
  category: { code: string; name: { vi: string; en: string } };
  jurisdiction: { code: string; name: string };
  receivedOn: string;
  answeredOn: string;
  publishedAt: string;
}

async function places(deps: Deps): Promise<Map<string, Place>> {
  const list = await deps.models.Jurisdiction.find(
    {},
    { _id: 0, code: 1, name: 1, path: 1, parentCode: 1, successorCode: 1 },
  ).lean<Place[]>();
  return new Map(list.map((p) => [p.code, p]));
}

async function target(deps: Deps, jurisdiction: string | undefined) {
  const all = await places(deps);
  if (jurisdiction === undefined) return { node: null, roots: [ALL_NODES], places: all };
  const node = all.get(jurisdiction);
  if (!node) throw fail.notFound('jurisdiction');
  return { node, roots: subtreeRoots(node.code, all), places: all };
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= MAX_MONTHS; m = nextMonth(m)) out.push(m);
  return out;
}

export async function publicStats(
  deps: Deps,
  q: { jurisdiction?: string; from?: string; to?: string },
): Promise<PublicStats> {
  const to = q.to ?? localMonth(deps.clock.now());
  let from = q.from;
  if (!from) {
    from = to;
    for (let i = 0; i < 11; i += 1) from = previousMonth(from);
  }
  const months = monthsBetween(from, to);
  if (from > to || months.length > MAX_MONTHS)
    throw fail.validation([
      {
        path: from > to ? 'from' : 'to',
        message: from > to ? 'from is after to' : `at most ${MAX_MONTHS} months`,
        code: 'custom',
      },
    ]);
  const t = await target(deps, q.jurisdiction);
  const [docs, agencies] = await Promise.all([
    Promise.all(months.map((m) => readCounters(deps, t.roots, m))),
    deps.models.Agency.find({}, { _id: 0, code: 1, name: 1 }).lean(),
  ]);
  const sum: Record<string, unknown> = {};
  for (const d of docs) addInto(sum, d as unknown as Record<string, unknown>);
  const s = sum as {
    received?: { n?: number };
    moves?: Record<string, number>;
    answers?: { onTime?: number };
    agencies?: Record<string, AgencyCounters>;
  };
  const names = new Map(agencies.map((a) => [a.code, a.name]));
  const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
  const answered = s.moves?.answered ?? 0;
  const onTime = s.answers?.onTime ?? 0;
  return {
    jurisdiction: t.node ? { code: t.node.code, name: t.node.name } : null,
    period: { from, to },
    totals: {
      received: s.received?.n ?? 0,
      answered,
      answeredOnTime: onTime,
      onTimeShare: share(onTime, answered),
    },
    agencies: Object.entries(s.agencies ?? {})
      .map(([key, a]) => {
        const code = decodeKey(key);
        return {
          code,
          name: names.get(code) ?? code,
          answered: a.answered ?? 0,
          onTime: a.onTime ?? 0,
          onTimeShare: share(a.onTime ?? 0, a.answered ?? 0),
          medianDays: approxMedian(a.days),
        };
      })
      .filter((a) => a.answered > 0)
      .sort((a, b) => b.answered - a.answered || a.code.localeCompare(b.code)),
  };
}

export async function publishedAnswers(
  deps: Deps,
  q: { jurisdiction?: string },
): Promise<PublishedAnswer[]> {
  const t = await target(deps, q.jurisdiction);
  const [list, agencies, categories] = await Promise.all([
    deps.models.Publication.find(t.node ? { jurisdictionPath: { $in: t.roots } } : {})
      .sort({ publishedAt: -1 })
      .limit(PUBLISHED_LIST_CAP)
      .lean(),
    deps.models.Agency.find({}, { _id: 0, code: 1, name: 1 }).lean(),
    deps.models.Category.find({}, { _id: 0, code: 1, name: 1 }).lean(),
  ]);
  const agencyName = new Map(agencies.map((a) => [a.code, a.name]));
  const catName = new Map(categories.map((c) => [c.code, c.name]));
  return list.map((p) => ({
    id: String(p._id),
    title: p.title,
    answer: p.answerText,
    agency: { code: p.agencyCode, name: agencyName.get(p.agencyCode) ?? p.agencyCode },
    category: {
      code: p.categoryCode,
      name: catName.get(p.categoryCode) ?? { vi: p.categoryCode, en: p.categoryCode },
    },
    jurisdiction: {
      code: p.jurisdictionCode,
      name: t.places.get(p.jurisdictionCode)?.name ?? p.jurisdictionCode,
    },
    receivedOn: localDate(new Date(p.receivedAt)),
    answeredOn: localDate(new Date(p.answeredAt)),
    publishedAt: new Date(p.publishedAt).toISOString(),
  }));
}

/**
 * An officer publishes an answered item's title and answer (or withdraws it).
 * Only answered or closed items with an answer; the copy holds no personal data.
 */
export async function setPublished(
  deps: Deps,
  who: Who,
  id: string,
  published: boolean,
): Promise<{ id: string; published: boolean }> {
  const doc = await findInScope(deps, who.scope, id);
  const now = deps.clock.now();
  const actor = officerActor(who.officer);
  if (!published) {
    const res = await deps.models.Publication.deleteOne({ _id: doc._id });
    if (res.deletedCount)
      await deps.lifecycle.record(doc._id, { at: now, actor, action: 'officer.unpublished' });
    return { id: String(doc._id), published: false };
  }
  if (!['answered', 'closed'].includes(doc.status) || !doc.answer)
    throw fail.because('not-answered', `The status is ${doc.status}.`);
  const exists = await deps.models.Publication.exists({ _id: doc._id });
  await deps.models.Publication.replaceOne(
    { _id: doc._id },
    {
      published: true,
      title: doc.title,
      answerText: doc.answer.text,
      agencyCode: doc.answer.agencyCode,
      categoryCode: doc.categoryCode,
      jurisdictionCode: doc.jurisdictionCode,
      jurisdictionPath: doc.jurisdictionPath,
      receivedAt: doc.createdAt,
      answeredAt: doc.answer.at,
      publishedAt: now,
      publishedBy: who.officer._id,
    },
    { upsert: true },
  );
  if (!exists)
    await deps.lifecycle.record(doc._id, { at: now, actor, action: 'officer.published' });
  return { id: String(doc._id), published: true };
}
