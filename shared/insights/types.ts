import type { ExposureComparison } from './comparison';
import type { ComponentTest } from './components-types';
import type { CyclePhase, SymptomDefinition, SymptomPolarity } from '../schema';

/** The fields of a daily log the engine reads (DailyLog and an export file's logs both fit). */
export interface DiaryEntry {
  date: string;
  ingredients: readonly string[];
  symptoms: Readonly<Record<string, number>>;
  cycle_phase?: CyclePhase | null | undefined;
}

export interface AnalyseOptions {
  /** Symptom definitions (custom symptoms and their polarity); built-ins apply when a key is absent. */
  definitions?: readonly SymptomDefinition[];
}

/** One ingredient × symptom comparison (DESIGN §4); p_adjusted is Bonferroni within the symptom (foods tested). */
export interface TriggerTest extends ExposureComparison {
  ingredient: string;
}

export interface LagResult {
  ingredient: string;
  symptom: string;
  /** r at lags 0, 1, 2, 3 days (null with < 8 pairs or a constant side). */
  correlations: (number | null)[];
  best_lag: number | null;
  p_value: number | null;
}

export interface CycleResult {
  symptom: string;
  f_statistic: number | null;
  p_value: number | null;
  /** Means of the phases with ≥ 2 logs, in menstrual, follicular, ovulatory, luteal order. */
  phase_means: Partial<Record<CyclePhase, number>>;
  worst_phase: CyclePhase | null;
}

export interface WeekdayResult {
  symptom: string;
  /** Welch t of weekday minus weekend. */
  t_statistic: number | null;
  p_value: number | null;
  weekday_mean: number | null;
  weekend_mean: number | null;
}

export interface TrendResult {
  symptom: string;
  slope_per_day: number | null;
  p_value: number | null;
}

/** Exactly what `aurea insights --json` prints (DESIGN §4), in this key order. */
export interface InsightsReport {
  log_count: number;
  tests: TriggerTest[];
  triggers: TriggerTest[];
  lags: LagResult[];
  cycle: CycleResult[];
  weekday: WeekdayResult[];
  trend: TrendResult[];
}

export type Direction = 'worse' | 'better';

/** A significant best lag > 0 (p < 0.05 / foods tested). */
export interface DelayedEffect {
  ingredient: string;
  symptom: string;
  lag: number;
  correlation: number;
  p_value: number;
  p_adjusted: number;
  /** Pairs of days (d, d + lag) behind the correlation. */
  n_pairs: number;
  /** Mean symptom `lag` days after a day with / without the ingredient. */
  mean_with: number;
  mean_without: number;
  direction: Direction;
}

/**
 * A finding that only looks linked because its days are mostly the days of a stronger finding of the
 * same symptom (issue 16): `aurea insights --json`'s `explained`.
 */
export interface ExplainedFinding {
  ingredient: string;
  symptom: string;
  /** 0 for a same-day trigger, 1–3 for a delayed effect. */
  lag_days: number;
  /** The finding that explains it. */
  by_ingredient: string;
  by_lag_days: number;
  /** Share of this finding's days that are also the other finding's days. */
  overlap: number;
  /** p of this food on the days without the other, and of the other on the days without this one. */
  p_without: number;
  p_by_without: number;
}

export interface MonthMean {
  /** 1 = January … 12 = December. */
  month: number;
  n: number;
  mean: number;
}

/** Month-of-year means, when the diary spans more than 3 months. */
export interface SeasonalResult {
  symptom: string;
  month_means: MonthMean[];
  /** ANOVA across months with ≥ 2 logs (null with fewer than 2 such months). */
  f_statistic: number | null;
  p_value: number | null;
  worst_month: number | null;
}

export type SymptomStatus = 'analysed' | 'too_few' | 'no_variance';

/** What the engine saw for a symptom: enough to say what is missing when a finding is absent. */
export interface SymptomCoverage {
  symptom: string;
  polarity: SymptomPolarity;
  status: SymptomStatus;
  /** Logs that rate this symptom. */
  n: number;
  mean: number | null;
  /** Foods compared for this symptom (the Bonferroni m). */
  foods_tested: number;
  /** Pairs of logged days (d, d + k) with the symptom on the later day, k = 0…3. */
  lag_pairs: number[];
  weekday_n: number;
  weekend_n: number;
  phase_counts: Record<CyclePhase, number>;
}

/** An ingredient logged with this symptom that is not tested yet: too few days with or without it. */
export interface UntestedIngredient {
  ingredient: string;
  symptom: string;
  n_present: number;
  n_absent: number;
  /** More days with the ingredient (rating the symptom) needed before it can be tested. */
  more_with: number;
  /** More days without it needed. */
  more_without: number;
}

/** The engine's full result: the §4 report plus what the app needs to explain it. */
export interface InsightsResult extends InsightsReport {
  engine_version: number;
  first_date: string | null;
  last_date: string | null;
  /** Significant tests where the ingredient goes with a better symptom, strongest first per symptom. */
  protective: TriggerTest[];
  delayed: DelayedEffect[];
  seasonal: SeasonalResult[];
  symptoms: SymptomCoverage[];
  untested: UntestedIngredient[];
  /** Findings explained by a co-occurring stronger finding; they stay in `triggers`/`delayed` (§4-exact). */
  explained: ExplainedFinding[];
  /** Component × symptom × lag tests, a Bonferroni family of their own (components.ts). */
  components?: ComponentTest[];
}
