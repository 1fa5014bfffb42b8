import type { SymptomPolarity } from '../schema';

/**
 * How a rating reads on its own symptom's scale. Ratings are 0–5; for a "higher is better" symptom
 * (energy, focus, mood) a 5 is a good day, so colour and words follow the meaning, not the number.
 */
export type SeverityBand = 'good' | 'fair' | 'poor' | 'bad';

/** 0 (best) … 5 (worst), whatever the symptom's direction. */
export function badness(value: number, polarity: SymptomPolarity): number {
  return polarity === 'higher_is_better' ? 5 - value : value;
}

export function severityBand(value: number, polarity: SymptomPolarity): SeverityBand {
  const b = badness(value, polarity);
  return b <= 1 ? 'good' : b === 2 ? 'fair' : b === 3 ? 'poor' : 'bad';
}

/** Words for the band, shown beside the colour so it never carries the meaning alone. */
export const SEVERITY_WORDS: Record<SeverityBand, string> = { good: 'good', fair: 'fair', poor: 'poor', bad: 'bad' };

/** Legend rows for a symptom: which ratings fall in each band, in the symptom's own direction. */
export function severityLegend(polarity: SymptomPolarity): { band: SeverityBand; values: number[] }[] {
  const bands: SeverityBand[] = ['good', 'fair', 'poor', 'bad'];
  return bands.map((band) => ({ band, values: [0, 1, 2, 3, 4, 5].filter((v) => severityBand(v, polarity) === band) }));
}
