import { describe, expect, it } from 'vitest';
import { changeWords, findingAnchor, formatP, linkPhrase, predictionStrength, predictionStrengthSentence, STRENGTH_LABEL, strongest } from '../../../shared/insights/voice';
import { ingredientLinks, personalFindings } from '../../../shared/insights/links';
import { symptomKey, symptomKeyFor } from '../../../shared/schema';

const bloating = { label: 'Bloating', polarity: 'higher_is_worse' as const };
const energy = { label: 'Energy', polarity: 'higher_is_better' as const };

describe('one strength vocabulary', () => {
  it('has one label per strength, used mid-sentence in lower case', () => {
    expect(STRENGTH_LABEL).toEqual({ strong: 'Strong evidence', moderate: 'Moderate evidence', weak: 'Weak evidence', none: 'No clear pattern' });
    expect(linkPhrase(bloating, 'worse', 0, 'strong')).toBe('linked to more bloating (strong evidence)');
    expect(linkPhrase(energy, 'worse', 1, 'moderate')).toBe('linked to lower energy the next day (moderate evidence)');
    expect(changeWords({ label: 'IBS pain', polarity: 'higher_is_worse' }, 'better')).toBe('less IBS pain');
  });

  it('puts a prediction on the same scale, lifted by a finding about a planned food', () => {
    expect(predictionStrength('low')).toBe('weak');
    expect(predictionStrength('medium')).toBe('moderate');
    expect(predictionStrength('high')).toBe('strong');
    // Insights says "strong" about milk: Predict cannot call the same link a weak hint.
    expect(predictionStrength('low', ['strong'])).toBe('strong');
    expect(predictionStrength('high', ['weak'])).toBe('strong');
    expect(strongest([])).toBe('none');
    expect(predictionStrengthSentence('strong', false)).toMatch(/^Strong evidence/);
    expect(predictionStrengthSentence('strong', true)).toMatch(/^Weak evidence: general food data/);
  });

  it('writes p-values as people expect to read them', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.01234)).toBe('0.012');
    expect(formatP(null)).toBe('not defined');
  });

  it('gives every finding an element id other pages can link to', () => {
    expect(findingAnchor('delayed:bloating:onion:1')).toBe('finding-delayed-bloating-onion-1');
    expect(findingAnchor('trigger:crème fraîche:bloating')).toBe('finding-trigger-crème-fraîche-bloating');
  });
});

describe('personal findings about a food', () => {
  it('words the food card and Today in the same words as Insights', () => {
    const links = ingredientLinks({
      symptoms: [{ symptom: 'bloating', polarity: 'higher_is_worse' } as never],
      tests: [{ ingredient: 'milk', symptom: 'bloating', n_present: 20, n_absent: 40, mean_present: 3.4, mean_absent: 1.8, u_statistic: 1, p_value: 1e-6, p_adjusted: 4e-5, correlation: 0.5 }],
      delayed: [],
    });
    const [f] = personalFindings('milk', links.get('milk')!, () => bloating);
    expect(f).toMatchObject({ direction: 'worse', strength: 'strong', summary: 'Linked to more bloating (strong evidence)', detail: 'Your bloating averaged 3.4 on days with milk vs 1.8 without it.' });
  });
});

describe('custom symptom names', () => {
  it.each([
    ['Headache', 'headache'],
    ['Joint pain', 'joint_pain'],
    ['Crampes abdominales é', 'crampes_abdominales_é'],
    ['Übelkeit', 'übelkeit'],
    ['Mal de tête', 'mal_de_tête'],
    ['頭痛', '頭痛'],
    ['Migraine 🤕', 'migraine_1f915'],
    ['😴', '1f634'],
  ])('%s gets the key %s, which the schema accepts', (label, key) => {
    expect(symptomKeyFor(label)).toBe(key);
    expect(symptomKey.safeParse(key).success).toBe(true);
  });

  it('keeps names that differ only by an emoji apart, and gives nothing for punctuation alone', () => {
    expect(symptomKeyFor('Migraine 🤕')).not.toBe(symptomKeyFor('Migraine 😴'));
    expect(symptomKeyFor('?!')).toBe('');
  });
});
