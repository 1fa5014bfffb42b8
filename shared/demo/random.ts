/**
 * Seeded randomness for the diary generator that gives the same numbers on every JavaScript engine.
 * Math.log/exp/cos are implementation-approximated by the spec (engines may differ in the last bit,
 * which could flip a floor() in a symptom score), so the few transcendental functions needed here are
 * computed with +, −, ×, ÷ and sqrt only, which IEEE 754 rounds identically everywhere.
 */

const LN2_HI = 0.6931471803691238; // high bits of ln 2 (exact in 32 bits, so k·LN2_HI is exact)
const LN2_LO = 1.9082149292705877e-10; // ln 2 − LN2_HI
const LN2 = 0.6931471805599453;

const scratch = new DataView(new ArrayBuffer(8));

/** Natural logarithm for finite x > 0, to within a few ulps, identical on every engine. */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0;
  // Subnormals: scale into the normal range first.
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54
    e -= 54;
  }
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(0, (hi & 0x800fffff) | 0x3ff00000); // mantissa with exponent 0 → m in [1, 2)
  let m = scratch.getFloat64(0);
  if (m > 1.4142135623730951) {
    m /= 2;
    e += 1;
  }
  // log m = 2·atanh(z), z = (m − 1)/(m + 1), |z| < 0.172: the odd series converges fast.
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let term = z;
  let sum = 0;
  for (let k = 1; k <= 41; k += 2) {
    sum += term / k;
    term *= z2;
  }
  return e * LN2_HI + (e * LN2_LO + 2 * sum);
}

/** e^x, identical on every engine. */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x / LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| ≤ ln2/2
  // Taylor series of e^r in Horner form; 18 terms reach double precision for |r| ≤ 0.35.
  let p = 1;
  for (let n = 18; n >= 1; n--) p = 1 + (p * r) / n;
  return scalePow2(p, k);
}

/** x · 2^k built from exponent bits (exact). */
function scalePow2(x: number, k: number): number {
  while (k > 1023) {
    x *= 8.98846567431158e307; // 2^1023
    k -= 1023;
  }
  while (k < -1022) {
    x *= 2.2250738585072014e-308; // 2^-1022
    k += 1022;
  }
  scratch.setUint32(0, ((k + 1023) << 20) >>> 0);
  scratch.setUint32(4, 0);
  return x * scratch.getFloat64(0);
}

/** Standard normal CDF Φ(x) (Marsaglia's series), absolute error below 1e-15, identical on every engine. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < -38) return 0;
  if (x > 38) return 1;
  const a = Math.abs(x);
  if (a > 8.5) {
    // Far tail: Φ(−a) ≈ φ(a)/a · (1 − 1/a² + 3/a⁴); below 1e-17 anyway.
    const tail = (detExp(-0.5 * a * a) / (a * 2.5066282746310002)) * (1 - 1 / (a * a) + 3 / (a * a * a * a));
    return x < 0 ? tail : 1 - tail;
  }
  let sum = a;
  let term = a;
  const a2 = a * a;
  for (let n = 3; n < 1000; n += 2) {
    term = (term * a2) / n;
    const next = sum + term;
    if (next === sum) break;
    sum = next;
  }
  const half = (sum * detExp(-0.5 * a2)) / 2.5066282746310002; // φ(a)·series = Φ(a) − 1/2
  return x < 0 ? 0.5 - half : 0.5 + half;
}

/**
 * A seeded random stream (xoshiro128**, seeded through splitmix32). 32-bit integer arithmetic only,
 * so every engine produces the same sequence.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number | string) {
    let h = typeof seed === 'number' ? seed >>> 0 ^ Math.floor(seed / 4294967296) : hashString(seed);
    const next = () => {
      h = (h + 0x9e3779b9) | 0;
      let z = h;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn with probability proportional to weights[i]. */
  weightedIndex(weights: readonly number[], total?: number): number {
    const sum = total ?? weights.reduce((a, b) => a + b, 0);
    let u = this.next() * sum;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal draw (Marsaglia's polar method with the deterministic log). */
  normal(): number {
    if (this.spareNormal !== null) {
      const s = this.spareNormal;
      this.spareNormal = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * detLog(s)) / s);
        this.spareNormal = v * f;
        return u * f;
      }
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** FNV-1a over UTF-16 code units: a stable 32-bit seed from a string. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
