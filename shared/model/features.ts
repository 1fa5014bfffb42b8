/**
 * Feature engineering for the per-person model (ADR §3, DESIGN §5). One function computes the features
 * of a day from the logs strictly before it plus that day's own ingredients and cycle phase, and it is
 * used both for training rows and for predictions, so training and prediction can never disagree.
 * The symptoms of the day being predicted are never read.
 */
import { median } from 'simple-statistics';
import type { CyclePhase } from '../schema';
import { dayNumber, isoWeekday } from '../util/dates';
import { componentFeatures } from './components';

/** What the model reads from a log (an ExportedLog or DailyLog fits). */
export interface ModelLog {
  date: string;
  ingredients: readonly string[];
  symptoms: Readonly<Record<string, number>>;
  cycle_phase?: CyclePhase | null;
}

/** What is known about the day being predicted: never its symptoms. */
export interface DayQuery {
  date: string;
  ingredients: Iterable<string>;
  cycle_phase?: CyclePhase | null;
}

export interface PreparedLog {
  date: string;
  day: number;
  ingredients: ReadonlySet<string>;
  /** The day's component features (components.ts): they get the same lag features as foods. */
  components: readonly string[];
  symptoms: Readonly<Record<string, number>>;
  phase: CyclePhase | null;
}

/** Logs sorted by date with a day index, ready for feature look-ups. */
export interface History {
  logs: PreparedLog[];
  days: Int32Array;
  /** First day of a period: a menstrual log with no menstrual log in the 7 days before it. */
  menstrualStarts: Int32Array;
}

/** days_since_last is capped here: "two weeks or more, or never". */
export const DAYS_SINCE_CAP = 14;
const DEFAULT_CYCLE = 28;

/** Sorts, de-duplicates ingredients within a day, and indexes the logs. Later duplicates of a date win. */
export function prepareHistory(logs: readonly ModelLog[]): History {
  const byDay = new Map<number, PreparedLog>();
  for (const l of logs) {
    const day = dayNumber(l.date);
    byDay.set(day, { date: l.date, day, ingredients: new Set(l.ingredients), components: componentFeatures(l.ingredients), symptoms: l.symptoms, phase: l.cycle_phase ?? null });
  }
  const sorted = [...byDay.values()].sort((a, b) => a.day - b.day);
  const menstrualStarts: number[] = [];
  let lastMenstrual = -Infinity;
  for (const l of sorted) {
    if (l.phase !== 'menstrual') continue;
    if (l.day - lastMenstrual > 7) menstrualStarts.push(l.day);
    lastMenstrual = l.day;
  }
  return { logs: sorted, days: Int32Array.from(sorted.map((l) => l.day)), menstrualStarts: Int32Array.from(menstrualStarts) };
}

/** Index of the first log on or after `day`. */
export function lowerBound(days: Int32Array, day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface IngredientFeatures {
  present_today: 0 | 1;
  /** Eaten on a logged day among the 3 days before. */
  present_last_3_days: 0 | 1;
  /** Logged days among the 7 before that include it (0–7). */
  frequency_last_7_days: number;
  /** Days since it was last logged before this day, capped at DAYS_SINCE_CAP (also when never). */
  days_since_last: number;
}

export type SymptomTrend = -1 | 0 | 1;

/** The ADR's engineered features for one day, before encoding for a model. */
export interface DayFeatures {
  date: string;
  /**
   * Features of every vocabulary ingredient eaten on the day or in the DAYS_SINCE_CAP days before
   * (component features in the vocabulary included, keyed by their feature name).
   * Any other vocabulary ingredient has the default NOT_EATEN (read through ingredientFeatures()).
   */
  ingredients: Map<string, IngredientFeatures>;
  day_of_week: number;
  is_weekend: 0 | 1;
  /** Days since the person's first log (0 on the first day, or when there is no history). */
  days_since_first_log: number;
  cycle_phase: CyclePhase | null;
  /** Estimated from logged periods; null when unknown (no periods logged, or too long ago). */
  days_until_menstruation: number | null;
  /** Mean of each symptom over logged days in the 7 before; null when none were logged. */
  rolling_mean_7d: Record<string, number | null>;
  /** Last 3 days vs the 4 before them: 1 increasing, 0 stable, −1 decreasing; null when unknown. */
  trend: Record<string, SymptomTrend | null>;
  /** Logged days among the 7 before (gaps make lag features less certain). */
  logs_last_7_days: number;
}

/** Median of consecutive period-start gaps that look like cycles (20–45 days); 28 when unknown. */
export function estimateCycleLength(starts: ArrayLike<number>): number {
  const gaps: number[] = [];
  for (let i = 1; i < starts.length; i++) {
    const g = starts[i]! - starts[i - 1]!;
    if (g >= 20 && g <= 45) gaps.push(g);
  }
  // simple-statistics' median: the middle gap, or the mean of the two middle ones.
  return gaps.length === 0 ? DEFAULT_CYCLE : median(gaps);
}

/**
 * Days until the next period starts, from the periods logged before `day` (and the day's own phase).
 * Unknown (null) with no logged period, or when the last one is more than three cycles back.
 */
export function daysUntilMenstruation(history: History, day: number, phase: CyclePhase | null): number | null {
  if (phase === 'menstrual') return 0;
  const starts = history.menstrualStarts;
  const before = lowerBound(starts, day);
  if (before === 0) return null;
  const last = starts[before - 1]!;
  const length = estimateCycleLength(starts.slice(Math.max(0, before - 13), before));
  const since = day - last;
  if (since > 3 * length) return null;
  const cycles = Math.max(1, Math.ceil((since + 1) / length));
  return Math.round(last + cycles * length - day);
}

/** An ingredient not eaten on the day nor in the DAYS_SINCE_CAP days before. */
export const NOT_EATEN: Readonly<IngredientFeatures> = Object.freeze({
  present_today: 0,
  present_last_3_days: 0,
  frequency_last_7_days: 0,
  days_since_last: DAYS_SINCE_CAP,
});

export function ingredientFeatures(f: DayFeatures, name: string): Readonly<IngredientFeatures> {
  return f.ingredients.get(name) ?? NOT_EATEN;
}

/**
 * Features for `query.date` from the logs strictly before it: the single source for training and
 * prediction. `vocabulary` limits the ingredient features to the person's vocabulary; component
 * features count only when it lists them, so a model trained without them reads the day as before.
 */
export function dayFeatures(history: History, query: DayQuery, vocabulary: ReadonlySet<string>, symptoms: readonly string[]): DayFeatures {
  const day = dayNumber(query.date);
  const { logs, days } = history;
  const end = lowerBound(days, day); // logs before the day
  const start = lowerBound(days, day - DAYS_SINCE_CAP);

  const ingredients = new Map<string, IngredientFeatures>();
  const today = [...query.ingredients];
  for (const name of today) {
    if (vocabulary.has(name)) ingredients.set(name, { ...NOT_EATEN, present_today: 1 });
  }
  for (const name of componentFeatures(today)) {
    if (vocabulary.has(name)) ingredients.set(name, { ...NOT_EATEN, present_today: 1 });
  }
  const eatenBefore = (name: string, ago: number) => {
    if (!vocabulary.has(name)) return;
    let f = ingredients.get(name);
    if (!f) {
      f = { ...NOT_EATEN };
      ingredients.set(name, f);
    }
    if (ago < f.days_since_last) f.days_since_last = ago;
    if (ago <= 3) f.present_last_3_days = 1;
    if (ago <= 7) f.frequency_last_7_days++;
  };
  let logs7 = 0;
  for (let i = end - 1; i >= start; i--) {
    const log = logs[i]!;
    const ago = day - log.day; // 1..14
    if (ago <= 7) logs7++;
    for (const name of log.ingredients) eatenBefore(name, ago);
    for (const name of log.components) eatenBefore(name, ago);
  }

  const rolling_mean_7d: Record<string, number | null> = {};
  const trend: Record<string, SymptomTrend | null> = {};
  for (const s of symptoms) {
    let sum = 0;
    let count = 0;
    let recentSum = 0;
    let recentCount = 0;
    let olderSum = 0;
    let olderCount = 0;
    for (let i = end - 1; i >= start; i--) {
      const log = logs[i]!;
      const ago = day - log.day;
      if (ago > 7) break;
      const v = log.symptoms[s];
      if (v === undefined) continue;
      sum += v;
      count++;
      if (ago <= 3) {
        recentSum += v;
        recentCount++;
      } else {
        olderSum += v;
        olderCount++;
      }
    }
    rolling_mean_7d[s] = count > 0 ? sum / count : null;
    if (recentCount > 0 && olderCount > 0) {
      const diff = recentSum / recentCount - olderSum / olderCount;
      trend[s] = diff > 0.5 ? 1 : diff < -0.5 ? -1 : 0;
    } else trend[s] = null;
  }

  const phase = query.cycle_phase ?? null;
  const weekday = isoWeekday(query.date);
  const first = logs.length > 0 && logs[0]!.day < day ? logs[0]!.day : day;
  return {
    date: query.date,
    ingredients,
    day_of_week: weekday,
    is_weekend: weekday >= 5 ? 1 : 0,
    days_since_first_log: day - first,
    cycle_phase: phase,
    days_until_menstruation: daysUntilMenstruation(history, day, phase),
    rolling_mean_7d,
    trend,
    logs_last_7_days: logs7,
  };
}

/** Per-person vocabulary: ingredients logged on at least `minCount` of the given days, most frequent first, capped. */
export function buildVocabulary(logs: readonly ModelLog[], minCount: number, cap: number): string[] {
  const counts = new Map<string, number>();
  for (const l of logs) for (const name of new Set(l.ingredients)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, cap)
    .map(([name]) => name);
}
