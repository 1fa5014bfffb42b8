import { z } from 'zod';
import type { IngredientData, NutrientsPer100g } from '../../shared/ingredients/types';
import { combineFlags, flagsFromIngredientText, type FlagResult } from '../../shared/ingredients/additives';
import { UpstreamFormatError } from './errors';
import { convert, looseNumber, looseString, tidy, unitOf, type Unit } from './units';

/**
 * Readers for USDA FoodData Central bodies (data/README.md §1, §5, §6). Every real shape parses:
 * search hits `{nutrientId, nutrientNumber, unitName, value}`, full detail `{nutrient:{id, number,
 * unitName}, amount}` (group-header rows without `amount` are skipped), abridged detail `{number,
 * amount, unitName}` (no id), 2019 search hits without nutrients, Branded label values per serving.
 */

const nutrientRow = z.looseObject({
  nutrientId: looseNumber.optional(),
  nutrientNumber: looseString.optional(),
  nutrientName: looseString.optional(),
  unitName: looseString.optional(),
  value: looseNumber.optional(),
  number: looseString.optional(),
  name: looseString.optional(),
  amount: looseNumber.optional(),
  nutrient: z
    .looseObject({ id: looseNumber.optional(), number: looseString.optional(), name: looseString.optional(), unitName: looseString.optional() })
    .optional()
    .catch(undefined),
});

const category = z.union([z.string(), z.looseObject({ description: z.string().optional() })]).optional().catch(undefined);

export const usdaFoodSchema = z.looseObject({
  fdcId: looseNumber.pipe(z.number().int().positive()),
  description: z.string().catch(''),
  dataType: looseString.optional(),
  foodClass: looseString.optional(),
  ndbNumber: looseString.optional(),
  foodCategory: category,
  brandedFoodCategory: looseString.optional(),
  wweiaFoodCategory: z.looseObject({ wweiaFoodCategoryDescription: z.string().optional() }).optional().catch(undefined),
  brandOwner: looseString.optional(),
  brandName: looseString.optional(),
  gtinUpc: looseString.optional(),
  ingredients: looseString.optional(),
  servingSize: looseNumber.optional(),
  servingSizeUnit: looseString.optional(),
  householdServingFullText: looseString.optional(),
  labelNutrients: z.record(z.string(), z.looseObject({ value: looseNumber.optional() }).catch({ value: undefined })).optional().catch(undefined),
  foodNutrients: z.array(z.unknown()).optional().catch(undefined),
  score: looseNumber.optional(),
});
export type UsdaFoodBody = z.infer<typeof usdaFoodSchema>;

export const usdaSearchSchema = z.looseObject({
  totalHits: looseNumber.optional(),
  currentPage: looseNumber.optional(),
  totalPages: looseNumber.optional(),
  foods: z.array(z.unknown()).default([]),
});

/** One nutrient row, whichever of the three shapes it came in. */
export interface NutrientValue {
  id?: number;
  number?: string;
  name?: string;
  unit?: Unit;
  amount: number;
}

/** Legacy SR nutrient numbers → FDC ids, for abridged bodies that carry only the number. */
const ID_BY_NUMBER: Record<string, number> = {
  '208': 1008, '957': 2047, '958': 2048, '268': 1062, '203': 1003, '204': 1004, '205': 1005, '205.2': 1050,
  '291': 1079, '269': 2000, '269.3': 1063, '539': 1235, '606': 1258, '605': 1257, '401': 1162, '323': 1109,
  '851': 1404, '619': 1270, '629': 1278, '621': 1272, '675': 1316, '618': 1269, '262': 1057, '307': 1093,
};

export function readNutrientRows(rows: readonly unknown[] | undefined): Map<number, NutrientValue> {
  const out = new Map<number, NutrientValue>();
  for (const raw of rows ?? []) {
    const r = nutrientRow.safeParse(raw);
    if (!r.success) continue;
    const row = r.data;
    const amount = row.amount ?? row.value;
    if (amount === undefined) continue; // group header ("Proximates") or an empty row
    const number = row.nutrient?.number ?? row.nutrientNumber ?? row.number;
    const id = row.nutrient?.id ?? row.nutrientId ?? (number !== undefined ? ID_BY_NUMBER[number] : undefined);
    if (id === undefined) continue;
    if (out.has(id)) continue; // first row for an id wins (FDC lists each once)
    out.set(id, { id, number, name: row.nutrient?.name ?? row.nutrientName ?? row.name, unit: unitOf(row.nutrient?.unitName ?? row.unitName), amount });
  }
  return out;
}

function pick(rows: Map<number, NutrientValue>, ids: readonly number[], unit: Unit): number | undefined {
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) continue;
    const v = convert(row.amount, row.unit, unit);
    if (v !== undefined && v >= 0) return v;
  }
  return undefined;
}

/** Per-100 g nutrients from FDC rows, with the fallbacks data/README.md §5 lists. */
export function nutrientsFromRows(rows: Map<number, NutrientValue>): NutrientsPer100g {
  const n: NutrientsPer100g = {};
  const set = (k: keyof NutrientsPer100g, v: number | undefined) => {
    if (v !== undefined) n[k] = tidy(v);
  };
  // Energy: 1008 (kcal); Foundation foods often lack it → Atwater general 2047, specific 2048; else kJ.
  set('energy_kcal', pick(rows, [1008, 2047, 2048], 'kcal') ?? pick(rows, [1062], 'kcal'));
  set('protein_g', pick(rows, [1003], 'g'));
  set('fat_g', pick(rows, [1004], 'g'));
  set('carbohydrate_g', pick(rows, [1005, 1050], 'g'));
  set('fiber_g', pick(rows, [1079], 'g'));
  set('sugars_g', pick(rows, [2000, 1063], 'g'));
  set('added_sugars_g', pick(rows, [1235], 'g'));
  set('saturated_fat_g', pick(rows, [1258], 'g'));
  set('trans_fat_g', pick(rows, [1257], 'g'));
  set('vitamin_c_mg', pick(rows, [1162], 'mg'));
  set('vitamin_e_mg', pick(rows, [1109], 'mg'));
  set('caffeine_mg', pick(rows, [1057], 'mg'));
  set('sodium_mg', pick(rows, [1093], 'mg'));
  // Omega-3 = ALA (18:3 n-3 c,c,c, else total 18:3) + EPA + DHA; known when any part is.
  const ala = pick(rows, [1404, 1270], 'g');
  const epa = pick(rows, [1278], 'g');
  const dha = pick(rows, [1272], 'g');
  if (ala !== undefined || epa !== undefined || dha !== undefined) set('omega3_g', (ala ?? 0) + (epa ?? 0) + (dha ?? 0));
  set('omega6_g', pick(rows, [1316, 1269], 'g'));
  return n;
}

/** Branded label keys (per serving) → our fields and the unit the label uses. */
const LABEL_FIELDS: [string, keyof NutrientsPer100g, number][] = [
  ['calories', 'energy_kcal', 1],
  ['protein', 'protein_g', 1],
  ['fat', 'fat_g', 1],
  ['carbohydrates', 'carbohydrate_g', 1],
  ['fiber', 'fiber_g', 1],
  ['sugars', 'sugars_g', 1],
  ['addedSugar', 'added_sugars_g', 1],
  ['saturatedFat', 'saturated_fat_g', 1],
  ['transFat', 'trans_fat_g', 1],
  ['sodium', 'sodium_mg', 1],
];

/**
 * Branded `labelNutrients` are per serving; they fill only what `foodNutrients` (already per 100 g)
 * lacks, scaled by 100 / servingSize when the serving is in g or ml.
 */
function fillFromLabel(n: NutrientsPer100g, food: UsdaFoodBody): void {
  const label = food.labelNutrients;
  const size = food.servingSize;
  const unit = food.servingSizeUnit?.trim().toLowerCase();
  if (!label || !size || size <= 0 || !(unit === 'g' || unit === 'grm' || unit === 'ml' || unit === 'mlt')) return;
  for (const [key, field] of LABEL_FIELDS) {
    const v = label[key]?.value;
    if (v === undefined || n[field] !== undefined) continue;
    n[field] = tidy((v * 100) / size);
  }
}

export function categoryOf(food: UsdaFoodBody): string | undefined {
  const c = food.foodCategory;
  const fromCategory = typeof c === 'string' ? c : c?.description;
  return (fromCategory || food.brandedFoodCategory || food.wweiaFoodCategory?.wweiaFoodCategoryDescription || undefined)?.trim() || undefined;
}

export interface UsdaFood {
  fdcId: number;
  description: string;
  dataType?: string;
  brand?: string;
  /** True when the body carried at least one usable nutrient. */
  hasNutrients: boolean;
  data: IngredientData;
}

/** One FDC food (search hit, full or abridged detail) → IngredientData, nutrients per 100 g. */
export function usdaFoodToIngredient(body: unknown, name?: string): UsdaFood {
  const parsed = usdaFoodSchema.safeParse(body);
  if (!parsed.success) throw new UpstreamFormatError(`USDA food body has no usable fdcId/description: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const food = parsed.data;
  const nutrients = nutrientsFromRows(readNutrientRows(food.foodNutrients));
  fillFromLabel(nutrients, food);

  const text = flagsFromIngredientText(food.ingredients);
  const caffeine: FlagResult =
    nutrients.caffeine_mg !== undefined && nutrients.caffeine_mg > 0
      ? { flags: ['caffeine'], reasons: { caffeine: `caffeine ${nutrients.caffeine_mg} mg/100 g` } }
      : { flags: [], reasons: {} };
  const flags = combineFlags(text, caffeine);

  const description = food.description.trim();
  const data: IngredientData = {
    name: name ?? description.toLowerCase(),
    nutrients,
    flags: flags.flags,
    sources: [{ name: 'USDA FoodData Central', id: String(food.fdcId), detail: food.dataType ? `${description} (${food.dataType})` : description }],
  };
  if (flags.flags.length > 0) data.flag_reasons = flags.reasons;
  const cat = categoryOf(food);
  if (cat) data.category = cat;
  const brand = food.brandName || food.brandOwner || undefined;
  return {
    fdcId: food.fdcId,
    description,
    dataType: food.dataType,
    brand,
    hasNutrients: Object.keys(nutrients).length > 0,
    data,
  };
}

export interface UsdaSearchResult {
  totalHits: number;
  foods: UsdaFood[];
}

/** A `/foods/search` body (current or 2019 shape) → parsed hits; hits that cannot be read are skipped. */
export function parseUsdaSearch(body: unknown): UsdaSearchResult {
  const parsed = usdaSearchSchema.safeParse(body);
  if (!parsed.success) throw new UpstreamFormatError('USDA search body is not a search result');
  const foods: UsdaFood[] = [];
  for (const raw of parsed.data.foods) {
    try {
      foods.push(usdaFoodToIngredient(raw));
    } catch {
      // one unreadable hit does not spoil the rest
    }
  }
  return { totalHits: parsed.data.totalHits ?? foods.length, foods };
}
