// One import line for the "explained by" tests: the rule, the engine and the statistic it uses.
export { analyseDiary, explainFindings, findingsOf, pairEvidence, type DelayedEffect, type DiaryEntry, type Finding, type TriggerTest } from '../../../shared/insights';
export { mannWhitneyU } from '../../../shared/stats';
