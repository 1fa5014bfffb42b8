/**
 * When to retrain, and whether a freshly trained model set replaces the active one (ADR "Retraining
 * Logic" and training pipeline step 7, DESIGN §5). The worker stores one record per trained set in
 * the `models` table; only one is active.
 */
import { TARGETS, type TargetKey } from './targets';
import { MAX_BRIER_RATIO, MIN_LOGS_FOR_TRAINING } from './thresholds';
import type { ModelSet, TargetMetrics, Tier } from './types';

/** The `models` table row beside the stored tfjs artifacts. */
export interface ModelRecord {
  version: number;
  trained_at: string;
  tier: Tier;
  training_samples: number;
  /** Logs the person had at training time. */
  log_count: number;
  metrics: Partial<Record<TargetKey, TargetMetrics>>;
  is_active: boolean;
  /** Why it was (not) activated, in plain words. */
  reason: string;
}

/** What shouldRetrain needs to know about the active model (a ModelRecord fits). */
export interface TrainingMeta {
  trained_at: string;
  training_samples: number;
  /** Logs at training time; with a 90-day window this differs from training_samples. */
  log_count?: number;
}

const DAY_MS = 86_400_000;

/**
 * The ADR's should_retrain_model: never trained → at least 14 logs; otherwise retrain when the model
 * is a week old, or 7 or more logs were added, or the new logs are more than 20 % of those it saw.
 * New logs are counted from the log count at training time (the ADR's training_samples, before the
 * 90-day window existed). Fewer logs than then (logs deleted) also retrains, so a model never keeps
 * standing on data the person removed.
 */
export function shouldRetrain(meta: TrainingMeta | null, logCount: number, now: Date | string | number): boolean {
  if (meta === null) return logCount >= MIN_LOGS_FOR_TRAINING;
  const nowMs = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  const trainedMs = Date.parse(meta.trained_at);
  if (!Number.isFinite(trainedMs) || !Number.isFinite(nowMs)) return true;
  const daysSince = Math.floor((nowMs - trainedMs) / DAY_MS);
  const seen = meta.log_count ?? meta.training_samples;
  const newLogs = logCount - seen;
  if (newLogs < 0) return true;
  return daysSince >= 7 || newLogs >= 7 || (seen > 0 ? newLogs / seen > 0.2 : newLogs > 0);
}

/**
 * The minimum a model set must clear on its held-out days: for every target it uses, a Brier score no
 * more than 10 % worse than always predicting the person's usual rate (training already swaps a target
 * that fails for the usual rate, so this guards sets from elsewhere). A set with no discrimination but
 * honest rates passes, and says "low" confidence; one whose probabilities mislead does not.
 */
export { MAX_BRIER_RATIO };
/** A new set may score this much lower mean Brier skill than the active one (noise between windows). */
export const SKILL_TOLERANCE = 0.02;

export interface ActivationDecision {
  activate: boolean;
  reason: string;
}

/** Mean Brier skill over the targets; a muted target forecasts the usual rate, skill 0. */
function meanSkill(metrics: Partial<Record<TargetKey, TargetMetrics>>): number | null {
  const skills = TARGETS.map((t) => metrics[t.key])
    .filter((m): m is TargetMetrics => m !== undefined && Number.isFinite(m.brier_skill))
    .map((m) => (m.muted ? 0 : m.brier_skill));
  return skills.length ? skills.reduce((a, b) => a + b, 0) / skills.length : null;
}

/** Decides whether `candidate` replaces `active` (null: nothing trained yet, the cold-start rule is in use). */
export function decideActivation(candidate: ModelSet, active: Pick<ModelRecord, 'version' | 'metrics' | 'tier'> | null): ActivationDecision {
  if (candidate.tier === 'cold_start') {
    return { activate: false, reason: `only ${candidate.training_samples} logs in the training window; ${MIN_LOGS_FOR_TRAINING} are needed for a personal model` };
  }
  for (const t of TARGETS) {
    const m = candidate.metrics[t.key];
    if (!m || m.muted || !candidate.models[t.symptom]) continue;
    if (!Number.isFinite(m.brier) || m.brier > m.climatology_brier * MAX_BRIER_RATIO + 1e-12) {
      return {
        activate: false,
        reason: `kept the previous model: on the last ${m.n_validation} days the new ${t.label} forecasts scored worse (Brier ${m.brier.toFixed(3)}) than simply using your usual rate (${m.climatology_brier.toFixed(3)})`,
      };
    }
  }
  const cand = meanSkill(candidate.metrics);
  const prev = active && active.tier !== 'cold_start' ? meanSkill(active.metrics) : null;
  if (cand !== null && prev !== null && cand < prev - SKILL_TOLERANCE) {
    return {
      activate: false,
      reason: `kept model v${active!.version}: the new one forecast its held-out days less well (skill ${cand.toFixed(3)} against ${prev.toFixed(3)})`,
    };
  }
  const skillText = cand === null ? '' : ` (held-out skill ${cand.toFixed(3)} over the usual rate)`;
  return {
    activate: true,
    reason: active ? `replaces model v${active.version}${skillText}` : `first personal model from ${candidate.training_samples} logs${skillText}`,
  };
}

/** The metadata row for a trained set and the decision about it. */
export function modelRecord(set: ModelSet, decision: ActivationDecision): ModelRecord {
  return {
    version: set.version,
    trained_at: set.trained_at,
    tier: set.tier,
    training_samples: set.training_samples,
    log_count: set.log_count,
    metrics: set.metrics,
    is_active: decision.activate,
    reason: decision.reason,
  };
}
