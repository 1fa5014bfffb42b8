/// <reference lib="webworker" />
// Per-person model in a worker: training, evaluation and prediction with TensorFlow.js off the main
// thread (DESIGN §5). TensorFlow.js and its WebAssembly binaries live only in this worker's chunk.
import { expose } from 'comlink';
import * as z from 'zod/mini';
import { modelTier, targetMetrics } from '../shared/schema/model';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Imported as URLs so Vite emits them as assets and the service worker precaches them (offline training).
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { tf, useModelBackend } from '../shared/model/tf';
import { trainModelSet, disposeModelSet } from '../shared/model/train';
import { decideActivation, modelRecord, type ActivationDecision, type ModelRecord } from '../shared/model/lifecycle';
import { predict } from '../shared/model/predict';
import { prepareHistory, type History, type ModelLog } from '../shared/model/features';
import { modelSetFromArtifacts, modelSetToArtifacts, type ModelSetArtifacts } from '../shared/model/persistence';
import { MIN_LOGS_FOR_TRAINING } from '../shared/model/thresholds';
import { usualRates, usualRateValues, type UsualDay } from '../shared/model/usual';
import type { TargetKey } from '../shared/model/targets';
import type { Confidence, ModelSet, Prediction, TargetMetrics } from '../shared/model/types';
import { cyclePhase, isoDate } from '../shared/schema';
import { diaryEntryMessage, parseMessage } from './messages';

// ------------------------------------------------------------------ messages (validated on arrival)

const byTarget = <T extends z.ZodMiniType>(t: T) => z.object({ bloating: z.optional(t), energy_low: z.optional(t), brain_fog: z.optional(t) });

export const trainOptions = z.object({
  version: z.number().check(z.int(), z.minimum(1)),
  trained_at: z.iso.datetime(),
  /** The model in use (its held-out scores decide whether the new one replaces it); null: none yet. */
  active: z.nullable(z.object({ version: z.number().check(z.int()), tier: modelTier, metrics: byTarget(targetMetrics) })),
  /** Training window in days (default 90, DESIGN §5); null trains on every log. */
  window_days: z.optional(z.nullable(z.number().check(z.int(), z.minimum(1)))),
});
export type TrainOptionsMessage = z.infer<typeof trainOptions>;

const trainLogs = z.array(diaryEntryMessage);

export const predictQuery = z.object({
  date: isoDate,
  ingredients: z.array(z.string().check(z.minLength(1))).check(z.maxLength(200)),
  cycle_phase: z.nullable(cyclePhase),
  /** The person's today, so explanations say "yesterday" and "tomorrow". */
  today: isoDate,
  /** Identifies the diary state; the logs travel only when the worker does not hold that state yet. */
  history: z.object({ key: z.string(), logs: z.optional(trainLogs) }),
  /** The active personal model (null: the cold-start rule); its artifacts travel only when asked for. */
  model: z.nullable(z.object({ version: z.number().check(z.int()), trained_at: z.optional(z.string()), artifacts: z.optional(z.unknown()) })),
  /** General ingredient scores of the planned foods (the bundled table), for the cold-start rule. */
  scores: z.record(z.string(), z.object({ gut_impact: z.number(), inflammation_potential: z.number() })),
});
export type PredictQuery = z.infer<typeof predictQuery>;

// ------------------------------------------------------------------ backend

export interface BackendInfo {
  name: string;
  /** Plain words: "WebAssembly (SIMD)", "JavaScript (CPU)". */
  label: string;
  /** Why the faster backend is not in use, when it is not. */
  fallback_reason: string | null;
}

let backend: Promise<BackendInfo> | null = null;

/** WebAssembly first (its binaries come from the precache offline); plain JavaScript if it fails. */
function ensureBackend(): Promise<BackendInfo> {
  backend ??= (async () => {
    try {
      setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });
      await useModelBackend('wasm');
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
      return { name: 'wasm', label: `WebAssembly${simd ? ' (SIMD' + (threads ? ', threads)' : ')') : ''}`, fallback_reason: null };
    } catch (e) {
      await useModelBackend('cpu');
      return { name: 'cpu', label: 'JavaScript (CPU)', fallback_reason: `WebAssembly could not start: ${(e as Error).message}` };
    }
  })();
  return backend;
}

// ------------------------------------------------------------------ train

export interface TrainResult {
  /** Set when nothing was trained (too few logs), with the reason in plain words. */
  skipped: string | null;
  record: ModelRecord | null;
  /** Weights and encoding of an activated set (structured-cloneable); null when it was not activated. */
  artifacts: ModelSetArtifacts | null;
  confidence: Record<TargetKey, Confidence> | null;
  base_rates: Record<TargetKey, number> | null;
  window: ModelSet['window'];
  backend: BackendInfo;
  /** How long training and evaluation took in the worker (shown in Settings; never asserted). */
  train_ms: number;
}

/** A kept model set, ready to predict (the active one, or the latest diary's cold-start rule). */
let active: { version: number; set: ModelSet } | null = null;

function replaceActive(next: { version: number; set: ModelSet } | null) {
  if (active && active.set !== next?.set) disposeModelSet(active.set);
  active = next;
}

function withoutModels(decision: ActivationDecision, set: ModelSet): ActivationDecision {
  // A set whose every target fell back to the usual rate has no weights to store or explain with.
  if (!decision.activate || Object.keys(set.models).length > 0) return decision;
  return { activate: false, reason: 'not used: none of its forecasts beat simply using your usual rates on the held-out days' };
}

// ------------------------------------------------------------------ predict

let history: { key: string; history: History; coldStart: ModelSet; usual: UsualDay } | null = null;

export type PredictResponse =
  | { need: 'history' | 'model' }
  | {
      need: null;
      prediction: Prediction;
      /** The person's usual day (shared/model/usual.ts): what "more likely than usual" compares with. */
      usual: UsualDay;
      /** The usual share of loose-stool days; null when stool form is not tracked. */
      usual_stool_loose: number | null;
      backend: BackendInfo;
    };

function holdHistory(key: string, logs: ModelLog[]) {
  if (history) disposeModelSet(history.coldStart);
  const prepared = prepareHistory(logs);
  // The cold-start rule with the person's recent usual rates (fewer than 14 logs never train a model).
  const recent = prepared.logs.slice(-(MIN_LOGS_FOR_TRAINING - 1)).map((l) => ({ date: l.date, ingredients: [...l.ingredients], symptoms: l.symptoms, cycle_phase: l.phase }));
  history = { key, history: prepared, coldStart: trainModelSet(recent, { version: 0 }), usual: usualRates(logs) };
}

const api = {
  /** Which tfjs backend this worker runs on (starts it if needed). */
  backend(): Promise<BackendInfo> {
    return ensureBackend();
  },

  /**
   * Trains a model set on the logs, scores it on its held-out days and decides whether it replaces the
   * active model. An activated set stays loaded here for predictions and comes back as artifacts for
   * the page to store beside its `models` row.
   */
  async train(logs: unknown, options: unknown, onProgress?: (done: number, total: number) => void): Promise<TrainResult> {
    const parsedLogs = parseMessage(trainLogs, logs, 'training logs');
    const opts = parseMessage(trainOptions, options, 'training options');
    const info = await ensureBackend();
    const t0 = performance.now();
    const progress = typeof onProgress === 'function' ? (done: number, total: number) => void Promise.resolve(onProgress(done, total)).catch(() => undefined) : undefined;
    const set = trainModelSet(parsedLogs, { version: opts.version, trainedAt: opts.trained_at, windowDays: opts.window_days === undefined ? undefined : opts.window_days, ...(progress ? { onProgress: progress } : {}) });
    if (set.tier === 'cold_start') {
      return {
        skipped: `${set.training_samples} logged days in the last ${set.window?.days ?? 90}; a personal model needs ${MIN_LOGS_FOR_TRAINING}`,
        record: null,
        artifacts: null,
        confidence: null,
        base_rates: null,
        window: set.window,
        backend: info,
        train_ms: performance.now() - t0,
      };
    }
    const activeSummary = opts.active ? { version: opts.active.version, tier: opts.active.tier, metrics: opts.active.metrics as Partial<Record<TargetKey, TargetMetrics>> } : null;
    const decision = withoutModels(decideActivation(set, activeSummary), set);
    const record = modelRecord(set, decision);
    let artifacts: ModelSetArtifacts | null = null;
    if (decision.activate) {
      artifacts = await modelSetToArtifacts(set);
      replaceActive({ version: set.version, set });
    }
    const result: TrainResult = {
      skipped: null,
      record,
      artifacts,
      confidence: { ...set.confidence },
      base_rates: { ...set.base_rates },
      window: set.window,
      backend: info,
      train_ms: performance.now() - t0,
    };
    if (!decision.activate) disposeModelSet(set);
    return result;
  },

  /**
   * Predicts one planned day. Answers { need } when it does not hold the diary state or the model the
   * query names, so the page sends those only when they changed.
   */
  async predict(query: unknown): Promise<PredictResponse> {
    const q = parseMessage(predictQuery, query, 'prediction query');
    const info = await ensureBackend();
    if (q.history.logs) holdHistory(q.history.key, q.history.logs);
    if (!history || history.key !== q.history.key) return { need: 'history' };
    let set: ModelSet;
    if (q.model === null) set = history.coldStart;
    else if (active && active.version === q.model.version && (q.model.trained_at === undefined || active.set.trained_at === q.model.trained_at)) set = active.set;
    else if (q.model.artifacts !== undefined) {
      const loaded = await modelSetFromArtifacts(q.model.artifacts);
      if (loaded.version !== q.model.version) throw new Error(`stored model v${loaded.version} was sent as v${q.model.version}`);
      replaceActive({ version: loaded.version, set: loaded });
      set = loaded;
    } else return { need: 'model' };
    const scores = q.scores;
    const usual = history.usual;
    const prediction = predict(set, history.history, { date: q.date, ingredients: q.ingredients, cycle_phase: q.cycle_phase }, { scoreIngredient: (name) => scores[name], today: q.today, usual: usualRateValues(usual), usualBloating: usual.bloating_mean });
    return { need: null, prediction, usual, usual_stool_loose: set.stool?.base_rate ?? null, backend: info };
  },
};

export type ModelWorkerApi = typeof api;
expose(api);
