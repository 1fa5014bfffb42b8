/**
 * Model harness: the app's model against scikit-learn on the same time-based 80/20 splits.
 *
 *   npx tsx bench/model-harness/run.ts [--cases 40] [--seed 2026] [--workdir DIR] [--reuse-sklearn] [--out PREFIX]
 *
 * For each generated diary (diaries.ts) and each sample diary in ../shared/data/diaries (when present):
 * trains the app's model set on the first 80 % of logs (all of them, and the app's default last-90-days
 * window), predicts every later day from the logs before it, and writes the ADR feature table for
 * sklearn_baselines.py (LogisticRegression and GradientBoostingClassifier with the ADR settings), which
 * this script then runs with /usr/bin/python3. The oracle is the generator's true probability (the
 * ceiling). Writes results.json and results.md beside this file (or PREFIX.json / PREFIX.md).
 *
 * AUC and Brier on a few dozen test days are noisy (one diary's AUC moves by 0.05 when two days swap),
 * so the app is also scored against the generator's true probabilities of the same days: the expected
 * AUC (every pair of days weighted by the chance that the first had the outcome and the second did
 * not) and the mean squared error of the probabilities. Neither depends on which outcomes happened.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDiary } from '../../shared/demo';
import type { ModelLog } from '../../shared/model/features';
import { auc, brier } from '../../shared/model/metrics';
import { predictMany } from '../../shared/model/predict';
import { TARGETS, type TargetKey } from '../../shared/model/targets';
import { trainModelSet } from '../../shared/model/train';
import type { Confidence, ModelSet } from '../../shared/model/types';
import { adrTable } from './adr-table';
import { harnessCases } from './diaries';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const count = Number(arg('cases', '40'));
const seed = Number(arg('seed', '2026'));
const workdir = arg('workdir', join(tmpdir(), 'aurea-model-harness'));
const reuse = args.includes('--reuse-sklearn');
const outPrefix = resolve(arg('out', join(here, 'results')));
mkdirSync(workdir, { recursive: true });

interface Score {
  auc: number | null;
  brier: number;
}
/** Scores against the true probabilities (see the header). */
interface TruthScore {
  expected_auc: number | null;
  mse: number;
}

interface CaseResult {
  name: string;
  sample: boolean;
  n_logs: number;
  n_train: number;
  planted: Record<TargetKey, boolean>;
  app: Record<TargetKey, Score>;
  app_window90: Record<TargetKey, Score>;
  oracle: Record<TargetKey, Score> | null;
  /** Against the true probabilities; null without them. */
  vs_truth: Record<'app' | 'app_window90' | 'oracle', Record<TargetKey, TruthScore>> | null;
  confidence: Record<TargetKey, Confidence>;
  /** The model set's own held-out scores (last 20 % of its training data), which drive confidence. */
  validation: ModelSet['metrics'];
  train_ms: number;
  sklearn?: Record<TargetKey, Record<string, Score>>;
  baseline_json?: Record<TargetKey, Record<string, Score>>;
}

function scoreAll(probs: Record<TargetKey, number[]>, test: readonly ModelLog[]): Record<TargetKey, Score> {
  const out = {} as Record<TargetKey, Score>;
  for (const t of TARGETS) {
    const y = test.map((l) => (t.happened(l.symptoms[t.symptom]) ? 1 : 0));
    out[t.key] = { auc: auc(probs[t.key], y), brier: brier(probs[t.key], y) };
  }
  return out;
}

/** AUC expected from the true probabilities q: pairs (i, j) weighted by q_i·(1 − q_j), ties half. */
function expectedAuc(p: readonly number[], q: readonly number[]): number | null {
  let num = 0;
  let den = 0;
  for (let i = 0; i < p.length; i++) {
    for (let j = 0; j < p.length; j++) {
      if (i === j) continue;
      const w = q[i]! * (1 - q[j]!);
      den += w;
      num += w * (p[i]! > p[j]! ? 1 : p[i] === p[j] ? 0.5 : 0);
    }
  }
  return den > 0 ? num / den : null;
}

function scoreVsTruth(probs: Record<TargetKey, number[]>, truth: Record<TargetKey, number[]>): Record<TargetKey, TruthScore> {
  const out = {} as Record<TargetKey, TruthScore>;
  for (const t of TARGETS) {
    const p = probs[t.key];
    const q = truth[t.key];
    out[t.key] = { expected_auc: expectedAuc(p, q), mse: p.reduce((a, x, i) => a + (x - q[i]!) ** 2, 0) / Math.max(1, p.length) };
  }
  return out;
}

function runCase(name: string, logs: ModelLog[], truthP: Record<TargetKey, number>[] | null, planted: Record<TargetKey, boolean>, sample: boolean): CaseResult {
  const sorted = [...logs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const nTrain = Math.floor(0.8 * sorted.length);
  const train = sorted.slice(0, nTrain);
  const test = sorted.slice(nTrain);
  const queries = test.map((l) => ({ date: l.date, ingredients: l.ingredients, cycle_phase: l.cycle_phase ?? null }));
  const collect = (windowDays: number | null) => {
    const t0 = performance.now();
    const set = trainModelSet(train, { windowDays, trainedAt: '2026-01-01T00:00:00Z' });
    const ms = performance.now() - t0;
    const preds = predictMany(set, sorted, queries);
    const probs = {} as Record<TargetKey, number[]>;
    for (const t of TARGETS) probs[t.key] = preds.map((p) => p[t.probabilityKey]);
    return { set, ms, probs };
  };
  const all = collect(null);
  const w90 = collect(90);
  let oracle: Record<TargetKey, Score> | null = null;
  let vsTruth: CaseResult['vs_truth'] = null;
  if (truthP) {
    const probs = {} as Record<TargetKey, number[]>;
    for (const t of TARGETS) probs[t.key] = truthP.slice(nTrain).map((p) => p[t.key]);
    oracle = scoreAll(probs, test);
    vsTruth = { app: scoreVsTruth(all.probs, probs), app_window90: scoreVsTruth(w90.probs, probs), oracle: scoreVsTruth(probs, probs) };
  }
  const table = adrTable(sorted, nTrain);
  writeFileSync(join(workdir, `case_${name.replace(/[^\w.-]+/g, '_')}.json`), JSON.stringify({ name, ...table }));
  return {
    name,
    sample,
    n_logs: sorted.length,
    n_train: nTrain,
    planted,
    app: scoreAll(all.probs, test),
    app_window90: scoreAll(w90.probs, test),
    oracle,
    vs_truth: vsTruth,
    confidence: all.set.confidence,
    validation: all.set.metrics,
    train_ms: all.ms,
  };
}

const results: CaseResult[] = [];
// Stale case files from an earlier run with other settings would be scored too.
if (!reuse) for (const f of readdirSync(workdir)) if (f.startsWith('case_')) rmSync(join(workdir, f));
for (const hc of harnessCases(count, seed)) {
  const d = generateDiary(hc.options);
  const plantedSymptoms = new Set([...d.truth.effects.map((e) => e.symptom), ...d.truth.patterns.map((p) => p.symptom)]);
  const planted = Object.fromEntries(TARGETS.map((t) => [t.key, plantedSymptoms.has(t.symptom)])) as Record<TargetKey, boolean>;
  results.push(runCase(hc.name, d.logs, d.truth.daily.map((x) => x.p), planted, false));
  process.stderr.write(`app: ${hc.name}\n`);
}
const samples = resolve(repoRoot, '../shared/data/diaries');
if (existsSync(samples)) {
  for (const dir of readdirSync(samples).sort()) {
    const exp = JSON.parse(readFileSync(join(samples, dir, 'export.json'), 'utf8')) as { logs: ModelLog[] };
    const truth = JSON.parse(readFileSync(join(samples, dir, 'truth.json'), 'utf8')) as {
      effects: { symptom: string }[];
      patterns: { symptom: string }[];
      daily: { date: string; p: Record<TargetKey, number> }[];
    };
    const baseline = JSON.parse(readFileSync(join(samples, dir, 'baseline.json'), 'utf8')) as {
      targets: Record<TargetKey, { models: Record<string, Score>; oracle: Score }>;
    };
    const plantedSymptoms = new Set([...truth.effects, ...truth.patterns].map((e) => e.symptom));
    const planted = Object.fromEntries(TARGETS.map((t) => [t.key, plantedSymptoms.has(t.symptom)])) as Record<TargetKey, boolean>;
    const byDate = new Map(truth.daily.map((x) => [x.date, x.p]));
    const sortedLogs = [...exp.logs].sort((a, b) => (a.date < b.date ? -1 : 1));
    const r = runCase(`sample/${dir}`, sortedLogs, sortedLogs.map((l) => byDate.get(l.date)!), planted, true);
    r.baseline_json = Object.fromEntries(TARGETS.map((t) => [t.key, { ...baseline.targets[t.key].models, oracle: baseline.targets[t.key].oracle }])) as unknown as CaseResult["baseline_json"];
    results.push(r);
    process.stderr.write(`app: sample/${dir}\n`);
  }
} else {
  console.warn('model harness: ../shared/data/diaries not found, sample diaries skipped');
}

const sklearnPath = join(workdir, 'sklearn.json');
if (!(reuse && existsSync(sklearnPath))) {
  const py = spawnSync('/usr/bin/python3', [join(here, 'sklearn_baselines.py'), workdir], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (py.status !== 0) throw new Error('sklearn_baselines.py failed');
}
const sk = JSON.parse(readFileSync(sklearnPath, 'utf8')) as { cases: Record<string, Record<TargetKey, Record<string, Score>>>; timing_s: Record<string, Record<string, number>> };
for (const r of results) r.sklearn = sk.cases[r.name];

// Averages over generated diaries, separately for targets with and without a planted effect.
type Agg = { auc: number[]; brier: number[] };
const models = ['app', 'app_window90', 'lr', 'lr_raw', 'gbc', 'oracle'] as const;
const summary: Record<string, Record<string, { mean_auc: number; mean_brier: number; n: number }>> = {};
const wins: Record<string, { auc_vs_gbc: number; brier_vs_gbc: number; n: number }> = {};
for (const group of ['planted', 'not_planted'] as const) {
  const acc: Record<string, Agg> = {};
  for (const r of results.filter((x) => !x.sample)) {
    for (const t of TARGETS) {
      if (r.planted[t.key] !== (group === 'planted')) continue;
      for (const m of models) {
        const s = m === 'app' ? r.app[t.key] : m === 'app_window90' ? r.app_window90[t.key] : m === 'oracle' ? r.oracle?.[t.key] : r.sklearn?.[t.key]?.[m];
        if (!s) continue;
        acc[m] ??= { auc: [], brier: [] };
        if (s.auc !== null) acc[m]!.auc.push(s.auc);
        acc[m]!.brier.push(s.brier);
      }
      if (group === 'planted' && r.sklearn) {
        const g = r.sklearn[t.key]!.gbc!;
        wins.app ??= { auc_vs_gbc: 0, brier_vs_gbc: 0, n: 0 };
        wins.app.n++;
        if ((r.app[t.key].auc ?? 0) >= (g.auc ?? 0)) wins.app.auc_vs_gbc++;
        if (r.app[t.key].brier <= g.brier) wins.app.brier_vs_gbc++;
      }
    }
  }
  const mean = (a: number[]) => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : NaN);
  summary[group] = Object.fromEntries(Object.entries(acc).map(([m, a]) => [m, { mean_auc: mean(a.auc), mean_brier: mean(a.brier), n: a.brier.length }]));
}
const truthSummary: Record<string, Record<string, { mean_expected_auc: number; mean_mse: number; n: number }>> = {};
for (const group of ['planted', 'not_planted'] as const) {
  truthSummary[group] = {};
  for (const m of ['app', 'app_window90', 'oracle'] as const) {
    const xs = results.filter((r) => !r.sample && r.vs_truth).flatMap((r) => TARGETS.filter((t) => r.planted[t.key] === (group === 'planted')).map((t) => r.vs_truth![m][t.key]));
    const aucs = xs.flatMap((x) => (x.expected_auc === null ? [] : [x.expected_auc]));
    truthSummary[group]![m] = { mean_expected_auc: aucs.reduce((a, b) => a + b, 0) / Math.max(1, aucs.length), mean_mse: xs.reduce((a, x) => a + x.mse, 0) / Math.max(1, xs.length), n: xs.length };
  }
}
const confidenceTable: Record<string, Record<Confidence, number>> = { planted: { low: 0, medium: 0, high: 0 }, not_planted: { low: 0, medium: 0, high: 0 } };
for (const r of results.filter((x) => !x.sample)) for (const t of TARGETS) confidenceTable[r.planted[t.key] ? 'planted' : 'not_planted']![r.confidence[t.key]]++;

const out = { generated: { count, seed }, summary, vs_truth: truthSummary, wins_vs_gbc_on_planted: wins, confidence: confidenceTable, cases: results, sklearn_timing_s: sk.timing_s };
writeFileSync(`${outPrefix}.json`, JSON.stringify(out, null, 1) + '\n');

const f3 = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(3));
const lines: string[] = [];
lines.push('# Model harness results', '');
lines.push(`Generated by \`npx tsx bench/model-harness/run.ts --cases ${count} --seed ${seed}\`. Time-based 80/20 split of each diary; every test day predicted from the logs before it.`, '');
lines.push(`## Averages over ${count} generated diaries`, '');
lines.push('| targets | model | mean AUC | mean Brier | n |', '|---|---|---|---|---|');
for (const [group, byModel] of Object.entries(summary)) for (const [m, s] of Object.entries(byModel)) lines.push(`| ${group} | ${m} | ${f3(s.mean_auc)} | ${f3(s.mean_brier)} | ${s.n} |`);
lines.push('', 'Against the true probabilities of the same test days (not moved by which outcomes happened to occur; the oracle row is the ceiling; expected AUC is 0.5 by construction where nothing was planted):', '');
lines.push('| targets | model | expected AUC | mean squared error | n |', '|---|---|---|---|---|');
for (const [group, byModel] of Object.entries(truthSummary)) for (const [m, s] of Object.entries(byModel)) lines.push(`| ${group} | ${m} | ${f3(s.mean_expected_auc)} | ${s.mean_mse.toFixed(5)} | ${s.n} |`);
lines.push('', `App AUC ≥ GBC on ${wins.app?.auc_vs_gbc}/${wins.app?.n} planted targets; Brier ≤ GBC on ${wins.app?.brier_vs_gbc}/${wins.app?.n}.`, '');
lines.push('App confidence by target kind (count of targets):', '', '| targets | low | medium | high |', '|---|---|---|---|');
for (const [g, c] of Object.entries(confidenceTable)) lines.push(`| ${g} | ${c.low} | ${c.medium} | ${c.high} |`);
lines.push('', '## Sample diaries (../shared/data/diaries)', '');
lines.push('| diary | target | planted | app AUC / Brier | app 90-day window | LR | GBC | ceiling (oracle) | baseline.json GBC | confidence |', '|---|---|---|---|---|---|---|---|---|---|');
for (const r of results.filter((x) => x.sample)) {
  for (const t of TARGETS) {
    const s = r.sklearn?.[t.key];
    const b = r.baseline_json?.[t.key];
    lines.push(
      `| ${r.name.replace('sample/', '')} | ${t.key} | ${r.planted[t.key] ? 'yes' : 'no'} | ${f3(r.app[t.key].auc)} / ${f3(r.app[t.key].brier)} | ${f3(r.app_window90[t.key].auc)} / ${f3(r.app_window90[t.key].brier)} | ${f3(s?.lr?.auc)} / ${f3(s?.lr?.brier)} | ${f3(s?.gbc?.auc)} / ${f3(s?.gbc?.brier)} | ${f3(r.oracle?.[t.key].auc)} / ${f3(r.oracle?.[t.key].brier)} | ${f3(b?.gbc?.auc)} / ${f3(b?.gbc?.brier)} | ${r.confidence[t.key]} |`,
    );
  }
}
lines.push('', '## Every generated diary', '', '| diary | target | planted | app AUC / Brier | 90-day window | GBC | LR | oracle | confidence |', '|---|---|---|---|---|---|---|---|---|');
for (const r of results.filter((x) => !x.sample)) {
  for (const t of TARGETS) {
    const s = r.sklearn?.[t.key];
    lines.push(`| ${r.name} | ${t.key} | ${r.planted[t.key] ? 'yes' : 'no'} | ${f3(r.app[t.key].auc)} / ${f3(r.app[t.key].brier)} | ${f3(r.app_window90[t.key].auc)} / ${f3(r.app_window90[t.key].brier)} | ${f3(s?.gbc?.auc)} / ${f3(s?.gbc?.brier)} | ${f3(s?.lr?.auc)} / ${f3(s?.lr?.brier)} | ${f3(r.oracle?.[t.key].auc)} / ${f3(r.oracle?.[t.key].brier)} | ${r.confidence[t.key]} |`);
  }
}
writeFileSync(`${outPrefix}.md`, lines.join('\n') + '\n');
console.log(lines.slice(0, 40).join('\n'));
