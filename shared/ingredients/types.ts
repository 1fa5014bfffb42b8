/**
 * What Aurea knows about one ingredient, whichever source it came from (bundled SR28 table, USDA
 * FoodData Central, Open Food Facts, the curated knowledge table). The scorer reads only this.
 * Every amount is per 100 g; a missing field means "unknown", never zero.
 */
export interface NutrientsPer100g {
  energy_kcal?: number;
  protein_g?: number;
  fat_g?: number;
  carbohydrate_g?: number;
  fiber_g?: number;
  sugars_g?: number;
  added_sugars_g?: number;
  saturated_fat_g?: number;
  trans_fat_g?: number;
  /** Total omega-3 (ALA + EPA + DHA), g. */
  omega3_g?: number;
  /** Total omega-6 (linoleic acid), g. */
  omega6_g?: number;
  vitamin_c_mg?: number;
  vitamin_e_mg?: number;
  caffeine_mg?: number;
  sodium_mg?: number;
}

export const INGREDIENT_FLAGS = [
  'fermented',
  'prebiotic',
  'polyphenols',
  'phytoestrogen',
  'caffeine',
  'refined_sugar',
  'refined_grain',
  'omega3_rich',
  'omega6_heavy',
  'artificial_sweetener',
  'emulsifier',
  'artificial_colour',
] as const;
export type IngredientFlag = (typeof INGREDIENT_FLAGS)[number];

export type SourceName =
  | 'USDA SR28'
  | 'USDA FoodData Central'
  | 'Open Food Facts'
  | 'Aurea knowledge table'
  | 'Glycemic index table';

export interface SourceRef {
  name: SourceName;
  /** NDB number, FDC id, barcode, or table row. */
  id?: string;
  /** Human-readable detail, e.g. the SR28 description or the GI table's food name. */
  detail?: string;
}

export interface IngredientData {
  /** Display name, e.g. "milk" or a product name. */
  name: string;
  nutrients: NutrientsPer100g;
  /** Glycemic index (glucose = 100) when known. */
  glycemic_index?: number | null;
  flags: IngredientFlag[];
  /** Why each flag is set, e.g. { artificial_sweetener: "additive E951 (aspartame)" }. */
  flag_reasons?: Partial<Record<IngredientFlag, string>>;
  /** E-numbers from Open Food Facts, lower-case without the "en:" prefix, e.g. "e951". */
  additives?: string[];
  allergens?: string[];
  category?: string;
  sources: SourceRef[];
  /** Everyday foods with a large evidence base (curated), for the "high" confidence rule. */
  well_studied?: boolean;
}

export type ImpactLevel = 'low' | 'moderate' | 'high';

export interface HormonalRelevance {
  score: number;
  insulin_impact: ImpactLevel;
  estrogen_impact: ImpactLevel;
  cortisol_impact: ImpactLevel;
  details: string;
}

export type ScoreDimension = 'blood_sugar' | 'inflammation' | 'gut' | 'hormonal' | 'confidence';

/** One rule that fired, with its points — the "why" behind a score. */
export interface ScoreReason {
  dimension: ScoreDimension;
  /** Stable rule id, e.g. "fiber_gt_5". */
  rule: string;
  points: number;
  /** Plain text, e.g. "fiber 7.9 g/100 g: +10". */
  text: string;
}

export type EvidenceConfidence = 'high' | 'medium' | 'low';

export interface IngredientScores {
  blood_sugar_impact: number;
  inflammation_potential: number;
  gut_impact: number;
  hormonal_relevance: HormonalRelevance;
  overall_score: number;
}

export interface ScoredIngredient {
  scores: IngredientScores;
  evidence_confidence: EvidenceConfidence;
  reasons: ScoreReason[];
}
