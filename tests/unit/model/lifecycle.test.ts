import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import {
  compareWithOutcome,
  decideActivation,
  modelRecord,
  modelSetFromArtifacts,
  modelSetToArtifacts,
  predict,
  shouldRetrain,
  trackRecord,
  trainModelSet,
  type ModelSet,
  type PredictionSummary,
} from '../../../shared/model';

describe('shouldRetrain (the ADR rule)', () => {
  const now = '2026-03-10T12:00:00Z';
  it('never trained: once there are 14 logs', () => {
    expect(shouldRetrain(null, 13, now)).toBe(false);
    expect(shouldRetrain(null, 14, now)).toBe(true);
  });
  it('trained: a week old, 7 new logs, or more than 20 % new data', () => {
    const meta = { trained_at: '2026-03-07T12:00:00Z', training_samples: 100 };
    expect(shouldRetrain(meta, 103, now)).toBe(false);
    expect(shouldRetrain(meta, 107, now)).toBe(true);
    expect(shouldRetrain(meta, 100, '2026-03-14T11:59:59Z')).toBe(false);
    expect(shouldRetrain(meta, 100, '2026-03-14T12:00:00Z')).toBe(true);
    expect(shouldRetrain(meta, 100, new Date('2026-03-20T00:00:00Z'))).toBe(true);
    const small = { trained_at: '2026-03-09T12:00:00Z', training_samples: 20 };
    expect(shouldRetrain(small, 24, now)).toBe(false); // 4 new = 20 %, not more
    expect(shouldRetrain(small, 25, now)).toBe(true); // 5 new = 25 %
  });
  it('counts new logs from the log count at training time (the window holds only 90 days)', () => {
    const meta = { trained_at: '2026-03-09T12:00:00Z', training_samples: 90, log_count: 400 };
    expect(shouldRetrain(meta, 403, now)).toBe(false);
    expect(shouldRetrain(meta, 407, now)).toBe(true);
  });
  it('retrains when logs were deleted, so no model keeps standing on removed data', () => {
    expect(shouldRetrain({ trained_at: '2026-03-09T12:00:00Z', training_samples: 100 }, 99, now)).toBe(true);
  });
});

function withMetrics(set: ModelSet, change: (m: NonNullable<ModelSet['metrics']['bloating']>) => void): ModelSet {
  const copy = { ...set, metrics: structuredClone(set.metrics) };
  change(copy.metrics.bloating!);
  return copy;
}

describe('activation and rollback', () => {
  const logs = generateDiary({ persona: 'lactose', seed: 14, days: 160 }).logs;
  const candidate = trainModelSet(logs, { windowDays: null, version: 2, trainedAt: '2026-03-01T00:00:00Z' });

  it('activates a first model that clears the minimum, and records why', () => {
    const d = decideActivation(candidate, null);
    expect(d.activate).toBe(true);
    expect(d.reason).toMatch(/^first personal model from \d+ logs/);
    const rec = modelRecord(candidate, d);
    expect(rec).toMatchObject({ version: 2, trained_at: '2026-03-01T00:00:00Z', tier: 'ordinal', is_active: true, training_samples: candidate.training_samples });
    expect(rec.metrics.bloating?.auc).toBe(candidate.metrics.bloating?.auc);
  });

  it('keeps the previous model when the new one forecasts worse than the usual rate', () => {
    const bad = withMetrics(candidate, (m) => {
      m.brier = m.climatology_brier * 1.3;
      m.brier_skill = -0.3;
    });
    const d = decideActivation(bad, { version: 1, tier: 'ordinal', metrics: candidate.metrics });
    expect(d.activate).toBe(false);
    expect(d.reason).toMatch(/kept the previous model: .*bloating.*usual rate/);
    expect(modelRecord(bad, d).is_active).toBe(false);
  });

  it('keeps the active model when the new one is clearly worse than it, within a tolerance', () => {
    const active = withMetrics(candidate, (m) => (m.brier_skill += 0.3));
    const d = decideActivation(candidate, { version: 1, tier: 'ordinal', metrics: active.metrics });
    expect(d).toEqual({ activate: false, reason: expect.stringMatching(/^kept model v1: the new one forecast its held-out days less well/) });
    const slightly = withMetrics(candidate, (m) => (m.brier_skill += 0.03));
    expect(decideActivation(candidate, { version: 1, tier: 'ordinal', metrics: slightly.metrics }).activate).toBe(true);
  });

  it('a cold-start set is never stored as a model', () => {
    const d = decideActivation(trainModelSet(logs.slice(0, 10)), null);
    expect(d.activate).toBe(false);
    expect(d.reason).toMatch(/14 are needed/);
  });
});

describe('persistence', () => {
  const logs = generateDiary({ persona: 'mixed', seed: 15, days: 150 }).logs;
  const set = trainModelSet(logs, { windowDays: null, trainedAt: '2026-02-02T00:00:00Z', version: 7 });
  const queries = logs.slice(-5).map((l) => ({ date: l.date, ingredients: l.ingredients, cycle_phase: l.cycle_phase }));

  it('round-trips through plain data (structured clone, as IndexedDB stores it) with identical predictions', async () => {
    const artifacts = await modelSetToArtifacts(set);
    expect(JSON.parse(JSON.stringify(artifacts.meta))).toEqual(artifacts.meta);
    expect(artifacts.models.bloating?.weightSpecs?.map((w) => w.name)).toHaveLength(3);
    const restored = await modelSetFromArtifacts(structuredClone(artifacts));
    expect(restored.version).toBe(7);
    expect(restored.spec).toEqual(set.spec);
    expect(restored.metrics).toEqual(set.metrics);
    for (const q of queries) expect(predict(restored, logs, q)).toEqual(predict(set, logs, q));
  });

  it('round-trips a cold-start set', async () => {
    const cold = trainModelSet(logs.slice(0, 5));
    const restored = await modelSetFromArtifacts(structuredClone(await modelSetToArtifacts(cold)));
    expect(predict(restored, logs.slice(0, 5), queries[0]!)).toEqual(predict(cold, logs.slice(0, 5), queries[0]!));
  });

  it('refuses data that is not a stored model set, naming the problem', async () => {
    await expect(modelSetFromArtifacts({ format: 'something else' })).rejects.toThrow(/not a stored Aurea model set: format/);
    const artifacts = await modelSetToArtifacts(set);
    const broken = structuredClone(artifacts);
    broken.meta.spec!.vocabulary.push('extra food');
    await expect(modelSetFromArtifacts(broken)).rejects.toThrow(/inputs, its encoding has/);
  });
});

describe('track record', () => {
  const summary = (date: string, p: number): PredictionSummary => ({
    date,
    bloating_probability: p,
    energy_low_probability: 0.2,
    brain_fog_probability: 0.1,
    bloating_score: 2,
  });

  it('compares a prediction with the day’s log', () => {
    const o = compareWithOutcome(summary('2026-01-01', 0.7), { date: '2026-01-01', ingredients: [], symptoms: { bloating: 4, energy: 2 } });
    expect(o.targets.bloating).toEqual({ probability: 0.7, happened: true, squared_error: expect.closeTo(0.09, 12), right: true });
    expect(o.targets.energy_low).toMatchObject({ happened: true, right: false });
    expect(o.targets.brain_fog).toEqual({ probability: 0.1, happened: null, squared_error: null, right: null });
    expect(o.bloating_score).toEqual({ predicted: 2, actual: 4, error: -2 });
    expect(() => compareWithOutcome(summary('2026-01-01', 0.7), { date: '2026-01-02', ingredients: [], symptoms: {} })).toThrow(/compared with the log of 2026-01-02/);
  });

  it('says in plain words how often it was right and how well its percentages held up', () => {
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      const date = `2026-02-${String(i + 1).padStart(2, '0')}`;
      outcomes.push(compareWithOutcome(summary(date, 0.7), { date, ingredients: [], symptoms: { bloating: i < 6 ? 3 : 1, energy: 3, focus: 3 } }));
    }
    for (let i = 0; i < 4; i++) {
      const date = `2026-03-${String(i + 1).padStart(2, '0')}`;
      outcomes.push(compareWithOutcome(summary(date, 0.1), { date, ingredients: [], symptoms: { bloating: 0, energy: 3, focus: 3 } }));
    }
    const r = trackRecord(outcomes);
    expect(r.days).toBe(14);
    const b = r.targets.bloating;
    expect(b.n).toBe(14);
    expect(b.right).toBe(10);
    expect(b.brier).toBeCloseTo((6 * 0.09 + 4 * 0.49 + 4 * 0.01) / 14, 12);
    expect(b.calibration.map((c) => c.text)).toEqual([
      'when Aurea said about 10 %, bloating happened 0 times out of 4',
      'when Aurea said about 70 %, bloating happened 6 times out of 10',
    ]);
    expect(b.summary).toBe('Right on 10 of 14 days (71 %). When Aurea said about 70 %, bloating happened 6 times out of 10.');
    expect(r.bloating_score_mean_abs_error).toBeGreaterThan(0);
    expect(trackRecord([]).targets.brain_fog.summary).toBe('No brain fog forecasts to check yet.');
  });
});
