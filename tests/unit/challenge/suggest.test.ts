import { describe, expect, it } from 'vitest';
import { challengeSuggestions, explainedChoice } from '../../../shared/challenge';
import { generateDiary } from '../../../shared/demo';
import { analyseDiary } from '../../../shared/insights';

describe('re-challenge suggestions', () => {
  it.each([1, 2, 3])('decoy diary, seed %i: offers onion, never coconut milk or rice that only ride along with it', (seed) => {
    const r = analyseDiary(generateDiary({ persona: 'decoy', seed }).logs);
    expect(r.explained.some((e) => e.ingredient === 'coconut milk')).toBe(true);
    const offered = challengeSuggestions(r);
    expect(offered.map((s) => s.ingredient)).toContain('onion');
    for (const e of r.explained) expect(offered.some((s) => s.ingredient === e.ingredient && s.symptom === e.symptom)).toBe(false);
    expect(explainedChoice(r, 'coconut milk', 'bloating')?.by_ingredient).toBe('onion');
    expect(explainedChoice(r, 'onion', 'bloating')).toBeUndefined();
  });

  it('co-triggers diary: both real triggers are offered, strongest evidence first, one entry per food and symptom', () => {
    const r = analyseDiary(generateDiary({ persona: 'co-triggers', seed: 1 }).logs);
    const offered = challengeSuggestions(r);
    expect(offered.map((s) => s.ingredient)).toEqual(expect.arrayContaining(['beans', 'garlic']));
    for (let i = 1; i < offered.length; i++) expect(offered[i]!.p_adjusted).toBeGreaterThanOrEqual(offered[i - 1]!.p_adjusted);
    expect(new Set(offered.map((s) => `${s.ingredient}/${s.symptom}`)).size).toBe(offered.length);
  });

  it('reads a cached result from an older engine (no explained list) without failing', () => {
    const r = analyseDiary(generateDiary({ persona: 'lactose', seed: 2 }).logs);
    const { explained: _drop, ...old } = r;
    // Granola rides along with the yogurt in this diary: the old result cannot know, the new one does.
    expect(r.explained.map((e) => `${e.ingredient} by ${e.by_ingredient}`)).toEqual(['granola by yogurt']);
    expect(challengeSuggestions(old).map((s) => s.ingredient).sort()).toEqual([...challengeSuggestions(r).map((s) => s.ingredient), 'granola'].sort());
    expect(challengeSuggestions(r).map((s) => s.ingredient)).not.toContain('granola');
  });
});
