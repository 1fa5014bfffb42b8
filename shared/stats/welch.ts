import { mean, variance, type Numbers } from './descriptive';
import { studentTTwoSided } from './distributions';

export interface WelchResult {
  /** t of mean(a) − mean(b). */
  t: number;
  p: number;
  /** Welch–Satterthwaite degrees of freedom (1 when undefined, as scipy). */
  df: number;
}

/**
 * Welch's unequal-variance t-test, as scipy.stats.ttest_ind(a, b, equal_var=False): when both sides
 * are constant the difference is t = ±∞ with p 0 (or NaN when the means are equal too).
 * Means and variances from simple-statistics (descriptive.ts); its tTestTwoSample pools the variances
 * (Student, not Welch) and gives no p, so the test itself is written here.
 */
export function welchTTest(a: Numbers, b: Numbers): WelchResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 < 2 || n2 < 2) return { t: NaN, p: NaN, df: NaN };
  const m1 = mean(a);
  const m2 = mean(b);
  const vn1 = variance(a, 1) / n1;
  const vn2 = variance(b, 1) / n2;
  let df = (vn1 + vn2) ** 2 / ((vn1 * vn1) / (n1 - 1) + (vn2 * vn2) / (n2 - 1));
  if (Number.isNaN(df)) df = 1;
  const t = (m1 - m2) / Math.sqrt(vn1 + vn2);
  return { t, p: studentTTwoSided(t, df), df };
}
