import type { Deps } from '../deps';
import { scopedSubmissions, scopeFilter, type Scope } from '../officers';
import { OPEN_STATUSES } from '../submissions/statuses';
import type { Submission } from '../submissions/model';

/**
 * Similar open items, for merging. Vietnamese is written in syllables and most
 * words are two syllables, so an item is compared as its set of syllables and of
 * syllable pairs (on the diacritics-free search key); the score is their Jaccard
 * similarity, from 0 to 1.
 */
export function shingles(key: string): Set<string> {
  const words = key.split(' ').filter((w) => w.length > 0);
  const out = new Set(words);
  for (let i = 0; i + 1 < words.length; i += 1) out.add(`${words[i]} ${words[i + 1]}`);
  return out;
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export interface DuplicateSuggestion {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  score: number;
}

/**
 * The most similar open items in the same area: the item's parent node (its
 * commune when filed under a hamlet, and so on), within the officer's scope.
 */
export async function suggestDuplicates(
  deps: Deps,
  scope: Scope,
  doc: Submission,
  limit = 5,
  minScore = 0.15,
): Promise<DuplicateSuggestion[]> {
  const area = doc.jurisdictionPath.at(-2) ?? doc.jurisdictionPath.at(-1)!;
  const candidates = await scopedSubmissions(deps.models.Submission, scopeFilter(scope))
    .find({ jurisdictionPath: area, status: { $in: OPEN_STATUSES }, _id: { $ne: doc._id } })
    .sort({ createdAt: -1 })
    .limit(2000)
    .select({ trackingCode: 1, title: 1, status: 1, searchKey: 1 })
    .lean();
  const mine = shingles(doc.searchKey);
  return candidates
    .map((c) => ({
      id: String(c._id),
      trackingCode: c.trackingCode,
      title: c.title,
      status: c.status,
      score: Math.round(similarity(mine, shingles(c.searchKey)) * 100) / 100,
    }))
    .filter((c) => c.score >= minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
