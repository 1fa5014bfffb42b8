import type { EvidenceConfidence, ImpactLevel, ScoredIngredient, ScoreDimension, ScoreReason } from '../ingredients/types';

/**
 * Plain words for the UI. Scores are general guidance from nutrition research: the wording says
 * what a food is "generally" known for, never what it does to this person. What the person's own
 * diary shows is worded elsewhere and kept visibly apart ("linked to your symptoms").
 */

export const GENERAL_GUIDANCE = {
  heading: 'In general (not about you)',
  note: 'General guidance from nutrition research, not a finding about you. Your own diary may tell a different story.',
} as const;

export const PERSONAL_FINDINGS = {
  heading: 'For you',
  note: 'Patterns found in your own diary. A link is not proof of cause.',
} as const;

export type Tone = 'favourable' | 'neutral' | 'caution';

export interface BandLabel {
  tone: Tone;
  label: string;
}

type Band = { min: number; tone: Tone; label: string };

/** Ordered from the highest minimum down; the first band whose minimum the score reaches applies. */
const BANDS: Record<'blood_sugar' | 'inflammation' | 'gut' | 'overall', readonly Band[]> = {
  blood_sugar: [
    { min: 70, tone: 'favourable', label: 'gentle on blood sugar' },
    { min: 40, tone: 'neutral', label: 'moderate effect on blood sugar' },
    { min: 0, tone: 'caution', label: 'may raise blood sugar quickly' },
  ],
  // Higher inflammation potential is worse.
  inflammation: [
    { min: 60, tone: 'caution', label: 'often linked with inflammation' },
    { min: 40, tone: 'neutral', label: 'may add a little to inflammation' },
    { min: 21, tone: 'neutral', label: 'neutral for inflammation' },
    { min: 0, tone: 'favourable', label: 'considered anti-inflammatory' },
  ],
  gut: [
    { min: 70, tone: 'favourable', label: 'gut-friendly' },
    { min: 45, tone: 'neutral', label: 'neutral for the gut' },
    { min: 0, tone: 'caution', label: 'may be harder on the gut' },
  ],
  overall: [
    { min: 70, tone: 'favourable', label: 'a good everyday choice' },
    { min: 50, tone: 'neutral', label: 'fine as part of a varied diet' },
    { min: 0, tone: 'caution', label: 'usually best enjoyed now and then' },
  ],
};

const HORMONAL_BANDS: readonly Band[] = [
  { min: 50, tone: 'caution', label: 'notable hormonal relevance' },
  { min: 25, tone: 'neutral', label: 'some hormonal relevance' },
  { min: 0, tone: 'favourable', label: 'little hormonal relevance' },
];

/** The band label for a 0–100 score of one dimension. */
export function scoreLabel(dimension: 'blood_sugar' | 'inflammation' | 'gut' | 'hormonal' | 'overall', score: number): BandLabel {
  const bands = dimension === 'hormonal' ? HORMONAL_BANDS : BANDS[dimension];
  const band = bands.find((b) => score >= b.min) ?? bands[bands.length - 1]!;
  return { tone: band.tone, label: band.label };
}

const IMPACT_WORDS: Record<'insulin' | 'estrogen' | 'cortisol', Record<ImpactLevel, string>> = {
  insulin: { low: 'little effect on insulin', moderate: 'a moderate insulin response', high: 'may raise insulin quickly' },
  estrogen: { low: 'no notable estrogen-like effect', moderate: 'a mild estrogen-like effect (phytoestrogens)', high: 'a marked estrogen-like effect' },
  cortisol: { low: 'no notable effect on cortisol', moderate: 'may raise cortisol for a few hours (caffeine)', high: 'may raise cortisol markedly' },
};

export function impactLabel(hormone: 'insulin' | 'estrogen' | 'cortisol', level: ImpactLevel): string {
  return IMPACT_WORDS[hormone][level];
}

const CONFIDENCE_WORDS: Record<EvidenceConfidence, string> = {
  high: 'well-established data',
  medium: 'reasonable data, some gaps',
  low: 'limited data: treat as a rough guide',
};

export function confidenceLabel(c: EvidenceConfidence): string {
  return CONFIDENCE_WORDS[c];
}

export interface ScoreSummary {
  heading: string;
  note: string;
  blood_sugar: BandLabel;
  inflammation: BandLabel;
  gut: BandLabel;
  hormonal: BandLabel;
  overall: BandLabel;
  insulin: string;
  estrogen: string;
  cortisol: string;
  confidence: string;
  /** One sentence for a list row, e.g. "Generally: gentle on blood sugar, gut-friendly." */
  sentence: string;
}

/** Every label the Foods page shows for one scored food. */
export function describeScores(scored: ScoredIngredient): ScoreSummary {
  const s = scored.scores;
  const blood_sugar = scoreLabel('blood_sugar', s.blood_sugar_impact);
  const inflammation = scoreLabel('inflammation', s.inflammation_potential);
  const gut = scoreLabel('gut', s.gut_impact);
  const hormonal = scoreLabel('hormonal', s.hormonal_relevance.score);
  const overall = scoreLabel('overall', s.overall_score);
  // The sentence leads with what stands out, favourable first, so it reads calmly.
  const notable = [blood_sugar, gut, inflammation].filter((b) => b.tone !== 'neutral');
  const ordered = [...notable.filter((b) => b.tone === 'favourable'), ...notable.filter((b) => b.tone === 'caution')];
  const sentence = ordered.length > 0 ? `Generally: ${ordered.map((b) => b.label).join(', ')}.` : `Generally: ${overall.label}.`;
  return {
    ...GENERAL_GUIDANCE,
    blood_sugar,
    inflammation,
    gut,
    hormonal,
    overall,
    insulin: impactLabel('insulin', s.hormonal_relevance.insulin_impact),
    estrogen: impactLabel('estrogen', s.hormonal_relevance.estrogen_impact),
    cortisol: impactLabel('cortisol', s.hormonal_relevance.cortisol_impact),
    confidence: confidenceLabel(scored.evidence_confidence),
    sentence,
  };
}

/** The reasons behind one dimension, without the "starting point" line, for a "why?" list. */
export function reasonsFor(scored: ScoredIngredient, dimension: ScoreDimension): ScoreReason[] {
  return scored.reasons.filter((r) => r.dimension === dimension && r.rule !== 'base');
}
