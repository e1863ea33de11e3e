/**
 * The keys and buckets of the report counters (pure functions): codes as field
 * names, answer times as histogram buckets, and the median read back from them.
 */

/** Upper edges (days, exclusive) of the answer-time histogram buckets d0…d12. */
export const ANSWER_DAY_EDGES = [1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90] as const;
/**
 * Codes become keys, reversibly: no '.' (an update path would take it for a
 * level), no leading '$' (refused in an update path). MongoDB and FerretDB alike.
 */
export function encodeKey(code: string): string {
  return code.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/^\$/, '%24');
}

export function decodeKey(key: string): string {
  return key.replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%');
}

export function dayBucket(days: number): string {
  const i = ANSWER_DAY_EDGES.findIndex((edge) => days < edge);
  return `d${i < 0 ? ANSWER_DAY_EDGES.length : i}`;
}

/** [low, high) days of a bucket; the last one is open-ended (high = Infinity). */
export function bucketRange(key: string): [number, number] {
  const i = Number(key.slice(1));
  return [i === 0 ? 0 : ANSWER_DAY_EDGES[i - 1]!, ANSWER_DAY_EDGES[i] ?? Infinity];
}

/**
 * An approximate median from a histogram: the bucket where half the answers are
 * reached, interpolated linearly within it. Exact medians would need every
 * answer time; counters can only add. In the open-ended last bucket the answer
 * is its lower edge ("at least").
 */
export function approxMedian(hist: Record<string, number> | undefined): number | null {
  const entries = Object.entries(hist ?? {})
    .filter(([k, n]) => /^d\d+$/.test(k) && n > 0)
    .sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1)));
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const half = total / 2;
  let before = 0;
  for (const [key, n] of entries) {
    if (before + n >= half) {
      const [lo, hi] = bucketRange(key);
      if (!Number.isFinite(hi)) return lo;
      return Math.round((lo + ((half - before) / n) * (hi - lo)) * 10) / 10;
    }
    before += n;
  }
  return null;
}
