import { describe, expect, it } from 'vitest';
import {
  challengeDay,
  componentChallengeFoods,
  componentPlanOptions,
  componentWarning,
  dayInstruction,
  evaluateChallenge,
  planChallenge,
  testedFoodsIn,
  type DiaryDay,
} from '../../../shared/challenge';
import { COMPONENT_TABLE } from '../../../shared/ingredients/components';
import { validateExport } from '../../../shared/schema';
import { addDays } from '../../../shared/util/dates';

const tableFoods = (level: string) => COMPONENT_TABLE.filter((e) => e.component === 'fructans' && e.level === level).map((e) => e.food);

// The person's diary names its fructan foods most eaten first (as a component finding lists them).
const seen = ['wheat bread', 'onion', 'pasta', 'croissant', 'oats'];
const plan = planChallenge(componentPlanOptions({ component: 'fructans', symptom: 'bloating', start: '2026-03-01', seen }));

describe('the food-group plan: which foods to leave out', () => {
  it('leaves out every food the table lists high in fructans, and lists the moderate ones as "go easy"', () => {
    const foods = componentChallengeFoods('fructans');
    expect(new Set(foods.avoid)).toEqual(new Set(tableFoods('high')));
    expect(foods.avoid).toHaveLength(tableFoods('high').length);
    expect(new Set(foods.goEasy)).toEqual(new Set(tableFoods('moderate')));
    // Low-level foods are in neither list: oats and potato stay on the plate.
    for (const low of tableFoods('low')) {
      expect(foods.avoid).not.toContain(low);
      expect(foods.goEasy).not.toContain(low);
    }
    expect(foods.avoid).toContain('onion');
    expect(foods.avoid).toContain('garlic');
    expect(foods.goEasy).toContain('croissant');
  });

  it("puts the person's own foods first, in their order, without adding foods the table does not list", () => {
    expect(plan.component!.avoid.slice(0, 3)).toEqual(['wheat bread', 'onion', 'pasta']);
    expect(plan.component!.goEasy[0]).toBe('croissant');
    expect(plan.component!.avoid).not.toContain('oats');
    expect(plan.component!.avoid).toHaveLength(tableFoods('high').length);
  });

  it('is a normal plan named by its group: 7 days without, then 3 challenge days', () => {
    expect(plan.ingredient).toBe('foods high in fructans');
    expect(plan.component!.key).toBe('fructans');
    expect(plan.avoidDays).toBe(7);
    expect(plan.challengeDates).toEqual(['2026-03-08', '2026-03-10', '2026-03-12']);
    expect(dayInstruction(plan, '2026-03-03')).toBe('Avoid foods high in fructans today (day 3 of 7 without them).');
    expect(dayInstruction(plan, '2026-03-10')).toBe('Challenge day 2 of 3: have one of the foods high in fructans today (such as wheat bread or onion), and log how you feel.');
    expect(dayInstruction(plan, '2026-03-11')).toBe('No foods high in fructans today; log how you feel, in case of a delayed reaction.');
  });

  it('counts a high food as the tested food, whatever its spelling; a moderate or low food does not count', () => {
    expect(testedFoodsIn(plan, ['rice', 'Onions', 'garlic'])).toEqual(['Onions', 'garlic']);
    expect(testedFoodsIn(plan, ['croissant', 'oats', 'potato'])).toEqual([]);
    // A single-food plan is unchanged: exactly the food.
    const milk = planChallenge({ ingredient: 'milk', symptom: 'bloating', start: '2026-03-01' });
    expect(testedFoodsIn(milk, ['milk', 'ice cream'])).toEqual(['milk']);
  });
});

describe('the warning on Today', () => {
  const avoidDay = '2026-03-03';
  it('names the food and the component on an avoidance day', () => {
    const w = componentWarning(plan, avoidDay, [{ name: 'rice' }, { name: 'onion' }])!;
    expect(w.high.map((h) => h.food)).toEqual(['onion']);
    expect(w.text).toBe('Onion is high in fructans: your re-challenge asks you to leave out foods high in fructans today (day 3 of 7 without them).');
  });

  it('several foods, a dish through its ingredient, and a moderate food "go easy"', () => {
    const w = componentWarning(plan, avoidDay, [{ name: 'garlic' }, { name: 'lasagna', madeOf: ['Pasta', 'tomato', 'beef'] }, { name: 'croissant' }, { name: 'rice' }])!;
    expect(w.high).toEqual([
      { food: 'garlic', via: null, level: 'high' },
      { food: 'lasagna', via: 'pasta', level: 'high' },
    ]);
    expect(w.moderate).toEqual([{ food: 'croissant', via: null, level: 'moderate' }]);
    expect(w.text).toBe(
      'Garlic and lasagna (with pasta) are high in fructans: your re-challenge asks you to leave out foods high in fructans today (day 3 of 7 without them). Croissant has some fructans: go easy on it while you test (a small serving).',
    );
  });

  it('a dish whose own name is moderate but holds a high food is counted high', () => {
    const w = componentWarning(plan, avoidDay, [{ name: 'cracker', madeOf: ['garlic powder'] }])!;
    expect(w.high).toEqual([{ food: 'cracker', via: 'garlic powder', level: 'high' }]);
    expect(w.moderate).toEqual([]);
  });

  it('on a rest day between challenges it asks again, for a delayed reaction', () => {
    expect(challengeDay(plan, '2026-03-09').role).toBe('rest');
    expect(componentWarning(plan, '2026-03-09', [{ name: 'leek' }])!.text).toBe('Leek is high in fructans: your re-challenge asks for no foods high in fructans today, in case of a delayed reaction.');
  });

  it('says nothing on challenge days, before or after the plan, for foods without the component, or in a single-food test', () => {
    expect(componentWarning(plan, '2026-03-08', [{ name: 'onion' }])).toBeNull();
    expect(componentWarning(plan, '2026-02-28', [{ name: 'onion' }])).toBeNull();
    expect(componentWarning(plan, '2026-03-20', [{ name: 'onion' }])).toBeNull();
    expect(componentWarning(plan, avoidDay, [{ name: 'rice' }, { name: 'oats' }, { name: 'milk' }])).toBeNull();
    const onion = planChallenge({ ingredient: 'onion', symptom: 'bloating', start: '2026-03-01' });
    expect(componentWarning(onion, avoidDay, [{ name: 'onion' }])).toBeNull();
  });
});

describe('evaluation: the single-food statistics with "any high-fructan food" as the food', () => {
  /** Avoidance days without high fructans (moderate ones allowed), challenge days with different high foods. */
  function diary(avoid: number[], challenge: number[], extra: Record<string, DiaryDay> = {}): DiaryDay[] {
    const foods = [['rice', 'croissant'], ['potato', 'egg'], ['oats', 'banana']];
    const highs = [['rice', 'onion'], ['garlic', 'chicken'], ['Wheat bread']];
    return [
      ...avoid.map((v, i) => ({ date: addDays(plan.start, i), ingredients: foods[i % 3]!, symptoms: { bloating: v } })),
      ...challenge.map((v, i) => ({ date: plan.challengeDates[i]!, ingredients: highs[i]!, symptoms: { bloating: v } })),
    ].map((d) => extra[d.date] ?? d);
  }

  it('a clear rise on challenge days is consistent with fructans being a trigger (same U and p as a single food)', () => {
    const r = evaluateChallenge(plan, diary([1, 2, 1, 2, 1, 1, 2], [4, 4, 5]), 'higher_is_worse', 'Bloating');
    expect(r.verdict).toBe('consistent');
    // The same ratings as the single-food test in challenge.test.ts: the same scipy values.
    expect(r.u_statistic).toBe(21);
    expect(r.p_value!).toBeCloseTo(0.01682740948275685, 12);
    expect(r.sentence).toBe('Bloating was 2.9 points higher on the 3 challenge days than on the 7 days without foods high in fructans (4.3 vs 1.4); consistent with foods high in fructans being a trigger for you (p = 0.017).');
  });

  it('a high food on an avoidance day is a slip and a challenge day without one is missed; a moderate food is neither', () => {
    const slip = { date: '2026-03-02', ingredients: ['pasta'], symptoms: { bloating: 5 } };
    const miss = { date: '2026-03-10', ingredients: ['croissant', 'rice'], symptoms: { bloating: 1 } };
    const r = evaluateChallenge(plan, diary([1, 2, 1, 2, 1, 1, 2], [4, 4, 5], { '2026-03-02': slip, '2026-03-10': miss }), 'higher_is_worse', 'Bloating');
    expect(r.slips).toEqual(['2026-03-02']);
    expect(r.missed_challenges).toEqual(['2026-03-10']);
    expect(r.avoid_n).toBe(6);
    expect(r.challenge_n).toBe(2);
  });

  it('no difference: no sign that the group makes the symptom worse', () => {
    const r = evaluateChallenge(plan, diary([2, 2, 3, 2, 2, 3, 2], [2, 3, 2]), 'higher_is_worse', 'Bloating');
    expect(r.verdict).toBe('not_supported');
    expect(r.sentence).toMatch(/no sign in this test that foods high in fructans make your bloating worse/);
  });
});

describe('export: a food-group test travels with its foods; older files still read', () => {
  const row = (p: unknown) => ({ id: 'c1', ingredient: 'foods high in fructans', symptom: 'bloating', status: 'active', created_at: '2026-03-01T00:00:00.000Z', plan: p });
  const file = (challenges: unknown[]) => ({ format: 'aurea.export', version: 2, logs: [], challenges });

  it('keeps the component and its lists', () => {
    const v = validateExport(JSON.parse(JSON.stringify(file([row(plan)]))));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.file.challenges![0]!.plan.component).toEqual(plan.component);
  });

  it('reads a single-food test without a component, as before', () => {
    const old = { ingredient: 'milk', symptom: 'bloating', start: '2026-03-01', avoidDays: 7, challengeDates: ['2026-03-08', '2026-03-10'], end: '2026-03-11' };
    const v = validateExport(file([{ ...row(old), ingredient: 'milk' }]));
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.file.challenges![0]!.plan.component).toBeUndefined();
  });

  it('names an unknown group as a problem of the file', () => {
    const v = validateExport(file([row({ ...plan, component: { ...plan.component!, key: 'sugar' } })]));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems[0]!.field).toBe('challenges[0].plan.component.key');
  });
});
