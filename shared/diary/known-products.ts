/**
 * Products already known on this device (looked up on Foods, or logged on some day, possibly on another
 * device), so Today's food picker can offer them by name and log them with their ingredients offline.
 */
import type { Composite, DailyLog } from '../schema';
import { cleanName } from '../ingredients/normalise';
import { productComposite } from './add-to-day';

export interface KnownProduct {
  /** The product as a day's item (name normalised, ingredients canonical). */
  composite: Composite;
  /** The brand, when the lookup gave one (shown beside the name). */
  brand?: string;
  /** When it was last seen (ISO date or date-time): the most recent wins when two share a name. */
  seen: string;
}

/** Products from the device's lookups, as the app reads them from its cache. */
export function productsFromLookups(rows: readonly { name: string; barcode: string; brand?: string; ingredients: readonly string[]; fetched_at: string }[]): KnownProduct[] {
  return rows.map((r) => ({ composite: productComposite(r), ...(r.brand ? { brand: r.brand } : {}), seen: r.fetched_at }));
}

/** Products logged in the diary (their composites as logged). */
export function productsFromLogs(logs: readonly Pick<DailyLog, 'date' | 'composites'>[]): KnownProduct[] {
  return logs.flatMap((l) => (l.composites ?? []).filter((c) => c.kind === 'product').map((c) => ({ composite: c, seen: l.date })));
}

/** One entry per product name, the most recently seen first kept. */
export function mergeKnownProducts(...lists: readonly KnownProduct[][]): KnownProduct[] {
  const byName = new Map<string, KnownProduct>();
  for (const p of lists.flat()) {
    const prev = byName.get(p.composite.name);
    // Lookups and logs date differently ("2026-03-01" vs a date-time); the date part compares fairly.
    if (!prev || p.seen.slice(0, 10) > prev.seen.slice(0, 10) || (p.seen.slice(0, 10) === prev.seen.slice(0, 10) && p.composite.ingredients.length > prev.composite.ingredients.length)) {
      byName.set(p.composite.name, { ...p, ...(prev?.brand && !p.brand ? { brand: prev.brand } : {}) });
    }
  }
  return [...byName.values()];
}

/**
 * Known products whose name matches what is typed: names starting with it, then names with a word starting
 * with it (also the brand), most recently seen first within each. Matching is on cleaned text, so accents,
 * case and punctuation do not matter.
 */
export function matchKnownProducts(query: string, products: readonly KnownProduct[], limit = 5): KnownProduct[] {
  const q = cleanName(query);
  if (q.length < 2) return [];
  const rank = (p: KnownProduct): number => {
    const name = cleanName(p.composite.name);
    if (name.startsWith(q)) return 0;
    if (name.split(' ').some((w) => w.startsWith(q))) return 1;
    if (p.brand && cleanName(p.brand).split(' ').some((w) => w.startsWith(q))) return 2;
    return -1;
  };
  return products
    .map((p) => ({ p, r: rank(p) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || (a.p.seen < b.p.seen ? 1 : a.p.seen > b.p.seen ? -1 : 0))
    .slice(0, limit)
    .map((x) => x.p);
}

/** The known product a day's food name stands for, if any (for attaching its composite when the name is added). */
export function knownProductNamed(name: string, products: readonly KnownProduct[]): KnownProduct | undefined {
  return products.find((p) => p.composite.name === name);
}

/**
 * A day's items after its foods changed on Today: the items already there, plus each newly present food
 * that is a known product (picked from the suggestions, typed in full, or tapped as a frequent food), so it
 * brings its ingredients wherever its name is added.
 */
export function withKnownProducts(composites: readonly Composite[], foods: readonly string[], products: readonly KnownProduct[]): Composite[] {
  const have = new Set(composites.map((c) => c.name));
  const added = foods.filter((f) => !have.has(f)).flatMap((f) => {
    const p = knownProductNamed(f, products);
    return p ? [p.composite] : [];
  });
  return added.length ? [...composites, ...added] : [...composites];
}
