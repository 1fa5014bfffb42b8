/**
 * Model sets as plain data and back. The tfjs models travel as tfjs ModelArtifacts (topology JSON,
 * weight specs, weight bytes), so the worker can keep them in IndexedDB (structured clone, or tfjs IO
 * `model.save('indexeddb://…')`); everything else is a JSON-safe record checked with zod on the way in.
 */
import { z } from 'zod';
import { columnCount } from './encoding';
import { netFromModel } from './net';
import { MODEL_SYMPTOMS, type ModelSymptom } from './targets';
import { tf, type ModelArtifacts } from './tf';
import type { ModelSet, SymptomModel } from './types';

export const ARTIFACTS_FORMAT = 'aurea.model-set';
export const ARTIFACTS_VERSION = 1;

const confidence = z.enum(['low', 'medium', 'high']);
const penalties = z.array(z.object({ l1: z.number().min(0), l2: z.number().min(0), weight: z.number().min(0).max(1) })).min(1);
const targetMetrics = z.object({
  n_train: z.number().int().min(0),
  n_validation: z.number().int().min(0),
  positives: z.number().int().min(0),
  auc: z.number().nullable(),
  auc_se: z.number().nullable(),
  brier: z.number(),
  climatology_brier: z.number(),
  brier_skill: z.number(),
  accuracy: z.number(),
  muted: z.boolean(),
});
const byTarget = <T extends z.ZodType>(v: T) => z.object({ bloating: v, energy_low: v, brain_fog: v });
const partialByTarget = <T extends z.ZodType>(v: T) => z.object({ bloating: v.optional(), energy_low: v.optional(), brain_fog: v.optional() });

const encodingSpec = z.object({
  vocabulary: z.array(z.string().min(1)),
  symptoms: z.array(z.string().min(1)),
  symptomCenters: z.array(z.number()),
  ingredientColumns: z.array(z.enum(['today', 'yesterday', 'last3', 'freq7'])).min(1),
  context: z.enum(['none', 'cycle', 'full']),
});

export const modelSetMeta = z.object({
  version: z.number().int().min(0),
  trained_at: z.string(),
  tier: z.enum(['cold_start', 'logistic', 'ordinal']),
  training_samples: z.number().int().min(0),
  log_count: z.number().int().min(0),
  window: z.object({ from: z.string(), to: z.string(), days: z.number().int().positive().nullable() }).nullable(),
  spec: encodingSpec.nullable(),
  symptom_models: z.object(
    Object.fromEntries(MODEL_SYMPTOMS.map((s) => [s, z.object({ penalties, n_train: z.number().int().min(0) }).optional()])) as Record<
      ModelSymptom,
      z.ZodOptional<z.ZodObject<{ penalties: typeof penalties; n_train: z.ZodNumber }>>
    >,
  ),
  base_rates: byTarget(z.number().min(0).max(1)),
  mean_bloating: z.number(),
  metrics: partialByTarget(targetMetrics),
  confidence: byTarget(confidence),
  /** Loose-stool part (only for people who track stool form); its weights are models.stool_loose. */
  stool: z
    .object({ base_rate: z.number().min(0).max(1), metrics: targetMetrics.optional(), confidence, model: z.object({ penalties, n_train: z.number().int().min(0) }).optional() })
    .optional(),
});
export type ModelSetMeta = z.infer<typeof modelSetMeta>;

const weightBytes = z.union([z.instanceof(ArrayBuffer), z.array(z.instanceof(ArrayBuffer))]);
const artifactsSchema = z.looseObject({
  modelTopology: z.record(z.string(), z.unknown()),
  weightSpecs: z.array(z.looseObject({ name: z.string(), shape: z.array(z.number()), dtype: z.string() })),
  weightData: weightBytes,
});

export const modelSetArtifacts = z.object({
  format: z.literal(ARTIFACTS_FORMAT),
  format_version: z.literal(ARTIFACTS_VERSION),
  meta: modelSetMeta,
  models: z.object({ bloating: artifactsSchema.optional(), energy: artifactsSchema.optional(), focus: artifactsSchema.optional(), stool_loose: artifactsSchema.optional() }),
});

export interface ModelSetArtifacts {
  format: typeof ARTIFACTS_FORMAT;
  format_version: typeof ARTIFACTS_VERSION;
  meta: ModelSetMeta;
  models: Partial<Record<ModelSymptom | 'stool_loose', ModelArtifacts>>;
}

async function captureArtifacts(net: SymptomModel['net'], what: string): Promise<ModelArtifacts> {
  let captured: ModelArtifacts | undefined;
  await net.model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured) throw new Error(`saving the ${what} model produced no artifacts`);
  return captured;
}

/** Plain-data form of a model set (structured-cloneable: the weights are ArrayBuffers). */
export async function modelSetToArtifacts(set: ModelSet): Promise<ModelSetArtifacts> {
  const models: ModelSetArtifacts['models'] = {};
  const symptomModels: ModelSetMeta['symptom_models'] = {};
  for (const s of MODEL_SYMPTOMS) {
    const m = set.models[s];
    if (!m) continue;
    models[s] = await captureArtifacts(m.net, s);
    symptomModels[s] = { penalties: m.penalties.map((p) => ({ ...p })), n_train: m.n_train };
  }
  const meta: ModelSetMeta = {
    version: set.version,
    trained_at: set.trained_at,
    tier: set.tier,
    training_samples: set.training_samples,
    log_count: set.log_count,
    window: set.window,
    spec: set.spec,
    symptom_models: symptomModels,
    base_rates: { ...set.base_rates },
    mean_bloating: set.mean_bloating,
    metrics: structuredClone(set.metrics),
    confidence: { ...set.confidence },
  };
  if (set.stool) {
    const { base_rate, metrics, confidence: level, model } = set.stool;
    meta.stool = { base_rate, confidence: level, ...(metrics ? { metrics: { ...metrics } } : {}), ...(model ? { model: { penalties: model.penalties.map((p) => ({ ...p })), n_train: model.n_train } } : {}) };
    if (model) models.stool_loose = await captureArtifacts(model.net, 'loose-stool');
  }
  return { format: ARTIFACTS_FORMAT, format_version: ARTIFACTS_VERSION, meta, models };
}

/** Rebuilds a model set from stored artifacts; refuses anything that is not one, naming the problem. */
export async function modelSetFromArtifacts(data: unknown): Promise<ModelSet> {
  const parsed = modelSetArtifacts.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`not a stored Aurea model set: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const { meta } = parsed.data;
  const raw = data as ModelSetArtifacts;
  const width = meta.spec ? columnCount(meta.spec) : 0;
  const models: Partial<Record<ModelSymptom, SymptomModel>> = {};
  for (const s of MODEL_SYMPTOMS) {
    const artifacts = raw.models[s];
    const info = meta.symptom_models[s];
    if (!artifacts || !info) continue;
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const net = netFromModel(model);
    if (net.weights.length !== width || net.cutpoints.length !== 5) {
      model.dispose();
      throw new Error(`stored ${s} model has ${net.weights.length} inputs, its encoding has ${width}`);
    }
    models[s] = { net, penalties: info.penalties, n_train: info.n_train };
  }
  if (meta.tier !== 'cold_start' && Object.keys(models).length === 0) throw new Error('stored model set has no symptom models');
  let stool: ModelSet['stool'];
  if (meta.stool) {
    const { base_rate, metrics, confidence: level, model: info } = meta.stool;
    stool = { base_rate, confidence: level, ...(metrics ? { metrics } : {}) };
    const artifacts = raw.models.stool_loose;
    if (info && artifacts) {
      const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
      const net = netFromModel(model);
      if (net.weights.length !== width || net.cutpoints.length !== 1) {
        model.dispose();
        throw new Error(`stored loose-stool model has ${net.weights.length} inputs, its encoding has ${width}`);
      }
      stool.model = { net, penalties: info.penalties, n_train: info.n_train };
    }
  }
  return {
    ...(stool ? { stool } : {}),
    version: meta.version,
    trained_at: meta.trained_at,
    tier: meta.tier,
    training_samples: meta.training_samples,
    log_count: meta.log_count,
    window: meta.window,
    spec: meta.spec,
    models,
    base_rates: meta.base_rates,
    mean_bloating: meta.mean_bloating,
    metrics: meta.metrics,
    confidence: meta.confidence,
  };
}
