import type { IngredientData, IngredientFlag, NutrientsPer100g } from '../../shared/ingredients/types';
import type { OffProduct } from './off-parse';
import type { UsdaFood } from './usda-parse';

/**
 * Deciding which upstream record really is the food asked for. USDA search ranks fuzzily and Open
 * Food Facts search returns brands, so a generic ingredient takes a record only when the words match:
 * a USDA description must contain every word of the name; an Open Food Facts product must be named
 * exactly the name (brand and pack size aside), and only what most such products agree on is kept.
 */

const STOPWORDS = new Set(['and', 'or', 'with', 'without', 'of', 'the', 'a', 'an', 'in', 'de', 'du', 'des', 'la', 'le', 'et']);

/** Crude English singular, enough for matching ("apples" → "apple", "berries" → "berry"). */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ch|sh|x|ss|o)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Words of a name, accent-folded, singular, without stopwords. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !STOPWORDS.has(w))
    .map(singular);
}

/** Pack sizes and packaging words in product names ("1.75L", "33cl", "PET", "BTE"). */
const PACKAGING = /^(?:\d+(?:\.\d+)?(?:l|cl|ml|g|kg|oz|x)?|pet|bte|can|bottle|pack)$/;

export interface UsdaPick {
  food: UsdaFood;
  /** Words of the description that the name did not ask for (fewer is a closer match). */
  extraWords: number;
}

/**
 * The USDA hit that best matches `name`, or null when no hit contains every word of it. Among
 * matches: the fewest extra words, Foundation before SR Legacy, then USDA's own order.
 */
export function pickUsdaFood(name: string, foods: readonly UsdaFood[]): UsdaPick | null {
  const want = new Set(words(name));
  if (want.size === 0) return null;
  let best: UsdaPick | null = null;
  let bestRank = Infinity;
  for (const [index, food] of foods.entries()) {
    const haveSet = new Set(words(food.description));
    if (![...want].every((w) => haveSet.has(w))) continue;
    const extraWords = [...haveSet].filter((w) => !want.has(w)).length;
    const rank = extraWords * 10 + (food.dataType === 'Foundation' ? 0 : 5) + index * 0.01;
    if (rank < bestRank) {
      best = { food, extraWords };
      bestRank = rank;
    }
  }
  return best;
}

/**
 * True when a product is named exactly `name`, pack sizes aside ("PET 50CL COCA COLA"), or when its
 * name without the brand is exactly `name` ("Heinz Tomato Ketchup" for "tomato ketchup"). A name
 * that is only the brand ("Coca Cola") matches only itself, so "coca" or "cola" stay unmatched.
 */
export function productNameMatches(name: string, product: OffProduct): boolean {
  const want = new Set(words(name));
  if (want.size === 0) return false;
  const brand = new Set(words(product.brand ?? ''));
  const have = new Set(words(product.name).filter((w) => !PACKAGING.test(w)));
  const core = new Set([...have].filter((w) => !brand.has(w)));
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((w) => b.has(w));
  // Part of a brand ("PET 1.75L COCA" by Coca-Cola) names the brand's product, not a food called "coca".
  if (core.size === 0 && brand.size > have.size) return false;
  return same(have, want) || (core.size > 0 && same(core, want));
}

export interface OffConsensus {
  /** What the matching products agree on, as one IngredientData. */
  data: IngredientData;
  /** The products that matched the name. */
  products: { code: string; name: string }[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Items that more than half of the lists contain, in first-seen order. */
function majority<T>(lists: readonly (readonly T[])[]): T[] {
  const counts = new Map<T, number>();
  for (const list of lists) for (const x of new Set(list)) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].filter(([, n]) => n * 2 > lists.length).map(([x]) => x);
}

/**
 * Products named exactly `name` → one IngredientData holding what most of them agree on: additives,
 * allergens and flags present in more than half, the commonest category, and per-nutrient medians.
 * Null when no product matches, so a random brand's additives never land on a generic food.
 */
export function offConsensus(name: string, products: readonly OffProduct[]): OffConsensus | null {
  const matches = products.filter((p) => productNameMatches(name, p));
  if (matches.length === 0) return null;
  const datas = matches.map((p) => p.data);

  const nutrients: NutrientsPer100g = {};
  const keys = new Set(datas.flatMap((d) => Object.keys(d.nutrients) as (keyof NutrientsPer100g)[]));
  for (const k of keys) {
    const vals = datas.map((d) => d.nutrients[k]).filter((v): v is number => v !== undefined);
    if (vals.length * 2 >= datas.length) nutrients[k] = Number(median(vals).toFixed(3));
  }

  const flags = majority(datas.map((d) => d.flags)) as IngredientFlag[];
  const reasons: Partial<Record<IngredientFlag, string>> = {};
  for (const f of flags) {
    const why = datas.find((d) => d.flag_reasons?.[f])?.flag_reasons?.[f];
    if (why) reasons[f] = matches.length > 1 ? `${why} (in most Open Food Facts products named "${name}")` : why;
  }
  const categories = datas.map((d) => d.category).filter((c): c is string => !!c);
  const category = categories.sort((a, b) => categories.filter((c) => c === b).length - categories.filter((c) => c === a).length)[0];

  const data: IngredientData = {
    name,
    nutrients,
    flags,
    additives: majority(datas.map((d) => d.additives ?? [])),
    allergens: majority(datas.map((d) => d.allergens ?? [])),
    sources: [
      {
        name: 'Open Food Facts',
        id: matches.length === 1 ? matches[0]!.code : matches.map((m) => m.code).slice(0, 5).join(','),
        detail: matches.length === 1 ? matches[0]!.name : `${matches.length} products named "${name}"`,
      },
    ],
  };
  if (flags.length > 0 && Object.keys(reasons).length > 0) data.flag_reasons = reasons;
  if (category) data.category = category;
  return { data, products: matches.map((p) => ({ code: p.code, name: p.name })) };
}

const DESCRIPTORS = new Set(['raw', 'cooked', 'boiled', 'fresh', 'frozen', 'canned', 'dried', 'all varieties', 'prepared', 'unprepared', 'nfs', 'ns as to form']);

/**
 * A diary-style name for a USDA description: "Cheese, cheddar" → "cheddar cheese", "Milk, whole,
 * 3.25% milkfat" → "whole milk", "Rose-apples, raw" → "rose-apples".
 */
export function everydayName(description: string): string {
  const original = description.split(',').map((p) => p.trim()).filter(Boolean);
  // Restaurant and brand entries lead with the brand in capitals ("McDONALD'S, BIG MAC").
  if (original.length > 1 && /[A-Z]{3,}/.test(original[0]!)) return original.slice(1).join(', ').toLowerCase();
  const parts = original.map((p) => p.toLowerCase());
  const head = parts[0] ?? description.toLowerCase();
  const qualifier = parts[1];
  if (qualifier && !DESCRIPTORS.has(qualifier) && qualifier.split(/\s+/).length <= 2 && !/\d/.test(qualifier)) return `${qualifier} ${head}`;
  return head;
}
