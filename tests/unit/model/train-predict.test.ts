import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import {
  backtest,
  COLD_START_INTERPRETATION,
  coldStartBloatingProbability,
  predict,
  predictMany,
  trainModelSet,
  type ModelLog,
} from '../../../shared/model';
import { columnNames } from '../../../shared/model/encoding';
import { COMPONENT_PENALTY_SCALE, penaltyScales, RECENT_DAYS_PENALTY_SCALE } from '../../../shared/model/train';
import { addDays } from '../../../shared/util/dates';

const scores: Record<string, { gut_impact: number; inflammation_potential: number }> = {
  kefir: { gut_impact: 80, inflammation_potential: 20 },
  donut: { gut_impact: 30, inflammation_potential: 60 },
  soda: { gut_impact: 0, inflammation_potential: 100 },
};
const lookup = (name: string) => scores[name];

describe('tiers', () => {
  it('fewer than 14 logs: the cold-start rule with the ADR formula, low confidence and the fixed sentence', () => {
    const logs = generateDiary({ seed: 1, days: 13, missingRate: 0 }).logs;
    const set = trainModelSet(logs, { trainedAt: '2026-01-01T00:00:00Z' });
    expect(set.tier).toBe('cold_start');
    const p = predict(set, logs, { date: '2025-01-14', ingredients: ['kefir', 'donut', 'unknown food'] }, { scoreIngredient: lookup });
    // avg gut 55, avg inflammation 40: 0.5 − (55 − 50)/200 + 40/200 = 0.675
    expect(p.bloating_probability).toBeCloseTo(0.675, 12);
    expect(p.confidence).toBe('low');
    expect(p.interpretation).toBe(COLD_START_INTERPRETATION);
    expect(p.interpretation).toBe('Based on general food data; keep logging for personal predictions');
    expect(p.tier).toBe('cold_start');
    // Without kefir the rule says 0.9 (donut alone); without donut 0.45 (kefir alone).
    expect(p.contributions.bloating).toEqual([
      expect.objectContaining({ kind: 'general', name: 'donut', direction: 'up', effect: expect.closeTo(0.225, 12) }),
      expect.objectContaining({ kind: 'general', name: 'kefir', direction: 'down', effect: expect.closeTo(-0.225, 12) }),
    ]);
  });

  it('the cold-start rule clamps to [0.1, 0.9] and falls back to the person’s usual rate without food data', () => {
    expect(coldStartBloatingProbability(['soda'], lookup)).toBe(0.9);
    expect(coldStartBloatingProbability(['nothing known'], lookup)).toBeNull();
    const set = trainModelSet([], {});
    const p = predict(set, [], { date: '2026-01-01', ingredients: ['milk'] });
    expect(p.bloating_probability).toBeCloseTo(set.base_rates.bloating, 12);
    expect(p.energy_low_probability).toBeCloseTo(set.base_rates.energy_low, 12);
  });

  it('14–49 logs: the compact sparse logistic model (that day, the day before, cycle phase)', () => {
    const logs = generateDiary({ persona: 'mixed', seed: 2, days: 32, missingRate: 0 }).logs;
    const set = trainModelSet(logs);
    expect(set.tier).toBe('logistic');
    expect(set.spec?.ingredientColumns).toEqual(['today', 'yesterday']);
    expect(set.spec?.context).toBe('cycle');
    expect(set.models.bloating?.penalties).toEqual([{ l1: 2.5, l2: 1, weight: 1 }]);
  });

  it('50 logs and more: every ADR feature, penalties chosen on held-out days', () => {
    const logs = generateDiary({ persona: 'mixed', seed: 2, days: 120 }).logs;
    const set = trainModelSet(logs);
    expect(set.tier).toBe('ordinal');
    expect(set.spec?.ingredientColumns).toEqual(['today', 'yesterday', 'last3', 'freq7']);
    expect(set.spec?.context).toBe('full');
    const shares = set.models.bloating!.penalties.reduce((a, m) => a + m.weight, 0);
    expect(shares).toBeCloseTo(1, 12);
  });

  it('asks more evidence of a food’s recent-days columns than of its same-day and day-before ones', () => {
    const full = trainModelSet(generateDiary({ persona: 'mixed', seed: 2, days: 120 }).logs).spec!;
    const scales = penaltyScales(full)!;
    const names = columnNames(full);
    expect(scales.length).toBe(names.length);
    expect(RECENT_DAYS_PENALTY_SCALE).toBeGreaterThan(1);
    // Component features (components.ts) carry their own multiplier on top, on every one of their columns.
    const componentScale = (name: string) => (name.startsWith('ingredient:component:') ? COMPONENT_PENALTY_SCALE : 1);
    expect(names.some((n) => n.startsWith('ingredient:component:'))).toBe(true);
    names.forEach((name, j) => expect(scales[j], name).toBe((/:(last3|freq7)$/.test(name) ? RECENT_DAYS_PENALTY_SCALE : 1) * componentScale(name)));
    expect(names.filter((n) => n.endsWith(':last3')).length).toBe(full.vocabulary.length);
    // The compact tier has no recent-days columns: one penalty for every food, the component multiplier for components.
    const compactLogs = generateDiary({ persona: 'mixed', seed: 2, days: 32, missingRate: 0 }).logs;
    const compact = trainModelSet(compactLogs).spec!;
    const compactScales = penaltyScales(compact)!;
    columnNames(compact).forEach((name, j) => expect(compactScales[j], name).toBe(componentScale(name)));
    expect(penaltyScales(trainModelSet(compactLogs, { componentFeatures: false }).spec!)).toBeUndefined();
  });

  it('trains on the last 90 days by default, or on everything with windowDays: null', () => {
    const logs = generateDiary({ seed: 3, days: 300, missingRate: 0 }).logs;
    const last = logs[logs.length - 1]!.date;
    const set = trainModelSet(logs);
    expect(set.training_samples).toBe(90);
    expect(set.window).toEqual({ from: addDays(last, -89), to: last, days: 90 });
    expect(set.log_count).toBe(300);
    const all = trainModelSet(logs, { windowDays: null });
    expect(all.training_samples).toBe(300);
  });

  it('scores the model on the latest 20 % of its window before using it', () => {
    const logs = generateDiary({ persona: 'lactose', seed: 4, days: 200, missingRate: 0 }).logs;
    const set = trainModelSet(logs, { windowDays: null });
    const m = set.metrics.bloating!;
    expect(m.n_train).toBe(160);
    expect(m.n_validation).toBe(40);
    expect(m.auc).toBeGreaterThan(0.7);
    expect(m.brier).toBeLessThan(m.climatology_brier);
    expect(m.brier_skill).toBeCloseTo(1 - m.brier / m.climatology_brier, 12);
    expect(m.accuracy).toBeGreaterThan(0.6);
  });
});

describe('predictions', () => {
  const diary = generateDiary({ persona: 'mixed', seed: 5, days: 400, missingRate: 0 });
  const logs = diary.logs;
  const set = trainModelSet(logs, { windowDays: null, trainedAt: '2026-03-01T00:00:00Z', version: 3 });
  const last = logs[logs.length - 1]!;
  const tomorrow = addDays(last.date, 1);

  it('a planted food raises the predicted probability of its symptom', () => {
    const base = ['wheat bread', 'chicken', 'lettuce'];
    const without = predict(set, logs, { date: tomorrow, ingredients: base, cycle_phase: 'follicular' });
    const withMilk = predict(set, logs, { date: tomorrow, ingredients: [...base, 'milk'], cycle_phase: 'follicular' });
    expect(withMilk.bloating_probability - without.bloating_probability).toBeGreaterThan(0.15);
    expect(withMilk.bloating_score).toBeGreaterThan(without.bloating_score);
    const withSugar = predict(set, logs, { date: tomorrow, ingredients: [...base, 'sugar'], cycle_phase: 'follicular' });
    expect(withSugar.brain_fog_probability - without.brain_fog_probability).toBeGreaterThan(0.1);
    const luteal = predict(set, logs, { date: tomorrow, ingredients: base, cycle_phase: 'luteal' });
    expect(luteal.bloating_probability - without.bloating_probability).toBeGreaterThan(0.1);
  });

  it('explains a lagged effect in the person’s terms: "onion yesterday raises today’s bloating risk"', () => {
    const history: ModelLog[] = [...logs, { date: tomorrow, ingredients: ['onion', 'rice'], symptoms: { bloating: 1, energy: 3, focus: 3 }, cycle_phase: 'follicular' }];
    const dayAfter = addDays(tomorrow, 1);
    const asToday = predict(set, history, { date: dayAfter, ingredients: ['wheat bread'], cycle_phase: 'follicular' }, { today: dayAfter });
    const onion = asToday.contributions.bloating.find((c) => c.name === 'onion');
    expect(onion).toMatchObject({ kind: 'ingredient', direction: 'up', timing: 'day_before' });
    expect(onion!.text).toMatch(/^onion yesterday raises today's bloating risk by about \d+ in 100$/);
    const asTomorrow = predict(set, history, { date: dayAfter, ingredients: ['wheat bread'], cycle_phase: 'follicular' }, { today: tomorrow });
    expect(asTomorrow.contributions.bloating.find((c) => c.name === 'onion')!.text).toMatch(/^onion today raises tomorrow's bloating risk/);
    const plain = predict(set, history, { date: dayAfter, ingredients: ['wheat bread'], cycle_phase: 'follicular' });
    expect(plain.contributions.bloating.find((c) => c.name === 'onion')!.text).toMatch(/^onion the day before raises the chance of bloating/);
  });

  it('returns every field, with probabilities in [0, 1] and the interpretation as plain sentences', () => {
    const p = predict(set, logs, { date: tomorrow, ingredients: ['milk', 'coffee'], cycle_phase: 'luteal' });
    for (const k of ['bloating_probability', 'energy_low_probability', 'brain_fog_probability'] as const) {
      expect(p[k]).toBeGreaterThanOrEqual(0);
      expect(p[k]).toBeLessThanOrEqual(1);
    }
    expect(p.bloating_score).toBeGreaterThanOrEqual(0);
    expect(p.bloating_score).toBeLessThanOrEqual(5);
    expect(p.tier).toBe('ordinal');
    expect(p.model_version).toBe(3);
    expect(p.interpretation).toMatch(/^Bloating is more likely than usual \(\d+ % against your usual \d+ %\), mainly because of (milk|the luteal phase)/);
    expect(p.confidence_by_target.bloating).not.toBe('low');
    for (const list of Object.values(p.contributions)) {
      for (const c of list) {
        expect(Math.abs(c.effect)).toBeGreaterThanOrEqual(0.02);
        expect(c.text).toMatch(/(raises|lowers|raise|lower) /);
      }
    }
  });

  it('never reads the predicted day’s own symptoms, nor anything after it', () => {
    const day = logs[300]!;
    const query = { date: day.date, ingredients: day.ingredients, cycle_phase: day.cycle_phase };
    const a = predict(set, logs, query);
    const altered = logs.map((l) => (l.date >= day.date ? { ...l, symptoms: { bloating: 5, energy: 0, focus: 0 }, ingredients: ['kale'] } : l));
    const b = predict(set, altered, query);
    const c = predict(set, logs.slice(0, 300), query);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  });

  it('predicting many days at once gives the same answers as one by one', () => {
    const days = logs.slice(350, 360).map((l) => ({ date: l.date, ingredients: l.ingredients, cycle_phase: l.cycle_phase }));
    const many = predictMany(set, logs, days);
    days.forEach((q, i) => expect(predict(set, logs, q)).toEqual(many[i]));
  });

  it('is honest with no planted effect: close to the usual rate, confidence low', () => {
    const nul = generateDiary({ persona: 'null', seed: 6, days: 365 }).logs;
    const result = backtest(nul);
    for (const key of ['bloating', 'energy_low', 'brain_fog'] as const) expect(result.model.confidence[key]).toBe('low');
    const nullSet = trainModelSet(nul.slice(0, result.train_count), { windowDays: null });
    const preds = predictMany(nullSet, nul, nul.slice(result.train_count));
    const near = preds.filter((p) => Math.abs(p.bloating_probability - nullSet.base_rates.bloating) < 0.1).length;
    expect(near / preds.length).toBeGreaterThan(0.9);
    expect(preds.every((p) => p.confidence === 'low')).toBe(true);
    expect(preds[0]!.interpretation).toMatch(/No clear pattern in your diary yet|typical for you|not yet confirmed/);
  });
});

describe('backtest', () => {
  const logs = generateDiary({ persona: 'lactose', seed: 8, days: 150 }).logs;

  it('trains on the first 80 % by date and predicts each later day', () => {
    const r = backtest([...logs].reverse());
    expect(r.train_count).toBe(Math.floor(logs.length * 0.8));
    expect(r.predictions.map((p) => p.date)).toEqual(logs.slice(r.train_count).map((l) => l.date));
    expect(Object.keys(r.predictions[0]!).sort()).toEqual(['bloating_probability', 'bloating_score', 'brain_fog_probability', 'date', 'energy_low_probability']);
    expect(r.model.training_samples).toBe(r.train_count);
    expect(r.model.backtest.bloating.n).toBe(logs.length - r.train_count);
  });

  it('predicts each day only from the logs before it (later symptoms change nothing earlier)', () => {
    const r = backtest(logs);
    const k = r.train_count + 10;
    const changed = logs.map((l, i) => (i >= k ? { ...l, symptoms: { bloating: 5, energy: 0, focus: 0 } } : l));
    const r2 = backtest(changed);
    expect(r2.predictions.slice(0, 11)).toEqual(r.predictions.slice(0, 11));
  });

  it('refuses a fraction that leaves either side empty', () => {
    expect(() => backtest(logs.slice(0, 1))).toThrow(/cannot be split/);
    expect(() => backtest(logs, { trainFraction: 1 })).toThrow(/between 0 and 1/);
  });
});
