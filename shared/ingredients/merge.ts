import type { IngredientData, IngredientFlag, NutrientsPer100g, SourceName, SourceRef } from './types';

/**
 * The ADR's merge table (§1, IngredientDataFetcher), as a pure function:
 *
 *   field              primary            fallback
 *   macronutrients     USDA               Open Food Facts   (per nutrient)
 *   glycemic index     USDA (if present)  Open Food Facts
 *   additives          Open Food Facts    —
 *   allergens          Open Food Facts    USDA
 *   category           Open Food Facts    USDA
 *
 * Flags are the union of both sides (each side's reasons kept). Every merged field records the source
 * it came from, so the UI can say where a number comes from.
 */

export type MergeField = keyof NutrientsPer100g | 'glycemic_index' | 'additives' | 'allergens' | 'category';

/** Which source each merged field came from; fields absent from both sides are absent here. */
export type Provenance = Partial<Record<MergeField, SourceName>>;

export interface MergedIngredient {
  data: IngredientData;
  provenance: Provenance;
}

const NUTRIENT_KEYS: readonly (keyof NutrientsPer100g)[] = [
  'energy_kcal', 'protein_g', 'fat_g', 'carbohydrate_g', 'fiber_g', 'sugars_g', 'added_sugars_g', 'saturated_fat_g',
  'trans_fat_g', 'omega3_g', 'omega6_g', 'vitamin_c_mg', 'vitamin_e_mg', 'caffeine_mg', 'sodium_mg',
];

/** The source a side speaks for: its first SourceRef, or the upstream it stands for. */
function sourceOf(side: IngredientData, fallback: SourceName): SourceName {
  return side.sources[0]?.name ?? fallback;
}

function sameSource(a: SourceRef, b: SourceRef): boolean {
  return a.name === b.name && (a.id ?? '') === (b.id ?? '');
}

/**
 * Merges what USDA and Open Food Facts say about one ingredient under the display name `name`.
 * Either side may be missing; returns null when both are.
 */
export function mergeIngredientData(name: string, usda: IngredientData | null | undefined, off: IngredientData | null | undefined): MergedIngredient | null {
  if (!usda && !off) return null;
  const provenance: Provenance = {};
  const usdaSource = usda ? sourceOf(usda, 'USDA FoodData Central') : null;
  const offSource = off ? sourceOf(off, 'Open Food Facts') : null;

  const nutrients: NutrientsPer100g = {};
  for (const key of NUTRIENT_KEYS) {
    const u = usda?.nutrients[key];
    const o = off?.nutrients[key];
    if (u !== undefined && usdaSource) {
      nutrients[key] = u;
      provenance[key] = usdaSource;
    } else if (o !== undefined && offSource) {
      nutrients[key] = o;
      provenance[key] = offSource;
    }
  }

  const data: IngredientData = { name, nutrients, flags: [], sources: [] };

  if (usda?.glycemic_index != null && usdaSource) {
    data.glycemic_index = usda.glycemic_index;
    provenance.glycemic_index = usdaSource;
  } else if (off?.glycemic_index != null && offSource) {
    data.glycemic_index = off.glycemic_index;
    provenance.glycemic_index = offSource;
  }

  // Additives come from Open Food Facts only: USDA does not list E-numbers.
  if (off?.additives && offSource) {
    data.additives = [...off.additives];
    provenance.additives = offSource;
  }

  // An Open Food Facts list counts even when empty ("no allergens declared"); USDA fills in otherwise.
  if (off?.allergens && offSource) {
    data.allergens = [...off.allergens];
    provenance.allergens = offSource;
  } else if (usda?.allergens && usdaSource) {
    data.allergens = [...usda.allergens];
    provenance.allergens = usdaSource;
  }

  if (off?.category && offSource) {
    data.category = off.category;
    provenance.category = offSource;
  } else if (usda?.category && usdaSource) {
    data.category = usda.category;
    provenance.category = usdaSource;
  }

  const flags: IngredientFlag[] = [];
  const reasons: Partial<Record<IngredientFlag, string>> = {};
  for (const side of [off, usda]) {
    if (!side) continue;
    for (const f of side.flags) {
      if (!flags.includes(f)) flags.push(f);
      const why = side.flag_reasons?.[f];
      if (why && !reasons[f]) reasons[f] = why;
    }
  }
  data.flags = flags;
  if (Object.keys(reasons).length > 0) data.flag_reasons = reasons;

  for (const side of [usda, off]) {
    for (const s of side?.sources ?? []) if (!data.sources.some((t) => sameSource(t, s))) data.sources.push({ ...s });
  }
  if (usda?.well_studied || off?.well_studied) data.well_studied = true;

  return { data, provenance };
}
