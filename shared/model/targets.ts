/** What the model predicts (ADR §3): three yes/no outcomes read off the 0–5 ratings, and the bloating score. */

export type TargetKey = 'bloating' | 'energy_low' | 'brain_fog';
export type ModelSymptom = 'bloating' | 'energy' | 'focus';

export interface TargetDef {
  key: TargetKey;
  symptom: ModelSymptom;
  /** Field name in predictions and the backtest output. */
  probabilityKey: 'bloating_probability' | 'energy_low_probability' | 'brain_fog_probability';
  /** Plain words for sentences: "bloating", "low energy", "brain fog". */
  label: string;
  /** Plain words for the outcome: "bloating of 3 or more". */
  outcome: string;
  happened(value: number | undefined): boolean;
  /** The outcome's probability from P(score ≥ k), k = 1..5. */
  fromExceedance(exceedance: readonly number[]): number;
}

export const MODEL_SYMPTOMS: readonly ModelSymptom[] = ['bloating', 'energy', 'focus'];

export const TARGETS: readonly TargetDef[] = [
  {
    key: 'bloating',
    symptom: 'bloating',
    probabilityKey: 'bloating_probability',
    label: 'bloating',
    outcome: 'bloating of 3 or more',
    happened: (v) => v !== undefined && v >= 3,
    fromExceedance: (e) => e[2]!,
  },
  {
    key: 'energy_low',
    symptom: 'energy',
    probabilityKey: 'energy_low_probability',
    label: 'low energy',
    outcome: 'energy of 2 or less',
    happened: (v) => v !== undefined && v <= 2,
    fromExceedance: (e) => 1 - e[2]!,
  },
  {
    key: 'brain_fog',
    symptom: 'focus',
    probabilityKey: 'brain_fog_probability',
    label: 'brain fog',
    outcome: 'focus of 2 or less',
    happened: (v) => v !== undefined && v <= 2,
    fromExceedance: (e) => 1 - e[2]!,
  },
];

export function targetDef(key: TargetKey): TargetDef {
  return TARGETS.find((t) => t.key === key)!;
}

/**
 * An outcome predicted only for people who track it: a loose-stool day (any Bristol type 6–7), read
 * off the daily 0/1 `stool_loose` outcome (shared/stool). Kept apart from TARGETS so the three core
 * targets, their numbers and every output shape stay exactly as they are for everyone else.
 */
export interface ExtraTargetDef {
  key: 'stool_loose';
  symptom: 'stool_loose';
  probabilityKey: 'stool_loose_probability';
  label: string;
  outcome: string;
  /** Yes/no outcome: a two-category model (P(outcome ≥ 1)). */
  categories: 2;
  happened(value: number | undefined): boolean;
  fromExceedance(exceedance: readonly number[]): number;
}

export const STOOL_LOOSE_TARGET: ExtraTargetDef = {
  key: 'stool_loose',
  symptom: 'stool_loose',
  probabilityKey: 'stool_loose_probability',
  label: 'loose stool',
  outcome: 'a loose stool (type 6 or 7)',
  categories: 2,
  happened: (v) => v !== undefined && v >= 1,
  fromExceedance: (e) => e[0]!,
};

/** What the explanations need from a target (core or extra). */
export type AnyTargetDef = Pick<TargetDef, 'label' | 'outcome' | 'fromExceedance'> & { key: string };
