import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import { auc } from '../../../shared/model/metrics';
import { backtest, TARGETS, type BacktestResult, type ModelLog, type TargetKey } from '../../../shared/model';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const diaries = resolve(repoRoot, '../shared/data/diaries');
const hasSamples = existsSync(join(diaries, 'lactose-365d', 'baseline.json'));
if (!hasSamples) console.warn(`model quality: ${diaries} not found, the sample-diary comparisons with scikit-learn are skipped`);

interface Baseline {
  targets: Record<TargetKey, { models: Record<'lr' | 'gbc', { auc: number; brier: number }>; oracle: { auc: number; brier: number } }>;
  n_train: number;
}
interface Truth {
  effects: { symptom: string }[];
  patterns: { symptom: string }[];
}
interface Sample {
  logs: ModelLog[];
  baseline: Baseline;
  /** Targets whose symptom has a planted food effect or pattern (truth.json). */
  planted: TargetKey[];
  /** The backtest the app's CLI runs: first 80 % by date, every log of it, then each later day. */
  result: BacktestResult;
}

// Each sample is backtested once and shared by the tests below.
const cache = new Map<string, Sample>();
function sample(name: string): Sample {
  let s = cache.get(name);
  if (!s) {
    const dir = join(diaries, name);
    const logs = (JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8')) as { logs: ModelLog[] }).logs;
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
    const symptoms = new Set([...truth.effects, ...truth.patterns].map((e) => e.symptom));
    s = {
      logs,
      baseline: JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as Baseline,
      planted: TARGETS.filter((t) => symptoms.has(t.symptom)).map((t) => t.key),
      result: backtest(logs),
    };
    cache.set(name, s);
  }
  return s;
}

describe.skipIf(!hasSamples)('sample diaries against scikit-learn (baseline.json, same 80/20 split)', () => {
  const names = hasSamples ? readdirSync(diaries).filter((d) => existsSync(join(diaries, d, 'baseline.json'))).sort() : [];

  it('every planted target of every sample diary matches or beats GradientBoostingClassifier: AUC ≥ and Brier ≤', () => {
    const checked: string[] = [];
    const misses: string[] = [];
    for (const name of names) {
      const { baseline, planted, result } = sample(name);
      expect(result.train_count, name).toBe(baseline.n_train);
      for (const key of planted) {
        const app = result.model.backtest[key];
        const gbc = baseline.targets[key].models.gbc;
        checked.push(`${name}/${key}`);
        if (!(app.auc! >= gbc.auc)) misses.push(`${name}/${key}: AUC ${app.auc!.toFixed(3)} < GBC ${gbc.auc.toFixed(3)}`);
        if (!(app.brier! <= gbc.brier)) misses.push(`${name}/${key}: Brier ${app.brier!.toFixed(3)} > GBC ${gbc.brier.toFixed(3)}`);
      }
    }
    expect(misses).toEqual([]);
    // The comparison covers the small diary's targets, brain fog included (sugar on 23 test days).
    expect(checked).toEqual(expect.arrayContaining(['lactose-365d/bloating', 'mixed-120d/bloating', 'mixed-120d/energy_low', 'mixed-120d/brain_fog', 'mixed-1095d-vocab300/brain_fog']));
  });

  it('lactose-365d: bloating beats GradientBoostingClassifier on AUC and Brier, close to the ceiling', () => {
    const { baseline, result: r } = sample('lactose-365d');
    const app = r.model.backtest.bloating;
    const gbc = baseline.targets.bloating.models.gbc;
    expect(app.auc!).toBeGreaterThan(gbc.auc);
    expect(app.brier!).toBeLessThan(gbc.brier);
    expect(app.auc!).toBeGreaterThan(baseline.targets.bloating.oracle.auc - 0.03);
    expect(r.model.confidence.bloating).toBe('high');
  });

  it('mixed-1095d-vocab300: every planted target beats GBC and LR on AUC and Brier', () => {
    const { baseline, result: r } = sample('mixed-1095d-vocab300');
    for (const t of TARGETS) {
      const app = r.model.backtest[t.key];
      for (const m of ['gbc', 'lr'] as const) {
        expect(app.auc!, `${t.key} AUC vs ${m}`).toBeGreaterThanOrEqual(baseline.targets[t.key].models[m].auc);
        expect(app.brier!, `${t.key} Brier vs ${m}`).toBeLessThanOrEqual(baseline.targets[t.key].models[m].brier);
      }
    }
  });

  it('null-365d: nothing planted, so forecasts stay at the usual rate and confidence is low', () => {
    const { logs, baseline, planted, result: r } = sample('null-365d');
    expect(planted).toEqual([]);
    const train = [...logs].sort((a, b) => (a.date < b.date ? -1 : 1)).slice(0, r.train_count);
    for (const t of TARGETS) {
      expect(r.model.confidence[t.key]).toBe('low');
      // No worse than 5 % above always predicting the base rate.
      expect(r.model.backtest[t.key].brier!).toBeLessThanOrEqual(baseline.targets[t.key].oracle.brier * 1.05 + 0.01);
      // Every day's forecast within 5 points of the rate in the training part.
      const rate = train.filter((l) => t.happened(l.symptoms[t.symptom])).length / train.length;
      for (const p of r.predictions) expect(Math.abs(p[t.probabilityKey] - rate), `${t.key} on ${p.date}`).toBeLessThan(0.05);
    }
  });
});

describe('generated diaries (always run)', () => {
  it('finds a planted trigger: the backtest ranks days nearly as well as the true probabilities', () => {
    const d = generateDiary({ persona: 'lactose', seed: 31, days: 365 });
    const r = backtest(d.logs);
    const test = d.logs.slice(r.train_count);
    const y = test.map((l) => (l.symptoms.bloating! >= 3 ? 1 : 0));
    const oracle = auc(d.truth.daily.slice(r.train_count).map((t) => t.p.bloating), y)!;
    const app = auc(r.predictions.map((p) => p.bloating_probability), y)!;
    expect(app).toBeGreaterThan(0.8);
    expect(app).toBeGreaterThan(oracle - 0.05);
  });
});
