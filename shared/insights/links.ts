import { SIGNIFICANCE } from './analyse';
import { evidenceStrength, type Strength } from './describe';
import { explanationOf } from './explained';
import type { SymptomPolarity } from '../schema';
import type { Direction, ExplainedFinding, InsightsResult } from './types';

/** One symptom a food is linked to in this diary (for the food card's "linked to your symptoms"). */
export interface IngredientLink {
  symptom: string;
  /** 0 for the same day, 1–3 for a delayed effect. */
  lag: number;
  direction: Direction;
  correlation: number;
  p_adjusted: number;
  strength: Strength;
  /** Mean symptom on (or `lag` days after) days with / without the food. */
  mean_with: number | null;
  mean_without: number | null;
  polarity: SymptomPolarity;
  /** Set when the link is explained by a co-occurring stronger one: then it is not a trigger to avoid. */
  explained?: ExplainedFinding;
}

/**
 * Foods → the symptoms they are significantly linked to: every same-day test with p_adjusted < 0.05
 * (triggers beyond the top five too, and protective links with direction 'better') and every delayed
 * effect. Strongest first within a food. A link explained by another food carries that explanation.
 */
export function ingredientLinks(result: Pick<InsightsResult, 'tests' | 'delayed' | 'symptoms'> & { explained?: InsightsResult['explained'] }): Map<string, IngredientLink[]> {
  const polarity = new Map(result.symptoms.map((s) => [s.symptom, s.polarity]));
  const links = new Map<string, IngredientLink[]>();
  const add = (food: string, plain: Omit<IngredientLink, 'polarity'>) => {
    const link: IngredientLink = { ...plain, polarity: polarity.get(plain.symptom) ?? 'higher_is_worse' };
    const explained = plain.direction === 'worse' ? explanationOf(result.explained ?? [], food, plain.symptom, plain.lag) : undefined;
    if (explained) link.explained = explained;
    const list = links.get(food);
    if (list) list.push(link);
    else links.set(food, [link]);
  };
  for (const t of result.tests) {
    if (t.p_adjusted === null || !(t.p_adjusted < SIGNIFICANCE) || t.correlation === null || t.correlation === 0) continue;
    const higherIsWorse = (polarity.get(t.symptom) ?? 'higher_is_worse') === 'higher_is_worse';
    add(t.ingredient, {
      symptom: t.symptom,
      lag: 0,
      direction: t.correlation > 0 === higherIsWorse ? 'worse' : 'better',
      correlation: t.correlation,
      p_adjusted: t.p_adjusted,
      strength: evidenceStrength(t.p_adjusted),
      mean_with: t.mean_present,
      mean_without: t.mean_absent,
    });
  }
  for (const d of result.delayed) {
    add(d.ingredient, {
      symptom: d.symptom,
      lag: d.lag,
      direction: d.direction,
      correlation: d.correlation,
      p_adjusted: d.p_adjusted,
      strength: evidenceStrength(d.p_adjusted),
      mean_with: d.mean_with,
      mean_without: d.mean_without,
    });
  }
  for (const list of links.values()) list.sort((a, b) => a.p_adjusted - b.p_adjusted || a.lag - b.lag || (a.symptom < b.symptom ? -1 : a.symptom > b.symptom ? 1 : 0));
  return links;
}
