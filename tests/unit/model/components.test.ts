import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import { componentFeatures, componentOfFeature, componentPhrase, foodsCarrying } from '../../../shared/model/components';
import { dayFeatures, prepareHistory, type ModelLog } from '../../../shared/model/features';
import { backtest, modelSetFromArtifacts, modelSetToArtifacts, predictMany, trainModelSet } from '../../../shared/model';
import { disposeModelSet } from '../../../shared/model/train';

const log = (date: string, ingredients: string[]): ModelLog => ({ date, ingredients, symptoms: { bloating: 1, energy: 3, focus: 3 } });

describe('component features: the component findings’ exposure rule', () => {
  it('a day carries a component when any food has it at moderate or high level; low levels do not count', () => {
    expect(componentFeatures(['onion', 'rice'])).toEqual(['component:fructans']);
    // Butter is listed as low-lactose, oats as low-gluten: neither makes the day exposed.
    expect(componentFeatures(['butter', 'oats'])).toEqual([]);
    // Wheat bread carries fructans and gluten; milk lactose; coffee caffeine. Always in the table's order.
    expect(componentFeatures(['coffee', 'wheat bread', 'milk'])).toEqual(['component:lactose', 'component:fructans', 'component:gluten', 'component:caffeine']);
  });

  it('reads names the way the component findings do (normalised), once per day', () => {
    expect(componentFeatures(['Onions', 'GARLIC'])).toEqual(['component:fructans']);
    expect(componentFeatures([])).toEqual([]);
  });

  it('names the component a feature stands for, and nothing for a food', () => {
    expect(componentOfFeature('component:gos')).toBe('gos');
    expect(componentOfFeature('onion')).toBeNull();
    expect(componentOfFeature('component:unknown')).toBeNull();
    expect(componentPhrase('fructans')).toBe('foods with fructans');
    expect(componentPhrase('gos')).toBe('foods with galacto-oligosaccharides (GOS)');
    expect(componentPhrase('lactose', ['milk', 'yogurt'])).toBe('foods with lactose (milk, yogurt)');
    expect(foodsCarrying(['rice', 'milk', 'butter', 'Yogurt'], 'lactose')).toEqual(['milk', 'Yogurt']);
  });

  it('gets the same lag features as a food, from different foods on different days', () => {
    const history = prepareHistory([log('2026-03-01', ['garlic']), log('2026-03-03', ['rice']), log('2026-03-04', ['onion'])]);
    const vocabulary = new Set(['onion', 'garlic', 'component:fructans']);
    const f = dayFeatures(history, { date: '2026-03-05', ingredients: ['wheat bread'] }, vocabulary, ['bloating']);
    expect(f.ingredients.get('component:fructans')).toEqual({ present_today: 1, present_last_3_days: 1, frequency_last_7_days: 2, days_since_last: 1 });
    expect(f.ingredients.get('onion')).toEqual({ present_today: 0, present_last_3_days: 1, frequency_last_7_days: 1, days_since_last: 1 });
    expect(f.ingredients.has('wheat bread')).toBe(false); // not in the vocabulary
  });

  it('counts only when the vocabulary lists it, so a model trained on foods alone reads the day as before', () => {
    const history = prepareHistory([log('2026-03-04', ['onion'])]);
    const f = dayFeatures(history, { date: '2026-03-05', ingredients: ['garlic'] }, new Set(['onion', 'garlic']), ['bloating']);
    expect([...f.ingredients.keys()].sort()).toEqual(['garlic', 'onion']);
  });
});

describe('the model with component features', () => {
  const diary = generateDiary({ persona: 'fructans', seed: 2, days: 365 });
  const sorted = [...diary.logs].sort((a, b) => (a.date < b.date ? -1 : 1));

  it('learns a trigger spread over many foods and names it in the reasons', () => {
    const set = trainModelSet(sorted, { windowDays: null, trainedAt: '2026-01-01T00:00:00Z' });
    expect(set.spec!.vocabulary).toContain('component:fructans');
    // A day after a fructan day, with a fructan food eaten only on that day before.
    const last = sorted[sorted.length - 1]!;
    const next = { date: '2027-06-01', ingredients: ['rice'], cycle_phase: null };
    const history = [...sorted, { ...last, date: '2027-05-31', ingredients: ['leek', 'rice'] }];
    const [p] = predictMany(set, history, [next]);
    const reason = p!.contributions.bloating.find((c) => c.kind === 'component');
    expect(reason).toMatchObject({ kind: 'component', name: 'fructans', direction: 'up', timing: 'day_before' });
    expect(reason!.text).toMatch(/^foods with fructans the day before raise the chance of bloating by about \d+ in 100$/);
    disposeModelSet(set);
  });

  it('names the planned foods that bring a component on the day itself', () => {
    const sameDay = generateDiary({ persona: 'fructans', seed: 2, days: 365, componentEffects: [{ component: 'fructans', symptom: 'bloating', lag_days: 0, effect: 1.5 }] }).logs;
    const set = trainModelSet(sameDay, { windowDays: null, trainedAt: '2026-01-01T00:00:00Z' });
    const [p] = predictMany(set, sameDay, [{ date: '2027-06-01', ingredients: ['leek', 'rice'], cycle_phase: null }]);
    const reason = p!.contributions.bloating.find((c) => c.kind === 'component');
    expect(reason).toMatchObject({ name: 'fructans', direction: 'up', timing: 'same_day' });
    expect(reason!.text).toMatch(/^foods with fructans \(leek\) that day raise the chance of bloating by about \d+ in 100$/);
    disposeModelSet(set);
  });

  it('a model stored without them (before issue 14) still loads and predicts from its foods alone', async () => {
    const old = trainModelSet(sorted, { windowDays: null, trainedAt: '2026-01-01T00:00:00Z', componentFeatures: false });
    expect(old.spec!.vocabulary.some((v) => componentOfFeature(v) !== null)).toBe(false);
    // As IndexedDB keeps it: a structured clone of the artifacts.
    const loaded = await modelSetFromArtifacts(structuredClone(await modelSetToArtifacts(old)));
    const queries = sorted.slice(-20).map((l) => ({ date: l.date, ingredients: l.ingredients, cycle_phase: null }));
    const before = predictMany(old, sorted, queries);
    const after = predictMany(loaded, sorted, queries);
    expect(after.map((p) => p.bloating_probability)).toEqual(before.map((p) => p.bloating_probability));
    expect(after.flatMap((p) => p.contributions.bloating).some((c) => c.kind === 'component')).toBe(false);
    disposeModelSet(old);
    disposeModelSet(loaded);
  });

  it('backtests closer to the true chances on component diaries, and no worse on their null twins', () => {
    // The generator's true probability of each held-out day is the ceiling; squared error against it
    // does not depend on which outcomes happened (bench/model-harness/components.ts measures more).
    const error = (persona: 'fructans' | 'fructans_null', seed: number, componentFeatures: boolean) => {
      const d = generateDiary({ persona, seed, days: 365 });
      const r = backtest(d.logs, { componentFeatures, trainedAt: '2026-01-01T00:00:00Z' });
      const truth = d.truth.daily.slice(r.train_count).map((x) => x.p.bloating);
      return r.predictions.reduce((a, p, i) => a + (p.bloating_probability - truth[i]!) ** 2, 0) / truth.length;
    };
    for (const seed of [1, 3]) {
      expect(error('fructans', seed, true), `fructans seed ${seed}`).toBeLessThan(0.75 * error('fructans', seed, false));
      expect(error('fructans_null', seed, true), `fructans_null seed ${seed}`).toBeLessThan(error('fructans_null', seed, false) + 0.001);
    }
  });
});
