import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import { isDuplicateKey } from '../platform/db';
import { normalizeText, searchKey } from '../platform/text';
import type { Category, Jurisdiction } from '../reference/model';
import { COMPETENCES, newId, type Competence, type VoterItem, type VoterMeeting } from './model';
import type { RowInput } from './schemas';

/**
 * Fast entry: rows typed on the multi-row page, posted to the API or read from the
 * spreadsheet are checked one by one. Good rows are stored, bad rows are reported
 * with their reasons and nothing of them is stored. A row's key (meeting, commune,
 * text) is unique in the database, so entering or importing the same row again
 * stores nothing new.
 */

export type RowOutcome =
  | { row: number; status: 'accepted'; id: string }
  | { row: number; status: 'duplicate'; id?: string }
  | { row: number; status: 'refused'; reasons: string[] };

export interface RowsReport {
  accepted: number;
  duplicates: number;
  refused: number;
  rows: RowOutcome[];
}

/** Accepted spellings of the competence column, by their diacritics-free form. */
const COMPETENCE_WORDS: Record<string, Competence> = {
  central: 'central',
  'trung uong': 'central',
  tw: 'central',
  province: 'province',
  tinh: 'province',
  'thanh pho': 'province',
  commune: 'commune',
  xa: 'commune',
  phuong: 'commune',
  'xa phuong': 'commune',
  'cap xa': 'commune',
  'cap tinh': 'province',
};

export const COMPETENCE_LABEL: Record<Competence, { vi: string; en: string }> = {
  central: { vi: 'Trung ương', en: 'Central' },
  province: { vi: 'Tỉnh', en: 'Province' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
};

interface Lookup {
  categories: Category[];
  places: Jurisdiction[];
}

async function lookup(deps: Deps, meeting: VoterMeeting): Promise<Lookup> {
  const [categories, places] = await Promise.all([
    deps.models.Category.find().lean(),
    deps.models.Jurisdiction.find({ path: meeting.jurisdictionPath.at(0) }).lean(),
  ]);
  // The voters speak for the meeting's node or a node under it.
  const within = places.filter((p) => p.path.includes(meeting.jurisdictionCode));
  return { categories, places: within };
}

function pick<T>(list: T[], raw: string, keys: (t: T) => string[]): T | undefined {
  const k = searchKey(raw);
  return list.find((t) => keys(t).some((x) => searchKey(x) === k));
}

function checkRow(
  row: RowInput,
  meeting: VoterMeeting,
  l: Lookup,
): { item: Omit<VoterItem, '_id' | 'via' | 'createdAt'> } | { reasons: string[] } {
  const reasons: string[] = [];
  const text = normalizeText(row.text ?? '');
  if (text.length < 5) reasons.push('text: empty or too short / nội dung trống hoặc quá ngắn');
  const category = row.category
    ? pick(l.categories, row.category, (c) => [c.code, c.name.vi, c.name.en])
    : undefined;
  if (!category) reasons.push(`category: unknown "${row.category ?? ''}" / lĩnh vực không có`);
  const competence = row.competence
    ? (COMPETENCES as readonly string[]).includes(row.competence)
      ? (row.competence as Competence)
      : COMPETENCE_WORDS[searchKey(row.competence)]
    : 'commune';
  if (!competence)
    reasons.push(`competence: unknown "${row.competence ?? ''}" / thẩm quyền không rõ`);
  const place = row.commune
    ? pick(l.places, row.commune, (p) => [p.code, p.name])
    : l.places.find((p) => p.code === meeting.jurisdictionCode);
  if (!place) reasons.push(`commune: unknown "${row.commune ?? ''}" / xã, phường không có`);
  const count = row.voterCount === undefined || row.voterCount === '' ? 1 : Number(row.voterCount);
  if (!Number.isInteger(count) || count < 1 || count > 100_000)
    reasons.push(`voterCount: "${row.voterCount ?? ''}" is not a whole number ≥ 1 / số cử tri`);
  if (reasons.length || !category || !competence || !place) return { reasons };
  const key = searchKey(text);
  return {
    item: {
      sessionId: meeting.sessionId,
      meetingId: meeting._id,
      rowKey: createHash('sha256')
        .update(`${String(meeting._id)}|${place.code}|${key}`)
        .digest('base64url'),
      text,
      searchKey: key,
      categoryCode: category.code,
      competence,
      communeCode: place.code,
      voterCount: count,
      ...(row.voterName?.trim() ? { voterName: row.voterName.trim() } : {}),
    },
  };
}

/** Checks and stores rows; numbers in the report are the rows' own (1 = the first). */
export async function enterRows(
  deps: Deps,
  meeting: VoterMeeting,
  rows: { row: number; input: RowInput }[],
  via: VoterItem['via'],
): Promise<RowsReport> {
  const l = await lookup(deps, meeting);
  const out: RowOutcome[] = [];
  for (const { row, input } of rows) {
    const checked = checkRow(input, meeting, l);
    if ('reasons' in checked) {
      out.push({ row, status: 'refused', reasons: checked.reasons });
      continue;
    }
    const doc: VoterItem = { _id: newId(), ...checked.item, via, createdAt: deps.clock.now() };
    try {
      await deps.models.VoterItem.collection.insertOne(doc as never);
      out.push({ row, status: 'accepted', id: String(doc._id) });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const first = await deps.models.VoterItem.findOne({ rowKey: doc.rowKey }, { _id: 1 }).lean();
      out.push({ row, status: 'duplicate', ...(first ? { id: String(first._id) } : {}) });
    }
  }
  return {
    accepted: out.filter((o) => o.status === 'accepted').length,
    duplicates: out.filter((o) => o.status === 'duplicate').length,
    refused: out.filter((o) => o.status === 'refused').length,
    rows: out,
  };
}

/** Rows left wholly empty on the multi-row page are not rows. */
export function isBlankRow(r: RowInput): boolean {
  return !r.text?.trim() && !r.voterName?.trim();
}
