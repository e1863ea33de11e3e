/**
 * The significance test behind "rising" topics and "spikes" (see docs/reports.md).
 *
 * Two groups of items are compared: the current period and the previous one of
 * equal length (is a topic rising?), or one child node and the rest of the subtree
 * in the same period (does a topic spike there?). Group A has `totalA` items, `a`
 * of them about the topic; group B has `totalB` items, `b` about the topic.
 *
 * H0: the topic's share of items is the same in A and B. The test is exact and
 * conditional: given the n = a + b items about the topic and the group sizes, under
 * H0 the topic's items are spread over A and B as a random draw, so `a` follows a
 * hypergeometric law (Fisher's exact test of the 2×2 table, one-sided). When the
 * topic is a small share of the items this is the binomial test with n = a + b and
 * π = totalA / (totalA + totalB); unlike it, it stays exact when the topic itself
 * makes up much of a group (40 of 62 items in a flooded week). Unlike a bare ratio
 * ("3 instead of 1: +200%") or a normal approximation, it is right for small counts
 * and accounts for a busier period or a bigger commune.
 *
 * The p-value is one-sided, P(X ≥ a) under H0: how often at least this many of the
 * topic's items would fall in A by chance. Flagged when p < ALPHA and `a` is above
 * what H0 expects (n × π); for rising, also more items than before (c1 > c0). Many
 * topics and places are tested at once, so about one test in twenty comes out below
 * 0.05 by chance: the p-value is reported so that officers can weigh it.
 */
export const ALPHA = 0.05;

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7; relative error about 1e-15). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i += 1) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln C(n, k). */
function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

/** ln of a sum of terms given by their logs, without overflow. */
function logSumExp(logs: number[]): number {
  let max = -Infinity;
  for (const l of logs) if (l > max) max = l;
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - max);
  return max + Math.log(sum);
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): the test as usually stated for two counts with
 * exposures (π = totalA / (totalA + totalB)), which the exact test below equals
 * when the topic is a small share of the items.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logs: number[] = [];
  for (let i = k; i <= n; i += 1)
    logs.push(lnChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return Math.min(1, Math.exp(logSumExp(logs)));
}

/**
 * P(X ≥ k) for X hypergeometric: `draws` items taken without replacement from
 * `total` items of which `marked` are marked; X counts the marked ones drawn.
 */
export function hypergeometricUpperTail(
  k: number,
  marked: number,
  draws: number,
  total: number,
): number {
  const lo = Math.max(0, draws - (total - marked));
  const hi = Math.min(marked, draws);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const denominator = lnChoose(total, draws);
  const logs: number[] = [];
  for (let i = k; i <= hi; i += 1)
    logs.push(lnChoose(marked, i) + lnChoose(total - marked, draws - i) - denominator);
  return Math.min(1, Math.exp(logSumExp(logs)));
}

export interface CountTest {
  /** One-sided p-value, P(X ≥ a) under H0. */
  pValue: number;
  /** How many of the topic's items H0 expects in A: (a + b) × totalA / (totalA + totalB). */
  expected: number;
}

/** The exact conditional test of `a` topic items among `totalA` against `b` among `totalB`. */
export function countTest(a: number, totalA: number, b: number, totalB: number): CountTest {
  const all = totalA + totalB;
  const n = a + b;
  if (n === 0 || all === 0) return { pValue: 1, expected: 0 };
  return { pValue: hypergeometricUpperTail(a, n, totalA, all), expected: (n * totalA) / all };
}

/** Rising: c1 items now (of t1) against c0 before (of t0). */
export function risingTest(c1: number, c0: number, t1: number, t0: number) {
  const test = countTest(c1, t1, c0, t0);
  return { ...test, rising: test.pValue < ALPHA && c1 > c0 };
}

/** Spike: `count` in one node (of `items` there) against `restCount` in the rest (of `restItems`). */
export function spikeTest(count: number, items: number, restCount: number, restItems: number) {
  const test = countTest(count, items, restCount, restItems);
  return { ...test, spike: test.pValue < ALPHA && count > test.expected };
}
