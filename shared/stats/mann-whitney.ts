import type { Numbers } from './descriptive';
import { normalUpperTail } from './distributions';
import { midranks } from './ranks';

// Hand-written: simple-statistics' wilcoxonRankSum gives the rank sum only (no tie-corrected,
// continuity-corrected asymptotic p as scipy's mannwhitneyu), and the engine reuses one ranking per symptom.

export interface MannWhitneyResult {
  /** U of the first sample (scipy's `statistic`). */
  u: number;
  /** Two-sided p-value, clipped to 1. */
  p: number;
  /** Standardised statistic after tie and continuity correction (max(U1, U2) side). */
  z: number;
}

/**
 * Two-sided Mann-Whitney U from the rank sum of the first sample, asymptotic normal approximation
 * with tie correction and continuity correction. Lets a caller rank a sample once and test many
 * subsets of it (the insight engine ranks each symptom once for every ingredient).
 */
export function mannWhitneyFromRankSum(rankSumX: number, n1: number, n2: number, tieTerm: number): MannWhitneyResult {
  if (n1 < 1 || n2 < 1) return { u: NaN, p: NaN, z: NaN };
  const u1 = rankSumX - (n1 * (n1 + 1)) / 2;
  const u = Math.max(u1, n1 * n2 - u1);
  const n = n1 + n2;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (u - (n1 * n2) / 2 - 0.5) / s;
  const p = Math.min(1, Math.max(0, 2 * normalUpperTail(z)));
  return { u: u1, p: Number.isNaN(z) ? NaN : p, z };
}

/**
 * Mann-Whitney U test of x against y, as scipy.stats.mannwhitneyu(x, y, alternative='two-sided',
 * method='asymptotic', use_continuity=True).
 */
export function mannWhitneyU(x: Numbers, y: Numbers): MannWhitneyResult {
  const all = new Float64Array(x.length + y.length);
  for (let i = 0; i < x.length; i++) all[i] = x[i]!;
  for (let i = 0; i < y.length; i++) all[x.length + i] = y[i]!;
  const { ranks, tieTerm } = midranks(all);
  let r1 = 0;
  for (let i = 0; i < x.length; i++) r1 += ranks[i]!;
  return mannWhitneyFromRankSum(r1, x.length, y.length, tieTerm);
}
