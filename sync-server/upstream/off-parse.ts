import { z } from 'zod';
import type { IngredientData, NutrientsPer100g } from '../../shared/ingredients/types';
import { additiveTag, combineFlags, describeAdditive, flagsFromAdditives, flagsFromIngredientText, type AdditiveInfo, type FlagResult } from '../../shared/ingredients/additives';
import { readOffIngredientNodes, type OffIngredientNode } from '../../shared/ingredients/off-ingredients';
import type { OffLabel } from '../../shared/ingredients/product-label';
import { UpstreamFormatError } from './errors';
import { KJ_PER_KCAL, looseNumber, looseString, tidy } from './units';

/**
 * Readers for Open Food Facts bodies (data/README.md §2, §6): the v0/v2 envelope `{code, product,
 * status: 1}`, the v3 envelope `{code, product, result, status: "success…"}`, a bare product object,
 * and search/facet listings `{count, page, page_size, products}`. Nutriments arrive as numbers or
 * numeric strings; `_100g` values are in grams (energy in kJ, `energy-kcal` in kcal).
 */

const tagList = z
  .unknown()
  .transform((v): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));

export const offProductSchema = z.looseObject({
  code: looseString.optional(),
  product_name: looseString.optional(),
  product_name_en: looseString.optional(),
  generic_name: looseString.optional(),
  generic_name_en: looseString.optional(),
  brands: looseString.optional(),
  quantity: looseString.optional(),
  lang: looseString.optional(),
  lc: looseString.optional(),
  categories: looseString.optional(),
  categories_tags: tagList.optional(),
  categories_hierarchy: tagList.optional(),
  pnns_groups_2: looseString.optional(),
  additives_tags: z.unknown().optional(),
  allergens_tags: tagList.optional(),
  traces_tags: tagList.optional(),
  nutriments: z.record(z.string(), z.unknown()).optional().catch(undefined),
  nutrition_data_per: looseString.optional(),
  no_nutrition_data: z.unknown().optional(),
  serving_size: looseString.optional(),
  serving_quantity: looseNumber.optional(),
  ingredients_text: looseString.optional(),
  ingredients_text_en: looseString.optional(),
  ingredients: z.unknown().optional(),
  nova_group: looseNumber.optional(),
  nutriscore_grade: looseString.optional(),
  nutrition_grades: looseString.optional(),
  image_front_small_url: looseString.optional(),
  image_small_url: looseString.optional(),
  image_front_url: looseString.optional(),
});
export type OffProductBody = z.infer<typeof offProductSchema>;

/** OFF nutriment keys → our fields; `scale` turns the grams of `_100g` into the field's unit. */
const NUTRIMENTS: [string, keyof NutrientsPer100g, number][] = [
  ['proteins', 'protein_g', 1],
  ['fat', 'fat_g', 1],
  ['carbohydrates', 'carbohydrate_g', 1],
  ['fiber', 'fiber_g', 1],
  ['sugars', 'sugars_g', 1],
  ['added-sugars', 'added_sugars_g', 1],
  ['saturated-fat', 'saturated_fat_g', 1],
  ['trans-fat', 'trans_fat_g', 1],
  ['omega-3-fat', 'omega3_g', 1],
  ['omega-6-fat', 'omega6_g', 1],
  ['vitamin-c', 'vitamin_c_mg', 1000],
  ['vitamin-e', 'vitamin_e_mg', 1000],
  ['caffeine', 'caffeine_mg', 1000],
  ['sodium', 'sodium_mg', 1000],
];

/**
 * The per-100 g value of a nutriment: `<key>_100g`, else `<key>_serving` scaled by the serving
 * quantity (products recorded "per serving" without a computed `_100g`).
 */
function per100(nutriments: Record<string, unknown>, key: string, servingQuantity: number | undefined): number | undefined {
  const v = looseNumber.parse(nutriments[`${key}_100g`]);
  if (v !== undefined) return v;
  const s = looseNumber.parse(nutriments[`${key}_serving`]);
  if (s !== undefined && servingQuantity && servingQuantity > 0) return (s * 100) / servingQuantity;
  return undefined;
}

export function offNutrients(p: OffProductBody): NutrientsPer100g {
  const n: NutrientsPer100g = {};
  if (p.no_nutrition_data === 'on' || p.no_nutrition_data === true) return n;
  const nm = p.nutriments ?? {};
  const q = p.serving_quantity;
  // energy_100g is always kJ whatever energy_unit says (the contributor's unit); energy-kcal is kcal.
  const kcal = per100(nm, 'energy-kcal', q);
  const kj = per100(nm, 'energy', q) ?? per100(nm, 'energy-kj', q);
  const energy = kcal ?? (kj !== undefined ? kj / KJ_PER_KCAL : undefined);
  if (energy !== undefined && energy >= 0) n.energy_kcal = tidy(energy);
  for (const [key, field, scale] of NUTRIMENTS) {
    const v = per100(nm, key, q);
    if (v !== undefined && v >= 0) n[field] = tidy(v * scale);
  }
  return n;
}

/**
 * "en:diet-cola-soft-drink" → "diet cola soft drink": the most specific English category. Categories
 * the taxonomy does not know are appended last with an "en:" prefix but in the contributor's language
 * ("en:kohlensäurehaltige-getränke"); the ASCII test skips most of them.
 */
export function offCategory(p: OffProductBody): string | undefined {
  const tags = englishCategories(p);
  const last = tags[tags.length - 1];
  if (last) return last;
  const pnns = p.pnns_groups_2?.trim();
  if (pnns && pnns.toLowerCase() !== 'unknown') return pnns.toLowerCase();
  return undefined;
}

function englishCategories(p: OffProductBody): string[] {
  const tags = p.categories_hierarchy?.length ? p.categories_hierarchy : (p.categories_tags ?? []);
  return tags.filter((t) => /^en:[a-z0-9-]+$/.test(t)).map((t) => t.slice(3).replace(/-/g, ' ').trim()).filter(Boolean);
}

const stripLang = (t: string) => t.replace(/^[a-z]{2}:/, '');

export function offAdditiveTags(p: OffProductBody): string[] | undefined {
  if (!Array.isArray(p.additives_tags)) return undefined;
  const out: string[] = [];
  for (const raw of p.additives_tags) {
    if (typeof raw !== 'string') continue;
    const tag = additiveTag(raw);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export function offName(p: OffProductBody): string | undefined {
  for (const c of [p.product_name, p.product_name_en, p.generic_name, p.generic_name_en]) {
    const s = c?.trim();
    if (s) return s;
  }
  return undefined;
}

/** A product as the app shows it: the IngredientData plus what a label says. */
export interface OffProduct extends OffLabel {
  additives: AdditiveInfo[];
  data: IngredientData;
}

/** A product object (already out of its envelope) → OffProduct. */
export function offProductFromObject(raw: unknown, fallbackCode?: string): OffProduct {
  const parsed = offProductSchema.safeParse(raw);
  if (!parsed.success || typeof raw !== 'object' || raw === null) throw new UpstreamFormatError('Open Food Facts product is not an object');
  const p = parsed.data;
  const code = (p.code?.trim() || fallbackCode || '').trim();
  const name = offName(p) ?? (code ? `product ${code}` : 'unnamed product');
  const nutrients = offNutrients(p);
  const original = p.ingredients_text?.trim() || undefined;
  const english = p.ingredients_text_en?.trim() || undefined;
  const text = english ?? original;

  // The English text is often machine-translated ("caffeinal"), so both texts are read.
  const fromOriginal = flagsFromIngredientText(original);
  const fromEnglish = english && english !== original ? flagsFromIngredientText(english) : { flags: [], reasons: {}, additives: [] };
  const textFlags = { ...combineFlags(fromEnglish, fromOriginal), additives: [...new Set([...fromOriginal.additives, ...fromEnglish.additives])] };
  const tags = offAdditiveTags(p) ?? textFlags.additives;
  const caffeine: FlagResult =
    nutrients.caffeine_mg !== undefined && nutrients.caffeine_mg > 0
      ? { flags: ['caffeine'], reasons: { caffeine: `caffeine ${nutrients.caffeine_mg} mg/100 g` } }
      : { flags: [], reasons: {} };
  // Additive tags are Open Food Facts' own reading of the label, so their reasons come first.
  const flags = combineFlags(flagsFromAdditives(tags), textFlags, caffeine);
  const allergens = (p.allergens_tags ?? []).map(stripLang).filter(Boolean);
  const category = offCategory(p);

  const data: IngredientData = {
    name,
    nutrients,
    flags: flags.flags,
    additives: tags,
    allergens,
    sources: [{ name: 'Open Food Facts', id: code || undefined, detail: [name, p.brands?.split(',')[0]?.trim()].filter(Boolean).join(' — ') }],
  };
  if (flags.flags.length > 0) data.flag_reasons = flags.reasons;
  if (category) data.category = category;

  const product: OffProduct = {
    code,
    name,
    additives: tags.map((t) => describeAdditive(t)).filter((x): x is AdditiveInfo => x !== null),
    allergens,
    traces: (p.traces_tags ?? []).map(stripLang).filter(Boolean),
    categories: englishCategories(p),
    data,
  };
  const opt = <K extends keyof OffProduct>(k: K, v: OffProduct[K] | undefined | '') => {
    if (v !== undefined && v !== '') product[k] = v as OffProduct[K];
  };
  opt('brand', p.brands?.split(',')[0]?.trim());
  opt('quantity', p.quantity?.trim());
  opt('serving_size', p.serving_size?.trim());
  opt('nutrition_data_per', p.nutrition_data_per?.trim());
  opt('nova_group', p.nova_group);
  opt('nutriscore_grade', (p.nutriscore_grade ?? p.nutrition_grades)?.trim().toLowerCase());
  opt('image_url', p.image_front_small_url ?? p.image_small_url ?? p.image_front_url);
  opt('lang', (p.lc ?? p.lang)?.trim());
  opt('ingredients_text', text);
  if (text) opt('ingredients_lang', english ? 'en' : (p.lc ?? p.lang)?.trim());
  const nodes = readOffIngredientNodes(p.ingredients);
  if (nodes.length) product.ingredients = nodes;
  return product;
}

export type OffProductLookup = { found: true; product: OffProduct; warnings: string[] } | { found: false; reason: string };

/**
 * A product response body in any envelope (v0/v2, v3, or a bare product object) → the product, or
 * not-found. Throws UpstreamFormatError for bodies that are none of these.
 */
export function parseOffProductResponse(body: unknown, requestedBarcode?: string): OffProductLookup {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new UpstreamFormatError('Open Food Facts answered with something other than a JSON object');
  const b = body as Record<string, unknown>;
  const warnings: string[] = [];
  const envelopeCode = looseString.parse(b.code);
  if ('product' in b && typeof b.product === 'object' && b.product !== null) {
    const status = b.status;
    const v3 = typeof status === 'string';
    const ok = v3 ? status === 'success' || status === 'success_with_warnings' : status === undefined || status === 1 || status === '1';
    if (!ok) return { found: false, reason: describeStatus(b) };
    if (v3 && Array.isArray(b.warnings)) {
      for (const w of b.warnings) {
        const id = (w as { message?: { id?: unknown } })?.message?.id;
        if (typeof id === 'string') warnings.push(id);
      }
    }
    const product = offProductFromObject(b.product, envelopeCode ?? requestedBarcode);
    if (requestedBarcode && product.code && stripZeros(product.code) !== stripZeros(requestedBarcode)) {
      warnings.push(`Open Food Facts answered barcode ${requestedBarcode} with product ${product.code}`);
    }
    return { found: true, product, warnings };
  }
  if ('status' in b || 'status_verbose' in b || 'result' in b || 'errors' in b) return { found: false, reason: describeStatus(b) };
  // A bare product object (as in search results).
  if ('code' in b || 'product_name' in b || 'nutriments' in b) return { found: true, product: offProductFromObject(b, requestedBarcode), warnings };
  throw new UpstreamFormatError('Open Food Facts product response has no product and no status');
}

function describeStatus(b: Record<string, unknown>): string {
  const verbose = b.status_verbose;
  if (typeof verbose === 'string' && verbose) return verbose;
  const result = b.result as { id?: unknown; name?: unknown } | undefined;
  if (result && typeof result.name === 'string') return result.name;
  if (result && typeof result.id === 'string') return result.id.replace(/_/g, ' ');
  return 'product not found';
}

export const stripZeros = (code: string) => code.replace(/^0+(?=\d)/, '');

export const offSearchSchema = z.looseObject({
  count: looseNumber.optional(),
  page: looseNumber.optional(),
  page_size: looseNumber.optional(),
  page_count: looseNumber.optional(),
  skip: looseNumber.optional(),
  products: z.array(z.unknown()),
});

export interface OffSearchResult {
  count: number;
  page: number;
  products: OffProduct[];
}

/** A search or facet listing → products (unreadable entries are skipped). */
export function parseOffSearch(body: unknown): OffSearchResult {
  const parsed = offSearchSchema.safeParse(body);
  if (!parsed.success) throw new UpstreamFormatError('Open Food Facts search body has no products list');
  const products: OffProduct[] = [];
  for (const raw of parsed.data.products) {
    try {
      products.push(offProductFromObject(raw));
    } catch {
      // skip the odd malformed entry
    }
  }
  return { count: parsed.data.count ?? products.length, page: parsed.data.page ?? 1, products };
}
