import type { Numbers } from './descriptive';

export interface Ranking {
  /** Midranks (1-based; tied values share the mean of their positions), in input order. */
  ranks: Float64Array;
  /** Σ(t³ − t) over groups of t tied values: the Mann-Whitney tie correction. */
  tieTerm: number;
}

// Hand-written: simple-statistics has no tied-rank (rankdata) function nor the tie term Mann-Whitney needs.

/** Ratings are small whole numbers: rank those by counting, without a comparison sort. */
const COUNTING_MAX = 1024;

function countingMidranks(values: Numbers): Ranking | null {
  const n = values.length;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= COUNTING_MAX && Number.isInteger(v))) return null;
    if (v > max) max = v;
  }
  const counts = new Float64Array(max + 1);
  for (let i = 0; i < n; i++) counts[values[i]!]!++;
  const rankOfValue = new Float64Array(max + 1);
  let below = 0;
  let tieTerm = 0;
  for (let v = 0; v <= max; v++) {
    const t = counts[v]!;
    if (t === 0) continue;
    rankOfValue[v] = below + (t + 1) / 2; // mean of positions below+1 … below+t
    tieTerm += t * t * t - t;
    below += t;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) ranks[i] = rankOfValue[values[i]!]!;
  return { ranks, tieTerm };
}

/** Ranks values with ties averaged, as scipy.stats.rankdata(method='average'). */
export function midranks(values: Numbers): Ranking {
  const counted = countingMidranks(values);
  if (counted) return counted;
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = values[order[i]!]!;
    while (j < n && values[order[j]!]! === v) j++;
    const t = j - i;
    const r = (i + 1 + j) / 2; // mean of positions i+1 … j
    for (let k = i; k < j; k++) ranks[order[k]!] = r;
    tieTerm += t * t * t - t;
    i = j;
  }
  return { ranks, tieTerm };
}
