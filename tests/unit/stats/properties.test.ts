import fc from 'fast-check';
import { describe, it } from 'vitest';
import { mannWhitneyFromRankSum, mannWhitneyU, midranks, pearson, pearsonTwoSided, pointBiserial, studentTTwoSided } from '../../../shared/stats';

// The engine's shortcuts must be the same statistics as the plain versions (which are checked
// against scipy in scipy-agreement.test.ts).
const ratings = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 8, maxLength: 120 });

describe('shortcuts equal the plain statistics', () => {
  it('pointBiserial from sums = pearson(presence, y)', () => {
    fc.assert(
      fc.property(ratings, fc.integer({ min: 1, max: 1 << 30 }), (y, seed) => {
        const x = y.map((_, i) => ((seed >> i % 30) & 1) ^ (i % 3 === 0 ? 1 : 0));
        const n1 = x.reduce((a, b) => a + b, 0);
        const r = pointBiserial(y.length, n1, y.reduce((a, b) => a + b, 0), y.reduce((a, b) => a + b * b, 0), y.reduce((a, v, i) => a + (x[i] ? v : 0), 0));
        const ref = pearson(x, y).r;
        if (Number.isNaN(ref)) return Number.isNaN(r);
        return Math.abs(r - ref) <= 1e-12;
      }),
    );
  });

  it('mannWhitneyFromRankSum over shared ranks = mannWhitneyU(x, y)', () => {
    fc.assert(
      fc.property(ratings, fc.integer({ min: 1, max: 1 << 30 }), (values, seed) => {
        const inX = values.map((_, i) => ((seed >> i % 30) & 1) === 1);
        const x = values.filter((_, i) => inX[i]);
        const y = values.filter((_, i) => !inX[i]);
        if (x.length === 0 || y.length === 0) return true;
        const { ranks, tieTerm } = midranks(values);
        const r1 = ranks.reduce((a, r, i) => a + (inX[i] ? r : 0), 0);
        const fast = mannWhitneyFromRankSum(r1, x.length, y.length, tieTerm);
        const plain = mannWhitneyU(x, y);
        return fast.u === plain.u && (fast.p === plain.p || (Number.isNaN(fast.p) && Number.isNaN(plain.p)));
      }),
    );
  });

  it('counting ranks of whole numbers = sorted midranks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), (v) => {
        const counted = midranks(v);
        const sorted = midranks(v.map((x) => x + 0.5)); // not whole: takes the sorting path
        return counted.tieTerm === sorted.tieTerm && counted.ranks.every((r, i) => r === sorted.ranks[i]);
      }),
    );
  });

  it('the Pearson p equals the t-test p of t = r·√(df/(1 − r²))', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.999, max: 0.999, noNaN: true }), fc.integer({ min: 3, max: 2000 }), (r, n) => {
        const df = n - 2;
        const t = r * Math.sqrt(df / ((1 - r) * (1 + r)));
        const a = pearsonTwoSided(r, n);
        const b = studentTTwoSided(t, df);
        return Math.abs(a - b) <= 1e-9 * b || Math.abs(a - b) <= 1e-15;
      }),
    );
  });
});
