/**
 * Insight engine speed on the performance-sized sample diary (1,022 logs, 269 foods):
 * - analysis in-process after warm-up (p50 / p95),
 * - `node cli/aurea.mjs insights FILE --json` as a whole process,
 * - the vectorised numpy/scipy reference (bench/insights_reference.py) as a whole process,
 * measured interleaved in the same run, and their ratio.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Report } from './runner';
import { quantile } from './percentiles';
import { analyseDiary } from '../shared/insights';
import { validateExport } from '../shared/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.resolve(root, '../shared/data/diaries/mixed-1095d-vocab300/export.json');
const python = '/usr/bin/python3';

function timeProcess(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr.toString().slice(0, 500)}`);
  return ms;
}

export default async function (report: Report): Promise<void> {
  if (!existsSync(file)) {
    console.warn(`[insights bench] ${file} not found: nothing to measure`);
    return;
  }
  const v = validateExport(JSON.parse(readFileSync(file, 'utf8')));
  if (!v.ok) throw new Error(`${file} is not a valid export`);
  const logs = v.file.logs;

  for (let i = 0; i < 30; i++) analyseDiary(logs);
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    analyseDiary(logs);
    runs.push(performance.now() - t);
  }
  report({ name: 'analysis_ms_p50', value: quantile(runs, 0.5), unit: 'ms', target: { op: '<=', value: 100 }, note: `${logs.length} logs, warm` });
  report({ name: 'analysis_ms_p95', value: quantile(runs, 0.95), unit: 'ms', target: { op: '<=', value: 100 } });

  // Whole processes, interleaved so machine noise hits both alike. The first CLI run (re)bundles.
  const cliArgs = [path.join(root, 'cli/aurea.mjs'), 'insights', file, '--json'];
  timeProcess(process.execPath, cliArgs);
  const havePython = existsSync(python) && spawnSync(python, ['-c', 'import scipy, numpy'], { stdio: 'ignore' }).status === 0;
  if (havePython) timeProcess(python, [path.join(root, 'bench/insights_reference.py'), file]);
  const cli: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < 7; i++) {
    cli.push(timeProcess(process.execPath, cliArgs));
    if (havePython) py.push(timeProcess(python, [path.join(root, 'bench/insights_reference.py'), file]));
  }
  const cliMs = quantile(cli, 0.5);
  report({ name: 'cli_json_ms_p50', value: cliMs, unit: 'ms', note: 'node cli/aurea.mjs insights FILE --json, whole process' });
  if (!havePython) {
    console.warn('[insights bench] /usr/bin/python3 with scipy not found: no reference timing');
    return;
  }
  const pyMs = quantile(py, 0.5);
  report({ name: 'scipy_reference_ms_p50', value: pyMs, unit: 'ms', note: 'bench/insights_reference.py, vectorised numpy/scipy, whole process' });
  report({ name: 'cli_over_scipy_ratio', value: cliMs / pyMs, unit: 'x', target: { op: '<=', value: 0.5 } });
}
