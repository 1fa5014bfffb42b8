import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import { addDays, localToday } from '../../../shared/util/dates';

const dir = mkdtempSync(join(tmpdir(), 'aurea-validate-'));
async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('aurea validate warns about implausible dates', () => {
  const future = addDays(localToday(), 30);
  const path = join(dir, 'odd.json');
  writeFileSync(
    path,
    JSON.stringify({
      format: 'aurea.export',
      version: 1,
      logs: [
        { date: '1899-05-01', ingredients: ['bread'], symptoms: {} },
        { date: addDays(localToday(), -3), ingredients: ['oats'], symptoms: {} },
        { date: future, ingredients: ['tea'], symptoms: {} },
      ],
    }),
  );

  it('stays valid (exit 0) and names the days on stderr', async () => {
    const r = await run('validate', path);
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid Aurea export with 3 logs');
    expect(r.err).toContain(`warning: 1 day after tomorrow: ${future}`);
    expect(r.err).toContain('warning: 1 day more than 20 years ago: 1899-05-01');
  });

  it('lists them in --json', async () => {
    const r = await run('validate', path, '--json');
    expect(JSON.parse(r.out)).toEqual({ valid: true, log_count: 3, dates_after_tomorrow: [future], dates_over_20_years_ago: ['1899-05-01'] });
  });

  it('says nothing more for a diary with ordinary dates', async () => {
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, JSON.stringify({ format: 'aurea.export', version: 1, logs: [{ date: addDays(localToday(), -1), ingredients: ['oats'], symptoms: {} }] }));
    const r = await run('validate', ok);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });
});
