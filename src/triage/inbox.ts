import { Types, type QueryFilter } from 'mongoose';
import type { Deps } from '../deps';
import { scopeFilter, type Scope } from '../officers';
import { fail } from '../platform/domain-errors';
import { searchKey } from '../platform/text';
import { AGENCY_STATUSES, OPEN_STATUSES } from '../submissions/statuses';
import type { Submission } from '../submissions/model';
import type { InboxItem, InboxQuery } from './schemas';

/** A search term is matched literally: its regex characters escaped (PCRE, MongoDB and DocumentDB alike). */
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const SORTS = {
  newest: { field: 'createdAt', dir: -1 },
  oldest: { field: 'createdAt', dir: 1 },
  due: { field: 'dueAt', dir: 1 },
} as const;

interface Cursor {
  v: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString()) as Cursor;
    // The value is a date (every sort is by a date): one that is not is no cursor of ours.
    const ok = typeof c.v === 'string' && !Number.isNaN(new Date(c.v).getTime());
    if (ok && typeof c.id === 'string' && /^[0-9a-f]{24}$/.test(c.id)) return c;
  } catch {
    // fall through
  }
  throw fail.validation([
    { path: 'cursor', message: 'not a cursor from this inbox', code: 'custom' },
  ]);
}

/** The filters of the inbox, always within the officer's scope; `status` apart, for the counts. */
function filters(q: InboxQuery, scope: Scope, now: Date) {
  const and: QueryFilter<Submission>[] = [scopeFilter(scope)];
  if (q.kind) and.push({ kind: q.kind });
  if (q.category) and.push({ categoryCode: q.category });
  if (q.jurisdiction) and.push({ jurisdictionPath: q.jurisdiction });
  if (q.from) and.push({ createdAt: { $gte: new Date(`${q.from}T00:00:00+07:00`) } });
  if (q.to)
    and.push({
      createdAt: { $lt: new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000) },
    });
  if (q.overdue === 'true') and.push({ status: { $in: AGENCY_STATUSES }, dueAt: { $lt: now } });
  // Every word must appear, diacritics and case ignored: "duong" finds "Đường".
  const words: QueryFilter<Submission>[] = searchKey(q.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((term) => ({ searchKey: { $regex: escapeRegex(term) } }));
  // A tracking code, whole or part ("TD-7K4M-9QXP", "7k4m", "7K4M9Q"), finds its item.
  const code = codePattern(q.q ?? '');
  if (code) and.push({ $or: [{ trackingCode: { $regex: code } }, { $and: words }] });
  else and.push(...words);
  const status: QueryFilter<Submission> = {
    status: { $in: q.status?.length ? q.status : OPEN_STATUSES },
  };
  return { base: and, status };
}

/**
 * One page of the inbox: filtered, searched, sorted, with a cursor to the next
 * page (stable while items arrive) and the count of items per status.
 */
export async function listInbox(
  deps: Deps,
  scope: Scope,
  q: InboxQuery,
): Promise<{ items: InboxItem[]; nextCursor?: string; counts: Record<string, number> }> {
  const now = deps.clock.now();
  const { base, status } = filters(q, scope, now);
  const { field, dir } = SORTS[q.sort];
  const page: QueryFilter<Submission>[] = [...base, status];
  if (q.sort === 'due') page.push({ dueAt: { $exists: true } });
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const v = new Date(c.v);
    const op = dir === 1 ? '$gt' : '$lt';
    page.push({
      $or: [{ [field]: { [op]: v } }, { [field]: v, _id: { [op]: new Types.ObjectId(c.id) } }],
    });
  }

  // Open items (the usual inbox) are read from the inbox of open items, whose
  // size does not grow with the history; closed ones from the submissions.
  const onlyOpen = !q.status?.length || q.status.every((st) => OPEN_STATUSES.includes(st));
  const source = (onlyOpen
    ? deps.models.InboxEntry
    : deps.models.Submission) as unknown as typeof deps.models.InboxEntry;
  const [docs, grouped] = await Promise.all([
    source
      .find({ $and: page })
      .sort({ [field]: dir, _id: dir })
      .limit(q.limit + 1)
      .select({
        trackingCode: 1,
        kind: 1,
        status: 1,
        title: 1,
        categoryCode: 1,
        jurisdictionCode: 1,
        createdAt: 1,
        dueAt: 1,
        agencyCode: 1,
        supporterCount: 1,
      })
      .lean(),
    deps.models.InboxEntry.aggregate<{ _id: string; n: number }>([
      { $match: { $and: base } },
      { $group: { _id: '$status', n: { $sum: 1 } } },
    ]),
  ]);
  const more = docs.length > q.limit;
  const shown = docs.slice(0, q.limit);
  const last = shown.at(-1);
  const lastValue = last ? (last[field as 'createdAt'] as Date | undefined) : undefined;
  return {
    items: shown.map((d) => ({
      id: String(d._id),
      trackingCode: d.trackingCode,
      kind: d.kind,
      status: d.status,
      title: d.title,
      categoryCode: d.categoryCode,
      jurisdictionCode: d.jurisdictionCode,
      createdAt: d.createdAt.toISOString(),
      ...(d.dueAt ? { dueAt: d.dueAt.toISOString() } : {}),
      ...(d.agencyCode ? { agencyCode: d.agencyCode } : {}),
      supporterCount: d.supporterCount ?? 1,
      overdue: AGENCY_STATUSES.includes(d.status) && !!d.dueAt && d.dueAt < now,
    })),
    ...(more && last && lastValue
      ? { nextCursor: encodeCursor({ v: lastValue.toISOString(), id: String(last._id) }) }
      : {}),
    counts: Object.fromEntries(grouped.map((g) => [g._id, g.n])),
  };
}

/**
 * A regex for what looks like (part of) a tracking code: 4 to 12 characters of
 * the codes' alphabet (Crockford's: no I, L, O or U) once dashes and spaces are
 * dropped; dashes may fall anywhere between. Null otherwise. A part of a code
 * may be all letters ("AMTXTX"), so letters alone qualify; a word that also
 * fits the alphabet is harmless, as the inbox searches words too (`$or`).
 */
export function codePattern(raw: string): string | null {
  const chars = raw.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[0-9A-HJKMNP-TV-Z]{4,12}$/.test(chars)) return null;
  return chars.split('').join('-?');
}
