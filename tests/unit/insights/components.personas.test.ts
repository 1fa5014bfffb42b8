import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import { foodsCarrying } from '../../../shared/ingredients/components';
import { normaliseIngredient } from '../../../shared/ingredients/normalise';
import { analyseDiary, insightsReport } from '../../../shared/insights';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const isFructanNextDay = (t: { component: string; symptom: string; lag_days: number }) => t.component === 'fructans' && t.symptom === 'bloating' && t.lag_days === 1;

describe('fructan persona: bloating follows fructans spread over many foods, a day later', () => {
  it('eats many fructan foods, each on few days', () => {
    const g = generateDiary({ persona: 'fructans', seed: 1, days: 365 });
    const eaten = g.logs.flatMap((l) => l.ingredients.map(normaliseIngredient));
    const fructanFoods = foodsCarrying('fructans').filter((f) => eaten.includes(f));
    expect(fructanFoods.length).toBeGreaterThanOrEqual(15);
    // no single fructan food is eaten on most days
    for (const f of fructanFoods) expect(eaten.filter((x) => x === f).length).toBeLessThan(g.logs.length / 2);
  });

  it('finds fructans from 60 days in most seeds', () => {
    let found = 0;
    for (const seed of SEEDS) {
      const r = analyseDiary(generateDiary({ persona: 'fructans', seed, days: 60 }).logs);
      const hit = r.components!.find(isFructanNextDay);
      if (hit?.significant && hit.correlation! > 0) found++;
    }
    expect(found).toBeGreaterThanOrEqual(6);
  });

  it('leaves the per-food report exactly as it was', () => {
    const r = analyseDiary(generateDiary({ persona: 'fructans', seed: 3, days: 120 }).logs);
    const perFood = insightsReport(r);
    const withoutComponents = { ...r };
    delete withoutComponents.components;
    expect(perFood).toEqual(insightsReport(withoutComponents));
    expect(Object.keys(perFood)).not.toContain('components');
  });
});

describe('null twin: the same foods, bloating that ignores them', () => {
  it('rarely yields a component finding', () => {
    let findings = 0;
    let diaries = 0;
    for (const days of [60, 180, 365]) {
      for (const seed of SEEDS.slice(0, 5)) {
        findings += analyseDiary(generateDiary({ persona: 'fructans_null', seed, days }).logs).components!.filter((t) => t.significant).length;
        diaries++;
      }
    }
    expect(diaries).toBe(15);
    expect(findings).toBeLessThanOrEqual(2);
  });
});
