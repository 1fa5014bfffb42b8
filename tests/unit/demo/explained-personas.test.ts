import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import { analyseDiary, findingsOf, pairEvidence } from '../../../shared/insights';

// The project's own generator plants foods that ride along with a trigger (served in the same dish),
// and real triggers that are often served together; the "explained by" rule must tell them apart.
const SEEDS = [1, 2, 3, 4];

describe('"explained by" on generated diaries', () => {
  it.each(SEEDS)('decoy persona, seed %i: coconut milk (in the onion curry) is explained by onion, onion is not explained', (seed) => {
    const d = generateDiary({ persona: 'decoy', seed });
    const r = analyseDiary(d.logs);
    const findings = findingsOf(r).filter((f) => f.symptom === 'bloating');
    // The decoy does look linked on its own: the §4 engine reports it.
    expect(findings.some((f) => f.ingredient === 'coconut milk')).toBe(true);
    expect(r.explained.find((e) => e.ingredient === 'coconut milk')).toMatchObject({ symptom: 'bloating', lag_days: 1, by_ingredient: 'onion', by_lag_days: 1 });
    expect(r.explained.some((e) => e.ingredient === 'onion')).toBe(false);
    // The planted trigger is still reported, with its own numbers.
    expect(r.delayed.some((x) => x.ingredient === 'onion' && x.symptom === 'bloating' && x.lag === 1)).toBe(true);
  });

  it.each(SEEDS)('co-triggers persona, seed %i: beans and garlic (often in one chili) are both findings and neither is explained', (seed) => {
    const d = generateDiary({ persona: 'co-triggers', seed });
    const r = analyseDiary(d.logs);
    const beans = findingsOf(r).find((f) => f.ingredient === 'beans' && f.symptom === 'bloating');
    const garlic = findingsOf(r).find((f) => f.ingredient === 'garlic' && f.symptom === 'bloating');
    expect(beans).toBeDefined();
    expect(garlic).toBeDefined();
    // They do overlap enough for the rule to consider it: most bean days are garlic days.
    expect(pairEvidence(d.logs, beans!, garlic!).overlap!).toBeGreaterThanOrEqual(0.5);
    expect(r.explained.filter((e) => e.ingredient === 'beans' || e.ingredient === 'garlic')).toEqual([]);
  });

  it('a dish is all or nothing on a day, and adding one leaves the rest of the diary as it was', () => {
    const d = generateDiary({ persona: 'decoy', seed: 9, days: 120 });
    expect(d.truth.params.dishes.map((x) => x.name)).toEqual(['curry']);
    const withCurry = d.logs.filter((l) => l.ingredients.includes('coconut milk'));
    expect(withCurry.length).toBeGreaterThan(10);
    const plain = generateDiary({ persona: 'decoy', seed: 9, days: 120, dishes: [] });
    d.logs.forEach((l, i) => {
      const base = plain.logs[i]!;
      expect(l.date).toBe(base.date);
      for (const food of base.ingredients) expect(l.ingredients).toContain(food);
      const added = l.ingredients.filter((f) => !base.ingredients.includes(f));
      if (added.length > 0) for (const f of ['onion', 'coconut milk', 'white rice']) expect(l.ingredients).toContain(f);
    });
  });

  it('refuses a dish of one food, with the field named', () => {
    expect(() => generateDiary({ dishes: [{ name: 'bowl', foods: ['rice'], daily: 0.5 }] })).toThrow(/foods/);
  });
});
