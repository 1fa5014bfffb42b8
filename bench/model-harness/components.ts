/**
 * Does the per-person model predict better with component exposure features (issue 14 point 4)?
 *
 *   npx tsx bench/model-harness/components.ts [--seeds 4] [--out PREFIX]
 *
 * For each diary, the app's backtest split (first 80 % of logs by date for training, every later day
 * predicted from the logs before it) is run twice: on foods alone (trainModelSet's componentFeatures
 * false, the model before issue 14) and with the component exposure features of
 * shared/model/components.ts (a day is exposed when any of its foods carries the component at moderate
 * or high level, the component findings' rule; each gets the same columns and lags as a food).
 *
 * Diaries: the generator's personas (fructans and its null twin fructans_null, and the sample-like
 * personas lactose, mixed, null, decoy, co-triggers) at 120 and 365 days over several seeds, the
 * harness's random population (food effects only, no component structure), and the sample diaries in
 * ../shared/data/diaries when present. Scores: observed AUC and Brier of the backtest, and, because
 * those are noisy on a few dozen test days, the expected AUC and mean squared error against the
 * generator's true probabilities of the same days (as run.ts). Writes PREFIX.json / PREFIX.md
 * (default components.*) beside this file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDiary, type PersonaName } from '../../shared/demo';
import type { ModelLog } from '../../shared/model/features';
import { auc, brier } from '../../shared/model/metrics';
import { predictMany } from '../../shared/model/predict';
import { TARGETS, type TargetKey } from '../../shared/model/targets';
import { disposeModelSet, trainModelSet } from '../../shared/model/train';
import { harnessCases } from './diaries';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const SEEDS = Array.from({ length: Number(arg('seeds', '4')) }, (_, i) => i + 1);
const HARNESS = Number(arg('harness', '12'));
const outPrefix = resolve(arg('out', join(here, 'components')));

interface Score {
  auc: number | null;
  brier: number;
  expected_auc: number | null;
  mse: number | null;
}

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

function backtestScores(logs: readonly ModelLog[], truth: Record<TargetKey, number>[] | null, componentFeatures: boolean): Record<TargetKey, Score> {
  const nTrain = Math.floor(0.8 * logs.length);
  const test = logs.slice(nTrain);
  const set = trainModelSet(logs.slice(0, nTrain), { windowDays: null, trainedAt: '2026-01-01T00:00:00Z', componentFeatures });
  const preds = predictMany(set, logs, test.map((l) => ({ date: l.date, ingredients: l.ingredients, cycle_phase: l.cycle_phase ?? null })));
  disposeModelSet(set);
  const out = {} as Record<TargetKey, Score>;
  for (const t of TARGETS) {
    const rated = test.flatMap((l, i) => (typeof l.symptoms[t.symptom] === 'number' ? [i] : []));
    const p = rated.map((i) => preds[i]![t.probabilityKey]);
    const y = rated.map((i) => (t.happened(test[i]!.symptoms[t.symptom]) ? 1 : 0));
    const q = truth ? rated.map((i) => truth[nTrain + i]![t.key]) : null;
    out[t.key] = {
      auc: auc(p, y),
      brier: brier(p, y),
      expected_auc: q ? expectedAuc(p, q) : null,
      mse: q ? p.reduce((a, x, k) => a + (x - q[k]!) ** 2, 0) / Math.max(1, p.length) : null,
    };
  }
  return out;
}

interface CaseResult {
  group: string;
  name: string;
  /** Targets whose symptom has a planted effect (food, component or pattern). */
  planted: TargetKey[];
  without: Record<TargetKey, Score>;
  with: Record<TargetKey, Score>;
}

const results: CaseResult[] = [];
function runCase(group: string, name: string, rawLogs: readonly ModelLog[], truth: Record<TargetKey, number>[] | null, plantedSymptoms: Set<string>) {
  const order = rawLogs.map((l, i) => i).sort((a, b) => (rawLogs[a]!.date < rawLogs[b]!.date ? -1 : 1));
  const logs = order.map((i) => rawLogs[i]!);
  const truthSorted = truth ? order.map((i) => truth[i]!) : null;
  results.push({
    group,
    name,
    planted: TARGETS.filter((t) => plantedSymptoms.has(t.symptom)).map((t) => t.key),
    without: backtestScores(logs, truthSorted, false),
    with: backtestScores(logs, truthSorted, true),
  });
  process.stderr.write(`${name}\n`);
}

const PERSONAS: PersonaName[] = ['fructans', 'fructans_null', 'lactose', 'mixed', 'null', 'decoy', 'co-triggers'];
for (const persona of PERSONAS) {
  for (const days of [120, 365]) {
    for (const seed of SEEDS) {
      const d = generateDiary({ persona, seed, days });
      const planted = new Set<string>([
        ...d.truth.effects.map((e) => e.symptom),
        ...d.truth.patterns.map((p) => p.symptom),
        ...(persona === 'fructans' ? ['bloating'] : []),
      ]);
      runCase(persona, `${persona}-${days}d-s${seed}`, d.logs, d.truth.daily.map((x) => x.p), planted);
    }
  }
}
for (const hc of harnessCases(HARNESS, 2026)) {
  const d = generateDiary(hc.options);
  runCase('harness', hc.name, d.logs, d.truth.daily.map((x) => x.p), new Set([...d.truth.effects.map((e) => e.symptom), ...d.truth.patterns.map((p) => p.symptom)]));
}
const samples = resolve(here, '../../../shared/data/diaries');
if (existsSync(samples)) {
  for (const dir of readdirSync(samples).sort()) {
    const exp = JSON.parse(readFileSync(join(samples, dir, 'export.json'), 'utf8')) as { logs: ModelLog[] };
    const truth = JSON.parse(readFileSync(join(samples, dir, 'truth.json'), 'utf8')) as {
      effects: { symptom: string }[];
      patterns: { symptom: string }[];
      daily: { date: string; p: Record<TargetKey, number> }[];
    };
    const byDate = new Map(truth.daily.map((x) => [x.date, x.p]));
    runCase('sample', `sample/${dir}`, exp.logs, exp.logs.map((l) => byDate.get(l.date)!), new Set([...truth.effects, ...truth.patterns].map((e) => e.symptom)));
  }
} else console.warn('components bench: ../shared/data/diaries not found, sample diaries skipped');

// Per group and target kind (planted or not): means with and without, and the paired difference.
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const metricsOf = ['auc', 'brier', 'expected_auc', 'mse'] as const;
interface Row {
  group: string;
  kind: 'planted' | 'not planted';
  n: number;
  means: Record<(typeof metricsOf)[number], { without: number; with: number; diff: number; diff_se: number }>;
}
const rows: Row[] = [];
const groups = [...new Set(results.map((r) => r.group))];
for (const group of groups) {
  for (const kind of ['planted', 'not planted'] as const) {
    const pairs = results
      .filter((r) => r.group === group)
      .flatMap((r) => TARGETS.filter((t) => r.planted.includes(t.key) === (kind === 'planted')).map((t) => ({ a: r.without[t.key], b: r.with[t.key] })));
    if (pairs.length === 0) continue;
    const means = {} as Row['means'];
    for (const m of metricsOf) {
      const ok = pairs.filter((p) => p.a[m] !== null && p.b[m] !== null);
      const d = ok.map((p) => p.b[m]! - p.a[m]!);
      const md = mean(d);
      const sd = Math.sqrt(d.reduce((a, x) => a + (x - md) ** 2, 0) / Math.max(1, d.length - 1));
      means[m] = { without: mean(ok.map((p) => p.a[m]!)), with: mean(ok.map((p) => p.b[m]!)), diff: md, diff_se: sd / Math.sqrt(Math.max(1, d.length)) };
    }
    rows.push({ group, kind, n: pairs.length, means });
  }
}

writeFileSync(`${outPrefix}.json`, JSON.stringify({ seeds: SEEDS, harness_cases: HARNESS, summary: rows, cases: results }, null, 1) + '\n');
const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const sgn = (x: number, d = 3) => (Number.isFinite(x) ? (x >= 0 ? '+' : '') + x.toFixed(d) : 'n/a');
const lines = [
  '# Component features in the per-person model: measured',
  '',
  `Generated by \`npx tsx bench/model-harness/components.ts\` (seeds ${SEEDS.join(', ')}; ${HARNESS} harness diaries). Each cell: without → with component features (paired difference ± its standard error). Targets are "planted" when the generator put an effect on their symptom.`,
  '',
  '| diaries | targets | n | AUC | Brier | expected AUC (vs truth) | MSE vs truth |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => {
    const cell = (m: (typeof metricsOf)[number], d: number) => `${f(r.means[m].without, d)} → ${f(r.means[m].with, d)} (${sgn(r.means[m].diff, d)} ± ${f(r.means[m].diff_se, d)})`;
    return `| ${r.group} | ${r.kind} | ${r.n} | ${cell('auc', 3)} | ${cell('brier', 4)} | ${cell('expected_auc', 3)} | ${cell('mse', 5)} |`;
  }),
  '',
];
writeFileSync(`${outPrefix}.md`, lines.join('\n'));
process.stdout.write(lines.join('\n'));
