/** Scores for probability forecasts of yes/no outcomes. */

/** Area under the ROC curve (ties count half); null without both outcomes. */
export function auc(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number | null {
  const n = probabilities.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[a]! - probabilities[b]!);
  let pos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && probabilities[order[j + 1]!] === probabilities[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (outcomes[order[k]!]) {
        pos++;
        rankSumPos += midRank;
      }
    }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Hanley & McNeil (1982) standard error of an AUC. */
export function aucStandardError(a: number, positives: number, negatives: number): number {
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const v = (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a)) / (positives * negatives);
  return Math.sqrt(Math.max(0, v));
}

export function brier(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const d = probabilities[i]! - (outcomes[i] ? 1 : 0);
    s += d * d;
  }
  return probabilities.length ? s / probabilities.length : NaN;
}

/** Share of days where the forecast, read as yes at ≥ 0.5, was right. */
export function accuracy(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < probabilities.length; i++) if (probabilities[i]! >= 0.5 === Boolean(outcomes[i])) right++;
  return probabilities.length ? right / probabilities.length : NaN;
}

export function logLoss(probabilities: ArrayLike<number>, outcomes: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, probabilities[i]!));
    s -= outcomes[i] ? Math.log(p) : Math.log(1 - p);
  }
  return probabilities.length ? s / probabilities.length : NaN;
}
