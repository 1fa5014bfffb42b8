/**
 * Derived state follows its data (issue 12 §1). Models, stored predictions (the track record),
 * re-challenges, the insights cache and the nudges they feed are all derived from logged days. After
 * any bulk change to the diary (demo removed, import, days deleted, sync applied) this one rule says
 * which of them now stand on days that no longer exist, and whether the model must be retrained
 * (the ADR's should_retrain). Plain data in, a plain decision out; the app applies it.
 */
import { shouldRetrain } from '../model/lifecycle';

/** What a trained model row records about the days it learned from. */
export interface ModelBasis {
  version: number;
  is_active: boolean;
  trained_at: string;
  training_samples: number;
  log_count?: number;
  /** The dates it was trained on (rows from before this rule lack them). */
  trained_dates?: readonly string[] | null;
  /** Its training window (the fallback check for rows without trained_dates). */
  window?: { from: string; to: string } | null;
}

/** Anything else derived from the diary, tagged when it was made while demo days were in it. */
export interface TaggedBasis {
  id: string;
  demo?: boolean;
}

export interface ChallengeBasis extends TaggedBasis {
  status: string;
}

export interface InsightsBasis extends TaggedBasis {
  /** The dates the cached result was computed from (older rows lack them). */
  dates?: readonly string[] | null;
  /** Logs it was computed from (older rows: the result's log_count). */
  log_count?: number | null;
}

export interface DerivedStateInput {
  /** Every logged date now, and how many of those days are demo days. */
  diary: { dates: readonly string[]; demoDays: number };
  models: readonly ModelBasis[];
  predictions: readonly TaggedBasis[];
  challenges: readonly ChallengeBasis[];
  insights: readonly InsightsBasis[];
  now: Date | string | number;
}

export interface StaleDerivedState {
  /** Model versions to delete with their weights: trained on days that no longer exist. */
  models: number[];
  /** After the drop, the retraining rule says train now. */
  retrain: boolean;
  /** Stored predictions to delete (made from demo days that are gone, or the diary is empty). */
  predictions: string[];
  /** Re-challenges to delete (started from demo days that are gone). */
  challenges: string[];
  /** Insight cache rows to delete (computed from days that no longer exist). */
  insights: string[];
  /** A running re-challenge was dropped: its nudges and reminder texts must go with it. */
  resetNudges: boolean;
}

/** True when a model learned from at least one day that is no longer in the diary. */
export function modelStandsOnMissingDays(model: ModelBasis, dates: ReadonlySet<string> | readonly string[]): boolean {
  const have = dates instanceof Set ? dates : new Set(dates as readonly string[]);
  if (model.trained_dates) return model.trained_dates.some((d) => !have.has(d));
  if (model.window) {
    // No list of days: fewer days in its window than it trained on means some were removed.
    let inWindow = 0;
    for (const d of have) if (d >= model.window.from && d <= model.window.to) inWindow++;
    return inWindow < model.training_samples;
  }
  return (model.log_count ?? model.training_samples) > have.size;
}

function insightsStale(row: InsightsBasis, have: ReadonlySet<string>, demoGone: boolean): boolean {
  if (row.demo && demoGone) return true;
  if (row.dates) return row.dates.some((d) => !have.has(d));
  return typeof row.log_count === 'number' && row.log_count > have.size;
}

/** Decides what derived state is stale after a change to the diary. */
export function staleDerivedState(input: DerivedStateInput): StaleDerivedState {
  const have = new Set(input.diary.dates);
  const demoGone = input.diary.demoDays === 0;
  const empty = have.size === 0;

  const models = input.models.filter((m) => modelStandsOnMissingDays(m, have)).map((m) => m.version);
  const dropped = new Set(models);
  const remaining = input.models.filter((m) => !dropped.has(m.version)).sort((a, b) => b.version - a.version);
  const latest = remaining[0] ?? null;
  const retrain = shouldRetrain(latest ? { trained_at: latest.trained_at, training_samples: latest.training_samples, ...(latest.log_count !== undefined ? { log_count: latest.log_count } : {}) } : null, have.size, input.now);

  const fromGoneDemo = (r: TaggedBasis) => r.demo === true && demoGone;
  const predictions = input.predictions.filter((p) => empty || fromGoneDemo(p)).map((p) => p.id);
  const staleChallenges = input.challenges.filter(fromGoneDemo);
  const insights = input.insights.filter((r) => insightsStale(r, have, demoGone)).map((r) => r.id);

  return {
    models,
    retrain,
    predictions,
    challenges: staleChallenges.map((c) => c.id),
    insights,
    resetNudges: staleChallenges.some((c) => c.status === 'active'),
  };
}
