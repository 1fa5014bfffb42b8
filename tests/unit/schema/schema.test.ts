import { describe, expect, it } from 'vitest';
import { dailyLog, describeProblem, isoDate, logInput, validateExport } from '../../../shared/schema';

describe('isoDate', () => {
  it.each(['2026-01-01', '2024-02-29', '1999-12-31'])('accepts %s', (d) => expect(isoDate.safeParse(d).success).toBe(true));
  it.each(['2026-1-01', '2025-02-29', '2026-13-01', '26-01-01', '2026-01-01T00:00:00Z', ''])('rejects %s', (d) => expect(isoDate.safeParse(d).success).toBe(false));
});

describe('logInput', () => {
  it('accepts a full day and a minimal day', () => {
    expect(logInput.safeParse({ date: '2026-03-01', ingredients: ['milk'], symptoms: { bloating: 0, energy: 5 }, cycle_phase: 'luteal', notes: 'x' }).success).toBe(true);
    expect(logInput.safeParse({ date: '2026-03-01', ingredients: [], symptoms: {} }).success).toBe(true);
  });
  it.each([
    [{ date: '2026-03-01', ingredients: [], symptoms: { bloating: 6 } }, 'symptoms.bloating'],
    [{ date: '2026-03-01', ingredients: [], symptoms: { bloating: 2.5 } }, 'symptoms.bloating'],
    [{ date: '2026-03-01', ingredients: [], symptoms: { Bloating: 2 } }, 'symptoms.Bloating'],
    [{ date: '2026-03-01', ingredients: [''], symptoms: {} }, 'ingredients.0'],
    [{ date: '2026-03-01', ingredients: [], symptoms: {}, cycle_phase: 'spring' }, 'cycle_phase'],
    [{ date: '2026-03-01', ingredients: 'milk', symptoms: {} }, 'ingredients'],
  ])('rejects %j at %s', (input, path) => {
    const r = logInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
  it('dailyLog keeps extra fields', () => {
    const r = dailyLog.parse({ id: 'a', date: '2026-03-01', ingredients: [], symptoms: {}, created_at: '2026-03-01T00:00:00Z', updated_at: '2026-03-01T00:00:00Z', mood: 'ok' });
    expect((r as Record<string, unknown>).mood).toBe('ok');
  });
});

describe('validateExport', () => {
  const good = { format: 'aurea.export', version: 1, exported_at: '2026-11-26T00:00:00Z', logs: [{ date: '2026-01-01', ingredients: ['milk', 'oats'], symptoms: { bloating: 3, energy: 4, focus: 3 }, cycle_phase: 'follicular' }] };

  it('accepts the DESIGN example', () => {
    const v = validateExport(good);
    expect(v.ok).toBe(true);
  });

  it('names the record and the field of every problem', () => {
    const bad = { ...good, logs: [good.logs[0], { date: '2026-01-02', ingredients: ['x'], symptoms: { bloating: 'high' } }, { date: '2026-01-03', ingredients: [], symptoms: {}, cycle_phase: 'winter' }] };
    const v = validateExport(bad);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problems.map(describeProblem)).toEqual([
      'record 2 (2026-01-02), symptoms.bloating: must be a number from 0 to 5',
      expect.stringMatching(/^record 3 \(2026-01-03\), cycle_phase: /),
    ]);
  });

  it('refuses the wrong format, version and duplicate dates', () => {
    expect(validateExport({ ...good, format: 'other' }).ok).toBe(false);
    expect(validateExport({ ...good, version: 3 }).ok).toBe(false);
    expect(validateExport({ ...good, version: 2 }).ok).toBe(true);
    expect(validateExport(null).ok).toBe(false);
    const dup = validateExport({ ...good, logs: [good.logs[0], good.logs[0]] });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(describeProblem(dup.problems[0]!)).toBe('record 2 (2026-01-01), date: repeats the date of record 1; one log per date');
  });
});
