import { describe, expect, it } from 'vitest';
import { BRISTOL_DESCRIPTIONS, stoolOutcomes, withStoolOutcomes } from '../../../shared/stool/outcomes';
import { definitionsForAnalysis, diaryForAnalysis } from '../../../shared/diary/for-analysis';
import { BUILTIN_SYMPTOMS, dailyLog, exportedLog, logInput } from '../../../shared/schema';

describe('stool outcomes', () => {
  it('loose is any type 6–7 that day, hard any type 1–2; both can happen on one day', () => {
    expect(stoolOutcomes([4])).toEqual({ stool_loose: 0, stool_hard: 0 });
    expect(stoolOutcomes([4, 6])).toEqual({ stool_loose: 1, stool_hard: 0 });
    expect(stoolOutcomes([7])).toEqual({ stool_loose: 1, stool_hard: 0 });
    expect(stoolOutcomes([2, 5])).toEqual({ stool_loose: 0, stool_hard: 1 });
    expect(stoolOutcomes([1, 7])).toEqual({ stool_loose: 1, stool_hard: 1 });
    expect(stoolOutcomes([3, 5])).toEqual({ stool_loose: 0, stool_hard: 0 });
  });

  it('a day without stool types has no outcome (unknown, not normal)', () => {
    expect(stoolOutcomes(undefined)).toBeNull();
    expect(stoolOutcomes([])).toBeNull();
  });

  it('adds the outcomes as ratings without overwriting the person\'s own', () => {
    const logs: { date: string; symptoms: Record<string, number>; stool_types?: number[] }[] = [
      { date: '2026-01-01', symptoms: { bloating: 2 }, stool_types: [6] },
      { date: '2026-01-02', symptoms: { bloating: 1 } },
      { date: '2026-01-03', symptoms: { stool_loose: 0 }, stool_types: [7] },
    ];
    const out = withStoolOutcomes(logs);
    expect(out[0]!.symptoms).toEqual({ bloating: 2, stool_loose: 1, stool_hard: 0 });
    expect(out[1]).toBe(logs[1]);
    expect(out[2]!.symptoms.stool_loose).toBe(0);
  });

  it('has a short description for each of the seven types', () => {
    expect(Object.keys(BRISTOL_DESCRIPTIONS)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('labels the outcomes for the analysis only when stool form is tracked', () => {
    expect(definitionsForAnalysis(BUILTIN_SYMPTOMS, [{}])).toEqual(BUILTIN_SYMPTOMS);
    const defs = definitionsForAnalysis(BUILTIN_SYMPTOMS, [{ stool_types: [3] }]);
    expect(defs.map((d) => d.key)).toEqual(['bloating', 'energy', 'focus', 'stool_loose', 'stool_hard']);
    expect(defs.slice(3).every((d) => d.polarity === 'higher_is_worse')).toBe(true);
  });

  it('diaryForAnalysis leaves a diary without stool types or period days as it was', () => {
    const logs = [{ date: '2026-01-01', ingredients: ['oats'], symptoms: { bloating: 2 }, cycle_phase: null }];
    expect(diaryForAnalysis(logs)).toEqual(logs);
  });
});

describe('stool and period fields in the schema', () => {
  const base = { id: 'a', date: '2026-01-01', ingredients: [], symptoms: {}, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
  it('are optional, so old logs and exports stay valid', () => {
    expect(dailyLog.safeParse(base).success).toBe(true);
    expect(exportedLog.safeParse({ date: '2026-01-01', ingredients: [], symptoms: {} }).success).toBe(true);
  });
  it('accept a list of Bristol types and a period mark', () => {
    expect(dailyLog.safeParse({ ...base, stool_types: [1, 4, 7], period: true }).success).toBe(true);
    expect(logInput.safeParse({ date: '2026-01-01', ingredients: [], symptoms: {}, stool_types: [], period: false }).success).toBe(true);
  });
  it('refuse types outside 1–7, fractions and non-boolean marks with a clear message', () => {
    const bad = exportedLog.safeParse({ date: '2026-01-01', ingredients: [], symptoms: {}, stool_types: [8] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('must be a Bristol stool type from 1 to 7');
    expect(exportedLog.safeParse({ date: '2026-01-01', ingredients: [], symptoms: {}, stool_types: [3.5] }).success).toBe(false);
    expect(exportedLog.safeParse({ date: '2026-01-01', ingredients: [], symptoms: {}, period: 'yes' }).error!.issues[0]!.message).toBe('must be true or false');
    expect(exportedLog.safeParse({ date: '2026-01-01', ingredients: [], symptoms: {}, stool_types: Array(21).fill(4) }).success).toBe(false);
  });
});
