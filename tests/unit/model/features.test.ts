import { describe, expect, it } from 'vitest';
import type { CyclePhase } from '../../../shared/schema';
import {
  buildVocabulary,
  dayFeatures,
  daysUntilMenstruation,
  DAYS_SINCE_CAP,
  estimateCycleLength,
  ingredientFeatures,
  prepareHistory,
  type ModelLog,
} from '../../../shared/model/features';
import { columnNames, encodeDay, type EncodingSpec } from '../../../shared/model/encoding';
import { dayNumber } from '../../../shared/util/dates';

const SYMPTOMS = ['bloating', 'energy', 'focus'];

function log(date: string, ingredients: string[], bloating = 1, phase: CyclePhase | null = null): ModelLog {
  return { date, ingredients, symptoms: { bloating, energy: 3, focus: 3 }, cycle_phase: phase };
}

/** 2026-03-01 is a Sunday. */
const diary: ModelLog[] = [
  log('2026-03-01', ['onion', 'milk'], 2),
  log('2026-03-02', ['milk'], 4),
  // 2026-03-03 not logged (a gap)
  log('2026-03-04', ['coffee', 'milk'], 1),
  log('2026-03-05', ['coffee'], 3),
  log('2026-03-06', ['coffee', 'bread'], 0),
];
const vocab = new Set(['onion', 'milk', 'coffee', 'bread', 'rice']);

function features(date: string, ingredients: string[] = [], history: ModelLog[] = diary, phase: CyclePhase | null = null) {
  return dayFeatures(prepareHistory(history), { date, ingredients, cycle_phase: phase }, vocab, SYMPTOMS);
}

describe('ingredient features (per vocabulary ingredient)', () => {
  it('present_today comes from the day’s own ingredients, not from a log of that day', () => {
    const f = features('2026-03-06', ['rice']);
    expect(ingredientFeatures(f, 'rice').present_today).toBe(1);
    expect(ingredientFeatures(f, 'bread').present_today).toBe(0); // bread is in the 03-06 log, but the query says rice
  });

  it('present_last_3_days, frequency_last_7_days and days_since_last look only at earlier days', () => {
    const f = features('2026-03-07', ['milk']);
    const milk = ingredientFeatures(f, 'milk');
    expect(milk.present_today).toBe(1);
    expect(milk.present_last_3_days).toBe(1); // 03-04 is 3 days before
    expect(milk.frequency_last_7_days).toBe(3); // 03-01, 03-02, 03-04
    expect(milk.days_since_last).toBe(3);
    const coffee = ingredientFeatures(f, 'coffee');
    expect(coffee).toMatchObject({ present_today: 0, present_last_3_days: 1, frequency_last_7_days: 3, days_since_last: 1 });
    const onion = ingredientFeatures(f, 'onion');
    expect(onion).toMatchObject({ present_last_3_days: 0, frequency_last_7_days: 1, days_since_last: 6 });
  });

  it('caps days_since_last, and treats never eaten the same as long ago', () => {
    expect(ingredientFeatures(features('2026-03-20'), 'onion').days_since_last).toBe(DAYS_SINCE_CAP);
    expect(ingredientFeatures(features('2026-03-15'), 'onion').days_since_last).toBe(14);
    expect(ingredientFeatures(features('2026-03-14'), 'onion').days_since_last).toBe(13);
    expect(ingredientFeatures(features('2026-03-07'), 'rice')).toEqual({
      present_today: 0,
      present_last_3_days: 0,
      frequency_last_7_days: 0,
      days_since_last: DAYS_SINCE_CAP,
    });
  });

  it('counts only logged days across a gap, and reports how many days were logged', () => {
    const f = features('2026-03-04');
    // 03-03 is missing: "the day before" is unknown, so milk was last seen 2 days before.
    expect(ingredientFeatures(f, 'milk').days_since_last).toBe(2);
    expect(f.logs_last_7_days).toBe(2);
    expect(features('2026-03-07').logs_last_7_days).toBe(5);
  });

  it('ignores ingredients outside the vocabulary', () => {
    const f = dayFeatures(prepareHistory(diary), { date: '2026-03-07', ingredients: ['kale'] }, new Set(['milk']), SYMPTOMS);
    expect([...f.ingredients.keys()]).toEqual(['milk']);
  });
});

describe('calendar and first-day features', () => {
  it('day of week (Monday 0), weekend, days since the first log', () => {
    const sunday = features('2026-03-01');
    expect(sunday.day_of_week).toBe(6);
    expect(sunday.is_weekend).toBe(1);
    const friday = features('2026-03-06');
    expect(friday.day_of_week).toBe(4);
    expect(friday.is_weekend).toBe(0);
    expect(friday.days_since_first_log).toBe(5);
  });

  it('the first day has no history: zero days since first log, unknown rolling means and trends', () => {
    const f = features('2026-03-01', ['onion']);
    expect(f.days_since_first_log).toBe(0);
    expect(f.logs_last_7_days).toBe(0);
    expect(f.rolling_mean_7d).toEqual({ bloating: null, energy: null, focus: null });
    expect(f.trend).toEqual({ bloating: null, energy: null, focus: null });
    // A day before any log, and an empty history, behave the same.
    expect(features('2026-02-20', [], []).days_since_first_log).toBe(0);
  });
});

describe('rolling symptom features', () => {
  it('the 7-day mean excludes the predicted day itself', () => {
    // Before 03-06: bloating 2, 4, 1, 3 → 2.5. The 03-06 log (bloating 0) must not count.
    expect(features('2026-03-06').rolling_mean_7d.bloating).toBe(2.5);
    // Up to and including 03-06 (predicting 03-07): 2, 4, 1, 3, 0 → 2.
    expect(features('2026-03-07').rolling_mean_7d.bloating).toBe(2);
  });

  it('trend compares the last 3 days with the 4 before them', () => {
    const rising = [log('2026-04-01', [], 0), log('2026-04-02', [], 0), log('2026-04-03', [], 1), log('2026-04-05', [], 3), log('2026-04-06', [], 4), log('2026-04-07', [], 4)];
    expect(features('2026-04-08', [], rising).trend.bloating).toBe(1);
    const falling = rising.map((l) => ({ ...l, symptoms: { ...l.symptoms, bloating: 5 - l.symptoms.bloating! } }));
    expect(features('2026-04-08', [], falling).trend.bloating).toBe(-1);
    const flat = rising.map((l) => ({ ...l, symptoms: { ...l.symptoms, bloating: 2 } }));
    expect(features('2026-04-08', [], flat).trend.bloating).toBe(0);
    // Only recent days, none 4–7 days back: unknown.
    expect(features('2026-04-08', [], rising.slice(3)).trend.bloating).toBeNull();
  });
});

describe('cycle features', () => {
  const periods = (starts: string[]) =>
    starts.flatMap((s) => [0, 1, 2, 3].map((k) => log(new Date(Date.parse(`${s}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10), [], 1, 'menstrual')));

  it('estimates the cycle length as the median gap between period starts', () => {
    expect(estimateCycleLength([])).toBe(28);
    expect(estimateCycleLength([0, 30])).toBe(30);
    expect(estimateCycleLength([0, 26, 56, 84])).toBe(28); // gaps 26, 30, 28
    expect(estimateCycleLength([0, 5, 33])).toBe(28); // 5 is not a cycle, 28 is
    expect(estimateCycleLength([0, 27, 56, 84, 113])).toBe(28.5); // gaps 27, 29, 28, 29: the mean of the middle two
  });

  it('counts days until the next period from the logged starts', () => {
    const h = prepareHistory(periods(['2026-01-01', '2026-01-30', '2026-02-28'])); // gaps 29, 29
    expect(h.menstrualStarts.length).toBe(3);
    expect(daysUntilMenstruation(h, dayNumber('2026-03-10'), 'follicular')).toBe(29 - 10);
    expect(daysUntilMenstruation(h, dayNumber('2026-03-28'), 'luteal')).toBe(1);
    // Overdue: points at the next expected start rather than a negative number.
    expect(daysUntilMenstruation(h, dayNumber('2026-03-30'), 'luteal')).toBe(28);
    // The day's own phase says a period is on.
    expect(daysUntilMenstruation(h, dayNumber('2026-03-10'), 'menstrual')).toBe(0);
  });

  it('is unknown without any logged period, or when the last one is more than three cycles back', () => {
    expect(daysUntilMenstruation(prepareHistory(diary), dayNumber('2026-03-07'), 'luteal')).toBeNull();
    const h = prepareHistory(periods(['2026-01-01']));
    expect(daysUntilMenstruation(h, dayNumber('2026-01-20'), null)).toBe(9);
    expect(daysUntilMenstruation(h, dayNumber('2026-05-01'), null)).toBeNull();
  });

  it('uses only periods that started before the predicted day', () => {
    const h = prepareHistory(periods(['2026-01-01', '2026-01-27']));
    // On 01-20 the 01-27 period is in the future: with it the answer would be 7 (a 26-day cycle); without
    // it, one period and the default 28-day cycle give 9.
    expect(daysUntilMenstruation(h, dayNumber('2026-01-20'), 'luteal')).toBe(9);
  });
});

describe('encoding for the linear model', () => {
  const spec: EncodingSpec = {
    vocabulary: ['milk', 'onion'],
    symptoms: SYMPTOMS,
    symptomCenters: [2, 3, 3],
    ingredientColumns: ['today', 'yesterday', 'last3', 'freq7'],
    context: 'full',
  };

  it('turns days_since_last = 1 into an "eaten the day before" column, and flags unknowns', () => {
    const f = dayFeatures(prepareHistory(diary), { date: '2026-03-02', ingredients: ['milk'], cycle_phase: null }, new Set(spec.vocabulary), SYMPTOMS);
    const { cols, vals } = encodeDay(spec, f);
    const names = columnNames(spec);
    const row = Object.fromEntries(cols.map((c, k) => [names[c], vals[k]]));
    expect(row).toMatchObject({
      'ingredient:milk:today': 1,
      'ingredient:milk:yesterday': 1,
      'ingredient:milk:last3': 1,
      'ingredient:milk:freq7': 1 / 7,
      'ingredient:onion:yesterday': 1,
      'weekday:mon': 1,
      'cycle:unknown': 1,
      'days_until_menstruation:unknown': 1,
    });
    expect(names.length).toBe(2 * 4 + 7 + 2 + 4 + 5 + 6);
  });
});

describe('no leakage of the predicted day', () => {
  it('features of a day do not change with that day’s own log, nor with any later log', () => {
    const without = features('2026-03-05', ['coffee'], diary.slice(0, 3));
    const withDay = features('2026-03-05', ['coffee'], diary);
    const changed = features('2026-03-05', ['coffee'], diary.map((l) => (l.date >= '2026-03-05' ? { ...l, symptoms: { bloating: 5, energy: 0, focus: 0 } } : l)));
    expect(withDay).toEqual(without);
    expect(changed).toEqual(without);
  });
});

describe('vocabulary', () => {
  it('keeps ingredients logged on at least N days, most frequent first, capped', () => {
    // milk and coffee are both on 3 days: ties go alphabetically.
    expect(buildVocabulary(diary, 2, 10)).toEqual(['coffee', 'milk']);
    expect(buildVocabulary(diary, 1, 3)).toEqual(['coffee', 'milk', 'bread']);
    expect(buildVocabulary([log('2026-01-01', ['a', 'a', 'b'])], 2, 10)).toEqual([]);
  });
});
