import * as z from 'zod/mini';
import { INGREDIENT_FLAGS, type IngredientFlag, type SourceName } from '../../../../shared/ingredients/types';

// ---------------------------------------------------------------------------------------------
// Validation of what the server sends (and of what we stored earlier)

export const SOURCE_NAMES = ['USDA SR28', 'USDA FoodData Central', 'Open Food Facts', 'Aurea knowledge table', 'Glycemic index table'] as const satisfies readonly SourceName[];
export const NUTRIENT_KEYS = [
  'energy_kcal', 'protein_g', 'fat_g', 'carbohydrate_g', 'fiber_g', 'sugars_g', 'added_sugars_g', 'saturated_fat_g',
  'trans_fat_g', 'omega3_g', 'omega6_g', 'vitamin_c_mg', 'vitamin_e_mg', 'caffeine_mg', 'sodium_mg',
] as const;

export const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
export const optString = z.optional(z.string());
const KNOWN_FLAGS: ReadonlySet<string> = new Set(INGREDIENT_FLAGS);
export const isFlag = (f: string): f is IngredientFlag => KNOWN_FLAGS.has(f);

export const nutrientsSchema = z.object(Object.fromEntries(NUTRIENT_KEYS.map((k) => [k, z.optional(finite)])) as Record<(typeof NUTRIENT_KEYS)[number], z.ZodMiniOptional<typeof finite>>);
export const sourceRefSchema = z.object({ name: z.enum(SOURCE_NAMES), id: optString, detail: optString });
// A newer server may know flags this app does not: those are dropped rather than refusing the food.
export const flagsSchema = z.pipe(z.array(z.string()), z.transform((a) => a.filter(isFlag)));

export const ingredientSchema = z.object({
  name: z.string(),
  nutrients: nutrientsSchema,
  glycemic_index: z.optional(z.nullable(finite)),
  flags: flagsSchema,
  flag_reasons: z.optional(z.record(z.string(), z.string())),
  additives: z.optional(z.array(z.string())),
  allergens: z.optional(z.array(z.string())),
  category: optString,
  sources: z.array(sourceRefSchema),
  well_studied: z.optional(z.boolean()),
});

export const impact = z.enum(['low', 'moderate', 'high']);
export const scoredSchema = z.object({
  scores: z.object({
    blood_sugar_impact: finite,
    inflammation_potential: finite,
    gut_impact: finite,
    hormonal_relevance: z.object({ score: finite, insulin_impact: impact, estrogen_impact: impact, cortisol_impact: impact, details: z.string() }),
    overall_score: finite,
  }),
  evidence_confidence: z.enum(['high', 'medium', 'low']),
  reasons: z.array(z.object({ dimension: z.enum(['blood_sugar', 'inflammation', 'gut', 'hormonal', 'confidence']), rule: z.string(), points: finite, text: z.string() })),
});

export const additiveSchema = z.object({
  tag: z.string(),
  code: z.string(),
  name: z.nullable(z.string()),
  classes: z.array(z.string()),
  flag: z.nullable(z.string()),
});

export const provenanceSchema = z.record(z.string(), z.enum(SOURCE_NAMES));
export const freshness = {
  fetched_at: z.string(),
  stale: z.boolean(),
  stale_reason: optString,
  warnings: z.array(z.string()),
};

export const ingredientResultSchema = z.object({
  name: z.string(),
  ingredient: ingredientSchema,
  score: scoredSchema,
  provenance: z.optional(provenanceSchema),
  ...freshness,
});

export const productSchema = z.object({
  code: z.string(),
  name: z.string(),
  brand: optString,
  quantity: optString,
  serving_size: optString,
  nutrition_data_per: optString,
  nova_group: z.optional(finite),
  nutriscore_grade: optString,
  image_url: optString,
  lang: optString,
  ingredients_text: optString,
  ingredients_lang: optString,
  // Read node by node by readOffIngredientNodes (shared/ingredients/off-ingredients.ts), which skips what it cannot use.
  ingredients: z.optional(z.array(z.unknown())),
  additives: z.array(additiveSchema),
  allergens: z.array(z.string()),
  traces: z.array(z.string()),
  categories: z.array(z.string()),
});

export const productResultSchema = z.object({
  barcode: z.string(),
  product: productSchema,
  ingredient: ingredientSchema,
  score: scoredSchema,
  provenance: z.optional(provenanceSchema),
  ...freshness,
});

export const searchHitSchema = z.object({
  kind: z.enum(['ingredient', 'product']),
  source: z.enum(['USDA FoodData Central', 'Open Food Facts']),
  id: z.string(),
  description: z.string(),
  suggested_name: z.string(),
  brand: optString,
  data_type: optString,
  category: optString,
  image_url: optString,
  ingredient: ingredientSchema,
  score: scoredSchema,
});

export const searchResultSchema = z.object({ query: z.string(), results: z.array(searchHitSchema), ...freshness });

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type ServerIngredient = z.infer<typeof ingredientResultSchema>;
export type ServerProduct = z.infer<typeof productResultSchema>;
export type ServerSearch = z.infer<typeof searchResultSchema>;
export type ServerSearchHit = z.infer<typeof searchHitSchema>;

export const parsedSchema = z.object({ names: z.array(z.string()), from: z.enum(['list', 'text', 'none']), unread: z.array(z.string()) });

/** What is stored in foodCache.data: a FoodView without its origin (it is "cache" when read back). */
export const storedViewSchema = z.object({
  v: z.literal(1),
  key: z.string(),
  name: z.string(),
  ingredient: ingredientSchema,
  score: scoredSchema,
  stale: z.boolean(),
  warnings: z.array(z.string()),
  provenance: provenanceSchema,
  additives: z.array(additiveSchema),
  // `parsed` is absent in rows stored before products could be logged; it is worked out again when read.
  product: z.nullable(z.extend(z.omit(productSchema, { additives: true }), { barcode: z.string(), parsed: z.optional(parsedSchema) })),
});

