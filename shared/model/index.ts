/**
 * Per-person prediction (ADR §3, DESIGN §5). What the app's worker calls:
 *   trainModelSet(logs, { trainedAt, version })      → ModelSet (cold start below 14 logs)
 *   decideActivation(candidate, activeRecord)        → { activate, reason }; modelRecord(set, decision)
 *   predict(set, history, { date, ingredients, cycle_phase }, { scoreIngredient, today }) → Prediction
 *   shouldRetrain(activeRecord | null, logCount, now)
 *   modelSetToArtifacts(set) / modelSetFromArtifacts(artifacts)
 *   compareWithOutcome(prediction, log) / trackRecord(outcomes)
 *   useModelBackend('wasm') after registering @tensorflow/tfjs-backend-wasm
 */
export { trainModelSet, disposeModelSet, confidenceFromMetrics, MIN_LOGS_FOR_TRAINING, MIN_LOGS_FOR_FULL_MODEL, DEFAULT_WINDOW_DAYS } from './train';
export type { TrainOptions } from './train';
export { predict, predictMany, coldStartBloatingProbability, interpretPrediction, COLD_START_INTERPRETATION, USUAL_DAY_INTERPRETATION, NO_USUAL_DAY_INTERPRETATION } from './predict';
export { usualRates, usualRateValues, compareWithUsual, MIN_RATED_DAYS_FOR_USUAL, USUAL_BAND } from './usual';
export type { UsualDay, UsualRate, RatedDay, UsualComparison } from './usual';
export type { PredictOptions } from './predict';
export { shouldRetrain, decideActivation, modelRecord, MAX_BRIER_RATIO, SKILL_TOLERANCE } from './lifecycle';
export type { ModelRecord, TrainingMeta, ActivationDecision } from './lifecycle';
export { modelSetToArtifacts, modelSetFromArtifacts, ARTIFACTS_FORMAT } from './persistence';
export type { ModelSetArtifacts, ModelSetMeta } from './persistence';
export { compareWithOutcome, trackRecord } from './track-record';
export type { Outcome, TrackRecord, TargetRecord, CalibrationBin, PredictionSummary } from './track-record';
export { backtest } from './backtest';
export type { BacktestResult, BacktestPrediction, BacktestOptions } from './backtest';
export { dayFeatures, prepareHistory, daysUntilMenstruation, estimateCycleLength, ingredientFeatures, DAYS_SINCE_CAP } from './features';
export type { ModelLog, DayQuery, DayFeatures, History, IngredientFeatures } from './features';
export { TARGETS, MODEL_SYMPTOMS } from './targets';
export type { TargetKey, TargetDef, ModelSymptom } from './targets';
export { useModelBackend } from './tf';
export type { ModelSet, Prediction, Contribution, Confidence, Tier, TargetMetrics, IngredientScoreLookup } from './types';
