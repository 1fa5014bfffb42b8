/**
 * One voice for every finding: the strength words, the plain sentence about a food and a symptom,
 * and the numbers behind it. Insights, Predict, Foods, Today and the report all word a finding
 * through these functions, so the same food can never be "strong evidence" on one page and "only a
 * hint" on another. Depends on nothing: every page may import it without loading the engine.
 */
/** A finding counts when its corrected p-value is below this (DESIGN.md §4). */
export const SIGNIFICANCE = 0.05;

export type Strength = 'strong' | 'moderate' | 'weak' | 'none';

/** Strength of evidence from a (corrected) p-value. */
export function evidenceStrength(p: number | null): Strength {
  if (p === null || !(p < SIGNIFICANCE)) return 'none';
  return p < 0.001 ? 'strong' : p < 0.01 ? 'moderate' : 'weak';
}

/** The words for each strength, as a badge label ("Strong evidence") and mid-sentence ("strong evidence"). */
export const STRENGTH_LABEL: Record<Strength, string> = {
  strong: 'Strong evidence',
  moderate: 'Moderate evidence',
  weak: 'Weak evidence',
  none: 'No clear pattern',
};

export function strengthPhrase(s: Strength): string {
  return STRENGTH_LABEL[s].toLocaleLowerCase('en');
}

/** Orders strengths: none < weak < moderate < strong. */
export const STRENGTH_RANK: Record<Strength, number> = { none: 0, weak: 1, moderate: 2, strong: 3 };

export function strongest(list: readonly Strength[]): Strength {
  return list.reduce<Strength>((a, b) => (STRENGTH_RANK[b] > STRENGTH_RANK[a] ? b : a), 'none');
}

/**
 * A prediction's confidence on the same scale as a finding's evidence. The model's own confidence
 * comes from how it did on days it had not seen; a planned food that Insights finds significant for
 * the same symptom lifts it to that finding's strength, since the link itself is that well supported.
 */
export function predictionStrength(modelConfidence: 'low' | 'medium' | 'high', findings: readonly Strength[] = []): Strength {
  const own: Strength = modelConfidence === 'high' ? 'strong' : modelConfidence === 'medium' ? 'moderate' : 'weak';
  return strongest([own, ...findings]);
}

/** "Strong evidence: a clear pattern in your diary." — the line under each chance on Predict. */
export function predictionStrengthSentence(s: Strength, coldStart: boolean): string {
  if (coldStart) return 'Weak evidence: general food data, not your diary yet.';
  switch (s) {
    case 'strong':
      return 'Strong evidence: a clear pattern in your diary.';
    case 'moderate':
      return 'Moderate evidence: a likely pattern in your diary.';
    default:
      return 'Weak evidence: your diary does not show a clear pattern yet.';
  }
}

export type LinkDirection = 'worse' | 'better';

/** What a sentence about one symptom needs to know about it. */
export interface SymptomWording {
  /** As shown, e.g. "Bloating", "IBS pain". */
  label: string;
  polarity: 'higher_is_worse' | 'higher_is_better';
}

const WHEN = ['', ' the next day', ' two days later', ' three days later'];

/** "Bloating" → "bloating", but "IBS pain" stays as written. */
export function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase('en') + label.slice(1) : label;
}

/** "more bloating" / "less bloating" / "lower energy" / "better energy". */
export function changeWords(symptom: SymptomWording, direction: LinkDirection): string {
  const name = inSentence(symptom.label);
  if (symptom.polarity === 'higher_is_worse') return `${direction === 'worse' ? 'more' : 'less'} ${name}`;
  return `${direction === 'worse' ? 'lower' : 'better'} ${name}`;
}

/** "the next day" etc. ("" for the same day). */
export function lagWords(lag: number): string {
  return WHEN[lag] ?? ` ${lag} days later`;
}

/**
 * The short form of a personal finding, used on food cards, Today's chips and Predict:
 * "linked to more bloating the next day (strong evidence)".
 */
export function linkPhrase(symptom: SymptomWording, direction: LinkDirection, lag: number, strength: Strength): string {
  return `linked to ${changeWords(symptom, direction)}${lagWords(lag)} (${strengthPhrase(strength)})`;
}

/** One row of "Show the numbers". */
export interface NumberRow {
  label: string;
  value: string;
}

/** A p-value as people who ask for it expect to read it. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'not defined';
  if (p < 0.001) return '< 0.001';
  return String(Number(p.toPrecision(2)));
}

export function formatMean(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(2);
}

/** The element id of a finding on the Insights page, so other pages can link straight to it. */
export function findingAnchor(findingId: string): string {
  return `finding-${findingId.replace(/[^\p{L}\p{N}]+/gu, '-')}`;
}
