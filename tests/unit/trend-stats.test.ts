import {
  binomialUpperTail,
  countTest,
  hypergeometricUpperTail,
  lnGamma,
  risingTest,
  spikeTest,
} from '../../src/topics/stats';

describe('the exact test behind trends', () => {
  it('computes ln Γ, binomial and hypergeometric tails exactly', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    // P(X ≥ 8) for Binomial(10, 0.5) = (45 + 10 + 1) / 1024
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    // Sums to 1 across the support, even for large n.
    const n = 5000;
    expect(binomialUpperTail(1, n, 0.001) + (1 - 0.001) ** n).toBeCloseTo(1, 10);
    // 3 marked among 6, draw 3: P(all 3 marked) = 1 / C(6,3) = 1/20.
    expect(hypergeometricUpperTail(3, 3, 3, 6)).toBeCloseTo(1 / 20, 12);
    // P(X ≥ 2) = (C(3,2)·C(3,1) + 1) / 20 = 10/20.
    expect(hypergeometricUpperTail(2, 3, 3, 6)).toBeCloseTo(0.5, 12);
    expect(hypergeometricUpperTail(0, 3, 3, 6)).toBe(1);
    expect(hypergeometricUpperTail(4, 3, 3, 6)).toBe(0);
    expect(hypergeometricUpperTail(10, 40, 200_000, 400_000)).toBeGreaterThan(0.99);
  });

  it('is the binomial test with π = T1 / (T0 + T1) when the topic is a small share', () => {
    const exact = countTest(30, 5000, 15, 5000).pValue;
    const binomial = binomialUpperTail(30, 45, 0.5);
    expect(exact).toBeGreaterThan(0.01);
    expect(Math.abs(exact - binomial) / binomial).toBeLessThan(0.02);
  });

  it('flags a topic rising from 10 to 40 items, not a steady one', () => {
    const up = risingTest(40, 10, 100, 70);
    expect(up.rising).toBe(true);
    expect(up.pValue).toBeLessThan(1e-3);
    const steady = risingTest(11, 10, 100, 100);
    expect(steady.rising).toBe(false);
    expect(steady.pValue).toBeGreaterThan(0.3);
  });

  it('stays exact when the topic makes up much of the period', () => {
    // 40 of 62 items this week, 10 of 31 before: the binomial approximation says
    // p ≈ 0.03; the exact test, which knows the 40 are part of the 62, is surer.
    const exact = risingTest(40, 10, 62, 31).pValue;
    expect(exact).toBeLessThan(binomialUpperTail(40, 50, 62 / 93));
    expect(exact).toBeLessThan(0.01);
  });

  it('accounts for the volume: twice the items in a twice as busy period is no rise', () => {
    expect(risingTest(20, 10, 200, 100).rising).toBe(false);
    expect(countTest(20, 200, 10, 100).expected).toBeCloseTo(20, 10);
  });

  it('needs more than a ratio: 3 instead of 1 is not significant', () => {
    const small = risingTest(3, 1, 50, 50);
    expect(small.pValue).toBeGreaterThan(0.2);
    expect(small.rising).toBe(false);
  });

  it('finds a spike in a node against the rest of the subtree', () => {
    expect(spikeTest(40, 50, 2, 50).spike).toBe(true);
    expect(spikeTest(5, 50, 5, 50).spike).toBe(false);
    // Nothing to compare with.
    expect(spikeTest(5, 50, 0, 0).pValue).toBe(1);
  });
});
