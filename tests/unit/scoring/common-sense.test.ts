import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFoodTable, lookup } from '../../../shared/ingredients/food-table';
import type { IngredientScores, ScoredIngredient } from '../../../shared/ingredients/types';
import { scoreIngredient } from '../../../shared/scoring';

/**
 * The scorer over the real bundled table (USDA SR28 rows, GI tables, curated knowledge): the
 * results must agree with common nutrition sense. Nothing here is special-cased in the scorer;
 * these come out of the data and the ADR's rules.
 */
const table = decodeFoodTable(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/ingredients/foods.data.json'), 'utf8')));
const all = table.entries.filter((e) => e.ndb !== null).map((e) => ({ name: e.name, scored: scoreIngredient(lookup(table, e.name)!) }));

function score(name: string): ScoredIngredient {
  const data = lookup(table, name);
  if (!data) throw new Error(`${name} is not in the table`);
  return scoreIngredient(data);
}

/** Share of table foods scoring strictly below this food on a dimension (0 = lowest, 1 = highest). */
function percentile(name: string, pick: (s: IngredientScores) => number): number {
  const mine = pick(score(name).scores);
  return all.filter((x) => pick(x.scored.scores) < mine).length / all.length;
}
const bloodSugar = (s: IngredientScores) => s.blood_sugar_impact;
const inflammation = (s: IngredientScores) => s.inflammation_potential;
const gut = (s: IngredientScores) => s.gut_impact;

describe('common sense on the bundled table', () => {
  it('white bread and white sugar score low on blood sugar, lentils high', () => {
    expect(score('white bread').scores.blood_sugar_impact).toBeLessThan(40);
    expect(score('sugar').scores.blood_sugar_impact).toBeLessThan(25);
    expect(percentile('white bread', bloodSugar)).toBeLessThan(0.15);
    expect(percentile('sugar', bloodSugar)).toBeLessThan(0.05);
    expect(score('lentils').scores.blood_sugar_impact).toBeGreaterThanOrEqual(90);
    expect(score('lentils').scores.blood_sugar_impact).toBeGreaterThan(score('white bread').scores.blood_sugar_impact + 40);
  });

  it('salmon is among the least inflammatory foods, a trans-fat margarine among the most', () => {
    expect(percentile('salmon', inflammation)).toBeLessThan(0.1);
    const margarine = score('stick margarine');
    expect(margarine.reasons.map((r) => r.rule)).toContain('trans_fat');
    const above = all.filter((x) => x.scored.scores.inflammation_potential > margarine.scores.inflammation_potential).length;
    expect(above / all.length).toBeLessThan(0.02);
    expect(margarine.scores.inflammation_potential - score('salmon').scores.inflammation_potential).toBeGreaterThanOrEqual(50);
  });

  it('kimchi, kefir and yogurt score high on gut; a diet soda with aspartame and acesulfame low', () => {
    for (const name of ['kimchi', 'kefir', 'yogurt']) {
      expect(score(name).scores.gut_impact, name).toBeGreaterThanOrEqual(70);
      expect(percentile(name, gut), name).toBeGreaterThan(0.75);
    }
    const diet = score('diet coke');
    expect(diet.scores.gut_impact).toBeLessThanOrEqual(30);
    expect(percentile('diet coke', gut)).toBeLessThan(0.05);
    expect(diet.reasons.find((r) => r.rule === 'artificial_sweetener' && r.dimension === 'gut')?.text).toMatch(/aspartame.*acesulfame/);
  });

  it('soy and flaxseed have a moderate estrogen impact, coffee a moderate cortisol impact, white bread a high insulin impact', () => {
    for (const name of ['soy', 'tofu', 'edamame', 'soy milk', 'flaxseed']) {
      expect(score(name).scores.hormonal_relevance.estrogen_impact, name).toBe('moderate');
    }
    expect(score('coffee').scores.hormonal_relevance.cortisol_impact).toBe('moderate');
    expect(score('espresso').scores.hormonal_relevance.cortisol_impact).toBe('moderate');
    expect(score('decaf coffee').scores.hormonal_relevance.cortisol_impact).toBe('low');
    expect(score('white bread').scores.hormonal_relevance.insulin_impact).toBe('high');
    expect(score('lentils').scores.hormonal_relevance.insulin_impact).toBe('low');
    expect(score('salmon').scores.hormonal_relevance.score).toBe(0);
  });

  it('whole foods outscore their refined counterparts overall', () => {
    const overall = (n: string) => score(n).scores.overall_score;
    expect(overall('lentils')).toBeGreaterThan(overall('white bread'));
    expect(overall('brown rice')).toBeGreaterThan(overall('white rice'));
    expect(overall('oats')).toBeGreaterThan(overall('cornflakes'));
    expect(overall('apple')).toBeGreaterThan(overall('candy'));
    expect(overall('olive oil')).toBeGreaterThan(overall('stick margarine'));
  });

  it('everyday USDA foods with a measured GI are high confidence; additives without data are low', () => {
    for (const name of ['white bread', 'lentils', 'milk', 'apple', 'banana', 'salmon', 'egg']) {
      expect(score(name).evidence_confidence, name).toBe('high');
    }
    expect(score('aspartame').evidence_confidence).toBe('low');
  });
});
