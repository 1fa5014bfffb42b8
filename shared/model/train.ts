/**
 * Training pipeline (ADR §3, DESIGN §5): take the training window (last 90 days by default), build
 * features, pick the tier by the number of logs, fit one ordinal model per symptom, score it on the
 * latest 20 % of the window (time-based split: the model never sees those days while being scored),
 * then refit on the whole window for use. The scores decide confidence and activation.
 */
import { buildVocabulary, dayFeatures, prepareHistory, type ModelLog, type PreparedLog } from './features';
import { componentOfFeature } from './components';
import { columnCount, encodeDay, type EncodingSpec } from './encoding';
import { accuracy, auc, aucStandardError, brier } from './metrics';
import { buildSymptomNet } from './net';
import { fitOrdinal, linearPredictor, sigmoid, SparseRowsBuilder, type OrdinalFit, type SparseRows } from './ordinal';
import { MODEL_SYMPTOMS, STOOL_LOOSE_TARGET, TARGETS, type ModelSymptom, type TargetKey } from './targets';
import type { Confidence, ModelSet, Penalty, StoolModel, SymptomModel, TargetMetrics, Tier } from './types';
import { DEFAULT_WINDOW_DAYS, MAX_BRIER_RATIO, MIN_LOGS_FOR_TRAINING } from './thresholds';

// Defined in thresholds.ts (no tfjs there, so the page can use the retraining rules).
export { MAX_BRIER_RATIO, MIN_LOGS_FOR_TRAINING };
export const MIN_DAYS_TO_MUTE = 10;
export const MIN_LOGS_FOR_FULL_MODEL = 50;
export { DEFAULT_WINDOW_DAYS };

/**
 * Penalties, chosen on the harness's generated diaries (bench/model-harness): an L1 term keeps only
 * foods with a clear signal (most foods do nothing), a light L2 term steadies correlated columns.
 */
export const SMALL_TIER_PENALTY: Penalty = { l1: 2.5, l2: 1 };
export const PENALTY_PATH: readonly Penalty[] = [40, 20, 10, 5, 2.5, 1.2].map((l1) => ({ l1, l2: 1 }));
/**
 * L1 multiplier for a food's recent-days columns (eaten in the 3 days before, 7-day frequency). They
 * overlap its same-day and day-before columns and each other, so without it every food gets two more
 * chances to show a pattern that is only chance; most reactions come the same day or the next. Chosen
 * on the harness's generated diaries and confirmed on two other populations (bench/model-harness/
 * experiments.md): on planted targets, 4–10 % less squared error against the true probabilities and
 * expected AUC +0.003 to +0.007; targets with nothing planted unchanged (Brier within 0.0002).
 */
export const RECENT_DAYS_PENALTY_SCALE = 2;
/**
 * L1 multiplier for component features (components.ts). A component overlaps the foods that carry it,
 * so at the foods' penalty it takes weight from a single trigger food that explains the days better.
 * Measured at 1, 2 and 3 (bench/model-harness/components.md): 2 keeps almost all of the gain on
 * diaries whose symptom follows a component and leaves diaries without one within noise (at 1 the
 * sample diaries' AUC fell by 0.03, beyond noise).
 */
export const COMPONENT_PENALTY_SCALE = 2;
/** Ingredients need this many logged days in the window to get their own columns (at most VOCABULARY_CAP). */
export const VOCABULARY_MIN_COUNT = 3;
export const VOCABULARY_CAP = 150;

/** Typical outcome rates, used to steady the rates of a person with few logs (4 pseudo-days). */
const PRIOR_RATES: Record<TargetKey, number> = { bloating: 0.3, energy_low: 0.25, brain_fog: 0.2 };
const PRIOR_DAYS = 4;
const PRIOR_BLOATING = 1.5;

export interface TrainOptions {
  /** Train on the last N days of logs (default 90, DESIGN §5); null trains on every log. */
  windowDays?: number | null;
  /** ISO time stamped on the model set (pass the clock; default now). */
  trainedAt?: string;
  version?: number;
  /** Called after each symptom's model is done (done of total), so a page can show progress. */
  onProgress?: (done: number, total: number) => void;
  /** Component exposure features (components.ts), on by default; false trains on foods alone (the bench's comparison). */
  componentFeatures?: boolean;
}

function ratedValue(log: PreparedLog, symptom: string): number | null {
  const v = log.symptoms[symptom];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 5 ? v : null;
}

function baseRates(rows: readonly PreparedLog[]): { rates: Record<TargetKey, number>; meanBloating: number } {
  const rates = {} as Record<TargetKey, number>;
  for (const t of TARGETS) {
    let k = 0;
    let n = 0;
    for (const l of rows) {
      const v = ratedValue(l, t.symptom);
      if (v === null) continue;
      n++;
      if (t.happened(v)) k++;
    }
    rates[t.key] = (k + PRIOR_DAYS * PRIOR_RATES[t.key]) / (n + PRIOR_DAYS);
  }
  let sum = 0;
  let n = 0;
  for (const l of rows) {
    const v = ratedValue(l, 'bloating');
    if (v !== null) {
      sum += v;
      n++;
    }
  }
  return { rates, meanBloating: (sum + PRIOR_DAYS * PRIOR_BLOATING) / (n + PRIOR_DAYS) };
}

/** Per-column L1 multipliers of an encoding (see RECENT_DAYS_PENALTY_SCALE); undefined when all are 1. */
export function penaltyScales(spec: EncodingSpec): Float64Array | undefined {
  const per = spec.ingredientColumns.length;
  const recent = spec.ingredientColumns.map((c) => (c === 'last3' || c === 'freq7' ? RECENT_DAYS_PENALTY_SCALE : 1));
  const component = spec.vocabulary.map((v) => (componentOfFeature(v) ? COMPONENT_PENALTY_SCALE : 1));
  if (recent.every((s) => s === 1) && component.every((s) => s === 1)) return undefined;
  const scales = new Float64Array(columnCount(spec)).fill(1);
  for (let i = 0; i < spec.vocabulary.length; i++) for (let k = 0; k < per; k++) scales[i * per + k] = recent[k]! * component[i]!;
  return scales;
}

/** Probability of a target for rows of a fit, computed directly (float64) for validation. */
function fitProbabilities(X: SparseRows, fit: OrdinalFit, rows: Int32Array, target: Pick<(typeof TARGETS)[number], 'fromExceedance'>): number[] {
  const eta = new Float64Array(rows.length);
  linearPredictor(X, fit.weights, rows, eta);
  return Array.from(eta, (e) => target.fromExceedance(Array.from(fit.cutpoints, (c) => sigmoid(e - c))));
}

/** Mean negative log-likelihood of the observed ratings: the criterion for choosing the penalty. */
function deviance(X: SparseRows, y: ArrayLike<number>, fit: OrdinalFit, rows: Int32Array): number {
  const eta = new Float64Array(rows.length);
  linearPredictor(X, fit.weights, rows, eta);
  const K = fit.cutpoints.length + 1;
  let s = 0;
  rows.forEach((i, r) => {
    const cls = y[i]!;
    const up = cls === 0 ? 1 : sigmoid(eta[r]! - fit.cutpoints[cls - 1]!);
    const lo = cls === K - 1 ? 0 : sigmoid(eta[r]! - fit.cutpoints[cls]!);
    s -= Math.log(Math.max(1e-12, up - lo));
  });
  return s / Math.max(1, rows.length);
}

/** A penalty and its share in the blended model. */
export interface BlendMember extends Penalty {
  weight: number;
}

/** Members whose share is below this are dropped (and the rest renormalised). */
const MIN_BLEND_WEIGHT = 0.05;

/**
 * Chooses penalties on the training part only: fits the path on its first 75 % and scores each on its
 * last 25 %. Rather than betting on the single best penalty (a choice made on a few dozen days is
 * noisy), it keeps every penalty in proportion to exp(−Δ total deviance), i.e. its held-out
 * likelihood relative to the best, and the final model averages their weights (still one linear
 * model). Measured on the harness diaries, this ranks days better than the single best penalty.
 */
function choosePenalties(X: SparseRows, y: ArrayLike<number>, train: Int32Array, l1Scale: Float64Array | undefined, categories = 6): { members: BlendMember[]; innerFits: OrdinalFit[] } {
  const inner = Math.floor(train.length * 0.75);
  if (train.length - inner < 5) return { members: [{ ...SMALL_TIER_PENALTY, weight: 1 }], innerFits: [] };
  const fitRows = train.subarray(0, inner);
  const valRows = train.subarray(inner);
  const fits: OrdinalFit[] = [];
  const totals: number[] = [];
  let init: OrdinalFit | undefined;
  for (const penalty of PENALTY_PATH) {
    // Warm start from the previous (stronger) penalty: the path costs little more than one fit.
    const fit = fitOrdinal(X, y, { categories, lambda: penalty.l2, l1: penalty.l1, l1Scale, rows: fitRows, init });
    init = fit;
    fits.push(fit);
    totals.push(deviance(X, y, fit, valRows) * valRows.length);
  }
  const best = Math.min(...totals);
  const raw = totals.map((t) => Math.exp(-(t - best)));
  const sum = raw.reduce((a, b) => a + b, 0);
  const keep = PENALTY_PATH.map((p, k) => ({ ...p, weight: raw[k]! / sum, k })).filter((m) => m.weight >= MIN_BLEND_WEIGHT);
  const kept = keep.reduce((a, m) => a + m.weight, 0);
  return {
    members: keep.map(({ k: _k, ...m }) => ({ ...m, weight: m.weight / kept })),
    innerFits: keep.map((m) => fits[m.k]!),
  };
}

/** Fits each blend member on `rows` and averages weights and cutpoints by share (cutpoints stay ordered). */
function fitBlend(
  X: SparseRows,
  y: ArrayLike<number>,
  rows: Int32Array,
  members: readonly BlendMember[],
  inits: readonly (OrdinalFit | undefined)[],
  l1Scale: Float64Array | undefined,
  categories = 6,
): { blend: OrdinalFit; fits: OrdinalFit[] } {
  const fits = members.map((m, i) => fitOrdinal(X, y, { categories, lambda: m.l2, l1: m.l1, l1Scale, rows, init: inits[i] }));
  if (fits.length === 1) return { blend: fits[0]!, fits };
  const weights = new Float64Array(X.nCols);
  const cutpoints = new Float64Array(fits[0]!.cutpoints.length);
  fits.forEach((f, i) => {
    const w = members[i]!.weight;
    for (let j = 0; j < weights.length; j++) weights[j] = weights[j]! + w * f.weights[j]!;
    for (let j = 0; j < cutpoints.length; j++) cutpoints[j] = cutpoints[j]! + w * f.cutpoints[j]!;
  });
  return { blend: { weights, cutpoints, iterations: 0, converged: fits.every((f) => f.converged) }, fits };
}

export function targetMetrics(probabilities: readonly number[], outcomes: readonly number[], trainRate: number, nTrain: number): TargetMetrics {
  const positives = outcomes.reduce((a, b) => a + b, 0);
  const a = auc(probabilities, outcomes);
  const b = brier(probabilities, outcomes);
  const clim = brier(outcomes.map(() => trainRate), outcomes);
  return {
    n_train: nTrain,
    n_validation: outcomes.length,
    positives,
    auc: a,
    auc_se: a === null ? null : aucStandardError(a, positives, outcomes.length - positives),
    brier: b,
    climatology_brier: clim,
    brier_skill: clim > 0 ? 1 - b / clim : 0,
    accuracy: accuracy(probabilities, outcomes),
    muted: false,
  };
}

/**
 * Honest confidence from held-out skill and sample size: "high" needs a clearly better-than-chance
 * ranking (AUC lower 90 % bound ≥ 0.6) and Brier skill ≥ 0.1 on ≥ 30 held-out days; "medium" a lower
 * bound above 0.55 and skill ≥ 0.05 on ≥ 10 days. Anything else, including no pattern at all, is "low".
 * On the harness diaries these thresholds gave no "medium" or "high" to any target without a planted
 * effect (146 of 146 low over three populations), while 14–17 of about 70 planted targets per
 * population earned one.
 */
export function confidenceFromMetrics(m: TargetMetrics | undefined): Confidence {
  if (!m || m.muted || m.auc === null || m.auc_se === null) return 'low';
  const lower = m.auc - 1.645 * m.auc_se;
  if (m.n_validation >= 30 && lower >= 0.6 && m.brier_skill >= 0.1) return 'high';
  if (m.n_validation >= 10 && lower > 0.55 && m.brier_skill >= 0.05) return 'medium';
  return 'low';
}

function toQuery(l: PreparedLog) {
  return { date: l.date, ingredients: l.ingredients, cycle_phase: l.phase };
}

/** Trains every target from the person's logs. Fewer than 14 logs gives the cold-start set. */
export function trainModelSet(logs: readonly ModelLog[], options: TrainOptions = {}): ModelSet {
  const windowDays = options.windowDays === undefined ? DEFAULT_WINDOW_DAYS : options.windowDays;
  const trainedAt = options.trainedAt ?? new Date().toISOString();
  const version = options.version ?? 1;
  const history = prepareHistory(logs);
  const all = history.logs;
  const lastDay = all.length ? all[all.length - 1]!.day : 0;
  const rows = windowDays === null ? all : all.filter((l) => l.day > lastDay - windowDays);
  const { rates, meanBloating } = baseRates(rows);
  const n = rows.length;
  const base = {
    version,
    trained_at: trainedAt,
    training_samples: n,
    log_count: all.length,
    window: n ? { from: rows[0]!.date, to: rows[n - 1]!.date, days: windowDays } : null,
    base_rates: rates,
    mean_bloating: meanBloating,
  };
  const stoolRate = stoolBaseRate(rows);
  if (n < MIN_LOGS_FOR_TRAINING) {
    const coldStart: ModelSet = { ...base, tier: 'cold_start', spec: null, models: {}, metrics: {}, confidence: { bloating: 'low', energy_low: 'low', brain_fog: 'low' } };
    if (stoolRate !== null) coldStart.stool = { base_rate: stoolRate, confidence: 'low' };
    return coldStart;
  }

  const tier: Tier = n < MIN_LOGS_FOR_FULL_MODEL ? 'logistic' : 'ordinal';
  // Foods first (a food whose name looks like a component feature is left out rather than confused
  // with one), then the component features seen on enough days; these do not count against the cap.
  const vocabulary = buildVocabulary(
    rows.map((l) => ({ date: l.date, ingredients: [...l.ingredients].filter((i) => componentOfFeature(i) === null), symptoms: l.symptoms })),
    VOCABULARY_MIN_COUNT,
    VOCABULARY_CAP,
  );
  if (options.componentFeatures !== false) {
    vocabulary.push(...buildVocabulary(rows.map((l) => ({ date: l.date, ingredients: l.components, symptoms: l.symptoms })), VOCABULARY_MIN_COUNT, Infinity));
  }
  const centers = MODEL_SYMPTOMS.map((s) => {
    let sum = 0;
    let k = 0;
    for (const l of rows) {
      const v = ratedValue(l, s);
      if (v !== null) {
        sum += v;
        k++;
      }
    }
    return k ? sum / k : 0;
  });
  const spec: EncodingSpec =
    tier === 'logistic'
      ? { vocabulary, symptoms: [...MODEL_SYMPTOMS], symptomCenters: centers, ingredientColumns: ['today', 'yesterday'], context: 'cycle' }
      : { vocabulary, symptoms: [...MODEL_SYMPTOMS], symptomCenters: centers, ingredientColumns: ['today', 'yesterday', 'last3', 'freq7'], context: 'full' };

  const vocabSet = new Set(vocabulary);
  const builder = new SparseRowsBuilder(columnCount(spec));
  const cols: number[] = [];
  const vals: number[] = [];
  for (const l of rows) {
    encodeDay(spec, dayFeatures(history, toQuery(l), vocabSet, spec.symptoms), cols, vals);
    builder.addRow(cols, vals);
  }
  const X = builder.build();
  const l1Scale = penaltyScales(spec);

  const models: Partial<Record<ModelSymptom, SymptomModel>> = {};
  const metrics: Partial<Record<TargetKey, TargetMetrics>> = {};
  for (const [done, symptom] of MODEL_SYMPTOMS.entries()) {
    if (done > 0) options.onProgress?.(done, MODEL_SYMPTOMS.length);
    const y = new Int32Array(n).fill(-1);
    const rated: number[] = [];
    rows.forEach((l, i) => {
      const v = ratedValue(l, symptom);
      if (v !== null) {
        y[i] = v;
        rated.push(i);
      }
    });
    if (rated.length < MIN_LOGS_FOR_TRAINING) continue;
    const ratedRows = Int32Array.from(rated);
    const nA = Math.floor(ratedRows.length * 0.8);
    const A = ratedRows.subarray(0, nA);
    const B = ratedRows.subarray(nA);
    const { members, innerFits } = tier === 'logistic' ? { members: [{ ...SMALL_TIER_PENALTY, weight: 1 }], innerFits: [] } : choosePenalties(X, y, A, l1Scale);
    const { blend: fitA, fits: fitsA } = fitBlend(X, y, A, members, innerFits, l1Scale);
    let muted = false;
    for (const t of TARGETS.filter((t) => t.symptom === symptom)) {
      const outcomesA = Array.from(A, (i): number => (t.happened(y[i]) ? 1 : 0));
      const trainRate = outcomesA.reduce((a, b) => a + b, 0) / Math.max(1, outcomesA.length);
      const probs = fitProbabilities(X, fitA, B, t);
      const m = targetMetrics(probs, Array.from(B, (i): number => (t.happened(y[i]) ? 1 : 0)), trainRate, A.length);
      // Forecasts that did worse than the person's usual rate on enough held-out days are not used:
      // that target falls back to the usual rate (honest, and it does not sink the other targets).
      m.muted = m.n_validation >= MIN_DAYS_TO_MUTE && !(m.brier <= m.climatology_brier * MAX_BRIER_RATIO);
      muted ||= m.muted;
      metrics[t.key] = m;
    }
    if (muted) continue;
    const { blend: final } = fitBlend(X, y, ratedRows, members, fitsA, l1Scale);
    models[symptom] = { net: buildSymptomNet(final.weights, final.cutpoints), penalties: members, n_train: ratedRows.length };
  }
  const confidence = {} as Record<TargetKey, Confidence>;
  for (const t of TARGETS) confidence[t.key] = models[t.symptom] ? confidenceFromMetrics(metrics[t.key]) : 'low';
  const set: ModelSet = { ...base, tier, spec, models, metrics, confidence };
  if (stoolRate !== null) set.stool = trainStool(X, rows, tier, l1Scale, stoolRate);
  return set;
}

/** Typical share of loose-stool days, steadying the rate of a person with few tracked days. */
const PRIOR_STOOL_LOOSE = 0.15;

/** Smoothed share of loose-stool days among tracked days; null when stool form is not tracked. */
function stoolBaseRate(rows: readonly PreparedLog[]): number | null {
  let k = 0;
  let n = 0;
  for (const l of rows) {
    const v = l.symptoms[STOOL_LOOSE_TARGET.symptom];
    if (v !== 0 && v !== 1) continue;
    n++;
    if (STOOL_LOOSE_TARGET.happened(v)) k++;
  }
  return n === 0 ? null : (k + PRIOR_DAYS * PRIOR_STOOL_LOOSE) / (n + PRIOR_DAYS);
}

/**
 * The loose-stool model: the same features, tier, penalties and held-out scoring as the symptom models,
 * as a two-category (yes/no) model on the tracked days. It adds columns to nothing, so the core
 * targets' models are exactly what they would be without it.
 */
function trainStool(X: SparseRows, rows: readonly PreparedLog[], tier: Tier, l1Scale: Float64Array | undefined, baseRate: number): StoolModel {
  const t = STOOL_LOOSE_TARGET;
  const y = new Int32Array(rows.length).fill(-1);
  const tracked: number[] = [];
  rows.forEach((l, i) => {
    const v = l.symptoms[t.symptom];
    if (v === 0 || v === 1) {
      y[i] = v;
      tracked.push(i);
    }
  });
  const positives = tracked.reduce((a, i) => a + y[i]!, 0);
  // Too few tracked days, or only one outcome so far: the usual rate is all there is to say.
  if (tracked.length < MIN_LOGS_FOR_TRAINING || positives === 0 || positives === tracked.length) return { base_rate: baseRate, confidence: 'low' };
  const trackedRows = Int32Array.from(tracked);
  const nA = Math.floor(trackedRows.length * 0.8);
  const A = trackedRows.subarray(0, nA);
  const B = trackedRows.subarray(nA);
  const { members, innerFits } = tier === 'logistic' ? { members: [{ ...SMALL_TIER_PENALTY, weight: 1 }], innerFits: [] } : choosePenalties(X, y, A, l1Scale, t.categories);
  const { blend: fitA, fits: fitsA } = fitBlend(X, y, A, members, innerFits, l1Scale, t.categories);
  const trainRate = Array.from(A, (i) => y[i]!).reduce((a, b) => a + b, 0) / Math.max(1, A.length);
  const metrics = targetMetrics(fitProbabilities(X, fitA, B, t), Array.from(B, (i) => y[i]!), trainRate, A.length);
  metrics.muted = metrics.n_validation >= MIN_DAYS_TO_MUTE && !(metrics.brier <= metrics.climatology_brier * MAX_BRIER_RATIO);
  if (metrics.muted) return { base_rate: baseRate, metrics, confidence: 'low' };
  const { blend: final } = fitBlend(X, y, trackedRows, members, fitsA, l1Scale, t.categories);
  return {
    base_rate: baseRate,
    model: { net: buildSymptomNet(final.weights, final.cutpoints), penalties: members, n_train: trackedRows.length },
    metrics,
    confidence: confidenceFromMetrics(metrics),
  };
}

/** Releases the tensors a model set holds (call when replacing it). */
export function disposeModelSet(set: ModelSet): void {
  for (const m of Object.values(set.models)) m?.net.model.dispose();
  set.stool?.model?.net.model.dispose();
}
