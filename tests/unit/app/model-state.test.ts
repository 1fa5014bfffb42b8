// The page side of the per-person model (app/src/state/model.ts) on fake-indexeddb: stored predictions
// and their de-duplication, matching predictions to the days then logged, the track record, and the
// `models` table's activation, pruning and retirement. Training results come from the real pipeline
// (shared/model, as the worker runs it), not from stand-ins.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AureaDb, type PredictionRow } from '../../../app/db/db';
import { saveLog } from '../../../app/db/repo';
import {
  buildTrackRecord,
  KEEP_MODEL_ROWS,
  MAX_PLANS_PER_DAY,
  matchPredictions,
  modelRowsToDrop,
  planOverlap,
  predictionId,
  readModelRow,
  readPrediction,
  retireModel,
  retrainBasis,
  saveTrainResult,
  storePrediction,
  type StoredModelRow,
} from '../../../app/src/state/model';
import type { TrainResult } from '../../../workers/model.worker';
import { generateDiary } from '../../../shared/demo';
import { decideActivation, disposeModelSet, modelRecord, modelSetFromArtifacts, modelSetToArtifacts, predict, shouldRetrain, trainModelSet, type ModelLog, type Prediction } from '../../../shared/model';
import type { DailyLog } from '../../../shared/schema';

let n = 0;
const dbs: Dexie[] = [];
function freshDb(): AureaDb {
  const db = new AureaDb(`model-state-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** A real prediction from the cold-start rule (general scores given inline). */
function coldStartPrediction(date: string, ingredients: string[], bloating = 0.5): Prediction {
  const set = trainModelSet([], { version: 0 });
  const p = predict(set, [], { date, ingredients }, { scoreIngredient: () => ({ gut_impact: 50 - (bloating - 0.5) * 200, inflammation_potential: 0 }) });
  // With no foods the rule has nothing to score and answers with the usual rate.
  if (ingredients.length) expect(p.bloating_probability).toBeCloseTo(Math.min(0.9, Math.max(0.1, bloating)), 6);
  return p;
}

function log(date: string, ingredients: string[], symptoms: Record<string, number>, createdAt: string): DailyLog {
  return { id: `id-${date}`, date, ingredients, symptoms, cycle_phase: null, created_at: createdAt, updated_at: createdAt };
}

function row(id: string, date: string, ingredients: string[], prediction: Prediction, createdAt: string, viewedAt = createdAt): PredictionRow {
  return { id, date, created_at: createdAt, ingredients, cycle_phase: null, result: { prediction, viewed_at: viewedAt } };
}

describe('stored predictions', () => {
  it('one id per date, set of foods and cycle phase: order and repeats do not matter', () => {
    const a = predictionId({ date: '2026-05-02', ingredients: ['milk', 'oats', 'milk'], cycle_phase: null });
    expect(predictionId({ date: '2026-05-02', ingredients: ['oats', 'milk'], cycle_phase: null })).toBe(a);
    expect(predictionId({ date: '2026-05-03', ingredients: ['oats', 'milk'], cycle_phase: null })).not.toBe(a);
    expect(predictionId({ date: '2026-05-02', ingredients: ['oats', 'milk'], cycle_phase: 'luteal' })).not.toBe(a);
    expect(predictionId({ date: '2026-05-02', ingredients: ['oats'], cycle_phase: null })).not.toBe(a);
  });

  it('viewing the same plan again updates its row; a new plan for the day adds one', async () => {
    const db = freshDb();
    const plan = { date: '2026-05-02', ingredients: ['oats', 'milk'], cycle_phase: null };
    expect(await storePrediction(db, plan, coldStartPrediction('2026-05-02', ['oats', 'milk'], 0.6), new Date('2026-05-01T08:00:00Z'))).toBe('stored');
    expect(await storePrediction(db, { ...plan, ingredients: ['milk', 'oats', 'milk'] }, coldStartPrediction('2026-05-02', ['milk', 'oats'], 0.7), new Date('2026-05-01T09:00:00Z'))).toBe('updated');
    const rows = await db.predictions.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ingredients).toEqual(['milk', 'oats']);
    expect(rows[0]!.created_at).toBe('2026-05-01T08:00:00.000Z');
    const read = readPrediction(rows[0]!)!;
    expect(read.viewed_at).toBe('2026-05-01T09:00:00.000Z');
    expect(read.prediction.bloating_probability).toBeCloseTo(0.7, 6);

    expect(await storePrediction(db, { ...plan, ingredients: ['rice'] }, coldStartPrediction('2026-05-02', ['rice'], 0.3), new Date('2026-05-01T10:00:00Z'))).toBe('stored');
    expect(await db.predictions.count()).toBe(2);
  });

  it('keeps nothing without foods, and nothing for a day already logged (that would be hindsight)', async () => {
    const db = freshDb();
    expect(await storePrediction(db, { date: '2026-05-02', ingredients: [], cycle_phase: null }, coldStartPrediction('2026-05-02', []))).toBe('no_foods');
    await saveLog(db, { date: '2026-05-03', ingredients: ['milk'], symptoms: { bloating: 4 } });
    expect(await storePrediction(db, { date: '2026-05-03', ingredients: ['milk'], cycle_phase: null }, coldStartPrediction('2026-05-03', ['milk']))).toBe('already_logged');
    expect(await db.predictions.count()).toBe(0);
  });

  it(`keeps at most ${MAX_PLANS_PER_DAY} plans per day, dropping the ones looked at longest ago`, async () => {
    const db = freshDb();
    for (let i = 0; i < MAX_PLANS_PER_DAY + 3; i++) {
      const foods = [`food ${i}`];
      await storePrediction(db, { date: '2026-05-02', ingredients: foods, cycle_phase: null }, coldStartPrediction('2026-05-02', foods), new Date(Date.UTC(2026, 4, 1, 8, i)));
    }
    await storePrediction(db, { date: '2026-05-09', ingredients: ['tea'], cycle_phase: null }, coldStartPrediction('2026-05-09', ['tea']), new Date(Date.UTC(2026, 4, 1, 9)));
    const sameDay = await db.predictions.where('date').equals('2026-05-02').toArray();
    expect(sameDay).toHaveLength(MAX_PLANS_PER_DAY);
    expect(sameDay.map((r) => r.ingredients[0]).sort()).toEqual(Array.from({ length: MAX_PLANS_PER_DAY }, (_, i) => `food ${i + 3}`).sort());
    expect(await db.predictions.where('date').equals('2026-05-09').count()).toBe(1);
  });
});

describe('matching predictions with what happened', () => {
  it('measures how closely a day followed a plan', () => {
    expect(planOverlap(['milk', 'oats'], ['milk', 'oats'])).toBe(1);
    expect(planOverlap(['milk', 'oats'], ['milk', 'rice'])).toBeCloseTo(1 / 3, 10);
    expect(planOverlap(['milk'], ['tea'])).toBe(0);
  });

  it('counts each logged day once, with the plan closest to what was eaten', () => {
    const plans = [
      row('a', '2026-05-02', ['pasta', 'tomato'], coldStartPrediction('2026-05-02', ['pasta', 'tomato'], 0.2), '2026-05-01T08:00:00.000Z', '2026-05-01T20:00:00.000Z'),
      row('b', '2026-05-02', ['cheese', 'milk', 'oats'], coldStartPrediction('2026-05-02', ['cheese', 'milk', 'oats'], 0.8), '2026-05-01T09:00:00.000Z'),
      row('c', '2026-05-05', ['rice'], coldStartPrediction('2026-05-05', ['rice'], 0.3), '2026-05-04T09:00:00.000Z'),
    ];
    const logs = [log('2026-05-02', ['milk', 'oats', 'banana'], { bloating: 4, energy: 3 }, '2026-05-02T21:00:00.000Z')];
    const matched = matchPredictions(plans, logs);
    expect(matched).toHaveLength(1);
    expect(matched[0]!.row.id).toBe('b');
    expect(matched[0]!.overlap).toBeCloseTo(2 / 4, 10);
  });

  it('ignores a prediction first made after its day was logged', () => {
    const plans = [row('late', '2026-05-02', ['milk'], coldStartPrediction('2026-05-02', ['milk']), '2026-05-03T08:00:00.000Z')];
    expect(matchPredictions(plans, [log('2026-05-02', ['milk'], { bloating: 1 }, '2026-05-02T21:00:00.000Z')])).toEqual([]);
  });

  it('prefers the same foods with the later view when two plans are equally close', () => {
    const p1 = coldStartPrediction('2026-05-02', ['milk'], 0.4);
    const p2 = coldStartPrediction('2026-05-02', ['milk'], 0.7);
    const plans = [
      { ...row('early', '2026-05-02', ['milk'], p1, '2026-05-01T08:00:00.000Z'), cycle_phase: 'luteal' },
      row('later', '2026-05-02', ['milk'], p2, '2026-05-01T07:00:00.000Z', '2026-05-01T12:00:00.000Z'),
    ];
    const matched = matchPredictions(plans, [log('2026-05-02', ['milk'], { bloating: 3 }, '2026-05-02T21:00:00.000Z')]);
    // Same overlap; "later" also matches the logged (unset) cycle phase.
    expect(matched[0]!.row.id).toBe('later');
  });

  it('builds the track record from the matched days and lists the days still to log', () => {
    const plans = [
      row('a', '2026-05-02', ['milk'], coldStartPrediction('2026-05-02', ['milk'], 0.8), '2026-05-01T08:00:00.000Z'),
      row('b', '2026-05-03', ['rice'], coldStartPrediction('2026-05-03', ['rice'], 0.2), '2026-05-02T08:00:00.000Z'),
      row('c', '2026-05-04', ['milk'], coldStartPrediction('2026-05-04', ['milk'], 0.8), '2026-05-03T08:00:00.000Z'),
      row('d', '2026-05-10', ['tea'], coldStartPrediction('2026-05-10', ['tea']), '2026-05-05T08:00:00.000Z'),
      row('e', '2026-05-10', ['coffee'], coldStartPrediction('2026-05-10', ['coffee']), '2026-05-05T08:00:00.000Z'),
      row('old', '2026-04-01', ['tea'], coldStartPrediction('2026-04-01', ['tea']), '2026-03-31T08:00:00.000Z'),
    ];
    const logs = [
      log('2026-05-02', ['milk'], { bloating: 4, energy: 3, focus: 1 }, '2026-05-02T21:00:00.000Z'),
      log('2026-05-03', ['rice'], { bloating: 1 }, '2026-05-03T21:00:00.000Z'),
      log('2026-05-04', ['milk'], { bloating: 2 }, '2026-05-04T21:00:00.000Z'),
    ];
    const view = buildTrackRecord(plans, logs, '2026-05-06');
    expect(view.compared.map((c) => c.date)).toEqual(['2026-05-04', '2026-05-03', '2026-05-02']);
    const bloating = view.record.targets.bloating;
    expect(bloating.n).toBe(3);
    // 80 % and bloating 4: right; 20 % and bloating 1: right; 80 % and bloating 2: wrong.
    expect(bloating.right).toBe(2);
    expect(bloating.summary).toMatch(/^Right on 2 of 3 days \(67 %\)/);
    expect(view.compared[2]!.outcome.targets.brain_fog.happened).toBe(true);
    expect(view.record.targets.energy_low.n).toBe(1);
    // Two plans for 10 May wait for its log; 1 April is long past and not listed.
    expect(view.waiting).toEqual([{ date: '2026-05-10', plans: 2 }]);
  });
});

/** What the worker's train() returns, from the same shared/model calls it makes. */
async function trainResult(logs: ModelLog[], version: number, active: StoredModelRow | null, trainedAt: string): Promise<TrainResult> {
  const set = trainModelSet(logs, { version, trainedAt });
  const decision = decideActivation(set, active ? { version: active.version, tier: active.tier as 'ordinal', metrics: active.metrics as never } : null);
  const artifacts = decision.activate ? await modelSetToArtifacts(set) : null;
  const result: TrainResult = {
    skipped: null,
    record: modelRecord(set, decision),
    artifacts,
    confidence: set.confidence,
    base_rates: set.base_rates,
    window: set.window,
    backend: { name: 'cpu', label: 'JavaScript (CPU)', fallback_reason: null },
    train_ms: 0,
  };
  disposeModelSet(set);
  return result;
}

function asDailyLogs(logs: ModelLog[]): DailyLog[] {
  return logs.map((l) => ({ id: `id-${l.date}`, date: l.date, ingredients: [...l.ingredients], symptoms: { ...l.symptoms }, cycle_phase: l.cycle_phase ?? null, created_at: `${l.date}T20:00:00.000Z`, updated_at: `${l.date}T20:00:00.000Z` }));
}

describe('the models table', () => {
  const diary = generateDiary({ persona: 'lactose', seed: 11, days: 160 }).logs;

  it('stores an activated model with its weights, which load back into a working model set', async () => {
    const db = freshDb();
    await db.logs.bulkPut(asDailyLogs(diary));
    const result = await trainResult(diary, 1, null, '2026-05-01T08:00:00.000Z');
    expect(result.record!.is_active).toBe(true);
    const saved = await saveTrainResult(db, result, diary.map((l) => l.date));
    expect(saved).not.toBeNull();
    const stored = (await db.models.get(1)) as StoredModelRow;
    expect(stored.is_active).toBe(1);
    expect(stored.artifacts_key).toBe('aurea-model-v1');
    expect(stored.log_count).toBe(diary.length);
    const view = readModelRow(stored)!;
    expect(view.tier).toBe('ordinal');
    expect(view.has_weights).toBe(true);
    expect(view.reason).toMatch(/^first personal model from \d+ logs/);

    const set = await modelSetFromArtifacts(stored.artifacts);
    const withMilk = predict(set, diary, { date: '2026-06-20', ingredients: ['milk', 'rice'] });
    const without = predict(set, diary, { date: '2026-06-20', ingredients: ['rice'] });
    expect(withMilk.bloating_probability).toBeGreaterThan(without.bloating_probability + 0.1);
    disposeModelSet(set);
  });

  it('a model that is not activated is recorded inactive with its reason and no weights; the active one stays', async () => {
    const db = freshDb();
    await db.logs.bulkPut(asDailyLogs(diary));
    await saveTrainResult(db, await trainResult(diary, 1, null, '2026-05-01T08:00:00.000Z'), diary.map((l) => l.date));
    const active = (await db.models.get(1)) as StoredModelRow;
    // A candidate that scored worse on its held-out days (as decideActivation reports it).
    const candidate = await trainResult(diary, 2, active, '2026-05-08T08:00:00.000Z');
    const rejected: TrainResult = { ...candidate, record: { ...candidate.record!, is_active: false, reason: 'kept model v1: the new one forecast its held-out days less well (skill 0.010 against 0.200)' }, artifacts: null };
    await saveTrainResult(db, rejected, diary.map((l) => l.date));
    const rows = (await db.models.toArray()) as StoredModelRow[];
    expect(rows.map((r) => [r.version, r.is_active])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(rows[1]!.artifacts).toBeNull();
    expect(rows[1]!.artifacts_key).toBeNull();
    expect(readModelRow(rows[1])!.reason).toMatch(/^kept model v1/);
    // The latest attempt is what the retraining rule reads, so the rejected set is not retrained at once.
    expect(shouldRetrain(retrainBasis(rows), diary.length + 1, new Date('2026-05-08T12:00:00Z'))).toBe(false);
    expect(shouldRetrain(retrainBasis(rows), diary.length + 7, new Date('2026-05-08T12:00:00Z'))).toBe(true);
  });

  it('a newly activated model replaces the active one; old rows beyond the last few are dropped', async () => {
    const db = freshDb();
    await db.logs.bulkPut(asDailyLogs(diary));
    for (let v = 1; v <= 5; v++) {
      const previous = (await db.models.where('is_active').equals(1).first()) as StoredModelRow | undefined;
      await saveTrainResult(db, await trainResult(diary, v, previous ?? null, `2026-05-0${v}T08:00:00.000Z`), diary.map((l) => l.date));
    }
    const rows = (await db.models.orderBy('version').toArray()) as StoredModelRow[];
    expect(rows.map((r) => r.version)).toEqual([3, 4, 5]);
    expect(rows.filter((r) => r.is_active === 1).map((r) => r.version)).toEqual([5]);
    expect(rows.find((r) => r.version === 5)!.reason).toMatch(/^replaces model v4/);
  });

  it('never drops the active row when pruning', () => {
    const rows = [1, 2, 3, 4, 5, 6].map((version) => ({ version, trained_at: '', training_samples: 1, metrics: {}, is_active: (version === 2 ? 1 : 0) as 0 | 1, tier: 'ordinal', reason: '', artifacts_key: null }));
    expect(modelRowsToDrop(rows).sort()).toEqual([1, 3]);
    expect(KEEP_MODEL_ROWS).toBe(3);
  });

  it('discards a result when logs were deleted while it trained (never keeps a model of removed data)', async () => {
    const db = freshDb();
    await db.logs.bulkPut(asDailyLogs(diary));
    const result = await trainResult(diary, 1, null, '2026-05-01T08:00:00.000Z');
    await db.logs.clear();
    expect(await saveTrainResult(db, result, diary.map((l) => l.date))).toBeNull();
    expect(await db.models.count()).toBe(0);
  });

  it('retires the active model when fewer logs remain than a model needs', async () => {
    const db = freshDb();
    await db.logs.bulkPut(asDailyLogs(diary));
    await saveTrainResult(db, await trainResult(diary, 1, null, '2026-05-01T08:00:00.000Z'), diary.map((l) => l.date));
    expect(await retireModel(db, 9)).toBe(true);
    const stored = (await db.models.get(1)) as StoredModelRow;
    expect(stored.is_active).toBe(0);
    expect(stored.artifacts).toBeNull();
    expect(stored.reason).toMatch(/^retired: only 9 logged days remain/);
    expect(await retireModel(db, 9)).toBe(false);
  });

  it('refuses a row it cannot read rather than showing nonsense', () => {
    expect(readModelRow({ version: 'x' })).toBeNull();
    expect(readModelRow({ version: 1, trained_at: '2026-05-01T08:00:00.000Z', training_samples: 20, is_active: 1, tier: 'logistic', reason: 'ok', metrics: 'garbage' })).toMatchObject({ version: 1, metrics: {}, has_weights: false });
  });
});
