import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import { auc } from '../../../shared/model/metrics';
import { backtest, TARGETS, type ModelLog, type TargetKey } from '../../../shared/model';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const diaries = resolve(repoRoot, '../shared/data/diaries');
const hasSamples = existsSync(join(diaries, 'lactose-365d', 'baseline.json'));
if (!hasSamples) console.warn(`model quality: ${diaries} not found, the sample-diary comparisons with scikit-learn are skipped`);

interface Baseline {
  targets: Record<TargetKey, { models: Record<'lr' | 'gbc', { auc: number; brier: number }>; oracle: { auc: number; brier: number } }>;
  n_train: number;
}
function sample(name: string): { logs: ModelLog[]; baseline: Baseline } {
  const dir = join(diaries, name);
  return {
    logs: (JSON.parse(readFileSync(join(dir, 'export.json'), 'utf8')) as { logs: ModelLog[] }).logs,
    baseline: JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as Baseline,
  };
}

describe.skipIf(!hasSamples)('sample diaries against scikit-learn (baseline.json, same 80/20 split)', () => {
  it('lactose-365d: bloating beats GradientBoostingClassifier on AUC and Brier, close to the ceiling', () => {
    const { logs, baseline } = sample('lactose-365d');
    const r = backtest(logs);
    expect(r.train_count).toBe(baseline.n_train);
    const app = r.model.backtest.bloating;
    const gbc = baseline.targets.bloating.models.gbc;
    expect(app.auc!).toBeGreaterThan(gbc.auc);
    expect(app.brier!).toBeLessThan(gbc.brier);
    expect(app.auc!).toBeGreaterThan(baseline.targets.bloating.oracle.auc - 0.03);
    expect(r.model.confidence.bloating).toBe('high');
  });

  it('mixed-1095d-vocab300: every planted target beats GBC and LR on AUC and Brier', () => {
    const { logs, baseline } = sample('mixed-1095d-vocab300');
    const r = backtest(logs);
    for (const t of TARGETS) {
      const app = r.model.backtest[t.key];
      for (const m of ['gbc', 'lr'] as const) {
        expect(app.auc!, `${t.key} AUC vs ${m}`).toBeGreaterThanOrEqual(baseline.targets[t.key].models[m].auc);
        expect(app.brier!, `${t.key} Brier vs ${m}`).toBeLessThanOrEqual(baseline.targets[t.key].models[m].brier);
      }
    }
  });

  it('null-365d: nothing planted, so forecasts stay at the usual rate and confidence is low', () => {
    const { logs, baseline } = sample('null-365d');
    const r = backtest(logs);
    for (const t of TARGETS) {
      expect(r.model.confidence[t.key]).toBe('low');
      // No worse than 5 % above always predicting the base rate.
      expect(r.model.backtest[t.key].brier!).toBeLessThanOrEqual(baseline.targets[t.key].oracle.brier * 1.05 + 0.01);
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
