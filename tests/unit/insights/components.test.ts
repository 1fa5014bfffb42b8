import { describe, expect, it } from 'vitest';
import { COMPONENT_KEYS, COMPONENTS, COMPONENT_TABLE, componentLevel, foodsCarrying } from '../../../shared/ingredients/components';
import { normaliseIngredient } from '../../../shared/ingredients/normalise';
import { analyseComponents, analyseDiary, componentFindings, componentSentence, insightsReport } from '../../../shared/insights';
import type { DiaryEntry } from '../../../shared/insights';

describe('component table', () => {
  it('lists every food under the name the app stores', () => {
    const off = COMPONENT_TABLE.filter((x) => normaliseIngredient(x.food) !== x.food).map((x) => x.food);
    expect(off).toEqual([]);
  });

  it('lists a food at most once per component, and cites a source for every component', () => {
    for (const k of COMPONENT_KEYS) {
      const foods = COMPONENT_TABLE.filter((x) => x.component === k).map((x) => x.food);
      expect(new Set(foods).size).toBe(foods.length);
      expect(COMPONENTS[k].source.length).toBeGreaterThan(20);
      expect(foodsCarrying(k).length).toBeGreaterThan(0);
    }
  });

  it('says aged hard cheese and butter are low in lactose, and why', () => {
    for (const food of ['cheddar', 'parmesan', 'butter']) {
      const row = COMPONENT_TABLE.find((x) => x.food === food && x.component === 'lactose')!;
      expect(row.level).toBe('low');
      expect(row.reason).toMatch(/lactose/);
    }
    expect(componentLevel('milk', 'lactose')).toBe('high');
    expect(foodsCarrying('lactose')).not.toContain('cheddar');
  });
});

/** A small deterministic PRNG so the diary is the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const FRUCTAN_FOODS = ['onion', 'garlic', 'wheat bread', 'pasta', 'leek', 'rye bread', 'couscous', 'shallot'];
const NEUTRAL = ['rice', 'chicken', 'carrot', 'egg', 'banana', 'spinach'];

/** Each fructan food eaten on ~1 day in 10; bloating is higher the day after any of them. */
function fructanDiary(days: number, seed: number, effect: number): DiaryEntry[] {
  const r = rng(seed);
  const logs: DiaryEntry[] = [];
  let exposedYesterday = false;
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
    const ingredients = NEUTRAL.filter(() => r() < 0.5);
    for (const f of FRUCTAN_FOODS) if (r() < 0.1) ingredients.push(f);
    const bloating = Math.max(0, Math.min(10, Math.round(2 + r() * 3 + (exposedYesterday ? effect : 0))));
    logs.push({ date, ingredients, symptoms: { bloating } });
    exposedYesterday = ingredients.some((f) => FRUCTAN_FOODS.includes(f));
  }
  return logs;
}

describe('component findings', () => {
  it('finds fructans spread over many foods at a one-day lag, naming the foods seen', () => {
    const logs = fructanDiary(90, 7, 2.5);
    const tests = analyseComponents(logs);
    const hit = tests.find((t) => t.component === 'fructans' && t.symptom === 'bloating' && t.lag_days === 1)!;
    expect(hit.significant).toBe(true);
    expect(hit.correlation!).toBeGreaterThan(0);
    expect(hit.mean_present!).toBeGreaterThan(hit.mean_absent!);
    expect(hit.n_present + hit.n_absent).toBe(89);
    expect(hit.foods.sort()).toEqual([...FRUCTAN_FOODS].sort());
    // the family is every component test of the diary
    expect(hit.p_adjusted).toBeCloseTo(Math.min(1, hit.p_value! * tests.length), 12);
    // a same-day test of the same component is not a finding
    expect(tests.find((t) => t.component === 'fructans' && t.lag_days === 0)!.significant).toBe(false);
  });

  it('leaves every per-food number exactly as it was', () => {
    const logs = fructanDiary(120, 3, 2);
    const result = analyseDiary(logs);
    const withoutComponents = { ...result };
    delete withoutComponents.components;
    expect(insightsReport(result)).toEqual(insightsReport(withoutComponents));
    expect(result.components!.length).toBeGreaterThan(0);
    expect(result.tests.every((t) => t.p_adjusted === Math.min(1, t.p_value! * result.symptoms[0]!.foods_tested))).toBe(true);
  });

  it('finds nothing in diaries where bloating ignores the foods', () => {
    let findings = 0;
    for (let seed = 1; seed <= 15; seed++) findings += analyseComponents(fructanDiary(180, seed, 0)).filter((t) => t.significant).length;
    expect(findings).toBeLessThanOrEqual(1);
  });

  it('skips a component when too few days carry it', () => {
    const logs = fructanDiary(30, 5, 2).map((l) => ({ ...l, ingredients: l.ingredients.filter((f) => !FRUCTAN_FOODS.includes(f)) }));
    logs[3] = { ...logs[3]!, ingredients: ['onion'] };
    expect(analyseComponents(logs).filter((t) => t.component === 'fructans')).toEqual([]);
  });
});

describe('component sentences', () => {
  const wording = (s: string) => ({ label: s === 'bloating' ? 'Bloating' : 'Energy', polarity: s === 'bloating' ? ('higher_is_worse' as const) : ('higher_is_better' as const) });

  it('names the foods seen and the lag, with its numbers behind', () => {
    const tests = analyseComponents(fructanDiary(90, 7, 2.5));
    const [first] = componentFindings(tests, wording);
    const hit = tests.find((t) => t.component === 'fructans' && t.lag_days === 1)!;
    const named = hit.foods.slice(0, 3).join(', ');
    expect(first!.sentence).toBe(`Fructans (${named}…) are linked to more bloating the next day`);
    expect(first!.strength).not.toBe('none');
    expect(first!.numbers.find((r) => r.label.startsWith('Adjusted p'))!.label).toContain(`${tests.length} component tests`);
    expect(first!.numbers.find((r) => r.label === 'Days with any of these foods')!.value).toBe(String(hit.n_present));
  });

  it('agrees the verb with the component: "Fructans are", "Lactose is", "Polyols (sorbitol, mannitol) are"', () => {
    const base = analyseComponents(fructanDiary(90, 7, 2.5)).find((t) => t.component === 'fructans' && t.lag_days === 1)!;
    const say = (component: typeof base.component) => componentSentence({ ...base, component, foods: ['x'] }, wording('bloating'));
    expect(say('lactose')).toBe('Lactose (x) is linked to more bloating the next day');
    expect(say('excess_fructose')).toBe('Excess fructose (x) is linked to more bloating the next day');
    expect(say('caffeine')).toBe('Caffeine (x) is linked to more bloating the next day');
    expect(say('polyols')).toBe('Polyols (sorbitol, mannitol) (x) are linked to more bloating the next day');
    expect(say('gos')).toBe('Galacto-oligosaccharides (GOS) (x) are linked to more bloating the next day');
  });

  it('says nothing when no component test is significant', () => {
    expect(componentFindings(analyseComponents(fructanDiary(90, 7, 0)), wording)).toEqual([]);
  });
});
