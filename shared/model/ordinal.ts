/**
 * Penalised cumulative-logit (proportional-odds) regression: the whole 0–5 symptom score is modelled,
 * P(score ≥ k) = σ(x·w − c_k), so every rating informs the fit, not only which side of a threshold it
 * fell on. Each target probability (bloating ≥ 3, energy ≤ 2, focus ≤ 2) and the expected score then
 * come from one fitted model per symptom. With two categories it is ordinary logistic regression.
 *
 * The L2 penalty (λ/2)·‖w‖² acts on raw effects: a food eaten twice is not allowed a bigger effect than
 * a food eaten daily just because it is rare. Cutpoints are not penalised, except a weak pull towards
 * even spacing so a score never seen in training (no 5 yet) keeps a finite cutpoint.
 */
import { minimizeLbfgs, minimizeOwlqn } from './lbfgs';

/** Rows of a sparse design matrix (compressed sparse rows). */
export interface SparseRows {
  nRows: number;
  nCols: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

export class SparseRowsBuilder {
  private ptr: number[] = [0];
  private idx: number[] = [];
  private val: number[] = [];
  constructor(readonly nCols: number) {}
  /** Adds one row from parallel column/value lists (zeros are skipped). */
  addRow(cols: readonly number[], vals: readonly number[]): void {
    for (let k = 0; k < cols.length; k++) {
      const v = vals[k]!;
      if (v !== 0) {
        this.idx.push(cols[k]!);
        this.val.push(v);
      }
    }
    this.ptr.push(this.idx.length);
  }
  build(): SparseRows {
    return {
      nRows: this.ptr.length - 1,
      nCols: this.nCols,
      ptr: Int32Array.from(this.ptr),
      idx: Int32Array.from(this.idx),
      val: Float64Array.from(this.val),
    };
  }
}

export interface OrdinalFit {
  /** One weight per design column. */
  weights: Float64Array;
  /** K − 1 increasing cutpoints: P(score ≥ k) = σ(η − cutpoints[k − 1]). */
  cutpoints: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface OrdinalOptions {
  /** Number of ordered categories (6 for a 0–5 score, 2 for a yes/no target). */
  categories: number;
  /** L2 penalty on the weights. */
  lambda: number;
  /** L1 penalty on the weights (0: none), for sparse fits where few foods matter. */
  l1?: number;
  /** Per-column multiplier of the L1 penalty (default 1 everywhere): how much evidence each column needs. */
  l1Scale?: ArrayLike<number>;
  /** Row indices to fit on (default: all rows). */
  rows?: Int32Array;
  /** Start from a previous fit (warm start along a λ path). */
  init?: OrdinalFit;
  maxIterations?: number;
  gradientTolerance?: number;
  relativeTolerance?: number;
}

const SPACING_PRIOR = Math.log(1.5);
const SPACING_PENALTY = 0.05;

function logSigmoid(x: number): number {
  return x < 0 ? x - Math.log1p(Math.exp(x)) : -Math.log1p(Math.exp(-x));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Linear predictor η = x·w for each of the given rows. */
export function linearPredictor(X: SparseRows, w: ArrayLike<number>, rows: Int32Array, out: Float64Array): void {
  const { ptr, idx, val } = X;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    let s = 0;
    for (let k = ptr[i]!; k < ptr[i + 1]!; k++) s += val[k]! * w[idx[k]!]!;
    out[r] = s;
  }
}

function allRows(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** Fits the penalised cumulative-logit model to integer categories y[i] ∈ 0..categories−1. */
export function fitOrdinal(X: SparseRows, y: ArrayLike<number>, options: OrdinalOptions): OrdinalFit {
  const K = options.categories;
  const rows = options.rows ?? allRows(X.nRows);
  const n = rows.length;
  const p = X.nCols;
  const nCut = K - 1;
  const lambda = options.lambda;
  const eta = new Float64Array(n);
  const dEta = new Float64Array(n);
  const cut = new Float64Array(nCut);
  const dCut = new Float64Array(nCut);
  const expCut = new Float64Array(nCut);

  // Parameters: [w (p) | c_0 | log-gaps δ_1..δ_{K−2}].
  const theta = new Float64Array(p + nCut);
  if (options.init && options.init.weights.length === p && options.init.cutpoints.length === nCut) {
    theta.set(options.init.weights);
    const c = options.init.cutpoints;
    theta[p] = c[0]!;
    for (let k = 1; k < nCut; k++) theta[p + k] = Math.log(Math.max(1e-6, c[k]! - c[k - 1]!));
  } else {
    // Cutpoints from the smoothed marginal distribution, weights zero.
    const counts = new Float64Array(K).fill(0.5);
    for (let r = 0; r < n; r++) counts[y[rows[r]!]!]! += 1;
    const total = counts.reduce((a, b) => a + b, 0);
    let below = 0;
    let prev = 0;
    for (let k = 0; k < nCut; k++) {
      below += counts[k]!;
      const q = below / total;
      const c = Math.log(q / (1 - q));
      if (k === 0) theta[p] = c;
      else theta[p + k] = Math.log(Math.max(1e-3, c - prev));
      prev = c;
    }
  }

  const objective = (th: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    cut[0] = th[p]!;
    for (let k = 1; k < nCut; k++) cut[k] = cut[k - 1]! + Math.exp(th[p + k]!);
    linearPredictor(X, th, rows, eta);
    dCut.fill(0);
    let nll = 0;
    // σ(η − c) = 1 / (1 + e^−η · e^c): one exp per row serves every cutpoint.
    for (let k = 0; k < nCut; k++) expCut[k] = Math.exp(cut[k]!);
    for (let r = 0; r < n; r++) {
      const cls = y[rows[r]!]!;
      const e = eta[r]!;
      const t = Math.exp(-e);
      let logP: number;
      let g: number; // d logP / dη
      if (cls === 0) {
        const sB = 1 / (1 + t * expCut[0]!);
        logP = sB < 0.999 ? Math.log1p(-sB) : logSigmoid(-(e - cut[0]!));
        g = -sB;
        dCut[0] = dCut[0]! + sB; // d logσ(−B)/dc_0 = σ(B)
      } else if (cls === K - 1) {
        const sA = 1 / (1 + t * expCut[nCut - 1]!);
        logP = sA > 1e-3 ? Math.log(sA) : logSigmoid(e - cut[nCut - 1]!);
        g = 1 - sA;
        dCut[nCut - 1] = dCut[nCut - 1]! - (1 - sA); // d logσ(A)/dc = −σ(−A)
      } else {
        const sA = 1 / (1 + t * expCut[cls - 1]!);
        const sB = 1 / (1 + t * expCut[cls]!);
        const P = sA - sB;
        let dA: number;
        let dB: number;
        if (P > 1e-6) {
          logP = Math.log(P);
          dA = (sA * (1 - sA)) / P;
          dB = (sB * (1 - sB)) / P;
        } else {
          // Far in a tail P underflows: the same quantities in log space.
          const A = e - cut[cls - 1]!;
          const B = e - cut[cls]!;
          const gap = cut[cls]! - cut[cls - 1]!;
          const lsA = logSigmoid(A);
          const lsNegB = logSigmoid(-B);
          const l1m = Math.log(-Math.expm1(-gap));
          logP = lsA + lsNegB + l1m;
          dA = Math.exp(logSigmoid(-A) - lsNegB - l1m);
          dB = Math.exp(logSigmoid(B) - lsA - l1m);
        }
        g = 1 - sA - sB;
        dCut[cls - 1] = dCut[cls - 1]! - dA;
        dCut[cls] = dCut[cls]! + dB;
      }
      nll -= logP;
      dEta[r] = -g;
    }
    // Back-propagate to the weights: grad_w = Xᵀ·dEta.
    const { ptr, idx, val } = X;
    for (let r = 0; r < n; r++) {
      const i = rows[r]!;
      const de = dEta[r]!;
      if (de === 0) continue;
      for (let k = ptr[i]!; k < ptr[i + 1]!; k++) grad[idx[k]!] = grad[idx[k]!]! + val[k]! * de;
    }
    // Cutpoints: the objective holds −logP, so its gradient is −dCut.
    let acc = 0;
    for (let k = nCut - 1; k >= 0; k--) {
      acc += -dCut[k]!;
      if (k === 0) grad[p] = acc;
      else grad[p + k] = acc * Math.exp(th[p + k]!);
    }
    let pen = 0;
    for (let j = 0; j < p; j++) {
      const wj = th[j]!;
      pen += wj * wj;
      grad[j] = grad[j]! + lambda * wj;
    }
    let spacing = 0;
    for (let k = 1; k < nCut; k++) {
      const d = th[p + k]! - SPACING_PRIOR;
      spacing += d * d;
      grad[p + k] = grad[p + k]! + SPACING_PENALTY * d;
    }
    // Per-row scale keeps tolerances meaningful for any number of rows.
    const inv = 1 / Math.max(1, n);
    for (let j = 0; j < grad.length; j++) grad[j] = grad[j]! * inv;
    return (nll + 0.5 * lambda * pen + 0.5 * SPACING_PENALTY * spacing) * inv;
  };

  const solverOptions = {
    maxIterations: options.maxIterations ?? 300,
    gradientTolerance: options.gradientTolerance ?? 3e-4,
    relativeTolerance: options.relativeTolerance ?? 3e-6,
  };
  const l1 = options.l1 ?? 0;
  let res;
  if (l1 > 0) {
    const l1w = new Float64Array(theta.length);
    l1w.fill(l1 / Math.max(1, n), 0, p);
    const scale = options.l1Scale;
    if (scale) for (let j = 0; j < p; j++) l1w[j] = l1w[j]! * scale[j]!;
    res = minimizeOwlqn(objective, theta, l1w, solverOptions);
  } else res = minimizeLbfgs(objective, theta, solverOptions);
  const th = res.x;
  const weights = th.slice(0, p);
  const cutpoints = new Float64Array(nCut);
  cutpoints[0] = th[p]!;
  for (let k = 1; k < nCut; k++) cutpoints[k] = cutpoints[k - 1]! + Math.exp(th[p + k]!);
  return { weights, cutpoints, iterations: res.iterations, converged: res.converged };
}

/** P(score ≥ k) for k = 1..K−1 given the linear predictor. */
export function exceedance(eta: number, cutpoints: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < cutpoints.length; k++) out.push(sigmoid(eta - cutpoints[k]!));
  return out;
}
