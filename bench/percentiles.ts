/**
 * Percentiles for the bench figures, from simple-statistics: numpy's default (linear interpolation
 * between the two nearest samples, R type 7), so a figure reads the same as numpy.percentile of the
 * same samples. NaN for no samples, where the library throws.
 */
import { quantile as ssQuantile } from 'simple-statistics';

export function quantile(xs: readonly number[], q: number): number {
  return xs.length === 0 ? Number.NaN : ssQuantile(xs, q);
}

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}
