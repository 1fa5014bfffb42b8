/**
 * Small descriptive statistics over plain or typed arrays. Mean and variance come from
 * simple-statistics (compensated summation, within 1e-15 of numpy's pairwise sums; the scipy golden
 * tests check it); this file only adds NaN for too few values, where the library throws.
 */
import { mean as ssMean, sampleVariance, variance as populationVariance, sumNthPowerDeviations } from 'simple-statistics';

export type Numbers = ArrayLike<number>;

// simple-statistics only indexes and reads .length, so typed arrays work as they are.
const asArray = (xs: Numbers): readonly number[] => xs as readonly number[];

export function mean(xs: Numbers): number {
  return xs.length === 0 ? NaN : ssMean(asArray(xs));
}

/**
 * Sum of squared deviations from a given centre (the mean by default). Hand-written: callers pass a
 * mean they already have (Welch), and the library's version always recomputes its own.
 */
export function sumOfSquares(xs: Numbers, m: number = mean(xs)): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m;
    s += d * d;
  }
  return s;
}

/** Variance with `ddof` delta degrees of freedom (numpy's var; ddof 1 is the sample variance). */
export function variance(xs: Numbers, ddof = 0): number {
  const n = xs.length;
  if (n - ddof <= 0) return NaN;
  if (ddof === 0) return populationVariance(asArray(xs));
  if (ddof === 1) return sampleVariance(asArray(xs));
  return sumNthPowerDeviations(asArray(xs), 2) / (n - ddof);
}

/** True when every value equals the first (also for fewer than 2 values). */
export function isConstant(xs: Numbers): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[0]) return false;
  return true;
}
