import { sampleCorrelation } from 'simple-statistics';
import { isConstant, type Numbers } from './descriptive';
import { pearsonTwoSided } from './distributions';

export interface PearsonResult {
  r: number;
  /** Two-sided p-value. */
  p: number;
  n: number;
}

/**
 * Pearson correlation with its two-sided p-value, as scipy.stats.pearsonr: NaN for constant input,
 * exactly ±1 with p = 1 for two points.
 */
export function pearson(x: Numbers, y: Numbers): PearsonResult {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pearson: x has ${n} values but y has ${y.length}`);
  if (n < 2 || isConstant(x) || isConstant(y)) return { r: NaN, p: NaN, n };
  if (n === 2) return { r: Math.sign(x[1]! - x[0]!) * Math.sign(y[1]! - y[0]!), p: 1, n };
  const r = Math.max(-1, Math.min(1, sampleCorrelation(x as readonly number[], y as readonly number[])));
  return { r, p: pearsonTwoSided(r, n), n };
}

/**
 * Point-biserial r (Pearson r of a 0/1 indicator against y) from sums alone:
 * n pairs, n1 of them with the indicator set, Σy, Σy², and Σy over the n1 marked pairs.
 * With integer ratings every product below is an exact integer, so r is correctly rounded;
 * this is what lets the engine test hundreds of foods without re-reading the diary. Hand-written for that
 * exactness (the library's correlation would re-read and round the sums).
 * NaN when the indicator or y is constant.
 */
export function pointBiserial(n: number, n1: number, sumY: number, sumY2: number, sumY1: number): number {
  const n0 = n - n1;
  const ssy = n * sumY2 - sumY * sumY; // n·Σ(y − ȳ)²
  if (n1 <= 0 || n0 <= 0 || !(ssy > 0)) return NaN;
  const r = (n * sumY1 - n1 * sumY) / Math.sqrt(n1 * n0 * ssy);
  return Math.max(-1, Math.min(1, r));
}
