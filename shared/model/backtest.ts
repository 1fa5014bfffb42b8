/**
 * Backtest (DESIGN §5): train on the first part of a diary by date, then predict every later day from
 * the logs before it plus that day's ingredients and cycle phase, the way the app predicts tomorrow.
 */
import { componentOfFeature } from './components';
import { prepareHistory, type ModelLog } from './features';
import { auc, brier, accuracy } from './metrics';
import { predictMany } from './predict';
import { TARGETS, type TargetKey } from './targets';
import { trainModelSet } from './train';
import type { ModelSet, Penalty } from './types';

export interface BacktestPrediction {
  date: string;
  bloating_probability: number;
  energy_low_probability: number;
  brain_fog_probability: number;
  bloating_score: number;
}

export interface BacktestResult {
  train_count: number;
  model: {
    tier: ModelSet['tier'];
    version: number;
    trained_at: string;
    training_samples: number;
    window: ModelSet['window'];
    /** Foods with their own columns. */
    vocabulary_size: number;
    /** Components (shared/ingredients/components.ts) with their own columns, e.g. ["fructans", "lactose"]. */
    component_features: string[];
    /** Penalties blended into each symptom's model, with their shares. */
    penalties: Partial<Record<string, (Penalty & { weight: number })[]>>;
    /** The model's own held-out scores inside the training part (what decides its confidence). */
    validation: ModelSet['metrics'];
    confidence: ModelSet['confidence'];
    /** Scores of the predictions below against what was logged on those days. */
    backtest: Record<TargetKey, { n: number; positives: number; auc: number | null; brier: number | null; accuracy: number | null }>;
  };
  predictions: BacktestPrediction[];
}

export interface BacktestOptions {
  trainFraction?: number;
  /** Training window in days (null: every training log, the default for a backtest). */
  windowDays?: number | null;
  /** Component exposure features (default on, as the app trains). */
  componentFeatures?: boolean;
  trainedAt?: string;
}

export function backtest(logs: readonly ModelLog[], options: BacktestOptions = {}): BacktestResult {
  const fraction = options.trainFraction ?? 0.8;
  if (!(fraction > 0 && fraction < 1)) throw new Error('train fraction must be between 0 and 1 (exclusive)');
  const history = prepareHistory(logs);
  const sorted = history.logs;
  const trainCount = Math.floor(sorted.length * fraction);
  if (trainCount < 1 || trainCount >= sorted.length) {
    throw new Error(`${sorted.length} logs cannot be split ${Math.round(fraction * 100)} / ${Math.round((1 - fraction) * 100)}: both parts need at least one log`);
  }
  const train = sorted.slice(0, trainCount).map((l) => ({ date: l.date, ingredients: [...l.ingredients], symptoms: l.symptoms, cycle_phase: l.phase }));
  const set = trainModelSet(train, { windowDays: options.windowDays === undefined ? null : options.windowDays, trainedAt: options.trainedAt, componentFeatures: options.componentFeatures });
  const test = sorted.slice(trainCount);
  const preds = predictMany(set, history, test.map((l) => ({ date: l.date, ingredients: l.ingredients, cycle_phase: l.phase })));
  const scores = {} as BacktestResult['model']['backtest'];
  for (const t of TARGETS) {
    const pairs = test.flatMap((l, i) => (typeof l.symptoms[t.symptom] === 'number' ? [{ p: preds[i]![t.probabilityKey], y: t.happened(l.symptoms[t.symptom]) ? 1 : 0 }] : []));
    const p = pairs.map((x) => x.p);
    const y = pairs.map((x) => x.y);
    scores[t.key] = {
      n: pairs.length,
      positives: y.reduce((a, b) => a + b, 0),
      auc: auc(p, y),
      brier: pairs.length ? brier(p, y) : null,
      accuracy: pairs.length ? accuracy(p, y) : null,
    };
  }
  const result: BacktestResult = {
    train_count: trainCount,
    model: {
      tier: set.tier,
      version: set.version,
      trained_at: set.trained_at,
      training_samples: set.training_samples,
      window: set.window,
      vocabulary_size: set.spec?.vocabulary.filter((v) => componentOfFeature(v) === null).length ?? 0,
      component_features: set.spec?.vocabulary.flatMap((v) => componentOfFeature(v) ?? []) ?? [],
      penalties: Object.fromEntries(Object.entries(set.models).map(([k, m]) => [k, m!.penalties])),
      validation: set.metrics,
      confidence: set.confidence,
      backtest: scores,
    },
    predictions: preds.map((p) => ({
      date: p.date,
      bloating_probability: p.bloating_probability,
      energy_low_probability: p.energy_low_probability,
      brain_fog_probability: p.brain_fog_probability,
      bloating_score: p.bloating_score,
    })),
  };
  for (const m of Object.values(set.models)) m?.net.model.dispose();
  return result;
}
