import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IngredientData, IngredientFlag, NutrientsPer100g, ScoredIngredient, SourceRef } from '../../../shared/ingredients/types';
import { dataGaps, giAdjustment, overallScore, scoreIngredient } from '../../../shared/scoring';

const USDA: SourceRef = { name: 'USDA SR28', id: '00000' };

/** A complete, neutral food: every value known, no rule fires except the base (and GI 0 for low carbs). */
function food(nutrients: NutrientsPer100g = {}, extra: Partial<IngredientData> = {}): IngredientData {
  return {
    name: 'test food',
    nutrients: { carbohydrate_g: 1, fiber_g: 0, sugars_g: 0, added_sugars_g: 0, fat_g: 1, saturated_fat_g: 0, ...nutrients },
    glycemic_index: null,
    flags: [],
    sources: [USDA],
    well_studied: true,
    ...extra,
  };
}
const withFlags = (...flags: IngredientFlag[]) => food({}, { flags });
const rules = (s: ScoredIngredient, dimension: string) => s.reasons.filter((r) => r.dimension === dimension).map((r) => r.rule);
const points = (s: ScoredIngredient, rule: string) => s.reasons.find((r) => r.rule === rule)?.points;

describe('glycemic-index adjustment (DESIGN §3)', () => {
  it.each([
    [0, 50],
    [35, 40],
    [55, 10],
    [70, -10],
    [100, -30],
  ])('passes through GI %i → %i', (gi, pts) => {
    expect(giAdjustment(gi)).toBe(pts);
  });

  it.each([
    [17.5, 45],
    [45, 25],
    [62.5, 0],
    [85, -20],
  ])('is linear between the points: GI %d → %d', (gi, pts) => {
    expect(giAdjustment(gi)).toBeCloseTo(pts, 12);
  });

  it('is flat beyond the ends', () => {
    expect(giAdjustment(-5)).toBe(50);
    expect(giAdjustment(103)).toBe(-30);
    expect(giAdjustment(140)).toBe(-30);
  });

  it('is continuous at every point and never increases (property)', () => {
    for (const x of [0, 35, 55, 70, 100]) {
      expect(giAdjustment(x - 1e-9)).toBeCloseTo(giAdjustment(x), 6);
      expect(giAdjustment(x + 1e-9)).toBeCloseTo(giAdjustment(x), 6);
    }
    fc.assert(
      fc.property(fc.double({ min: -20, max: 150, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (a, d) => {
        expect(giAdjustment(a + d)).toBeLessThanOrEqual(giAdjustment(a) + 1e-9);
      }),
    );
  });

  it('uses the measured GI, rounding only the final score', () => {
    const s = scoreIngredient(food({ carbohydrate_g: 20 }, { glycemic_index: 32 }));
    expect(points(s, 'glycemic_index')).toBe(40.86);
    expect(s.scores.blood_sugar_impact).toBe(91); // 50 + 40.857… = 90.857…
  });

  it('treats an unknown GI with under 5 g carbohydrate as GI 0', () => {
    const s = scoreIngredient(food({ carbohydrate_g: 4.99 }));
    expect(points(s, 'low_carb_no_gi')).toBe(50);
    expect(s.scores.blood_sugar_impact).toBe(100);
    expect(s.evidence_confidence).toBe('high');
  });

  it('makes no GI adjustment at 5 g carbohydrate or more, and lowers confidence a level', () => {
    for (const carbs of [5, 60]) {
      const s = scoreIngredient(food({ carbohydrate_g: carbs }));
      expect(rules(s, 'blood_sugar')).toEqual(['base', 'gi_unknown']);
      expect(s.scores.blood_sugar_impact).toBe(50);
      expect(s.evidence_confidence).toBe('medium');
      expect(rules(s, 'confidence')).toContain('gi_unknown');
    }
  });

  it('makes no GI adjustment when carbohydrate is unknown', () => {
    const s = scoreIngredient(food({ carbohydrate_g: undefined }));
    expect(points(s, 'gi_unknown')).toBe(0);
    expect(s.scores.blood_sugar_impact).toBe(50);
  });
});

describe('band edges: just below, at, just above each threshold', () => {
  // Carbohydrate ≥ 5 with GI 62.5 (0 points) isolates the band under test.
  const bs = (n: NutrientsPer100g) => scoreIngredient(food({ carbohydrate_g: 30, ...n }, { glycemic_index: 62.5 })).scores.blood_sugar_impact;
  const inf = (n: NutrientsPer100g, extra: Partial<IngredientData> = {}) => scoreIngredient(food(n, extra)).scores.inflammation_potential;
  const gut = (n: NutrientsPer100g) => scoreIngredient(food(n)).scores.gut_impact;

  it.each([
    [4.99, 50],
    [5, 50],
    [5.01, 60],
    [9.99, 60],
    [10, 60],
    [10.01, 65],
  ])('blood sugar: fiber %d g → %i (not cumulative)', (fiber, score) => {
    expect(bs({ fiber_g: fiber })).toBe(score);
  });

  it.each([
    [9.99, 50],
    [10, 50],
    [10.01, 30],
    [19.99, 30],
    [20, 30],
    [20.01, 20],
  ])('blood sugar: added sugar %d g → %i (not cumulative)', (sugar, score) => {
    expect(bs({ added_sugars_g: sugar, sugars_g: sugar })).toBe(score);
  });

  it('blood sugar: unknown added sugar makes no adjustment', () => {
    expect(bs({ added_sugars_g: undefined, sugars_g: 40 })).toBe(50);
  });

  it.each([
    [4.99, 30],
    [5, 30],
    [5.01, 45],
  ])('inflammation: saturated fat %d g → %i', (sat, score) => {
    expect(inf({ saturated_fat_g: sat, fat_g: 10 })).toBe(score);
  });

  it.each([
    [19.99, 30],
    [20, 30],
    [20.01, 20],
  ])('inflammation: vitamin C %d mg → %i', (c, score) => {
    expect(inf({ vitamin_c_mg: c })).toBe(score);
  });

  it.each([
    [4.99, 30],
    [5, 30],
    [5.01, 20],
  ])('inflammation: vitamin E %d mg → %i', (e, score) => {
    expect(inf({ vitamin_e_mg: e })).toBe(score);
  });

  it.each([
    [0, 30],
    [0.01, 60],
  ])('inflammation: trans fat %d g → %i', (t, score) => {
    expect(inf({ trans_fat_g: t })).toBe(score);
  });

  it.each([
    [1.99, 20],
    [2, 30],
    [4.99, 30],
    [5, 50],
    [10, 50],
    [10.01, 70],
  ])('inflammation: omega-6:omega-3 ratio %d → %i', (ratio, score) => {
    expect(inf({ omega6_g: ratio, omega3_g: 1 })).toBe(score);
  });

  it('inflammation: omega-6 with no omega-3 is the top ratio band; none of either is no band', () => {
    expect(inf({ omega6_g: 3, omega3_g: 0 })).toBe(70);
    expect(inf({ omega6_g: 0, omega3_g: 0 })).toBe(30);
  });

  it('inflammation: the curated omega6_heavy flag stands for a ratio over 10 only when numbers are missing', () => {
    expect(inf({}, { flags: ['omega6_heavy'] })).toBe(70);
    expect(inf({ omega6_g: 3, omega3_g: 1 }, { flags: ['omega6_heavy'] })).toBe(30);
  });

  it.each([
    [2.99, 50],
    [3, 50],
    [3.01, 65],
    [6.99, 65],
    [7, 65],
    [7.01, 75],
  ])('gut: fiber %d g → %i (not cumulative)', (fiber, score) => {
    expect(gut({ fiber_g: fiber })).toBe(score);
  });

  it('keeps band-edge correctness when the amount rounds to the threshold for display', () => {
    const s = scoreIngredient(food({ carbohydrate_g: 30, fiber_g: 5.0004 }, { glycemic_index: 62.5 }));
    expect(points(s, 'fiber_gt_5')).toBe(10);
    expect(s.reasons.find((r) => r.rule === 'fiber_gt_5')!.text).toBe('fiber 5 g/100 g: +10');
    expect(scoreIngredient(food({ carbohydrate_g: 30, fiber_g: 5.004 }, { glycemic_index: 62.5 })).reasons.find((r) => r.rule === 'fiber_gt_5')!.text).toBe('fiber 5.004 g/100 g: +10');
  });
});

describe('flags', () => {
  it.each([
    ['refined_sugar', 'inflammation', 45],
    ['refined_grain', 'inflammation', 40],
    ['artificial_sweetener', 'inflammation', 40],
    ['polyphenols', 'inflammation', 15],
    ['omega3_rich', 'inflammation', 10],
    ['fermented', 'gut', 70],
    ['prebiotic', 'gut', 65],
    ['artificial_sweetener', 'gut', 30],
    ['emulsifier', 'gut', 35],
    ['artificial_colour', 'gut', 40],
  ] as const)('%s → %s %i', (flag, dimension, score) => {
    const s = scoreIngredient(withFlags(flag));
    expect(dimension === 'gut' ? s.scores.gut_impact : s.scores.inflammation_potential).toBe(score);
  });

  it('uses the flag reason in the explanation', () => {
    const s = scoreIngredient(food({}, { flags: ['fermented'], flag_reasons: { fermented: 'fermented with live bacterial cultures' } }));
    expect(s.reasons).toContainEqual({ dimension: 'gut', rule: 'fermented', points: 20, text: 'fermented with live bacterial cultures: +20' });
  });
});

describe('clamping to [0, 100]', () => {
  it('clamps blood sugar at both ends', () => {
    expect(scoreIngredient(food({ carbohydrate_g: 90, added_sugars_g: 50, sugars_g: 50 }, { glycemic_index: 100 })).scores.blood_sugar_impact).toBe(0);
    expect(scoreIngredient(food({ carbohydrate_g: 60, fiber_g: 20 }, { glycemic_index: 0 })).scores.blood_sugar_impact).toBe(100);
  });

  it('clamps inflammation at both ends', () => {
    const worst = food(
      { saturated_fat_g: 20, fat_g: 90, trans_fat_g: 5, omega6_g: 50, omega3_g: 1 },
      { flags: ['refined_sugar', 'refined_grain', 'artificial_sweetener'] },
    );
    expect(scoreIngredient(worst).scores.inflammation_potential).toBe(100);
    const best = food({ vitamin_c_mg: 50, vitamin_e_mg: 10, omega6_g: 1, omega3_g: 1 }, { flags: ['polyphenols', 'omega3_rich'] });
    expect(scoreIngredient(best).scores.inflammation_potential).toBe(0);
  });

  it('clamps gut at the top', () => {
    expect(scoreIngredient(food({ fiber_g: 12 }, { flags: ['fermented', 'prebiotic'] })).scores.gut_impact).toBe(100);
  });

  it('returns whole numbers in range for any input (property)', () => {
    const amount = fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined });
    const flag = fc.constantFrom<IngredientFlag>('fermented', 'prebiotic', 'polyphenols', 'phytoestrogen', 'caffeine', 'refined_sugar', 'refined_grain', 'omega3_rich', 'omega6_heavy', 'artificial_sweetener', 'emulsifier', 'artificial_colour');
    fc.assert(
      fc.property(
        fc.record({ carbohydrate_g: amount, fiber_g: amount, added_sugars_g: amount, saturated_fat_g: amount, trans_fat_g: amount, omega3_g: amount, omega6_g: amount, vitamin_c_mg: amount, vitamin_e_mg: amount, caffeine_mg: amount }),
        fc.option(fc.double({ min: 0, max: 120, noNaN: true }), { nil: null }),
        fc.uniqueArray(flag),
        (nutrients, gi, flags) => {
          const s = scoreIngredient({ name: 'x', nutrients, glycemic_index: gi, flags, sources: [USDA] });
          const all = [s.scores.blood_sugar_impact, s.scores.inflammation_potential, s.scores.gut_impact, s.scores.hormonal_relevance.score, s.scores.overall_score];
          for (const v of all) {
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(100);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('reasons', () => {
  it('lists every rule that fired with its points, and they add up to the score (before clamping)', () => {
    const data = food(
      { carbohydrate_g: 40, fiber_g: 7.9, added_sugars_g: 12, sugars_g: 15, saturated_fat_g: 6, fat_g: 10, vitamin_c_mg: 30 },
      { glycemic_index: 45, flags: ['prebiotic', 'polyphenols', 'caffeine'] },
    );
    const s = scoreIngredient(data);
    expect(s.reasons.map((r) => r.rule)).toEqual([
      'base', 'glycemic_index', 'fiber_gt_5', 'added_sugar_gt_10',
      'base', 'saturated_fat_gt_5', 'vitamin_c_gt_20', 'polyphenols',
      'base', 'fiber_gt_7', 'prebiotic',
      'insulin_moderate', 'cortisol_moderate',
      'confidence_high',
    ]);
    expect(s.reasons.find((r) => r.rule === 'fiber_gt_5')!.text).toBe('fiber 7.9 g/100 g: +10');
    const sum = (dim: string) => s.reasons.filter((r) => r.dimension === dim).reduce((a, r) => a + r.points, 0);
    expect(sum('blood_sugar')).toBeCloseTo(50 + 25 + 10 - 20, 6);
    expect(s.scores.blood_sugar_impact).toBe(65);
    expect(sum('inflammation')).toBe(30 + 15 - 10 - 15);
    expect(s.scores.inflammation_potential).toBe(20);
    expect(sum('gut')).toBe(50 + 25 + 15);
    expect(s.scores.gut_impact).toBe(90);
    expect(sum('hormonal')).toBe(s.scores.hormonal_relevance.score);
  });
});

describe('hormonal relevance', () => {
  const h = (d: IngredientData) => scoreIngredient(d).scores.hormonal_relevance;

  it.each([
    [55, 'low'],
    [55.9, 'low'],
    [56, 'moderate'],
    [69.9, 'moderate'],
    [70, 'high'],
  ] as const)('insulin impact at GI %d is %s', (gi, level) => {
    expect(h(food({ carbohydrate_g: 30 }, { glycemic_index: gi })).insulin_impact).toBe(level);
  });

  it('refined carbohydrate means high insulin impact', () => {
    expect(h(withFlags('refined_sugar')).insulin_impact).toBe('high');
    expect(h(withFlags('refined_grain')).insulin_impact).toBe('high');
    expect(h(food({ added_sugars_g: 20, sugars_g: 20 })).insulin_impact).toBe('moderate');
    expect(h(food({ added_sugars_g: 20.01, sugars_g: 21 })).insulin_impact).toBe('high');
    expect(h(food({ added_sugars_g: 10, sugars_g: 10 })).insulin_impact).toBe('low');
    expect(h(food({ added_sugars_g: 10.01, sugars_g: 11 })).insulin_impact).toBe('moderate');
  });

  it('phytoestrogens → moderate estrogen impact; caffeine → moderate cortisol impact', () => {
    expect(h(withFlags('phytoestrogen')).estrogen_impact).toBe('moderate');
    expect(h(withFlags('caffeine')).cortisol_impact).toBe('moderate');
    expect(h(food({ caffeine_mg: 9.99 })).cortisol_impact).toBe('low');
    expect(h(food({ caffeine_mg: 10 })).cortisol_impact).toBe('moderate');
    expect(h(food()).estrogen_impact).toBe('low');
  });

  it('scores low 0, moderate 25, high 50 per hormone, capped at 100', () => {
    expect(h(food()).score).toBe(0);
    expect(h(withFlags('caffeine')).score).toBe(25);
    expect(h(withFlags('phytoestrogen', 'caffeine')).score).toBe(50);
    expect(h(withFlags('refined_grain')).score).toBe(50);
    expect(h(withFlags('refined_grain', 'caffeine')).score).toBe(75);
    expect(h(withFlags('refined_grain', 'caffeine', 'phytoestrogen')).score).toBe(100);
  });

  it('explains in a calm sentence, never about the person', () => {
    const quiet = h(food()).details;
    expect(quiet).toBe('No notable effect on insulin, estrogen or cortisol is generally associated with this food.');
    const busy = h(food({ carbohydrate_g: 50 }, { glycemic_index: 75, flags: ['refined_grain', 'caffeine', 'phytoestrogen'] })).details;
    expect(busy).toMatch(/^Generally prompts a quick, large insulin response \(high glycemic index 75, refined grain\)\./);
    expect(busy).toMatch(/estrogen-like/);
    expect(busy).toMatch(/cortisol/);
    for (const text of [quiet, busy]) expect(text).not.toMatch(/\b(you|your|dangerous|toxic|avoid|harmful|never)\b/i);
  });
});

describe('overall score', () => {
  it('is 0.30·blood sugar + 0.30·(100 − inflammation) + 0.25·gut + 0.15·(100 − hormonal)', () => {
    expect(overallScore(100, 0, 100, 0)).toBe(100);
    expect(overallScore(0, 100, 0, 100)).toBe(0);
    expect(overallScore(50, 30, 50, 0)).toBe(Math.round(15 + 21 + 12.5 + 15));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (b, i, g, h) => {
        expect(overallScore(b, i, g, h)).toBe(Math.round(0.3 * b + 0.3 * (100 - i) + 0.25 * g + 0.15 * (100 - h)));
      }),
    );
  });

  it('is computed from the displayed dimension scores', () => {
    const s = scoreIngredient(food({ carbohydrate_g: 20, fiber_g: 6 }, { glycemic_index: 32, flags: ['polyphenols', 'caffeine'] })).scores;
    expect(s.overall_score).toBe(overallScore(s.blood_sugar_impact, s.inflammation_potential, s.gut_impact, s.hormonal_relevance.score));
  });
});

describe('evidence confidence (ADR)', () => {
  const conf = (d: IngredientData) => scoreIngredient(d).evidence_confidence;

  it('high: USDA data, nothing important missing, well studied', () => {
    expect(conf(food())).toBe('high');
  });

  it('high also when a second source agrees, even if less studied', () => {
    expect(conf(food({}, { well_studied: false, sources: [USDA, { name: 'Open Food Facts', id: '123' }] }))).toBe('high');
  });

  it('medium: a single reliable source for a less-studied food, or some data missing', () => {
    expect(conf(food({}, { well_studied: false }))).toBe('medium');
    expect(conf(food({}, { sources: [{ name: 'Open Food Facts', id: '1' }] }))).toBe('medium');
    expect(conf(food({ fiber_g: undefined }))).toBe('medium');
    expect(conf(food({ fiber_g: undefined, saturated_fat_g: undefined, fat_g: 12 }))).toBe('medium');
  });

  it('low: no reliable source, or significant gaps', () => {
    expect(conf(food({}, { sources: [{ name: 'Aurea knowledge table' }] }))).toBe('low');
    expect(conf(food({ fiber_g: undefined, saturated_fat_g: undefined, fat_g: 12, added_sugars_g: undefined, sugars_g: 30 }))).toBe('low');
    expect(conf({ name: 'aspartame', nutrients: {}, flags: ['artificial_sweetener'], sources: [{ name: 'Aurea knowledge table' }] })).toBe('low');
  });

  it('counts a missing value as a gap only when it could change a score', () => {
    expect(dataGaps(food({ added_sugars_g: undefined, sugars_g: 10 }))).toEqual([]);
    expect(dataGaps(food({ added_sugars_g: undefined, sugars_g: 10.5 }))).toEqual(['added sugar']);
    expect(dataGaps(food({ saturated_fat_g: undefined, fat_g: 5 }))).toEqual([]);
    expect(dataGaps(food({ saturated_fat_g: undefined, fat_g: undefined }))).toEqual(['saturated fat']);
  });

  it('an unknown GI with carbohydrate drops one level: high → medium → low, low stays low', () => {
    expect(conf(food({ carbohydrate_g: 30 }))).toBe('medium');
    expect(conf(food({ carbohydrate_g: 30 }, { well_studied: false }))).toBe('low');
    expect(conf(food({ carbohydrate_g: 30 }, { sources: [{ name: 'Aurea knowledge table' }] }))).toBe('low');
    expect(conf(food({ carbohydrate_g: 30 }, { glycemic_index: 50 }))).toBe('high');
  });

  it('explains the level among the reasons', () => {
    const s = scoreIngredient(food({ carbohydrate_g: 30 }));
    expect(s.reasons.filter((r) => r.dimension === 'confidence').map((r) => r.text)).toEqual([
      'USDA data, a well-studied food, no important values missing: high',
      'glycemic index unknown for a food with carbohydrate: lowered to medium',
    ]);
  });
});
