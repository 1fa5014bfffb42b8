/**
 * The person's usual rate for each prediction target, defined once (issue 12 §2): the share of their own
 * rated days in the model's window (the last DEFAULT_WINDOW_DAYS days up to their latest log) on which
 * the outcome happened. Predict, the track record and the report all read it from here, so "usual" is
 * the same number before and after a model trains. Under MIN_RATED_DAYS_FOR_USUAL rated days there is
 * no usual rate ("not enough days yet"), never a guess.
 */
import { addDays } from '../util/dates';
import { TARGETS, type TargetKey } from './targets';
import { DEFAULT_WINDOW_DAYS, MIN_LOGS_FOR_TRAINING } from './thresholds';

/** Rated days a usual rate needs: the same 14 a personal model needs. */
export const MIN_RATED_DAYS_FOR_USUAL = MIN_LOGS_FOR_TRAINING;

/** What usualRates needs of a day: its date and its 0–5 ratings. */
export interface RatedDay {
  date: string;
  symptoms: Readonly<Record<string, number | null | undefined>>;
}

export interface UsualRate {
  /** Share of rated days in the window on which the outcome happened; null under the minimum. */
  rate: number | null;
  /** Days in the window with this symptom rated. */
  rated_days: number;
  /** Days on which the outcome happened. */
  happened_days: number;
  /** More rated days needed before a usual rate is shown (0 once there is one). */
  days_needed: number;
}

export interface UsualDay {
  /** First and last date of the window (null for an empty diary). */
  window: { from: string; to: string } | null;
  rates: Record<TargetKey, UsualRate>;
  /** Mean bloating rating in the window (the usual expected bloating); null under the minimum. */
  bloating_mean: number | null;
}

function rated(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5;
}

/**
 * The person's usual day from their diary: per target, how often the outcome happened on their rated
 * days in the window ending at their latest log. `windowDays: null` uses every day.
 */
export function usualRates(days: readonly RatedDay[], options: { windowDays?: number | null } = {}): UsualDay {
  const windowDays = options.windowDays === undefined ? DEFAULT_WINDOW_DAYS : options.windowDays;
  let last: string | null = null;
  for (const d of days) if (last === null || d.date > last) last = d.date;
  const from = last === null ? null : windowDays === null ? null : addDays(last, -(windowDays - 1));
  const inWindow = last === null ? [] : days.filter((d) => from === null || d.date >= from);
  let first: string | null = null;
  for (const d of inWindow) if (first === null || d.date < first) first = d.date;
  const rates = {} as Record<TargetKey, UsualRate>;
  for (const t of TARGETS) {
    let n = 0;
    let k = 0;
    for (const d of inWindow) {
      const v = d.symptoms[t.symptom];
      if (!rated(v)) continue;
      n++;
      if (t.happened(v)) k++;
    }
    const enough = n >= MIN_RATED_DAYS_FOR_USUAL;
    rates[t.key] = { rate: enough ? k / n : null, rated_days: n, happened_days: k, days_needed: enough ? 0 : MIN_RATED_DAYS_FOR_USUAL - n };
  }
  let sum = 0;
  let n = 0;
  for (const d of inWindow) {
    const v = d.symptoms.bloating;
    if (rated(v)) {
      sum += v;
      n++;
    }
  }
  return {
    window: last !== null && first !== null ? { from: first, to: last } : null,
    rates,
    bloating_mean: n >= MIN_RATED_DAYS_FOR_USUAL ? sum / n : null,
  };
}

/** Just the rates (null where there are not enough days), for code that compares a chance with them. */
export function usualRateValues(usual: UsualDay): Record<TargetKey, number | null> {
  return { bloating: usual.rates.bloating.rate, energy_low: usual.rates.energy_low.rate, brain_fog: usual.rates.brain_fog.rate };
}

/** How a chance compares with the usual rate; an empty plan is the usual day by definition. */
export type UsualComparison = 'usual_day' | 'no_usual' | 'about_usual' | 'more' | 'less';

/** A difference from the usual rate smaller than this reads as "about as likely as usual". */
export const USUAL_BAND = 0.08;

export function compareWithUsual(probability: number, usual: number | null, planIsEmpty: boolean): UsualComparison {
  if (planIsEmpty) return 'usual_day';
  if (usual === null) return 'no_usual';
  const diff = probability - usual;
  if (Math.abs(diff) < USUAL_BAND) return 'about_usual';
  return diff > 0 ? 'more' : 'less';
}
