import type { Numbers } from './descriptive';
import { fUpperTail } from './distributions';

export interface AnovaResult {
  f: number;
  p: number;
  dfBetween: number;
  dfWithin: number;
}

/**
 * One-way ANOVA across groups, as scipy.stats.f_oneway: NaN when fewer than 2 groups, an empty
 * group or only single-value groups; when every group is constant, F is +∞ (p 0) if the groups
 * differ and NaN if all values are equal.
 * Hand-written: simple-statistics has no ANOVA, and these edge cases follow scipy.
 */
export function oneWayAnova(groups: readonly Numbers[]): AnovaResult {
  const k = groups.length;
  let n = 0;
  let allSingles = true;
  for (const g of groups) {
    n += g.length;
    if (g.length === 0) return { f: NaN, p: NaN, dfBetween: k - 1, dfWithin: n - k };
    if (g.length > 1) allSingles = false;
  }
  const dfBetween = k - 1;
  const dfWithin = n - k;
  if (k < 2 || allSingles) return { f: NaN, p: NaN, dfBetween, dfWithin };

  let total = 0;
  let everyGroupConstant = true;
  const first = groups[0]![0]!;
  let allSame = true;
  for (const g of groups) {
    const g0 = g[0]!;
    for (let i = 0; i < g.length; i++) {
      const v = g[i]!;
      total += v;
      if (v !== g0) everyGroupConstant = false;
      if (v !== first) allSame = false;
    }
  }
  if (allSame) return { f: NaN, p: NaN, dfBetween, dfWithin };
  if (everyGroupConstant) return { f: Infinity, p: 0, dfBetween, dfWithin };

  // Centre on the grand mean first (as scipy does) so the sums of squares do not cancel.
  const offset = total / n;
  let sumC = 0;
  let sumC2 = 0;
  let ssBetweenRaw = 0;
  for (const g of groups) {
    let gs = 0;
    for (let i = 0; i < g.length; i++) {
      const c = g[i]! - offset;
      gs += c;
      sumC2 += c * c;
    }
    sumC += gs;
    ssBetweenRaw += (gs * gs) / g.length;
  }
  const normalised = (sumC * sumC) / n;
  const ssTotal = sumC2 - normalised;
  const ssBetween = ssBetweenRaw - normalised;
  const ssWithin = ssTotal - ssBetween;
  const f = ssBetween / dfBetween / (ssWithin / dfWithin);
  return { f, p: fUpperTail(f, dfBetween, dfWithin), dfBetween, dfWithin };
}
