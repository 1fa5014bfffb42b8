import { SIGNIFICANCE, evidenceStrength, inSentence, linkPhrase, type Strength, type SymptomWording } from './voice';
import { explanationOf } from './explained-words';
import { explainedHeadline, explainedSentence } from './explained-words';
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

/** One personal finding about a food, worded once for the food card, Today and Predict. */
export interface PersonalFinding {
  symptom: string;
  direction: Direction;
  lag: number;
  strength: Strength;
  /** "Linked to more bloating the next day (strong evidence)". */
  summary: string;
  /** "Your bloating averaged 3.4 on days with milk vs 1.8 without it." */
  detail: string;
  /**
   * Set when the link only looks like one because the food is mostly eaten with this likelier trigger
   * (issue 16): not a trigger to avoid. The summary and detail then say so.
   */
  explained_by?: string;
}

const LAG_DAYS = ['on days with', 'the day after', 'two days after', 'three days after'];

/**
 * The person's own findings about one food, strongest first, in the one voice of shared/insights/voice.
 * A link explained by another food is said as such and carries `explained_by`: never a trigger to avoid.
 */
export function personalFindings(food: string, links: readonly IngredientLink[], wordingOf: (symptom: string) => SymptomWording): PersonalFinding[] {
  return links.map((l) => {
    const w = wordingOf(l.symptom);
    const mean = (v: number | null) => (v === null ? '–' : v.toFixed(1));
    const when = l.lag === 0 ? `on days with ${food}` : `${LAG_DAYS[l.lag] ?? `${l.lag} days after`} ${food}`;
    const phrase = linkPhrase(w, l.direction, l.lag, l.strength);
    if (l.explained) {
      return {
        symptom: l.symptom,
        direction: l.direction,
        lag: l.lag,
        strength: l.strength,
        summary: explainedHeadline(l.explained).replace(/^[^:]*: /, 'Only looks linked: '),
        detail: explainedSentence(l.explained, { name: inSentence(w.label), polarity: w.polarity }),
        explained_by: l.explained.by_ingredient,
      };
    }
    return {
      symptom: l.symptom,
      direction: l.direction,
      lag: l.lag,
      strength: l.strength,
      summary: phrase.charAt(0).toLocaleUpperCase('en') + phrase.slice(1),
      detail: `Your ${inSentence(w.label)} averaged ${mean(l.mean_with)} ${when} vs ${mean(l.mean_without)} ${l.lag === 0 ? 'without it' : 'otherwise'}.`,
    };
  });
}
