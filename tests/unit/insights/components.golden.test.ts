import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { carriesComponent, COMPONENT_KEYS, type ComponentKey } from '../../../shared/ingredients/components';
import { analyseComponents, type DiaryEntry } from '../../../shared/insights';
import { differences } from './close';

// Written by tests/golden/components/generate.py (python + scipy); tests never call python.
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../golden/components/components.json');
const golden = JSON.parse(readFileSync(file, 'utf8')) as {
  carriers: Record<string, string[]>;
  neutral: string[];
  cases: { case: string; logs: DiaryEntry[]; expected: unknown[] }[];
};

describe('component findings agree with scipy', () => {
  it("the reference's carriers are the app's table", () => {
    for (const k of COMPONENT_KEYS) {
      const listed = golden.carriers[k] ?? [];
      for (const food of listed) expect(carriesComponent(food, k as ComponentKey), `${food} carries ${k}`).toBe(true);
      for (const food of golden.neutral) expect(carriesComponent(food, k), `${food} carries no ${k}`).toBe(false);
    }
  });

  it.each(golden.cases.map((c) => [c.case, c] as const))('%s: every field within 1e-6 relative / 1e-9 absolute, same order', (_name, c) => {
    const got = analyseComponents(c.logs);
    expect(got.length).toBe(c.expected.length);
    expect(got.filter((t) => t.significant).length).toBeGreaterThan(0);
    expect(differences(got, c.expected, { strictTiny: true })).toEqual([]);
  });
});
