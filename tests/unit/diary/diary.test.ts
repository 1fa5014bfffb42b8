import { describe, expect, it } from 'vitest';
import { buildLog, cleanIngredients, sameContent } from '../../../shared/diary/logs';
import { planImport } from '../../../shared/diary/import';
import { logsToCsv } from '../../../shared/diary/export';
import { BUILTIN_SYMPTOMS, type DailyLog } from '../../../shared/schema';

const ids = () => {
  let i = 0;
  return () => `id-${++i}`;
};

describe('logs', () => {
  it('cleans ingredient lists: normalised, de-duplicated, empty names dropped, order kept', () => {
    expect(cleanIngredients([' Oats ', 'MILK', 'oats', '', '!!'])).toEqual(['oats', 'milk']);
  });

  it('buildLog keeps id and created_at of the existing log and sets cycle_phase explicitly', () => {
    const existing: DailyLog = { id: 'x', date: '2026-01-01', ingredients: [], symptoms: {}, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', mood: 'kept' };
    const log = buildLog({ date: '2026-01-01', ingredients: ['tea'], symptoms: { energy: 2 } }, existing, '2026-01-02T00:00:00.000Z', ids());
    expect(log).toEqual({ id: 'x', date: '2026-01-01', ingredients: ['tea'], symptoms: { energy: 2 }, cycle_phase: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z', mood: 'kept' });
  });

  it('sameContent ignores symptom key order and notes whitespace is already trimmed', () => {
    const a = { ingredients: ['a'], symptoms: { bloating: 1, energy: 2 }, cycle_phase: null, notes: 'n' };
    expect(sameContent(a, { ...a, symptoms: { energy: 2, bloating: 1 } })).toBe(true);
    expect(sameContent(a, { ...a, symptoms: { energy: 2 } })).toBe(false);
    expect(sameContent(a, { ...a, ingredients: ['b'] })).toBe(false);
    expect(sameContent(a, { ...a, cycle_phase: 'luteal' })).toBe(false);
  });
});

describe('planImport', () => {
  it('counts new / updated / unchanged and lists symptoms without a definition', () => {
    const existing = new Map<string, DailyLog>([['2026-01-01', { id: 'a', date: '2026-01-01', ingredients: ['milk'], symptoms: { bloating: 2 }, cycle_phase: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' }]]);
    const plan = planImport(
      {
        format: 'aurea.export',
        version: 1,
        symptom_definitions: [{ key: 'mood', label: 'Mood', polarity: 'higher_is_better', builtin: false }],
        logs: [
          { date: '2026-01-01', ingredients: ['Milk'], symptoms: { bloating: 2 } },
          { date: '2026-01-02', ingredients: ['tea'], symptoms: { mood: 4, cramps: 3 } },
        ],
      },
      existing,
      BUILTIN_SYMPTOMS,
      '2026-02-01T00:00:00.000Z',
      ids(),
    );
    expect(plan.counts).toEqual({ new: 1, updated: 0, unchanged: 1, total: 2 });
    expect(plan.newSymptoms.map((s) => s.key)).toEqual(['mood']);
    expect(plan.undefinedSymptoms).toEqual(['cramps']);
    expect(plan.writes[0]).toMatchObject({ id: 'id-1', date: '2026-01-02', created_at: '2026-02-01T00:00:00.000Z' });
  });
});

describe('logsToCsv', () => {
  it('quotes and neutralises spreadsheet formulas, and adds columns for every symptom seen', () => {
    const logs: DailyLog[] = [
      { id: '1', date: '2026-01-02', ingredients: ['a, b'], symptoms: { cramps: 1 }, cycle_phase: 'luteal', notes: '=HYPERLINK("x")', created_at: '', updated_at: '' },
      { id: '2', date: '2026-01-01', ingredients: ['milk'], symptoms: { bloating: 0 }, created_at: '', updated_at: '' },
    ];
    const lines = logsToCsv(logs, BUILTIN_SYMPTOMS).trim().split('\r\n');
    expect(lines).toEqual([
      'date,ingredients,meals,bloating,energy,focus,cramps,cycle_phase,notes',
      '2026-01-01,milk,,0,,,,,',
      `2026-01-02,"a, b",,,,,1,luteal,"'=HYPERLINK(""x"")"`,
    ]);
  });
});

describe('period day and stool types on a saved day', () => {
  const existing: DailyLog = { id: 'x', date: '2026-01-01', ingredients: [], symptoms: {}, period: true, stool_types: [4, 6], created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
  const now = '2026-01-02T00:00:00.000Z';
  it('are kept when a save does not send them (another form, an older client)', () => {
    const log = buildLog({ date: '2026-01-01', ingredients: ['tea'], symptoms: {} }, existing, now, ids());
    expect(log.period).toBe(true);
    expect(log.stool_types).toEqual([4, 6]);
  });
  it('are replaced when sent; false and an empty list leave no field', () => {
    const log = buildLog({ date: '2026-01-01', ingredients: [], symptoms: {}, period: false, stool_types: [] }, existing, now, ids());
    expect('period' in log).toBe(false);
    expect('stool_types' in log).toBe(false);
    expect(buildLog({ date: '2026-01-01', ingredients: [], symptoms: {}, period: true, stool_types: [7] }, undefined, now, ids())).toMatchObject({ period: true, stool_types: [7] });
  });
  it('make two days differ for import', () => {
    const base = { ingredients: [], symptoms: {}, cycle_phase: null };
    expect(sameContent({ ...base, stool_types: [4] }, { ...base, stool_types: [4] })).toBe(true);
    expect(sameContent({ ...base, stool_types: [4] }, { ...base, stool_types: [4, 6] })).toBe(false);
    expect(sameContent({ ...base, period: true }, base)).toBe(false);
  });
});
