import { describe, expect, it } from 'vitest';
import type { IngredientData, ScoredIngredient } from '../../../shared/ingredients/types';
import { GENERAL_GUIDANCE, PERSONAL_FINDINGS, confidenceLabel, describeScores, impactLabel, reasonsFor, scoreIngredient, scoreLabel } from '../../../shared/scoring';

const ALARM = /\b(dangerous|toxic|poison|avoid|harmful|bad for you|never|must|deadly|unhealthy)\b/i;

describe('score labels', () => {
  it.each([
    ['blood_sugar', 100, 'favourable', 'gentle on blood sugar'],
    ['blood_sugar', 70, 'favourable', 'gentle on blood sugar'],
    ['blood_sugar', 69, 'neutral', 'moderate effect on blood sugar'],
    ['blood_sugar', 40, 'neutral', 'moderate effect on blood sugar'],
    ['blood_sugar', 39, 'caution', 'may raise blood sugar quickly'],
    ['blood_sugar', 0, 'caution', 'may raise blood sugar quickly'],
    ['inflammation', 0, 'favourable', 'considered anti-inflammatory'],
    ['inflammation', 20, 'favourable', 'considered anti-inflammatory'],
    ['inflammation', 21, 'neutral', 'neutral for inflammation'],
    ['inflammation', 40, 'neutral', 'may add a little to inflammation'],
    ['inflammation', 60, 'caution', 'often linked with inflammation'],
    ['gut', 70, 'favourable', 'gut-friendly'],
    ['gut', 69, 'neutral', 'neutral for the gut'],
    ['gut', 44, 'caution', 'may be harder on the gut'],
    ['hormonal', 0, 'favourable', 'little hormonal relevance'],
    ['hormonal', 25, 'neutral', 'some hormonal relevance'],
    ['hormonal', 50, 'caution', 'notable hormonal relevance'],
    ['overall', 70, 'favourable', 'a good everyday choice'],
    ['overall', 50, 'neutral', 'fine as part of a varied diet'],
    ['overall', 49, 'caution', 'usually best enjoyed now and then'],
  ] as const)('%s %i → %s "%s"', (dimension, score, tone, label) => {
    expect(scoreLabel(dimension, score)).toEqual({ tone, label });
  });

  it('never uses alarming words', () => {
    for (const dimension of ['blood_sugar', 'inflammation', 'gut', 'hormonal', 'overall'] as const) {
      for (let s = 0; s <= 100; s++) expect(scoreLabel(dimension, s).label).not.toMatch(ALARM);
    }
    for (const h of ['insulin', 'estrogen', 'cortisol'] as const) for (const l of ['low', 'moderate', 'high'] as const) expect(impactLabel(h, l)).not.toMatch(ALARM);
    for (const c of ['high', 'medium', 'low'] as const) expect(confidenceLabel(c)).not.toMatch(ALARM);
  });

  it('frames scores as general guidance, apart from the person’s own findings', () => {
    expect(GENERAL_GUIDANCE.heading).toBe('In general (not about you)');
    expect(GENERAL_GUIDANCE.note).toMatch(/not a finding about you/);
    expect(PERSONAL_FINDINGS.heading).toBe('For you');
    expect(PERSONAL_FINDINGS.note).toMatch(/not proof of cause/);
  });
});

describe('describeScores', () => {
  const lentilLike: IngredientData = {
    name: 'lentil',
    nutrients: { carbohydrate_g: 20, fiber_g: 7.9, sugars_g: 1.8, added_sugars_g: 0, fat_g: 0.4, saturated_fat_g: 0.05 },
    glycemic_index: 32,
    flags: ['prebiotic'],
    sources: [{ name: 'USDA SR28', id: '16070' }],
    well_studied: true,
  };

  it('summarises a food with calm, "generally" framed labels', () => {
    const d = describeScores(scoreIngredient(lentilLike));
    expect(d.heading).toBe('In general (not about you)');
    expect(d.blood_sugar.label).toBe('gentle on blood sugar');
    expect(d.gut.label).toBe('gut-friendly');
    expect(d.insulin).toBe('little effect on insulin');
    expect(d.confidence).toBe('well-established data');
    expect(d.sentence).toBe('Generally: gentle on blood sugar, gut-friendly.');
  });

  it('leads with favourable points and falls back to the overall label', () => {
    const sweet: IngredientData = { ...lentilLike, glycemic_index: 80, nutrients: { ...lentilLike.nutrients, fiber_g: 0, added_sugars_g: 30, sugars_g: 30 }, flags: ['refined_sugar'] };
    expect(describeScores(scoreIngredient(sweet)).sentence).toBe('Generally: may raise blood sugar quickly.');
    const plain: ScoredIngredient = {
      scores: { blood_sugar_impact: 55, inflammation_potential: 30, gut_impact: 50, hormonal_relevance: { score: 0, insulin_impact: 'low', estrogen_impact: 'low', cortisol_impact: 'low', details: '' }, overall_score: 62 },
      evidence_confidence: 'medium',
      reasons: [],
    };
    expect(describeScores(plain).sentence).toBe('Generally: fine as part of a varied diet.');
  });

  it('reasonsFor gives the rules behind one dimension without the starting point', () => {
    const scored = scoreIngredient(lentilLike);
    expect(reasonsFor(scored, 'gut').map((r) => r.text)).toEqual(['fiber 7.9 g/100 g: +25', 'prebiotic: +15']);
    expect(reasonsFor(scored, 'blood_sugar').map((r) => r.rule)).toEqual(['glycemic_index', 'fiber_gt_5']);
  });
});
