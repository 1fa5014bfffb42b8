import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import { diaryToExport, generateDiary } from '../../../shared/demo';

const dir = mkdtempSync(join(tmpdir(), 'aurea-model-cli-'));
function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}
async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const diary = generateDiary({ persona: 'mixed', seed: 41, days: 160 });
const diaryFile = file('mixed.json', diaryToExport(diary));
const smallFile = file('small.json', diaryToExport(generateDiary({ seed: 42, days: 8, missingRate: 0 })));

describe('aurea backtest', () => {
  it('--json prints {train_count, model, predictions} for the last 20 % of days', async () => {
    const r = await run('backtest', diaryFile, '--train-fraction', '0.8', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { train_count: number; model: { tier: string }; predictions: Record<string, unknown>[] };
    expect(j.train_count).toBe(Math.floor(diary.logs.length * 0.8));
    expect(j.model.tier).toBe('ordinal');
    expect(j.predictions).toHaveLength(diary.logs.length - j.train_count);
    expect(j.predictions[0]).toEqual({
      date: diary.logs[j.train_count]!.date,
      bloating_probability: expect.any(Number),
      energy_low_probability: expect.any(Number),
      brain_fog_probability: expect.any(Number),
      bloating_score: expect.any(Number),
    });
  });

  it('prints a readable summary without --json', async () => {
    const r = await run('backtest', diaryFile, '--train-fraction=0.75');
    expect(r.code).toBe(0);
    const train = Math.floor(diary.logs.length * 0.75);
    expect(r.out).toContain(`trained on the first ${train} logs (ordinal model, `);
    expect(r.out).toContain(`predicted ${diary.logs.length - train} later days`);
    expect(r.out).toMatch(/bloating +AUC 0\.\d{3}, Brier 0\.\d{3}/);
  });

  it('validates its arguments', async () => {
    expect((await run('backtest')).code).toBe(2);
    const bad = await run('backtest', diaryFile, '--train-fraction', 'most');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--train-fraction must be a number between 0 and 1/);
    expect((await run('backtest', diaryFile, '--train-fraction', '1')).code).toBe(2);
    expect((await run('backtest', diaryFile, '--window-days', '-3')).err).toMatch(/--window-days must be a whole number/);
    expect((await run('backtest', diaryFile, '--verbose')).err).toMatch(/unknown option --verbose/);
    const missing = await run('backtest', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read/);
    const invalid = await run('backtest', file('bad.json', { format: 'aurea.export', version: 1, logs: [{ date: '2026-01-01', ingredients: [], symptoms: { bloating: 9 } }] }));
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/record 1 \(2026-01-01\), symptoms.bloating/);
    const one = await run('backtest', file('one.json', diaryToExport({ ...diary, logs: diary.logs.slice(0, 1) })));
    expect(one.code).toBe(1);
    expect(one.err).toMatch(/cannot be split/);
  });
});

describe('aurea predict', () => {
  const next = '2025-06-10';
  it('--json prints a prediction for the day from the logs before it', async () => {
    const r = await run('predict', diaryFile, '--date', next, '--ingredients', 'Milk, onion,coffee', '--cycle-phase', 'luteal', '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out);
    expect(p).toMatchObject({ date: next, tier: 'ordinal', confidence: expect.stringMatching(/^(low|medium|high)$/) });
    expect(p.bloating_probability).toBeGreaterThan(0.5); // milk and the luteal phase are planted
    expect(typeof p.interpretation).toBe('string');
    expect(p.contributions.bloating.some((c: { name: string }) => c.name === 'milk')).toBe(true);
  });

  it('ignores the predicted day’s own log and anything after it', async () => {
    const inside = diary.logs[100]!;
    const a = await run('predict', diaryFile, '--date', inside.date, '--ingredients', inside.ingredients.join(','), '--json');
    const cut = file('cut.json', diaryToExport({ ...diary, logs: diary.logs.slice(0, 100) }));
    const b = await run('predict', cut, '--date', inside.date, '--ingredients', inside.ingredients.join(','), '--json');
    expect(JSON.parse(a.out)).toEqual(JSON.parse(b.out));
  });

  it('uses the cold-start rule on the offline food table with fewer than 14 logs', async () => {
    const r = await run('predict', smallFile, '--date', '2025-01-09', '--ingredients', 'white bread,soda', '--json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out);
    expect(p.tier).toBe('cold_start');
    expect(p.interpretation).toBe('Based on general food data; keep logging for personal predictions');
    expect(p.bloating_probability).toBeGreaterThanOrEqual(0.1);
    expect(p.bloating_probability).toBeLessThanOrEqual(0.9);
    const human = await run('predict', smallFile, '--date', '2025-01-09', '--ingredients', 'white bread');
    expect(human.out).toMatch(/general food data/);
  });

  it('validates its arguments', async () => {
    expect((await run('predict', diaryFile, '--ingredients', 'milk')).err).toMatch(/--date and --ingredients are required/);
    expect((await run('predict', diaryFile, '--date', '2025-02-30', '--ingredients', 'milk')).err).toMatch(/--date is not a real calendar date/);
    expect((await run('predict', diaryFile, '--date', next, '--ingredients', ' , ')).err).toMatch(/--ingredients name at least one ingredient/);
    const phase = await run('predict', diaryFile, '--date', next, '--ingredients', 'milk', '--cycle-phase', 'spring');
    expect(phase.code).toBe(2);
    expect(phase.err).toMatch(/--cycle-phase must be one of menstrual, follicular, ovulatory, luteal/);
  });
});
