import { describe, expect, it } from 'vitest';
import { analyseDiary, describeInsights, type ExplainedFinding } from '../../../shared/insights';
import { explainedHeadline, explainedSentence } from '../../../shared/insights/explained-words';
import { generateDiary } from '../../../shared/demo';

const e = (over: Partial<ExplainedFinding>): ExplainedFinding => ({
  ingredient: 'coconut milk',
  symptom: 'bloating',
  lag_days: 1,
  by_ingredient: 'onion',
  by_lag_days: 1,
  overlap: 0.8,
  p_without: 0.4,
  p_by_without: 1e-9,
  ...over,
});
const bloating = { name: 'bloating', polarity: 'higher_is_worse' } as const;

describe('the patient sentence for an explained finding', () => {
  it('names the likelier trigger and says the food makes no clear difference without it', () => {
    expect(explainedSentence(e({}), bloating)).toBe(
      'Coconut milk looks linked to more bloating the next day, but it is mostly eaten with onion; on days without onion it makes no clear difference.',
    );
    expect(explainedHeadline(e({}))).toBe('Coconut milk: mostly eaten with onion');
  });

  it('says "almost always" from 90 % overlap, and for higher-is-better symptoms speaks of lower scores', () => {
    expect(explainedSentence(e({ ingredient: 'milk', by_ingredient: 'coffee', overlap: 0.93, lag_days: 0, by_lag_days: 0 }), { name: 'energy', polarity: 'higher_is_better' })).toBe(
      'Milk looks linked to lower energy, but it is almost always eaten with coffee; on days without coffee it makes no clear difference.',
    );
  });

  it('when the food is never eaten without the other, says the diary cannot tell them apart', () => {
    const s = explainedSentence(e({ ingredient: 'rice', overlap: 1, p_without: 1 }), bloating);
    expect(s).toContain('always eaten with onion');
    expect(s).toContain('cannot tell them apart');
    expect(s).not.toContain('no clear difference');
  });

  it('different lags: says which day the other food was eaten', () => {
    expect(explainedHeadline(e({ lag_days: 0, by_lag_days: 1 }))).toBe('Coconut milk: mostly eaten the day after onion');
    expect(explainedHeadline(e({ lag_days: 2, by_lag_days: 0 }))).toBe('Coconut milk: mostly eaten two days before onion');
  });

  it('uses no p-values or test names', () => {
    for (const x of [e({}), e({ overlap: 1 }), e({ overlap: 0.95, lag_days: 0, by_lag_days: 2 })]) expect(explainedSentence(x, bloating)).not.toMatch(/p [<=]|Mann|Whitney|significan|overlap/i);
  });
});

describe('describeInsights on a diary with a decoy', () => {
  const result = analyseDiary(generateDiary({ persona: 'decoy', seed: 1 }).logs);
  const items = describeInsights(result);

  it('says the decoy is explained, with the real trigger named, and never calls it a trigger or delayed effect', () => {
    const decoy = items.filter((i) => i.ingredient === 'coconut milk');
    expect(decoy.map((i) => i.kind)).toEqual(['explained']);
    expect(decoy[0]!.explained_by).toEqual({ ingredient: 'onion', lag: 1 });
    expect(decoy[0]!.sentence).toBe(explainedSentence(result.explained.find((x) => x.ingredient === 'coconut milk')!, bloating));
    expect(decoy[0]!.strength).toBe('none');
    // The numbers stay one tap away: the finding's own averages and the rule's.
    expect(Object.keys(decoy[0]!.numbers)).toEqual(expect.arrayContaining(['mean_with', 'mean_without', 'overlap', 'p_without', 'p_by_without']));
  });

  it('keeps the real trigger as a finding', () => {
    expect(items.some((i) => i.kind === 'delayed' && i.ingredient === 'onion' && i.direction === 'worse')).toBe(true);
    expect(items.some((i) => i.kind === 'no_triggers' && i.symptom === 'bloating')).toBe(false);
  });
});
