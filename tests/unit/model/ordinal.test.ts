import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, minimizeOwlqn } from '../../../shared/model/lbfgs';
import { exceedance, fitOrdinal, linearPredictor, sigmoid, SparseRowsBuilder, type SparseRows } from '../../../shared/model/ordinal';
import { Random } from '../../../shared/demo/random';

const here = dirname(fileURLToPath(import.meta.url));
const golden = JSON.parse(readFileSync(join(here, 'golden/logistic.json'), 'utf8')) as {
  X: number[][];
  y: number[];
  fits: { lambda: number; coef: number[]; intercept: number }[];
};

function sparse(rows: number[][]): SparseRows {
  const b = new SparseRowsBuilder(rows[0]!.length);
  for (const r of rows) b.addRow(r.map((_, j) => j), r);
  return b.build();
}

const tight = { gradientTolerance: 1e-10, relativeTolerance: 1e-15, maxIterations: 2000 };

describe('L-BFGS', () => {
  it('finds the minimum of the Rosenbrock function', () => {
    const f = (x: Float64Array, g: Float64Array) => {
      const a = x[0]!;
      const b = x[1]!;
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const r = minimizeLbfgs(f, Float64Array.from([-1.2, 1]), { gradientTolerance: 1e-10, relativeTolerance: 0, maxIterations: 500 });
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('OWL-QN solves a lasso problem exactly (soft thresholding)', () => {
    // min ½‖x − c‖² + λ‖x‖₁ has the closed form sign(c)·max(|c| − λ, 0).
    const c = [3, -0.5, 0.2, -2];
    const lambda = 1;
    const f = (x: Float64Array, g: Float64Array) => {
      let v = 0;
      for (let i = 0; i < c.length; i++) {
        g[i] = x[i]! - c[i]!;
        v += 0.5 * (x[i]! - c[i]!) ** 2;
      }
      return v;
    };
    const r = minimizeOwlqn(f, new Float64Array(4), new Float64Array(4).fill(lambda), { gradientTolerance: 1e-12, relativeTolerance: 0 });
    expect(Array.from(r.x).map((v) => Math.round(v * 1e8) / 1e8)).toEqual([2, 0, 0, -1]);
  });
});

describe('fitOrdinal', () => {
  it('with two categories is scikit-learn’s L2 logistic regression (golden values)', () => {
    const X = sparse(golden.X);
    const objective = (w: readonly number[], intercept: number, lambda: number) => {
      let s = 0;
      golden.X.forEach((r, i) => {
        const e = intercept + r.reduce((a, v, j) => a + v * w[j]!, 0);
        s += golden.y[i] ? Math.log1p(Math.exp(-e)) : Math.log1p(Math.exp(e));
      });
      return s + 0.5 * lambda * w.reduce((a, v) => a + v * v, 0);
    };
    for (const g of golden.fits) {
      const fit = fitOrdinal(X, golden.y, { categories: 2, lambda: g.lambda, ...tight });
      // P(y = 1) = σ(η − c₀): the intercept is −c₀.
      const intercept = -fit.cutpoints[0]!;
      g.coef.forEach((c, j) => expect(fit.weights[j]).toBeCloseTo(c, 3));
      expect(intercept).toBeCloseTo(g.intercept, 3);
      // The remaining differences are sklearn stopping a little short: ours is at least as optimal.
      expect(objective(Array.from(fit.weights), intercept, g.lambda)).toBeLessThanOrEqual(objective(g.coef, g.intercept, g.lambda) + 1e-9);
    }
  });

  it('has an analytic gradient that matches finite differences (through the fitted optimum)', () => {
    // At the optimum of the penalised likelihood the gradient is zero; perturbing one weight must raise
    // the objective on both sides, symmetrically to second order.
    const rng = new Random('grad');
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = [rng.chance(0.4) ? 1 : 0, rng.chance(0.3) ? 1 : 0, rng.next()];
      rows.push(r);
      const latent = 1.2 * r[0]! - 0.8 * r[1]! + 0.5 * r[2]! + 1.5 + (rng.next() - 0.5) * 3;
      y.push(Math.max(0, Math.min(5, Math.round(latent))));
    }
    const X = sparse(rows);
    const fit = fitOrdinal(X, y, { categories: 6, lambda: 1, ...tight });
    const nll = (w: Float64Array) => {
      const eta = new Float64Array(X.nRows);
      linearPredictor(X, w, Int32Array.from({ length: X.nRows }, (_, i) => i), eta);
      let s = 0;
      eta.forEach((e, i) => {
        const ex = [1, ...exceedance(e, fit.cutpoints), 0];
        s -= Math.log(ex[y[i]!]! - ex[y[i]! + 1]!);
      });
      let pen = 0;
      w.forEach((v) => (pen += v * v));
      return s + 0.5 * pen;
    };
    const base = nll(fit.weights);
    for (let j = 0; j < 3; j++) {
      const up = Float64Array.from(fit.weights);
      const down = Float64Array.from(fit.weights);
      up[j] = up[j]! + 1e-3;
      down[j] = down[j]! - 1e-3;
      const slope = (nll(up) - nll(down)) / 2e-3;
      expect(Math.abs(slope)).toBeLessThan(1e-3);
      expect(nll(up)).toBeGreaterThan(base);
      expect(nll(down)).toBeGreaterThan(base);
    }
  });

  it('recovers the direction and size of a planted effect on a 0–5 score', () => {
    const rng = new Random('ordinal-recovery');
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const r = [rng.chance(0.3) ? 1 : 0, rng.chance(0.5) ? 1 : 0];
      rows.push(r);
      // Logistic latent with unit cutpoint spacing: effect 2 on the logit scale for column 0, none for 1.
      const u = rng.next();
      const latent = 2 * r[0]! + Math.log(u / (1 - u));
      y.push(Math.max(0, Math.min(5, Math.floor(latent + 2.5))));
    }
    const fit = fitOrdinal(sparse(rows), y, { categories: 6, lambda: 0.01, ...tight });
    expect(fit.weights[0]).toBeGreaterThan(1.7);
    expect(fit.weights[0]).toBeLessThan(2.3);
    expect(Math.abs(fit.weights[1]!)).toBeLessThan(0.25);
    for (let k = 1; k < fit.cutpoints.length; k++) expect(fit.cutpoints[k]!).toBeGreaterThan(fit.cutpoints[k - 1]!);
  });

  it('keeps a finite, ordered cutpoint for a score never seen in training', () => {
    const y = [0, 1, 1, 2, 2, 2, 3, 1, 0, 2, 1, 2]; // no 4 or 5
    const X = sparse(y.map(() => [1]));
    const fit = fitOrdinal(X, y, { categories: 6, lambda: 1 });
    expect(fit.cutpoints.every((c) => Number.isFinite(c))).toBe(true);
    for (let k = 1; k < 5; k++) expect(fit.cutpoints[k]!).toBeGreaterThan(fit.cutpoints[k - 1]!);
    expect(sigmoid(0 - fit.cutpoints[4]!)).toBeLessThan(0.1);
  });

  it('an L1 penalty zeroes columns with no signal and keeps the real one', () => {
    const rng = new Random('l1');
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const r = Array.from({ length: 20 }, () => (rng.chance(0.3) ? 1 : 0));
      rows.push(r);
      const u = rng.next();
      y.push(Math.max(0, Math.min(5, Math.floor(2.5 * r[0]! + Math.log(u / (1 - u)) + 2))));
    }
    const fit = fitOrdinal(sparse(rows), y, { categories: 6, lambda: 1, l1: 10 });
    expect(fit.weights[0]).toBeGreaterThan(1);
    const noise = Array.from(fit.weights.slice(1));
    expect(noise.filter((w) => w === 0).length).toBeGreaterThanOrEqual(15);
  });

  it('a per-column L1 multiplier asks more evidence of some columns (l1Scale)', () => {
    // Two copies of the same informative column: with equal penalties the fit splits the effect
    // between them; doubling one copy's penalty leaves the whole effect on the other.
    const rng = new Random('l1-scale');
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const x = rng.chance(0.3) ? 1 : 0;
      rows.push([x, x, rng.chance(0.5) ? 1 : 0]);
      const u = rng.next();
      y.push(Math.max(0, Math.min(5, Math.floor(2 * x + Math.log(u / (1 - u)) + 2))));
    }
    const X = sparse(rows);
    const equal = fitOrdinal(X, y, { categories: 6, lambda: 1, l1: 5, ...tight });
    expect(equal.weights[0]).toBeGreaterThan(0.4);
    expect(equal.weights[0]).toBeCloseTo(equal.weights[1]!, 3);
    const scaled = fitOrdinal(X, y, { categories: 6, lambda: 1, l1: 5, l1Scale: [1, 2, 1], ...tight });
    expect(scaled.weights[1]).toBe(0);
    expect(scaled.weights[0]).toBeGreaterThan(equal.weights[0]! + 0.4);
    // A scale of 1 everywhere is the plain penalty.
    const ones = fitOrdinal(X, y, { categories: 6, lambda: 1, l1: 5, l1Scale: [1, 1, 1], ...tight });
    expect(Array.from(ones.weights)).toEqual(Array.from(equal.weights));
  });
});
