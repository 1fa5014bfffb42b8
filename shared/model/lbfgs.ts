/**
 * Limited-memory BFGS for smooth convex objectives (the penalised likelihoods in ordinal.ts).
 * Plain Float64 arithmetic: the fits are small and sparse, where a tensor library's per-op overhead
 * would cost more than the arithmetic itself.
 */

export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Pairs kept for the inverse-Hessian estimate. */
  memory?: number;
  maxIterations?: number;
  /** Stop when the gradient's max-norm falls below this. */
  gradientTolerance?: number;
  /** Stop when an iteration improves the objective by less than this, relative. */
  relativeTolerance?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}

export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 8;
  const maxIter = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-5;
  const rtol = options.relativeTolerance ?? 1e-9;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iter = 0;
  let converged = maxAbs(g) < gtol;

  while (!converged && iter < maxIter) {
    iter++;
    // Two-loop recursion: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rho[j]! * dot(S[j]!, d);
      alpha[j] = a;
      const y = Y[j]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * y[i]!;
    }
    if (k > 0) {
      const yy = dot(Y[k - 1]!, Y[k - 1]!);
      const gamma = yy > 0 ? 1 / (rho[k - 1]! * yy) : 1;
      for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
    } else {
      const gn = Math.sqrt(dot(g, g));
      if (gn > 0) for (let i = 0; i < n; i++) d[i] = d[i]! / Math.max(1, gn);
    }
    for (let j = 0; j < k; j++) {
      const b = rho[j]! * dot(Y[j]!, d);
      const s = S[j]!;
      const c = alpha[j]! - b;
      for (let i = 0; i < n; i++) d[i] = d[i]! + c * s[i]!;
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = -dot(g, g);
    }
    // Backtracking line search with the Armijo condition.
    let step = 1;
    let fNew = Infinity;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const improvement = fx - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (maxAbs(g) < gtol || improvement <= rtol * Math.max(1, Math.abs(fx))) converged = true;
  }
  return { x, value: fx, iterations: iter, converged };
}

/**
 * OWL-QN (Andrew & Gao 2007): L-BFGS for f(x) + Σ l1[i]·|x[i]|, which drives most weights to exactly
 * zero. `f` is the smooth part; l1[i] = 0 leaves a coordinate unpenalised (intercepts, cutpoints).
 */
export function minimizeOwlqn(f: Objective, x0: Float64Array, l1: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 8;
  const maxIter = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-5;
  const rtol = options.relativeTolerance ?? 1e-9;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  const l1Value = (v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += l1[i]! * Math.abs(v[i]!);
    return s;
  };
  let fx = f(x, g) + l1Value(x);
  const pg = new Float64Array(n);
  const pseudo = () => {
    for (let i = 0; i < n; i++) {
      const c = l1[i]!;
      const gi = g[i]!;
      const xi = x[i]!;
      if (c === 0) pg[i] = gi;
      else if (xi > 0) pg[i] = gi + c;
      else if (xi < 0) pg[i] = gi - c;
      else if (gi + c < 0) pg[i] = gi + c;
      else if (gi - c > 0) pg[i] = gi - c;
      else pg[i] = 0;
    }
  };
  pseudo();
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const d = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let iter = 0;
  let converged = maxAbs(pg) < gtol;
  while (!converged && iter < maxIter) {
    iter++;
    for (let i = 0; i < n; i++) d[i] = -pg[i]!;
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rho[j]! * dot(S[j]!, d);
      alpha[j] = a;
      const y = Y[j]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * y[i]!;
    }
    if (k > 0) {
      const yy = dot(Y[k - 1]!, Y[k - 1]!);
      const gamma = yy > 0 ? 1 / (rho[k - 1]! * yy) : 1;
      for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
    } else {
      const gn = Math.sqrt(dot(pg, pg));
      if (gn > 0) for (let i = 0; i < n; i++) d[i] = d[i]! / Math.max(1, gn);
    }
    for (let j = 0; j < k; j++) {
      const b = rho[j]! * dot(Y[j]!, d);
      const s = S[j]!;
      const c = alpha[j]! - b;
      for (let i = 0; i < n; i++) d[i] = d[i]! + c * s[i]!;
    }
    // Keep the direction in the orthant the pseudo-gradient points to.
    for (let i = 0; i < n; i++) if (d[i]! * pg[i]! >= 0) d[i] = 0;
    let step = 1;
    let fNew = Infinity;
    let accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      let decrease = 0;
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        let v = xi + step * d[i]!;
        if (l1[i]! > 0) {
          const orthant = xi !== 0 ? Math.sign(xi) : -Math.sign(pg[i]!);
          if (Math.sign(v) !== orthant) v = 0;
        }
        xNew[i] = v;
        decrease += pg[i]! * (v - xi);
      }
      fNew = f(xNew, gNew) + l1Value(xNew);
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const improvement = fx - fNew;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    pseudo();
    if (maxAbs(pg) < gtol || improvement <= rtol * Math.max(1, Math.abs(fx))) converged = true;
  }
  return { x, value: fx, iterations: iter, converged };
}
