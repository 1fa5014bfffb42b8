import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fUpperTail,
  linearTrend,
  mannWhitneyU,
  midranks,
  normalLowerTail,
  normalUpperTail,
  oneWayAnova,
  pearson,
  studentTUpperTail,
  welchTTest,
} from '../../../shared/stats';

// scipy's answers for each statistic, produced once by tests/golden/insights/generate.py.
const golden = JSON.parse(
  readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../golden/insights/stats.json'), 'utf8'),
) as {
  normal_sf: { z: number; sf: number; cdf: number }[];
  t_sf: { t: number; df: number; sf: number }[];
  f_sf: { f: number; d1: number; d2: number; sf: number }[];
  rankdata: { values: number[]; ranks: number[]; tie_term: number }[];
  mann_whitney: { x: number[]; y: number[]; u: number; p: number }[];
  pearson: { x: number[]; y: number[]; r: number | null; p: number | null }[];
  anova: { groups: number[][]; f: number | null; p: number | null }[];
  welch: { a: number[]; b: number[]; t: number | null; p: number | null }[];
  linear_trend: { x: number[]; y: number[]; slope: number; intercept: number; r: number; p: number }[];
};

/** Relative 1e-6 for every value, including tiny tails (absolute 1e-300 only for underflow to 0). */
function expectClose(actual: number, expected: number | null, what: string): void {
  if (expected === null) {
    expect(Number.isFinite(actual), `${what}: expected non-finite, got ${actual}`).toBe(false);
    return;
  }
  const d = Math.abs(actual - expected);
  expect(d <= 1e-6 * Math.abs(expected) || d <= 1e-300, `${what}: ${actual} vs scipy ${expected}`).toBe(true);
}

describe('distribution tails', () => {
  it.each(golden.normal_sf)('normal at z = $z', ({ z, sf, cdf }) => {
    expectClose(normalUpperTail(z), sf, 'sf');
    expectClose(normalLowerTail(z), cdf, 'cdf');
  });
  it.each(golden.t_sf)('Student t sf at t = $t, df = $df', ({ t, df, sf }) => expectClose(studentTUpperTail(t, df), sf, 'sf'));
  it.each(golden.f_sf)('F sf at f = $f, ($d1, $d2)', ({ f, d1, d2, sf }) => expectClose(fUpperTail(f, d1, d2), sf, 'sf'));
  it('keeps relative precision far in the tails', () => {
    // 1 − cdf would give exactly 0 for all of these.
    expect(normalUpperTail(20)).toBeGreaterThan(1e-90);
    expect(studentTUpperTail(45, 29.81)).toBeGreaterThan(1e-30);
    expect(fUpperTail(120, 11, 388)).toBeGreaterThan(1e-130);
  });
  it('handles the edges', () => {
    expect(fUpperTail(0, 2, 5)).toBe(1);
    expect(fUpperTail(Infinity, 2, 5)).toBe(0);
    expect(fUpperTail(NaN, 2, 5)).toBeNaN();
    expect(studentTUpperTail(0, 3.5)).toBe(0.5);
  });
});

describe('midranks', () => {
  it.each(golden.rankdata)('$values', ({ values, ranks, tie_term }) => {
    const r = midranks(values);
    expect(Array.from(r.ranks)).toEqual(ranks);
    expect(r.tieTerm).toBe(tie_term);
  });
});

describe('mannWhitneyU (scipy mannwhitneyu, two-sided, asymptotic, continuity)', () => {
  it.each(golden.mann_whitney.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const r = mannWhitneyU(c.x, c.y);
    expectClose(r.u, c.u, 'U');
    expectClose(r.p, c.p, 'p');
  });
  it('U is the statistic of x, and swapping samples keeps p', () => {
    const x = [1, 2, 3, 4, 5];
    const y = [6, 7, 8, 9, 10];
    expect(mannWhitneyU(x, y).u).toBe(0);
    expect(mannWhitneyU(y, x).u).toBe(25);
    expect(mannWhitneyU(y, x).p).toBe(mannWhitneyU(x, y).p);
  });
  it('clips p to 1 when U sits at its mean', () => {
    expect(mannWhitneyU([1, 2, 3, 4], [1, 2, 3, 4]).p).toBe(1);
  });
});

describe('pearson (scipy pearsonr)', () => {
  it.each(golden.pearson.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const r = pearson(c.x, c.y);
    expectClose(r.r, c.r, 'r');
    expectClose(r.p, c.p, 'p');
  });
  it('is NaN for constant input and ±1 with p = 1 for two points', () => {
    expect(pearson([1, 1, 1], [1, 2, 3]).r).toBeNaN();
    expect(pearson([1, 2], [5, 3])).toEqual({ r: -1, p: 1, n: 2 });
  });
});

describe('oneWayAnova (scipy f_oneway)', () => {
  it.each(golden.anova.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const r = oneWayAnova(c.groups);
    expectClose(r.f, c.f, 'F');
    expectClose(r.p, c.p, 'p');
  });
  it('needs two groups and more than single values', () => {
    expect(oneWayAnova([[1, 2, 3]]).f).toBeNaN();
    expect(oneWayAnova([[1], [2]]).f).toBeNaN();
    expect(oneWayAnova([[1, 2], []]).f).toBeNaN();
  });
});

describe('welchTTest (scipy ttest_ind, equal_var=False)', () => {
  it.each(golden.welch.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const r = welchTTest(c.a, c.b);
    expectClose(r.t, c.t, 't');
    expectClose(r.p, c.p, 'p');
  });
  it('uses non-integer Welch–Satterthwaite degrees of freedom', () => {
    const r = welchTTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10, 12]);
    expect(r.df).not.toBe(Math.round(r.df));
  });
  it('constant sides that differ give an infinite t and p = 0', () => {
    expect(welchTTest([1, 1, 1], [2, 2])).toMatchObject({ t: -Infinity, p: 0 });
  });
});

describe('linearTrend (scipy linregress)', () => {
  it.each(golden.linear_trend.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const r = linearTrend(c.x, c.y);
    expectClose(r.slope, c.slope, 'slope');
    expectClose(r.intercept, c.intercept, 'intercept');
    expectClose(r.r, c.r, 'r');
    expectClose(r.p, c.p, 'p');
  });
  it('is undefined when every x is equal', () => {
    expect(linearTrend([3, 3, 3], [1, 2, 3]).slope).toBeNaN();
  });
});
