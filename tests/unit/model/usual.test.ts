import { describe, expect, it } from 'vitest';
import { generateDiary, diaryToExport } from '../../../shared/demo';
import { compareWithUsual, predict, trainModelSet, usualRates, usualRateValues, MIN_RATED_DAYS_FOR_USUAL, NO_USUAL_DAY_INTERPRETATION, USUAL_DAY_INTERPRETATION } from '../../../shared/model';
import { addDays } from '../../../shared/util/dates';

const day = (date: string, symptoms: Record<string, number | null>) => ({ date, symptoms });

describe('usualRates: the one definition of "usual"', () => {
  it('under 14 rated days there is no usual rate, and it says how many more are needed', () => {
    const days = Array.from({ length: 13 }, (_, i) => day(addDays('2026-01-01', i), { bloating: i % 2 ? 4 : 1, energy: 3, focus: 3 }));
    const u = usualRates(days);
    expect(u.rates.bloating).toEqual({ rate: null, rated_days: 13, happened_days: 6, days_needed: 1 });
    expect(u.bloating_mean).toBeNull();
  });

  it('is the plain share of rated days on which the outcome happened', () => {
    const days = Array.from({ length: 20 }, (_, i) => day(addDays('2026-01-01', i), { bloating: i < 5 ? 3 : 0, energy: i < 10 ? 2 : 4, focus: 3 }));
    const u = usualRates(days);
    expect(u.rates.bloating.rate).toBe(5 / 20);
    expect(u.rates.energy_low.rate).toBe(10 / 20);
    expect(u.rates.brain_fog.rate).toBe(0);
    expect(u.bloating_mean).toBe((5 * 3) / 20);
  });

  it('counts only rated days: a day without that symptom rated does not count either way', () => {
    const days = Array.from({ length: 20 }, (_, i) => day(addDays('2026-01-01', i), { bloating: i < 10 ? 4 : null, energy: 3 }));
    const u = usualRates(days);
    expect(u.rates.bloating.rate).toBeNull();
    expect(u.rates.bloating.rated_days).toBe(10);
    expect(u.rates.brain_fog.rated_days).toBe(0);
  });

  it("looks at the model's window: the 90 days up to the latest log", () => {
    const old = Array.from({ length: 30 }, (_, i) => day(addDays('2025-01-01', i), { bloating: 5 }));
    const recent = Array.from({ length: 20 }, (_, i) => day(addDays('2026-01-01', i), { bloating: 0 }));
    const u = usualRates([...old, ...recent]);
    expect(u.rates.bloating.rate).toBe(0);
    expect(u.window).toEqual({ from: '2026-01-01', to: '2026-01-20' });
    expect(usualRates([...old, ...recent], { windowDays: null }).rates.bloating.rate).toBe(30 / 50);
  });

  it('does not depend on the order of the days', () => {
    const days = Array.from({ length: 30 }, (_, i) => day(addDays('2026-01-01', i), { bloating: i % 3 }));
    expect(usualRates([...days].reverse())).toEqual(usualRates(days));
  });

  it('an empty diary has no usual day', () => {
    const u = usualRates([]);
    expect(u.window).toBeNull();
    expect(usualRateValues(u)).toEqual({ bloating: null, energy_low: null, brain_fog: null });
  });
});

describe('compareWithUsual', () => {
  it('an empty plan is the usual day, whatever the numbers', () => {
    expect(compareWithUsual(0.1, 0.6, true)).toBe('usual_day');
    expect(compareWithUsual(0.9, null, true)).toBe('usual_day');
  });
  it('no usual rate: nothing to compare with', () => expect(compareWithUsual(0.7, null, false)).toBe('no_usual'));
  it('small differences read as about usual', () => {
    expect(compareWithUsual(0.6, 0.55, false)).toBe('about_usual');
    expect(compareWithUsual(0.7, 0.55, false)).toBe('more');
    expect(compareWithUsual(0.4, 0.55, false)).toBe('less');
  });
});

describe('predictions against the usual day', () => {
  const diary = diaryToExport(generateDiary({ persona: 'demo', endDate: '2026-03-01', seed: 'aurea-demo' }));
  const logs = diary.logs.map((l) => ({ date: l.date, ingredients: l.ingredients, symptoms: l.symptoms, cycle_phase: l.cycle_phase ?? null }));
  const usual = usualRates(logs);

  it('an empty plan gets exactly the usual rates, before and after the model trains', () => {
    expect(usual.rates.bloating.rated_days).toBeGreaterThanOrEqual(MIN_RATED_DAYS_FOR_USUAL);
    const options = { usual: usualRateValues(usual), usualBloating: usual.bloating_mean };
    const cold = trainModelSet(logs.slice(-13), { version: 0 });
    const personal = trainModelSet(logs, { version: 1 });
    expect(personal.tier).not.toBe('cold_start');
    for (const set of [cold, personal]) {
      const p = predict(set, logs, { date: '2026-03-02', ingredients: [], cycle_phase: null }, options);
      expect(p.bloating_probability).toBe(usual.rates.bloating.rate);
      expect(p.energy_low_probability).toBe(usual.rates.energy_low.rate);
      expect(p.brain_fog_probability).toBe(usual.rates.brain_fog.rate);
      expect(p.interpretation).toBe(USUAL_DAY_INTERPRETATION);
      expect(Object.values(p.contributions).flat()).toEqual([]);
    }
  });

  it('an empty plan without enough rated days says so instead of calling anything usual', () => {
    const cold = trainModelSet(logs.slice(-3), { version: 0 });
    const p = predict(cold, logs.slice(-3), { date: '2026-03-02', ingredients: [], cycle_phase: null }, { usual: { bloating: null, energy_low: null, brain_fog: null } });
    expect(p.interpretation).toBe(NO_USUAL_DAY_INTERPRETATION);
  });

  it('the interpretation compares a planned day with the same usual rate the page shows', () => {
    const personal = trainModelSet(logs, { version: 1 });
    const p = predict(personal, logs, { date: '2026-03-02', ingredients: ['milk', 'cheese', 'yogurt'], cycle_phase: null }, { usual: usualRateValues(usual) });
    const pct = `${Math.round(usual.rates.bloating.rate! * 100)} %`;
    if (Math.abs(p.bloating_probability - usual.rates.bloating.rate!) >= 0.08) expect(p.interpretation).toContain(`against your usual ${pct}`);
    const none = predict(personal, logs, { date: '2026-03-02', ingredients: ['milk'], cycle_phase: null }, { usual: { bloating: null, energy_low: null, brain_fog: null } });
    expect(none.interpretation).not.toMatch(/than usual/);
  });
});
