import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import { differences } from './close';

const here = path.dirname(fileURLToPath(import.meta.url));
const golden = (name: string) =>
  JSON.parse(readFileSync(path.resolve(here, '../../golden/insights', `${name}.json`), 'utf8')) as { export: unknown; expected: unknown; expected_extra: { explained: unknown } };
const dir = mkdtempSync(path.join(tmpdir(), 'aurea-insights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

async function aurea(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('export format version 2 (meals)', () => {
  const days = Array.from({ length: 24 }, (_, i) => {
    const breakfast = i % 2 ? ['oats', 'milk'] : ['toast'];
    const dinner = i % 3 ? ['rice'] : ['pasta', 'cheese'];
    return { date: `2026-03-${String(i + 1).padStart(2, '0')}`, breakfast, dinner, symptoms: { bloating: (i % 2 ? 3 : 1) + (i % 3 ? 0 : 1) } };
  });
  const v1 = { format: 'aurea.export', version: 1, logs: days.map((d) => ({ date: d.date, ingredients: [...new Set([...d.breakfast, ...d.dinner])], symptoms: d.symptoms })) };
  const v2 = {
    format: 'aurea.export',
    version: 2,
    logs: days.map((d) => ({
      date: d.date,
      ingredients: [...new Set([...d.breakfast, ...d.dinner])],
      meals: [
        { id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: d.breakfast },
        { id: 'dinner', name: 'Dinner', time: null, ingredients: d.dinner },
      ],
      symptoms: d.symptoms,
    })),
    saved_meals: [{ id: 'm1', name: 'usual breakfast', ingredients: ['oats', 'milk'] }],
    challenges: [],
    settings: { trackCycle: false },
  };

  it('every command reads versions 1 and 2, and meals leave every number as it was', async () => {
    const a = await aurea('insights', write('v1.json', v1), '--json');
    const b = await aurea('insights', write('v2.json', v2), '--json');
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out)).toEqual(JSON.parse(a.out));
    expect((await aurea('validate', write('v2v.json', v2))).out).toMatch(/valid Aurea export with 24 logs/);
    expect((await aurea('backtest', write('v2b.json', v2), '--json')).code).not.toBe(1);
  });

  it('refuses a day whose foods are not its meals\' foods, naming them', async () => {
    const bad = structuredClone(v2);
    bad.logs[2]!.ingredients = ['toast', 'bread'];
    const r = await aurea('validate', write('bad-v2.json', bad));
    expect(r.code).toBe(1);
    expect(r.err).toContain("record 3 (2026-03-03), ingredients: must list exactly the foods of the day's meals (missing rice; not in any meal: bread)");
  });
});

describe('aurea insights', () => {
  it('--json prints exactly the §4 report, then the explained findings', async () => {
    const c = golden('custom-higher-is-better');
    const { code, out, err } = await aurea('insights', write('custom.json', c.export), '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const { explained, components: _components, ...printed } = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['log_count', 'tests', 'triggers', 'lags', 'cycle', 'weekday', 'trend']);
    expect(Object.keys(JSON.parse(out) as object).slice(-2)).toEqual(['explained', 'components']);
    expect(differences(printed, c.expected, { strictTiny: true })).toEqual([]);
    expect(explained).toEqual([]);
  });

  it('--json lists each explained finding with the finding that explains it, as scipy computed them', async () => {
    const c = golden('explained-by');
    const { code, out } = await aurea('insights', write('explained.json', c.export), '--json');
    expect(code).toBe(0);
    const { explained, components: _components, ...printed } = JSON.parse(out) as { explained: Record<string, unknown>[]; components?: unknown };
    expect(differences(printed, c.expected, { strictTiny: true })).toEqual([]);
    expect(explained.map((e) => Object.keys(e))).toEqual(explained.map(() => ['ingredient', 'symptom', 'lag_days', 'by_ingredient', 'by_lag_days', 'overlap', 'p_without', 'p_by_without']));
    expect(explained.map((e) => `${e.ingredient} by ${e.by_ingredient}`)).toEqual(['coconut milk by onion', 'rice by onion', 'milk by coffee']);
    expect(differences(explained, c.expected_extra.explained, { strictTiny: true })).toEqual([]);
  });

  it('writes non-finite numbers as null', async () => {
    const c = golden('constant-groups-and-names');
    const { out } = await aurea('insights', write('constant.json', c.export), '--json');
    const { explained, components: _components, ...printed } = JSON.parse(out) as { cycle: { f_statistic: number | null }[]; weekday: { t_statistic: number | null }[]; explained: unknown; components?: unknown };
    expect(printed.cycle[0]!.f_statistic).toBeNull();
    expect(printed.weekday.find((w) => w.t_statistic === null)).toBeDefined();
    expect(differences(printed, c.expected)).toEqual([]);
    expect(explained).toEqual(c.expected_extra.explained);
  });

  it('without --json prints plain sentences and the association note', async () => {
    const c = golden('tiny-p-values');
    const { code, out } = await aurea('insights', write('tiny.json', c.export));
    expect(code).toBe(0);
    expect(out).toMatch(/^.*tiny\.json: 400 logs from 2024-01-01 to 2025-02-03\n/);
    expect(out).toContain('Foods linked to worse symptoms');
    expect(out).toContain('On days you had chili, your reflux averaged 3.9 vs 0.6 without it (115 days with, 285 without; strong evidence).');
    expect(out).toContain('Your energy has been slipping by about');
    expect(out).toContain('not proof of cause');
  });

  it('limits the list of nearly-testable foods unless --all', async () => {
    const logs = Array.from({ length: 30 }, (_, i) => ({ date: `2025-01-${String(i + 1).padStart(2, '0')}`, ingredients: [`food ${i % 15}`, `rare ${i}`], symptoms: { bloating: i % 4 } }));
    const file = write('many.json', { format: 'aurea.export', version: 1, logs });
    const short = await aurea('insights', file);
    const all = await aurea('insights', file, '--all');
    expect(short.out).toMatch(/… and \d+ more foods close to being testable/);
    expect(all.out.split('\n').filter((l) => l.includes('to test it')).length).toBe(45);
  });

  it('refuses a bad file with the problem named, exit 1', async () => {
    const bad = await aurea('insights', write('bad.json', { format: 'aurea.export', version: 1, logs: [{ date: '2025-02-30', ingredients: [], symptoms: {} }] }));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('record 1 (2025-02-30), date: is not a real calendar date');
    expect(bad.out).toBe('');
    const dup = await aurea('insights', write('dup.json', { format: 'aurea.export', version: 1, logs: [{ date: '2025-02-03', ingredients: [], symptoms: {} }, { date: '2025-02-03', ingredients: [], symptoms: {} }] }), '--json');
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('one log per date');
    const json = await aurea('insights', write('notjson.json', '{"format":'));
    expect(json.code).toBe(1);
    expect(json.err).toContain('is not valid JSON');
    const missing = await aurea('insights', path.join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
  });

  it('exits 2 on usage errors', async () => {
    expect((await aurea('insights')).code).toBe(2);
    expect((await aurea('insights', 'a.json', 'b.json')).code).toBe(2);
    const flag = await aurea('insights', 'a.json', '--jsno');
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('unknown option --jsno');
  });

  it('handles an empty diary', async () => {
    const { code, out } = await aurea('insights', write('empty.json', { format: 'aurea.export', version: 1, logs: [] }), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ log_count: 0, tests: [], triggers: [], lags: [], cycle: [], weekday: [], trend: [], explained: [], components: [] });
  });
});

describe('aurea insights, plain text, with an explained finding', () => {
  it('lists it apart from the triggers, with the likelier trigger named', async () => {
    const c = golden('explained-by');
    const { code, out } = await aurea('insights', write('explained-text.json', c.export));
    expect(code).toBe(0);
    const [triggers, rest] = out.split('Foods that only look linked (eaten with a likelier trigger)');
    expect(rest).toContain('Coconut milk looks linked to more bloating, but it is almost always eaten with onion; on days without onion it makes no clear difference.');
    expect(rest).toContain('Milk looks linked to lower energy the next day, but it is mostly eaten with coffee');
    expect(triggers).not.toContain('coconut milk');
    expect(triggers).toContain('On days you had onion');
  });
});
