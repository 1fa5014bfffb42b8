/**
 * The insight engine and what the Insights page needs to show it (pure data and strings, safe in a
 * Web Worker): analyseDiary → describeInsights / ingredientLinks, cached under logsHash.
 */
export * from './types';
export { analyseDiary, insightsReport, insightsJson, ENGINE_VERSION, MIN_DAYS_PER_GROUP, MIN_LAG_PAIRS, MAX_LAG, SIGNIFICANCE, TRIGGERS_PER_SYMPTOM, SEASONAL_MIN_MONTHS } from './analyse';
export { describeInsights, findingNumbers, ASSOCIATION_NOTE, type DescribeContext, type InsightItem, type InsightKind, type GapSubject } from './describe';
export { ingredientLinks, personalFindings, type IngredientLink, type PersonalFinding } from './links';
export { logsHash, canonicalDiary, fnv1a64 } from './hash';
export { byCodePoint } from './order';
export * from './voice';
export { explainFindings, pairEvidence, findingsOf, indexDiary, meetsRule, EXPLAINED_MIN_OVERLAP, EXPLAINED_ALPHA, EXPLAINED_MIN_GROUP, type Finding, type PairEvidence, type DiaryIndex } from './explained';
export { explanationOf } from './explained-words';
export { analyseComponents, COMPONENT_MIN_DAYS_PER_GROUP, COMPONENT_MAX_LAG, type ComponentTest } from './components';
export { componentFindings, componentSentence, componentNumbers, COMPONENT_FOODS_NAMED, type ComponentFinding } from './components-describe';
