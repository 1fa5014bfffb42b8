import { z } from 'zod';

/**
 * Parsing helpers shared by the USDA and Open Food Facts readers: both send numbers as JSON numbers
 * or as numeric strings ("0.5", "2.7000000476837", "0E-8"), and units in either case.
 */

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** A finite number, or a numeric string read as one; anything else is "unknown" (undefined). */
export const looseNumber = z
  .unknown()
  .transform((v): number | undefined => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
    if (typeof v === 'string') {
      const s = v.trim().replace(',', '.');
      if (!NUMERIC.test(s)) return undefined;
      const n = Number(s);
      return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
  });

/** A string, or a number written as one (FDC `ndbNumber` is both); anything else undefined. */
export const looseString = z.unknown().transform((v): string | undefined => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
});

export function readNumber(v: unknown): number | undefined {
  return looseNumber.parse(v);
}

/** Rounds away float noise (2.7000000476837 → 2.7) while keeping milligram precision. */
export function tidy(n: number): number {
  if (n === 0) return 0;
  const digits = Math.abs(n) >= 1 ? 3 : 6;
  return Number(n.toFixed(digits));
}

export type MassUnit = 'g' | 'mg' | 'ug';
export type Unit = MassUnit | 'kcal' | 'kj' | 'iu' | 'other';

/** "G", "mg", "µg", "mcg", "KCAL", "kJ" → a canonical unit. */
export function unitOf(raw: string | undefined): Unit | undefined {
  if (raw === undefined) return undefined;
  const u = raw.trim().toLowerCase();
  if (u === 'g' || u === 'grm' || u === 'gram' || u === 'grams') return 'g';
  if (u === 'mg') return 'mg';
  if (u === 'µg' || u === 'μg' || u === 'ug' || u === 'mcg') return 'ug';
  if (u === 'kcal') return 'kcal';
  if (u === 'kj') return 'kj';
  if (u === 'iu') return 'iu';
  return 'other';
}

const MASS_IN_G: Record<MassUnit, number> = { g: 1, mg: 1e-3, ug: 1e-6 };

/** Converts an amount between mass units or between kJ and kcal; undefined when the units do not convert. */
export function convert(amount: number, from: Unit | undefined, to: Unit): number | undefined {
  if (from === undefined || from === to) return amount;
  if (from in MASS_IN_G && to in MASS_IN_G) return (amount * MASS_IN_G[from as MassUnit]) / MASS_IN_G[to as MassUnit];
  if (from === 'kj' && to === 'kcal') return amount / KJ_PER_KCAL;
  if (from === 'kcal' && to === 'kj') return amount * KJ_PER_KCAL;
  return undefined;
}

export const KJ_PER_KCAL = 4.184;
