import { linearRegression, sampleCorrelation } from 'simple-statistics';
import { isConstant, type Numbers } from './descriptive';
import { studentTTwoSided } from './distributions';

export interface LinearTrendResult {
  slope: number;
  intercept: number;
  r: number;
  /** Two-sided p-value of slope ≠ 0. */
  p: number;
  n: number;
}

// scipy.stats.linregress keeps t finite when r = ±1 with this.
const TINY = 1e-20;

/**
 * Least-squares line y = intercept + slope·x with the two-sided p of the slope, as scipy 1.10's
 * stats.linregress (a constant y gives slope 0, r 0, p 1; two points give p 0 or 1).
 * NaN throughout when fewer than 2 points or all x are equal.
 * The line and r come from simple-statistics (both centred on the means, as scipy); the p-value and
 * scipy's edge cases are written here.
 */
export function linearTrend(x: Numbers, y: Numbers): LinearTrendResult {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`linearTrend: x has ${n} values but y has ${y.length}`);
  if (n < 2 || isConstant(x)) return { slope: NaN, intercept: NaN, r: NaN, p: NaN, n };
  const xs = x as readonly number[];
  const ys = y as readonly number[];
  let r = isConstant(y) ? 0 : sampleCorrelation(xs, ys);
  r = Math.max(-1, Math.min(1, r));
  const { m: slope, b: intercept } = linearRegression(Array.from({ length: n }, (_, i) => [xs[i]!, ys[i]!]));
  if (n === 2) return { slope, intercept, r, p: y[0] === y[1] ? 1 : 0, n };
  const df = n - 2;
  const t = r * Math.sqrt(df / ((1 - r + TINY) * (1 + r + TINY)));
  return { slope, intercept, r, p: studentTTwoSided(t, df), n };
}
