import { searchKey, type Keyword } from '../text';
import type { Topic } from './model';

export interface TopicProposal {
  code: string;
  name: { vi: string; en: string };
  /** The share of the document's keyword weight that falls on this topic, 0 to 1. */
  score: number;
  /** The document's terms that matched the topic's keywords. */
  matched: string[];
}

/**
 * Does a term belong to a topic keyword? Compared without diacritics (as search
 * is), syllable by syllable: the keyword is the term or its first syllables, so
 * the stem "ngập" covers "ngập", "ngập úng" and "ngập nước", but not "mất điện"
 * for "điện" (list "mất điện" itself).
 */
export function keywordMatches(termKey: string, keywordKey: string): boolean {
  return termKey === keywordKey || termKey.startsWith(`${keywordKey} `);
}

/**
 * Proposes topics for a document from its weighted keywords (all of its terms,
 * ranked by `rankTerms`): each topic scores the share of the total weight held by
 * the terms that match one of its keywords. Best first; topics with nothing
 * matched are left out.
 */
export function proposeTopics(
  ranked: Keyword[],
  topics: Pick<Topic, 'code' | 'name' | 'keywords'>[],
  limit = 5,
): TopicProposal[] {
  const total = ranked.reduce((sum, k) => sum + k.score, 0);
  if (total <= 0) return [];
  const out: TopicProposal[] = [];
  for (const topic of topics) {
    const keys = topic.keywords.map((k) => searchKey(k)).filter(Boolean);
    const matched = ranked.filter((k) => keys.some((kw) => keywordMatches(k.key, kw)));
    if (matched.length === 0) continue;
    const weight = matched.reduce((sum, k) => sum + k.score, 0);
    out.push({
      code: topic.code,
      name: topic.name,
      score: Math.round((weight / total) * 1000) / 1000,
      matched: matched.map((k) => k.term),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code)).slice(0, limit);
}
