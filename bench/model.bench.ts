/**
 * Per-person model speed (shared/model): training every target on the performance-sized sample diary
 * (mixed-1095d-vocab300, 1,022 logs, all of them) and single predictions, against scikit-learn's
 * GradientBoostingClassifier (ADR settings) fitting the same three targets on the same diary's ADR
 * feature table, timed in this same run so the ratio compares like with like.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from './runner';
import { generateDiary } from '../shared/demo';
import { disposeModelSet, predict, predictMany, prepareHistory, trainModelSet, type ModelLog } from '../shared/model';
import { adrTable } from './model-harness/adr-table';
import { addDays } from '../shared/util/dates';
import { median } from './percentiles';

const here = dirname(fileURLToPath(import.meta.url));

function loadDiary(): { logs: ModelLog[]; source: string } {
  const sample = resolve(here, '../../shared/data/diaries/mixed-1095d-vocab300/export.json');
  if (existsSync(sample)) return { logs: (JSON.parse(readFileSync(sample, 'utf8')) as { logs: ModelLog[] }).logs, source: 'mixed-1095d-vocab300' };
  console.warn('model bench: ../shared/data not found, using a generated diary of the same size');
  return { logs: generateDiary({ persona: 'mixed', seed: 7, days: 1095, vocabularySize: 300 }).logs, source: 'generated mixed 1095 days' };
}

export default async function (report: Report): Promise<void> {
  const { logs, source } = loadDiary();
  const sorted = [...logs].sort((a, b) => (a.date < b.date ? -1 : 1));

  // Warm-up (JIT, tfjs kernels), then three timed runs.
  disposeModelSet(trainModelSet(sorted.slice(0, 200), { windowDays: null }));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const set = trainModelSet(sorted, { windowDays: null });
    wall.push(performance.now() - t0);
    cpu.push(process.cpuUsage(c0).user / 1000);
    disposeModelSet(set);
  }
  const trainMs = median(wall);
  report({ name: 'train_all_targets_ms', value: trainMs, unit: 'ms', target: { op: '<=', value: 3000 }, note: `${source}, ${sorted.length} logs, 3 targets, median of 3` });
  report({ name: 'train_all_targets_cpu_ms', value: median(cpu), unit: 'ms', note: 'CPU time of this process (less sensitive to a busy machine)' });
  const window = trainModelSet(sorted);
  const t90 = performance.now();
  disposeModelSet(trainModelSet(sorted));
  report({ name: 'train_90_day_window_ms', value: performance.now() - t90, unit: 'ms', note: `the app's default window: ${window.training_samples} logs` });
  disposeModelSet(window);

  const set = trainModelSet(sorted, { windowDays: null });
  const history = prepareHistory(sorted);
  const last = sorted[sorted.length - 1]!;
  // Tomorrow after the last log, with the full 14 days of history behind it, over varied meals.
  const tomorrow = addDays(last.date, 1);
  const queries = sorted.slice(-50).map((l) => ({ date: tomorrow, ingredients: l.ingredients, cycle_phase: l.cycle_phase ?? null }));
  for (const q of queries.slice(0, 10)) predict(set, history, q);
  const single: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    predict(set, history, q);
    single.push(performance.now() - t0);
  }
  report({ name: 'predict_ms_p50', value: median(single), unit: 'ms', target: { op: '<=', value: 5 }, note: 'one day, three targets with explanations, history prepared once (as the worker keeps it)' });
  const raw: number[] = [];
  for (const q of queries.slice(0, 20)) {
    const t0 = performance.now();
    predict(set, sorted, q);
    raw.push(performance.now() - t0);
  }
  report({ name: 'predict_from_raw_logs_ms_p50', value: median(raw), unit: 'ms', note: `including indexing all ${sorted.length} logs` });
  const tMany = performance.now();
  predictMany(set, history, sorted.slice(-205).map((l) => ({ date: l.date, ingredients: l.ingredients, cycle_phase: l.cycle_phase ?? null })));
  report({ name: 'predict_205_days_ms', value: performance.now() - tMany, unit: 'ms', note: `batched, as the backtest does (last day ${last.date})` });
  disposeModelSet(set);

  // scikit-learn's GBC on the same diary, same run.
  const dir = mkdtempSync(join(tmpdir(), 'aurea-model-bench-'));
  try {
    const tablePath = join(dir, 'table.json');
    writeFileSync(tablePath, JSON.stringify(adrTable(sorted, sorted.length)));
    const py = spawnSync('/usr/bin/python3', [join(here, 'model-harness/time_gbc.py'), tablePath], { encoding: 'utf8' });
    if (py.status !== 0) {
      console.warn(`model bench: scikit-learn timing skipped (${(py.stderr || py.error?.message || 'python3 failed').trim().split('\n').pop()})`);
      return;
    }
    const { seconds, columns } = JSON.parse(py.stdout) as { seconds: number; columns: number };
    report({ name: 'sklearn_gbc_train_ms', value: seconds * 1000, unit: 'ms', note: `GradientBoostingClassifier(100, depth 4, lr 0.1), 3 targets, ${columns} ADR feature columns` });
    report({ name: 'sklearn_gbc_over_app_training', value: (seconds * 1000) / trainMs, unit: 'x', target: { op: '>=', value: 1 }, note: 'how many times longer scikit-learn GBC takes than the app' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
