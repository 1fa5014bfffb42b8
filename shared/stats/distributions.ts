/**
 * Exact distribution tails for the tests in this folder. Every p-value is computed from the tail it
 * needs (never as 1 − cdf), so a p-value of 1e-60 keeps its relative precision.
 */
import betainc from '@stdlib/math-base-special-betainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** Standard normal lower tail P(Z ≤ z). */
export function normalLowerTail(z: number): number {
  return normalCdf(z, 0, 1);
}

/** Standard normal upper tail P(Z > z), as scipy.stats.norm.sf. */
export function normalUpperTail(z: number): number {
  return normalCdf(-z, 0, 1);
}

/** Student t upper tail P(T > t) for any real df > 0 (as scipy.stats.t.sf). */
export function studentTUpperTail(t: number, df: number): number {
  // stdlib's cdf returns the lower tail directly for negative arguments, so cdf(−t) is the exact upper tail.
  return tCdf(-t, df);
}

/** Two-sided Student t p-value 2·P(T > |t|); 0 for an infinite t, NaN for NaN. */
export function studentTTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df)) return NaN;
  return 2 * tCdf(-Math.abs(t), df);
}

/** F distribution upper tail P(F > f) with (d1, d2) degrees of freedom, as scipy.special.fdtrc. */
export function fUpperTail(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const d1f = d1 * f;
  // Evaluate whichever incomplete-beta argument is small, so neither form subtracts from 1.
  if (d1f < d2) return betainc(d1f / (d1f + d2), d1 / 2, d2 / 2, true, true);
  return betainc(d2 / (d2 + d1f), d2 / 2, d1 / 2, true, false);
}

/**
 * Two-sided p-value of a Pearson r over n pairs (as scipy.stats.pearsonr). Under independence
 * t = r·√(df / (1 − r²)) is Student t with df = n − 2, and 2·P(T > |t|) = I_{1−r²}(df/2, 1/2)
 * = 1 − I_{r²}(1/2, df/2). Small |r| uses the upper tail at r² and large |r| the lower tail at
 * (1 − |r|)(1 + |r|), so neither argument is rounded into 1 and p keeps its precision at both ends.
 * (Equal to scipy's Beta(n/2 − 1, n/2 − 1) form; this one converges in a few terms for large n.)
 */
export function pearsonTwoSided(r: number, n: number): number {
  if (Number.isNaN(r) || n < 3) return n === 2 && !Number.isNaN(r) ? 1 : NaN;
  const a = Math.min(1, Math.abs(r));
  const df = n - 2;
  const p = a * a < 0.5 ? betainc(a * a, 0.5, df / 2, true, true) : betainc((1 - a) * (1 + a), df / 2, 0.5, true, false);
  return Math.min(1, p);
}
