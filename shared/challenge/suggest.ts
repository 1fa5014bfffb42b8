/**
 * Which foods to offer for a re-challenge: the person's own findings that make a symptom worse
 * (same-day triggers and delayed effects), strongest evidence first. A finding explained by a
 * co-occurring stronger one (issue 16) is never offered: testing the decoy would cost a week without
 * it and say little; its likelier trigger is offered instead.
 */
import type { ExplainedFinding, InsightsResult } from '../insights/types';

export interface ChallengeSuggestion {
  ingredient: string;
  symptom: string;
  /** 0 for a same-day link, 1–3 for a delayed one. */
  lag: number;
  /** The corrected p behind the finding (smaller first). */
  p_adjusted: number;
}

type Findings = Pick<InsightsResult, 'triggers' | 'delayed'> & { explained?: readonly ExplainedFinding[] };

/** One suggestion per food and symptom, strongest first; explained findings left out. */
export function challengeSuggestions(result: Findings): ChallengeSuggestion[] {
  const explained = result.explained ?? [];
  const isExplained = (ingredient: string, symptom: string, lag: number) => explained.some((e) => e.ingredient === ingredient && e.symptom === symptom && e.lag_days === lag);
  const all: ChallengeSuggestion[] = [
    ...result.triggers.filter((t) => t.p_adjusted !== null).map((t) => ({ ingredient: t.ingredient, symptom: t.symptom, lag: 0, p_adjusted: t.p_adjusted! })),
    ...result.delayed.filter((d) => d.direction === 'worse').map((d) => ({ ingredient: d.ingredient, symptom: d.symptom, lag: d.lag, p_adjusted: d.p_adjusted })),
  ].filter((s) => !isExplained(s.ingredient, s.symptom, s.lag));
  all.sort((a, b) => a.p_adjusted - b.p_adjusted || a.lag - b.lag || (a.ingredient < b.ingredient ? -1 : a.ingredient > b.ingredient ? 1 : 0));
  const seen = new Set<string>();
  return all.filter((s) => {
    const key = `${s.ingredient}\u0000${s.symptom}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * When the person picks a food for a test that their diary explains by another food, that
 * explanation (so the page can say so and point to the likelier trigger); otherwise undefined.
 */
export function explainedChoice(result: Pick<Findings, 'explained'>, ingredient: string, symptom: string): ExplainedFinding | undefined {
  return (result.explained ?? []).find((e) => e.ingredient === ingredient && e.symptom === symptom);
}
