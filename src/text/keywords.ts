import { terms, type Term } from './terms';

/**
 * Keywords of one document: its terms (compounds count as one term) weighted by
 * TF-IDF against the document frequencies of a corpus the caller passes, or by
 * term frequency alone without one.
 *
 *   tf(t)  = occurrences of t in the document / number of terms in the document
 *   idf(t) = ln((1 + N) / (1 + df(t))) + 1     (N documents in the corpus; the
 *            smoothed form, so that a term in every document still counts a little
 *            and a term the corpus never saw counts most)
 *   score  = tf × idf
 *
 * Terms are identified by their diacritics-free key, so that a text typed without
 * diacritics and one typed with them share their keywords; the form shown is the
 * one the document uses most.
 */

export interface DocumentFrequencies {
  /** How many documents the corpus has. */
  documents: number;
  /** In how many of them each term key occurs. */
  df: Map<string, number>;
}

export interface Keyword {
  term: string;
  key: string;
  count: number;
  score: number;
}

/** Counts in how many of `texts` each term occurs. */
export function documentFrequencies(texts: Iterable<string>): DocumentFrequencies {
  const df = new Map<string, number>();
  let documents = 0;
  for (const text of texts) {
    documents += 1;
    for (const key of new Set(terms(text).map((t) => t.key))) df.set(key, (df.get(key) ?? 0) + 1);
  }
  return { documents, df };
}

export interface KeywordOptions {
  corpus?: DocumentFrequencies;
  /** At most this many keywords (default 10). */
  limit?: number;
}

export function keywords(text: string, options: KeywordOptions = {}): Keyword[] {
  return rankTerms(terms(text), options);
}

/** `keywords` for terms already extracted. */
export function rankTerms(list: Term[], options: KeywordOptions = {}): Keyword[] {
  const { corpus, limit = 10 } = options;
  if (list.length === 0) return [];
  const byKey = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const t of list) {
    const entry = byKey.get(t.key) ?? { count: 0, forms: new Map<string, number>() };
    entry.count += 1;
    entry.forms.set(t.form, (entry.forms.get(t.form) ?? 0) + 1);
    byKey.set(t.key, entry);
  }
  const idf = (key: string) =>
    corpus && corpus.documents > 0
      ? Math.log((1 + corpus.documents) / (1 + (corpus.df.get(key) ?? 0))) + 1
      : 1;
  return (
    [...byKey.entries()]
      .map(([key, { count, forms }]) => ({
        term: [...forms.entries()].sort((a, b) => b[1] - a[1])[0]![0],
        key,
        count,
        score: round((count / list.length) * idf(key)),
      }))
      // Ties: the longer (more specific) term first, then the more frequent.
      .sort(
        (a, b) =>
          b.score - a.score ||
          syllableCount(b.key) - syllableCount(a.key) ||
          b.count - a.count ||
          a.key.localeCompare(b.key),
      )
      .slice(0, limit)
  );
}

const syllableCount = (key: string) => key.split(' ').length;
const round = (x: number) => Math.round(x * 10_000) / 10_000;
