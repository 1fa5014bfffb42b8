import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import { diaryToExport, generateDiary } from '../../../shared/demo';
import { COMPONENT_KEYS } from '../../../shared/ingredients/components';

const dir = mkdtempSync(path.join(tmpdir(), 'aurea-components-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function aurea(...args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('aurea insights on a fructan diary', () => {
  const file = path.join(dir, 'fructans.json');
  writeFileSync(file, JSON.stringify(diaryToExport(generateDiary({ persona: 'fructans', seed: 1, days: 90 }))));

  it('--json lists every component test under components, after the per-food keys', async () => {
    const { code, out, err } = await aurea('insights', file, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { components: Record<string, unknown>[] };
    expect(Object.keys(printed).at(-1)).toBe('components');
    const first = printed.components[0]!;
    expect(Object.keys(first)).toEqual(['component', 'symptom', 'lag_days', 'n_present', 'n_absent', 'mean_present', 'mean_absent', 'u_statistic', 'p_value', 'p_adjusted', 'correlation', 'significant', 'foods']);
    for (const c of printed.components) expect(COMPONENT_KEYS).toContain(c.component);
    const hit = printed.components.find((c) => c.component === 'fructans' && c.symptom === 'bloating' && c.lag_days === 1)!;
    expect(hit.significant).toBe(true);
    expect((hit.foods as string[]).length).toBeGreaterThan(5);
  });

  it('the summary says it in words', async () => {
    const { out } = await aurea('insights', file);
    expect(out).toContain('Food groups linked to symptoms');
    expect(out).toMatch(/Fructans \([a-z ,]+…\) are linked to more bloating the next day/);
  });
});
