import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** One printed figure: `name: value unit (note)`. Targets, when given, print as met / missed. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: { op: '<=' | '>='; value: number };
  note?: string;
}
export type Report = (figure: Figure) => void;
export type Bench = (report: Report) => Promise<void>;

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
let missed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Bench };
  const group = file.replace(/\.bench\.ts$/, '');
  process.stdout.write(`# ${group}\n`);
  await mod.default((f) => {
    let verdict = '';
    if (f.target) {
      const ok = f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value;
      if (!ok) missed++;
      verdict = ` [target ${f.target.op} ${f.target.value} ${f.unit}: ${ok ? 'met' : 'MISSED'}]`;
    }
    process.stdout.write(`${group}.${f.name}: ${fmt(f.value)} ${f.unit}${verdict}${f.note ? ` (${f.note})` : ''}\n`);
  });
}
process.stdout.write(`# ${missed === 0 ? 'all targets met' : `${missed} target(s) missed`}\n`);
