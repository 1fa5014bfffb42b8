import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDiary, ENGINE_VERSION, fnv1a64, logsHash, type DiaryEntry } from '../../../shared/insights';
import { diary } from './diary';

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
    ['café \u{1F336} \uFB01g', '784059dcce2408df'], // UTF-8 bytes, checked against a python reference
  ])('%j → %s', (text, hex) => expect(fnv1a64(text)).toBe(hex));
});

describe('logsHash', () => {
  const logs: DiaryEntry[] = diary('2025-03-01', [
    { food: ['milk', 'oats'], s: { bloating: 3, energy: 2 }, phase: 'luteal' },
    { food: ['bread'], s: { bloating: 1 } },
    null,
    { food: [], s: { focus: 4 } },
  ]);
  const h = logsHash(logs);

  it('is 16 hex digits and stable', () => {
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(logsHash(structuredClone(logs))).toBe(h);
  });

  it('does not depend on log order, ingredient order or repeats within a day, or symptom key order', () => {
    expect(logsHash([...logs].reverse())).toBe(h);
    const shuffled = logs.map((l) => ({ ...l, ingredients: [...l.ingredients, ...l.ingredients].reverse(), symptoms: Object.fromEntries(Object.entries(l.symptoms).reverse()) }));
    expect(logsHash(shuffled)).toBe(h);
  });

  it('ignores fields the analysis does not read', () => {
    expect(logsHash(logs.map((l) => ({ ...l, notes: 'felt fine', id: 'x', updated_at: '2026-01-01T00:00:00Z' }) as DiaryEntry))).toBe(h);
    expect(logsHash(logs.map((l) => ({ ...l, cycle_phase: l.cycle_phase ?? undefined })))).toBe(h); // null and absent mean the same
  });

  it('changes with any analysed change', () => {
    const variants: DiaryEntry[][] = [
      logs.map((l, i) => (i === 0 ? { ...l, date: '2025-02-28' } : l)),
      logs.map((l, i) => (i === 1 ? { ...l, ingredients: ['bread', 'butter'] } : l)),
      logs.map((l, i) => (i === 1 ? { ...l, ingredients: ['Bread'] } : l)),
      logs.map((l, i) => (i === 0 ? { ...l, symptoms: { bloating: 4, energy: 2 } } : l)),
      logs.map((l, i) => (i === 0 ? { ...l, symptoms: { bloating: 3 } } : l)),
      logs.map((l, i) => (i === 0 ? { ...l, cycle_phase: 'menstrual' as const } : l)),
      logs.slice(1),
      [...logs, { date: '2025-03-09', ingredients: [], symptoms: {} }],
    ];
    const hashes = new Set([h, ...variants.map((v) => logsHash(v))]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('changes with a symptom polarity, and carries the engine version', () => {
    const def = { key: 'bloating', label: 'Bloating', polarity: 'higher_is_better' as const, builtin: false };
    expect(logsHash(logs, [def])).not.toBe(h);
    expect(logsHash(logs, [{ ...def, label: 'Puffy' }])).toBe(logsHash(logs, [def])); // labels change no insight
    expect(canonicalDiary(logs)).toContain(`"engine":${ENGINE_VERSION}`);
  });

  it('separates diaries whose fields would run together in a naive serialisation', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 4 }), fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 4 }), (a, b) => {
        const x = [{ date: '2025-01-01', ingredients: a, symptoms: {} }];
        const y = [{ date: '2025-01-01', ingredients: b, symptoms: {} }];
        const same = JSON.stringify([...new Set(a)].sort()) === JSON.stringify([...new Set(b)].sort());
        return same || canonicalDiary(x) !== canonicalDiary(y);
      }),
    );
  });
});
