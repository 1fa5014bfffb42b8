/** Small descriptive statistics over plain or typed arrays (two-pass, as numpy computes them). */

export type Numbers = ArrayLike<number>;

export function mean(xs: Numbers): number {
  const n = xs.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  return s / n;
}

/** Sum of squared deviations from the mean. */
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
  return sumOfSquares(xs) / (n - ddof);
}

/** True when every value equals the first (also for fewer than 2 values). */
export function isConstant(xs: Numbers): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] !== xs[0]) return false;
  return true;
}
