import type { EncodingSpec } from './encoding';
import type { SymptomNet } from './net';
import type { ModelSymptom, TargetKey } from './targets';

/**
 * Which predictor a model set uses (ADR §3 model selection, chosen by measurement):
 * - cold_start: < 14 logs; the ADR's rule on general ingredient scores.
 * - logistic: 14–49 logs; a sparse ordinal logistic model on what was eaten that day and the day
 *   before, plus the cycle phase, with a fixed penalty (too few days to choose one from the data).
 * - ordinal: ≥ 50 logs; the same model family on every ADR feature (lags, 7-day frequencies,
 *   calendar, cycle, recent symptoms), its penalty chosen by time-ordered validation.
 */
export type Tier = 'cold_start' | 'logistic' | 'ordinal';
export type Confidence = 'low' | 'medium' | 'high';

export interface Penalty {
  l1: number;
  l2: number;
}

/** Held-out scores of one target on the latest 20 % of the training window. */
export interface TargetMetrics {
  n_train: number;
  n_validation: number;
  positives: number;
  /** null when the validation days do not contain both outcomes. */
  auc: number | null;
  auc_se: number | null;
  brier: number;
  /** Brier score of always predicting the training base rate. */
  climatology_brier: number;
  /** 1 − brier / climatology_brier: above 0 means better than knowing only the usual rate. */
  brier_skill: number;
  accuracy: number;
  /** The forecasts lost to the usual rate, so this target predicts the usual rate instead. */
  muted: boolean;
}

export interface SymptomModel {
  net: SymptomNet;
  /** The penalties blended into this model and their shares (one member for the small tier). */
  penalties: (Penalty & { weight: number })[];
  /** Rated logs this symptom was trained on. */
  n_train: number;
}

export interface ModelSet {
  version: number;
  trained_at: string;
  tier: Tier;
  /** Logs in the training window (the rows the models were fitted on). */
  training_samples: number;
  /** All logs the person had when this was trained (shouldRetrain counts new logs from here). */
  log_count: number;
  window: { from: string; to: string; days: number | null } | null;
  spec: EncodingSpec | null;
  models: Partial<Record<ModelSymptom, SymptomModel>>;
  /** Share of training days with each outcome (smoothed towards typical rates when there are few). */
  base_rates: Record<TargetKey, number>;
  mean_bloating: number;
  metrics: Partial<Record<TargetKey, TargetMetrics>>;
  confidence: Record<TargetKey, Confidence>;
  /** Loose-stool days (STOOL_LOOSE_TARGET), only when the person tracks stool form. */
  stool?: StoolModel;
}

export interface StoolModel {
  /** Share of tracked days with a loose stool (smoothed like the other rates). */
  base_rate: number;
  /** Absent below 14 tracked days, or when its forecasts lost to the usual rate (muted). */
  model?: SymptomModel;
  metrics?: TargetMetrics;
  confidence: Confidence;
}

/** The general ingredient scores the cold-start rule reads (shared/scoring's scoreIngredient gives these). */
export type IngredientScoreLookup = (name: string) => { gut_impact: number; inflammation_potential: number } | undefined;

export interface Contribution {
  kind: 'ingredient' | 'component' | 'cycle' | 'general';
  /** The ingredient, component key (shared/ingredients/components.ts) or cycle phase. */
  name: string;
  direction: 'up' | 'down';
  /** Change of the probability this factor makes, −1..1 (0.12 = 12 points). */
  effect: number;
  timing: 'same_day' | 'day_before' | 'recent_days' | null;
  text: string;
}

export interface Prediction {
  date: string;
  bloating_probability: number;
  energy_low_probability: number;
  brain_fog_probability: number;
  /** Expected bloating rating, 0–5. */
  bloating_score: number;
  /** The highest of the per-target confidences (see confidence_by_target). */
  confidence: Confidence;
  confidence_by_target: Record<TargetKey, Confidence>;
  interpretation: string;
  contributions: Record<TargetKey, Contribution[]>;
  tier: Tier;
  model_version: number;
  /** Present only when the person tracks stool form (the model set has a `stool` part). */
  stool_loose_probability?: number;
  stool_loose_confidence?: Confidence;
  stool_loose_contributions?: Contribution[];
}
