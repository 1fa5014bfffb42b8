export { scoreIngredient, overallScore, dataGaps } from './score';
export { giAdjustment, giBand, GI_POINTS, LOW_CARB_G, BLOOD_SUGAR, INFLAMMATION, GUT, HORMONAL, OVERALL_WEIGHTS } from './rules';
export { describeScores, scoreLabel, impactLabel, confidenceLabel, reasonsFor, GENERAL_GUIDANCE, PERSONAL_FINDINGS } from './wording';
export type { BandLabel, ScoreSummary, Tone } from './wording';
