/**
 * The per-person model on the page side (DESIGN §5): when to retrain (the ADR's should_retrain,
 * checked at start-up and after log changes), the activation record in the `models` table,
 * predictions for the Predict page, and the track record of stored predictions against what was
 * then logged. Training and prediction run in the model worker; this module never loads tfjs.
 *
 * Weights: the worker returns an activated set as tfjs ModelArtifacts (a few KB of float32 weights
 * plus the encoding), and they are stored in the same `models` row as its metadata, in the same
 * transaction that flips `is_active`. So a row never points at missing weights, "Delete all data"
 * removes the model with the diary, and the worker is sent the weights once per version.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { liveQuery } from 'dexie';
import { proxy } from 'comlink';
import { useLiveQuery } from 'dexie-react-hooks';
import * as z from 'zod/mini';
import { modelTier, targetMetrics } from '../../../shared/schema/model';
import { shouldRetrain } from '../../../shared/model/lifecycle';
import { compareWithOutcome, trackRecord, type Outcome, type PredictionSummary, type TrackRecord } from '../../../shared/model/track-record';
import { MIN_LOGS_FOR_TRAINING } from '../../../shared/model/thresholds';
import type { TargetKey } from '../../../shared/model/targets';
import type { Confidence, Prediction, TargetMetrics, Tier } from '../../../shared/model/types';
import type { ModelSetArtifacts } from '../../../shared/model/persistence';
import { usualRates, usualRateValues, type UsualDay } from '../../../shared/model/usual';
import { DEFAULT_WINDOW_DAYS } from '../../../shared/model/thresholds';
import type { CyclePhase, DailyLog } from '../../../shared/schema';
import { addDays, localToday } from '../../../shared/util/dates';
import type { BackendInfo, PredictResponse, TrainResult } from '../../../workers/model.worker';
import { appDb, type AureaDb, type ModelRow, type PredictionRow } from '../../db/db';
import { dropStaleDerived, modelBasis, nextModelVersion } from '../../db/derived';
import { modelStandsOnMissingDays } from '../../../shared/diary/derived';
import { gateway } from '../../gateway';
import { diaryForAnalysis } from '../../../shared/diary/for-analysis';
import { estimateCycle } from '../../../shared/cycle/estimate';
import { loadFoodKnowledge } from './foods';

// ------------------------------------------------------------------ stored rows

/** A `models` row as this module writes it: ModelRow plus what Settings shows and the weights. */
export interface StoredModelRow extends ModelRow {
  version: number;
  log_count: number;
  window: { from: string; to: string; days: number | null } | null;
  confidence: Record<TargetKey, Confidence> | null;
  base_rates: Record<TargetKey, number> | null;
  backend: BackendInfo | null;
  train_ms: number | null;
  /** The activated set's tfjs artifacts (null for a set that was not activated). */
  artifacts: ModelSetArtifacts | null;
  /** The dates it learned from: it is dropped when any of them is deleted (shared/diary/derived.ts). */
  trained_dates: string[] | null;
}

/** Rows kept besides the active one: the last few attempts, so Settings can say what happened. */
export const KEEP_MODEL_ROWS = 3;

const perTarget = <T extends z.ZodMiniType>(t: T) => z.object({ bloating: t, energy_low: t, brain_fog: t });
const confidenceSchema = z.enum(['low', 'medium', 'high']);

/** What Settings reads from a `models` row (validated: rows may come from an older app version). */
const modelRowView = z.object({
  version: z.number(),
  trained_at: z.string(),
  training_samples: z.number(),
  log_count: z.optional(z.number()),
  is_active: z.union([z.literal(0), z.literal(1)]),
  tier: modelTier,
  reason: z.string(),
  metrics: z.catch(z.object({ bloating: z.optional(targetMetrics), energy_low: z.optional(targetMetrics), brain_fog: z.optional(targetMetrics) }), {}),
  confidence: z.catch(z.nullable(perTarget(confidenceSchema)), null),
  window: z.catch(z.nullable(z.object({ from: z.string(), to: z.string(), days: z.nullable(z.number()) })), null),
  backend: z.catch(z.nullable(z.object({ name: z.string(), label: z.string(), fallback_reason: z.nullable(z.string()) })), null),
  train_ms: z.catch(z.nullable(z.number()), null),
});
export type ModelRowView = z.infer<typeof modelRowView> & { has_weights: boolean };

export function readModelRow(row: unknown): ModelRowView | null {
  const r = modelRowView.safeParse(row);
  if (!r.success) return null;
  const artifacts = (row as { artifacts?: unknown }).artifacts;
  return { ...r.data, has_weights: artifacts !== null && artifacts !== undefined };
}

/** Newest first. */
function byVersionDesc<T extends { version?: number }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
}

/**
 * The row shouldRetrain reads: the latest training attempt, kept or not, so a candidate that was not
 * activated is not retrained at every start-up; the ADR's rules (a week, 7 new logs, 20 %) still apply.
 */
export function retrainBasis(rows: readonly ModelRow[]): { trained_at: string; training_samples: number; log_count?: number } | null {
  const latest = byVersionDesc([...rows])[0];
  if (!latest) return null;
  const logCount = (latest as Partial<StoredModelRow>).log_count;
  return { trained_at: latest.trained_at, training_samples: latest.training_samples, ...(typeof logCount === 'number' ? { log_count: logCount } : {}) };
}

/** Which rows to delete: everything but the active row and the KEEP_MODEL_ROWS most recent. */
export function modelRowsToDrop(rows: readonly ModelRow[], keep = KEEP_MODEL_ROWS): number[] {
  const sorted = byVersionDesc([...rows]);
  const kept = new Set(sorted.slice(0, keep).map((r) => r.version));
  for (const r of sorted) if (r.is_active === 1) kept.add(r.version);
  return sorted.filter((r) => !kept.has(r.version)).map((r) => r.version!);
}

/** Writes a training result: the new row, the activation flip, and the pruning, in one transaction. */
export async function saveTrainResult(db: AureaDb, result: TrainResult, trainedDates: readonly string[]): Promise<StoredModelRow | null> {
  const record = result.record;
  if (!record) return null;
  const row: StoredModelRow = {
    version: record.version,
    trained_at: record.trained_at,
    training_samples: record.training_samples,
    log_count: record.log_count,
    metrics: record.metrics,
    is_active: record.is_active ? 1 : 0,
    tier: record.tier,
    reason: record.reason,
    artifacts_key: record.is_active && result.artifacts ? `aurea-model-v${record.version}` : null,
    artifacts: record.is_active ? result.artifacts : null,
    window: result.window,
    confidence: result.confidence,
    base_rates: result.base_rates,
    backend: result.backend,
    train_ms: result.train_ms,
    trained_dates: [...trainedDates],
  };
  return db.transaction('rw', [db.models, db.logs], async () => {
    // Days deleted while the worker trained (the demo removed, "Delete all data"): never keep a model of them.
    const dates = (await db.logs.toCollection().primaryKeys()) as string[];
    if (modelStandsOnMissingDays(modelBasis(row), dates)) return null;
    if (row.is_active === 1) await db.models.where('is_active').equals(1).modify({ is_active: 0 });
    await db.models.put(row);
    const drop = modelRowsToDrop(await db.models.toArray());
    if (drop.length) await db.models.bulkDelete(drop);
    return row;
  });
}

/**
 * Logs deleted below the training minimum: the model stands on data the person removed and cannot be
 * retrained, so it stops being used (its weights are dropped; the row stays to say why).
 */
export async function retireModel(db: AureaDb, logCount: number): Promise<boolean> {
  return db.transaction('rw', db.models, async () => {
    const active = await db.models.where('is_active').equals(1).toArray();
    for (const row of active) {
      await db.models.put({ ...row, is_active: 0, artifacts_key: null, artifacts: null, reason: `retired: only ${logCount} logged days remain, fewer than the ${MIN_LOGS_FOR_TRAINING} a personal model needs` } as StoredModelRow);
    }
    return active.length > 0;
  });
}

// ------------------------------------------------------------------ retraining

export interface ModelJobState {
  training: boolean;
  /** Targets trained so far in the current run, of how many (null before the first). */
  progress: { done: number; total: number } | null;
  /** The last training error, in words. */
  error: string | null;
  /** A note from the last check a person asked for ("needs 14 logged days …"). */
  notice: string | null;
  /** The tfjs backend of the model worker, once it has started. */
  backend: BackendInfo | null;
}

let job: ModelJobState = { training: false, progress: null, error: null, notice: null, backend: null };
const jobListeners = new Set<() => void>();
function setJob(next: Partial<ModelJobState>) {
  job = { ...job, ...next };
  jobListeners.forEach((l) => l());
}

export type RetrainOutcome =
  | { kind: 'up_to_date' }
  | { kind: 'too_few_logs'; logs: number; reason: string }
  | { kind: 'trained'; row: StoredModelRow }
  | { kind: 'discarded' }
  | { kind: 'busy' }
  | { kind: 'failed'; message: string };

/** Training never hangs the status: a worker that does not answer in this time counts as failed. */
const TRAIN_TIMEOUT_MS = 180_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

/** Runs `fn` holding a cross-tab lock where the browser has Web Locks (two tabs never train at once). */
async function exclusively<T>(fn: () => Promise<T>, busy: T): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return fn();
  return locks.request('aurea-model-training', { ifAvailable: true }, (lock) => (lock ? fn() : busy));
}

/** What the model trains on: estimated cycle phases and stool outcomes included (shared/diary/derived). */
function modelLogs(logs: readonly DailyLog[]) {
  return diaryForAnalysis(logs).map((l) => ({ date: l.date, ingredients: l.ingredients, symptoms: l.symptoms, cycle_phase: l.cycle_phase ?? null }));
}

async function retrainOnce(db: AureaDb, force: boolean, now: Date): Promise<RetrainOutcome> {
  const [count, rows] = await Promise.all([db.logs.count(), db.models.toArray()]);
  if (!force && !shouldRetrain(retrainBasis(rows), count, now)) return { kind: 'up_to_date' };
  if (count < MIN_LOGS_FOR_TRAINING) {
    await retireModel(db, count);
    return { kind: 'too_few_logs', logs: count, reason: `A personal model needs ${MIN_LOGS_FOR_TRAINING} logged days; you have ${count}.` };
  }
  return exclusively(async (): Promise<RetrainOutcome> => {
    setJob({ training: true, progress: null, error: null, notice: null });
    const logs = await db.logs.orderBy('date').toArray();
    const latest = byVersionDesc(await db.models.toArray());
    const active = latest.find((r) => r.is_active === 1);
    // Training has its own worker instance: predictions never wait behind it.
    const result = await withTimeout(
      gateway.modelTraining().train(
        modelLogs(logs),
        {
          version: await nextModelVersion(db),
          trained_at: now.toISOString(),
          active: active ? { version: active.version!, tier: active.tier as Tier, metrics: active.metrics as Partial<Record<TargetKey, TargetMetrics>> } : null,
        },
        proxy((done: number, total: number) => setJob({ progress: { done, total } })),
      ),
      TRAIN_TIMEOUT_MS,
      'Training',
    );
    setJob({ backend: result.backend });
    if (result.skipped) return { kind: 'too_few_logs', logs: logs.length, reason: `No personal model yet: ${result.skipped}.` };
    const window = result.window;
    const trainedDates = logs.map((l) => l.date).filter((d) => !window || (d >= window.from && d <= window.to));
    const row = await saveTrainResult(db, result, trainedDates);
    return row ? { kind: 'trained', row } : { kind: 'discarded' };
  }, { kind: 'busy' });
}

let inFlight: Promise<RetrainOutcome> | null = null;
let again: { force: boolean } | null = null;

/**
 * Checks whether the model is due (or `force`: "Retrain now") and trains it in the worker. Calls while
 * one runs coalesce into one more run, so a burst of log changes trains once.
 */
export function retrainModel(db: AureaDb = appDb(), options: { force?: boolean; now?: () => Date } = {}): Promise<RetrainOutcome> {
  const clock = options.now ?? (() => new Date());
  if (inFlight) {
    again = { force: (again?.force ?? false) || options.force === true };
    return inFlight;
  }
  inFlight = (async () => {
    let outcome: RetrainOutcome = { kind: 'up_to_date' };
    let force = options.force === true;
    try {
      for (;;) {
        outcome = await retrainOnce(db, force, clock());
        if (!again) break;
        force = again.force;
        again = null;
      }
      // Notes answer a person's "Retrain now", or say why the worker trained nothing; other checks stay silent.
      const notice =
        outcome.kind === 'too_few_logs'
          ? `${outcome.reason} Until then predictions use general food data.`
          : outcome.kind === 'busy'
            ? 'Another Aurea window is training the model right now; this one will show the result.'
            : null;
      const trainedNothing = outcome.kind === 'too_few_logs' && outcome.logs >= MIN_LOGS_FOR_TRAINING;
      setJob({ training: false, progress: null, ...(force || trainedNothing ? { notice } : outcome.kind === 'trained' ? { notice: null } : {}) });
    } catch (e) {
      outcome = { kind: 'failed', message: (e as Error).message };
      setJob({ training: false, progress: null, error: (e as Error).message });
    } finally {
      inFlight = null;
      again = null;
    }
    return outcome;
  })();
  return inFlight;
}

/** A cheap fingerprint of the diary: changes with any added, edited or deleted log. */
export async function diarySignature(db: AureaDb): Promise<string> {
  const [count, last] = await Promise.all([db.logs.count(), db.logs.orderBy('updated_at').last()]);
  return `${count}:${last?.updated_at ?? ''}`;
}

/**
 * Keeps the model fresh in the background: a check a few seconds after start-up (the weekly rule) and
 * after log changes (debounced, so a burst of edits trains once). Each check first drops whatever stands
 * on days that no longer exist (shared/diary/derived.ts; this also covers changes sync applied), then
 * trains in the training worker if the rule says so. Mounted by the app shell.
 */
export function useBackgroundModel(delayMs = 3000, startupDelayMs = 6000) {
  useEffect(() => {
    const db = appDb();
    // Predict opens at once: once the first screen is idle, the prediction worker starts and takes the
    // diary and the stored model, so the first prediction a person asks for is only the prediction itself.
    // Without a model there is nothing to warm (Predict trains one when opened), so a new person's first
    // load never starts TensorFlow.js or reads the food table.
    const cancelWarm = whenIdle(() => void warmPredictions(db));
    let timer: ReturnType<typeof setTimeout> | undefined;
    let first = true;
    const sub = liveQuery(() => diarySignature(db)).subscribe({
      next: () => {
        clearTimeout(timer);
        timer = setTimeout(() => void dropStaleDerived(db).then(() => retrainModel(db)), first ? startupDelayMs : delayMs);
        first = false;
      },
    });
    return () => {
      cancelWarm();
      clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [delayMs, startupDelayMs]);
}

/** Runs one throwaway prediction (an empty plan for tomorrow) so the worker holds the diary and the model. */
export async function warmPredictions(db: AureaDb = appDb()): Promise<void> {
  try {
    if ((await db.models.where('is_active').equals(1).count()) === 0) return;
    // The worker's start (parsing TensorFlow.js) overlaps with reading the diary below.
    void gateway.model().backend().catch(() => undefined);
    await requestPrediction(db, { date: addDays(localToday(), 1), ingredients: [], cycle_phase: null });
  } catch {
    // Only a head start: Predict reports its own errors.
  }
}

/** Runs `task` when the browser is idle after start-up (at most 3 s later); returns a cancel. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 500);
  return () => clearTimeout(id);
}

/** The background hook as a component, so the shell can load this module after first paint. */
export function BackgroundModel() {
  useBackgroundModel();
  return null;
}

export interface ModelStatus {
  /** Newest first. */
  rows: ModelRowView[];
  active: ModelRowView | null;
  /** The latest training attempt (the active model or one that was not activated). */
  latest: ModelRowView | null;
  logCount: number;
  job: ModelJobState;
}

function useJobState(): ModelJobState {
  return useSyncExternalStore(
    (l) => {
      jobListeners.add(l);
      return () => jobListeners.delete(l);
    },
    () => job,
  );
}

/** Settings → Model status (undefined while loading). */
export function useModelStatus(): ModelStatus | undefined {
  const state = useJobState();
  const data = useLiveQuery(async () => {
    const db = appDb();
    const [rows, logCount] = await Promise.all([db.models.toArray(), db.logs.count()]);
    return { rows: byVersionDesc(rows.map(readModelRow).filter((r): r is ModelRowView => r !== null)), logCount };
  }, []);
  if (!data) return undefined;
  return { rows: data.rows, active: data.rows.find((r) => r.is_active === 1) ?? null, latest: data.rows[0] ?? null, logCount: data.logCount, job: state };
}

// ------------------------------------------------------------------ the usual day

/** The person's usual day from the diary as it is now (only the model's window is read). */
export async function readUsualDay(db: AureaDb): Promise<UsualDay> {
  const last = await db.logs.orderBy('date').last();
  if (!last) return usualRates([]);
  const recent = await db.logs.where('date').aboveOrEqual(addDays(last.date, -(DEFAULT_WINDOW_DAYS - 1))).toArray();
  return usualRates(recent);
}

// ------------------------------------------------------------------ predictions

/** What is planned for a day: the question the Predict page asks. */
export interface PlannedDay {
  date: string;
  ingredients: readonly string[];
  cycle_phase: CyclePhase | null;
}

/** One stored prediction per date, foods (as a set) and cycle phase: viewing the same plan again updates it. */
export function predictionId(plan: PlannedDay): string {
  return `${plan.date}|${plan.cycle_phase ?? '-'}|${[...new Set(plan.ingredients)].sort().join(',')}`;
}

/** Plans kept per date (the ones a person looked at last); older ones for that date are dropped. */
export const MAX_PLANS_PER_DAY = 6;

const predictionSummary = z.object({
  date: z.string(),
  bloating_probability: z.number(),
  energy_low_probability: z.number(),
  brain_fog_probability: z.number(),
  bloating_score: z.number(),
  /** Only for people who track stool form. */
  stool_loose_probability: z.optional(z.number()),
  tier: modelTier,
  model_version: z.number(),
  confidence_by_target: z.optional(perTarget(confidenceSchema)),
});
const storedResult = z.object({ prediction: predictionSummary, viewed_at: z.string() });
export type StoredPrediction = z.infer<typeof predictionSummary>;

/** A stored prediction row read back (null when the row is not one this version understands). */
export function readPrediction(row: PredictionRow): { row: PredictionRow; prediction: StoredPrediction; viewed_at: string } | null {
  const r = storedResult.safeParse(row.result);
  return r.success ? { row, prediction: r.data.prediction, viewed_at: r.data.viewed_at } : null;
}

export type StoreOutcome = 'stored' | 'updated' | 'no_foods' | 'already_logged';

/**
 * Keeps a prediction for the track record. Only a day not logged yet (a forecast, not hindsight) with
 * at least one food; the same plan again replaces its earlier result; at most MAX_PLANS_PER_DAY per date.
 */
export async function storePrediction(db: AureaDb, plan: PlannedDay, prediction: Prediction, now: Date = new Date()): Promise<StoreOutcome> {
  if (plan.ingredients.length === 0) return 'no_foods';
  const id = predictionId(plan);
  return db.transaction('rw', [db.predictions, db.logs, db.settings], async () => {
    if (await db.logs.get(plan.date)) return 'already_logged';
    const existing = await db.predictions.get(id);
    // Made while the demo is loaded: it goes when the demo goes (shared/diary/derived.ts).
    const demo = (await db.settings.get('demoActive'))?.value === true;
    const result = { prediction, viewed_at: now.toISOString() };
    await db.predictions.put({
      id,
      date: plan.date,
      created_at: existing?.created_at ?? now.toISOString(),
      ingredients: [...new Set(plan.ingredients)].sort(),
      cycle_phase: plan.cycle_phase,
      result,
      ...(demo ? { demo } : {}),
    });
    const sameDay = (await db.predictions.where('date').equals(plan.date).toArray())
      .map(readPrediction)
      .filter((p) => p !== null)
      .sort((a, b) => (a.viewed_at < b.viewed_at ? 1 : a.viewed_at > b.viewed_at ? -1 : 0));
    const extra = sameDay.slice(MAX_PLANS_PER_DAY).map((p) => p.row.id);
    if (extra.length) await db.predictions.bulkDelete(extra);
    return existing ? 'updated' : 'stored';
  });
}

/** Share of foods two lists have in common (Jaccard): how closely a day followed a plan. */
export function planOverlap(plan: readonly string[], eaten: readonly string[]): number {
  const a = new Set(plan);
  const b = new Set(eaten);
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

export interface MatchedPrediction {
  date: string;
  row: PredictionRow;
  prediction: StoredPrediction;
  log: DailyLog;
  overlap: number;
}

/**
 * Pairs each logged day with the one stored prediction that counts for it: among the plans looked at
 * before the day was logged, the one closest to what was actually eaten (then the same cycle phase,
 * then the latest viewed). So trying several plans for a day never counts that day more than once.
 */
export function matchPredictions(rows: readonly PredictionRow[], logs: readonly DailyLog[]): MatchedPrediction[] {
  const logByDate = new Map(logs.map((l) => [l.date, l]));
  const best = new Map<string, MatchedPrediction & { viewed_at: string; phaseMatch: boolean }>();
  for (const row of rows) {
    const log = logByDate.get(row.date);
    if (!log) continue;
    const read = readPrediction(row);
    if (!read) continue;
    if (row.created_at > log.created_at) continue;
    const candidate = { date: row.date, row, prediction: read.prediction, log, overlap: planOverlap(row.ingredients, log.ingredients), viewed_at: read.viewed_at, phaseMatch: (row.cycle_phase ?? null) === (log.cycle_phase ?? null) };
    const current = best.get(row.date);
    const better =
      !current ||
      candidate.overlap > current.overlap ||
      (candidate.overlap === current.overlap && (candidate.phaseMatch !== current.phaseMatch ? candidate.phaseMatch : candidate.viewed_at > current.viewed_at));
    if (better) best.set(row.date, candidate);
  }
  return [...best.values()].sort((a, b) => (a.date < b.date ? 1 : -1)).map(({ viewed_at: _v, phaseMatch: _p, ...m }) => m);
}

export interface ComparedDay extends MatchedPrediction {
  outcome: Outcome;
}

export interface TrackRecordView {
  /** Predicted days that are now logged, newest first. */
  compared: ComparedDay[];
  record: TrackRecord;
  /** Predicted days not logged yet (today or later, or within the past week), soonest first. */
  waiting: { date: string; plans: number }[];
}

export function buildTrackRecord(rows: readonly PredictionRow[], logs: readonly DailyLog[], today: string, usual?: UsualDay): TrackRecordView {
  const compared = matchPredictions(rows, logs).map((m) => ({ ...m, outcome: compareWithOutcome(m.prediction satisfies PredictionSummary, m.log) }));
  const logged = new Set(logs.map((l) => l.date));
  const weekAgo = new Date(`${today}T00:00:00Z`);
  weekAgo.setUTCDate(weekAgo.getUTCDate() - 7);
  const since = weekAgo.toISOString().slice(0, 10);
  const waitingCounts = new Map<string, number>();
  for (const r of rows) if (!logged.has(r.date) && r.date >= since) waitingCounts.set(r.date, (waitingCounts.get(r.date) ?? 0) + 1);
  const waiting = [...waitingCounts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([date, plans]) => ({ date, plans }));
  return { compared, record: trackRecord(compared.map((c) => c.outcome), usual ? usualRateValues(usual) : undefined), waiting };
}

/** The track record, live: updates when a predicted day is logged. */
export function useTrackRecord(): TrackRecordView | undefined {
  return useLiveQuery(async () => {
    const db = appDb();
    const rows = await db.predictions.toArray();
    const [logs, usual] = await Promise.all([db.logs.where('date').anyOf([...new Set(rows.map((r) => r.date))]).toArray(), readUsualDay(db)]);
    return buildTrackRecord(rows, logs, localToday(), usual);
  }, []);
}

export interface PredictionView {
  prediction: Prediction;
  /** The person's usual day (shared/model/usual.ts), the same before and after a model trains. */
  usual: UsualDay;
  /** The plan has no foods: the usual day by definition. */
  usualDay: boolean;
  /** Usual share of loose-stool days; null when stool form is not tracked. */
  usual_stool_loose: number | null;
  /** The personal model that answered (null: the cold-start rule on general food data). */
  model: { version: number; tier: Tier } | null;
  logCount: number;
  /** Set when the personal model could not be used and the general rule answered instead. */
  note: string | null;
}

/** The phase estimated from the person's period days, for a planned day with none picked. */
async function estimatedPhase(db: AureaDb, date: string): Promise<CyclePhase | null> {
  const periodDays = (await db.logs.filter((l) => l.period === true).primaryKeys()) as string[];
  if (periodDays.length === 0) return null;
  return estimateCycle(periodDays.map((d) => ({ date: d, period: true }))).phaseOn(date)?.phase ?? null;
}

let heldLogs: { key: string; logs: ReturnType<typeof modelLogs> } | null = null;
const sentToWorker: { key: string | null; model: string | null } = { key: null, model: null };

/** Asks the worker; sends the diary and the model's weights with the first request that needs them (or when it asks). */
export async function requestPrediction(db: AureaDb, plan: PlannedDay, today = localToday()): Promise<PredictionView> {
  const [key, rows] = await Promise.all([diarySignature(db), db.models.where('is_active').equals(1).toArray()]);
  const active = byVersionDesc(rows as StoredModelRow[])[0] ?? null;
  const logCount = Number(key.split(':')[0]);
  const ingredients = [...new Set(plan.ingredients)];
  let useModel = active && active.artifacts ? active : null;
  let note: string | null = null;
  const coldStartScores = async () => {
    const foods = await loadFoodKnowledge();
    const scores: Record<string, { gut_impact: number; inflammation_potential: number }> = {};
    for (const name of ingredients) {
      const s = foods.scoreOf(name);
      if (s) scores[name] = { gut_impact: s.scores.gut_impact, inflammation_potential: s.scores.inflammation_potential };
    }
    return scores;
  };
  // What this page already sent to the worker (one worker per page): send the rest with the first request,
  // instead of waiting to be asked, so opening Predict costs one round trip.
  const modelId = useModel ? `${useModel.version}|${useModel.trained_at}` : null;
  let sendLogs = sentToWorker.key !== key;
  let sendModel = modelId !== null && sentToWorker.model !== modelId;
  for (let attempt = 0; attempt < 4; attempt++) {
    let logs: ReturnType<typeof modelLogs> | undefined;
    if (sendLogs) {
      if (heldLogs?.key !== key) heldLogs = { key, logs: modelLogs(await db.logs.orderBy('date').toArray()) };
      logs = heldLogs.logs;
    }
    let response: PredictResponse;
    try {
      response = await gateway.model().predict({
        date: plan.date,
        ingredients,
        cycle_phase: plan.cycle_phase ?? (await estimatedPhase(db, plan.date)),
        today,
        history: { key, ...(logs ? { logs } : {}) },
        model: useModel ? { version: useModel.version, trained_at: useModel.trained_at, ...(sendModel ? { artifacts: useModel.artifacts } : {}) } : null,
        scores: useModel ? {} : await coldStartScores(),
      });
    } catch (e) {
      if (!useModel) throw e;
      // A stored model that no longer loads must not take predictions down with it.
      note = `Your personal model could not be loaded (${(e as Error).message}), so general food data answered. Retrain it in Settings.`;
      useModel = null;
      continue;
    }
    if (sendLogs) sentToWorker.key = key;
    if (sendModel && modelId) sentToWorker.model = modelId;
    if (response.need !== null) {
      if (response.need === 'history') sendLogs = true;
      else sendModel = true;
    } else {
      if (!job.backend) setJob({ backend: response.backend });
      return {
        prediction: response.prediction,
        usual: response.usual,
        usualDay: ingredients.length === 0,
        usual_stool_loose: response.usual_stool_loose,
        model: useModel ? { version: useModel.version, tier: useModel.tier as Tier } : null,
        logCount,
        note,
      };
    }
  }
  throw new Error('the model worker kept asking for data it was sent');
}

export interface PredictionState {
  view: PredictionView | null;
  loading: boolean;
  error: string | null;
  /** The prediction on screen is kept for the track record. */
  saved: boolean;
}

/** A prediction on screen this long counts as viewed and is kept (typing through a plan is not). */
export const STORE_AFTER_MS = 1500;

/**
 * The prediction for a planned day, recomputed (debounced) when the plan, the diary or the active
 * model changes; each one a person views is stored for the track record (see storePrediction).
 */
export function usePrediction(plan: PlannedDay | null, delayMs = 300): PredictionState {
  const signature = useLiveQuery(async () => {
    const db = appDb();
    const [diary, active] = await Promise.all([diarySignature(db), db.models.where('is_active').equals(1).primaryKeys()]);
    return `${diary}|${active.join(',')}`;
  }, []);
  const [state, setState] = useState<PredictionState>({ view: null, loading: plan !== null, error: null, saved: false });
  const firstRun = useRef(true);
  const key = plan ? predictionId(plan) : null;
  useEffect(() => {
    if (!plan || signature === undefined) return;
    let alive = true;
    let storeTimer: ReturnType<typeof setTimeout> | undefined;
    setState((s) => ({ ...s, loading: true, saved: false }));
    // The first prediction on opening the page goes at once; later changes (typing a plan) are debounced.
    const wait = firstRun.current ? 0 : delayMs;
    firstRun.current = false;
    const timer = setTimeout(() => {
      void requestPrediction(appDb(), plan).then(
        (view) => {
          if (!alive) return;
          setState({ view, loading: false, error: null, saved: false });
          storeTimer = setTimeout(() => {
            void storePrediction(appDb(), plan, view.prediction).then((r) => alive && setState((s) => ({ ...s, saved: r === 'stored' || r === 'updated' })));
          }, STORE_AFTER_MS);
        },
        (e: unknown) => alive && setState((s) => ({ ...s, loading: false, error: (e as Error).message })),
      );
    }, wait);
    return () => {
      alive = false;
      clearTimeout(timer);
      clearTimeout(storeTimer);
    };
    // The key stands for the plan's content (date, foods as a set, phase).
  }, [key, signature, delayMs]);
  return state;
}
