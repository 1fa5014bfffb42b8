import { describe, expect, it } from 'vitest';
import { cycleLength, estimateCycle, periodStarts, withCyclePhases, type CycleDay } from '../../../shared/cycle/estimate';
import { addDays, dayNumber } from '../../../shared/util/dates';

/** Period days: `days` marked days from each start date. */
function periods(starts: string[], days = 5): CycleDay[] {
  return starts.flatMap((s) => Array.from({ length: days }, (_, i) => ({ date: addDays(s, i), period: true })));
}
const phase = (days: CycleDay[], date: string) => estimateCycle(days).phaseOn(date);

describe('period starts and cycle length', () => {
  it('a period starts on a marked day with no marked day in the 7 days before (a missed mark does not split it)', () => {
    const d = (s: string) => dayNumber(s);
    expect(periodStarts([d('2026-01-01'), d('2026-01-02'), d('2026-01-04'), d('2026-01-29'), d('2026-01-30')])).toEqual([d('2026-01-01'), d('2026-01-29')]);
  });

  it('is 28 days until two cycles are known, then the mean of the person\'s own cycles', () => {
    expect(cycleLength([0]).length).toBe(28);
    expect(cycleLength([0, 32])).toEqual({ length: 28, cyclesKnown: 1 });
    expect(cycleLength([0, 32, 62])).toEqual({ length: 31, cyclesKnown: 2 });
  });

  it('ignores gaps that cannot be one cycle (a skipped mark or a double mark)', () => {
    expect(cycleLength([0, 30, 90, 120])).toEqual({ length: 30, cyclesKnown: 2 });
    expect(cycleLength([0, 10, 40]).cyclesKnown).toBe(1);
  });

  it('averages only the last six cycles', () => {
    expect(cycleLength([0, 40, 80, 106, 132, 158, 184, 210, 236]).length).toBe(26);
  });
});

describe('phase of a day', () => {
  const days = periods(['2026-01-01', '2026-01-29', '2026-02-26']);

  it('marked period days are menstrual; a picked phase wins over everything', () => {
    expect(phase(days, '2026-01-03')).toEqual({ phase: 'menstrual', source: 'period' });
    expect(phase([...days.filter((d) => d.date !== '2026-01-03'), { date: '2026-01-03', period: true, cycle_phase: 'luteal' }], '2026-01-03')).toEqual({ phase: 'luteal', source: 'picked' });
  });

  it('in a known cycle, ovulation is counted back 14 days from the next period: ovulatory that day ±1, luteal after, follicular before', () => {
    // Cycle 2026-01-01 → 2026-01-29 (28 days): ovulation on cycle day 14 = 2026-01-15.
    expect(phase(days, '2026-01-06')).toEqual({ phase: 'follicular', source: 'estimated' });
    expect(phase(days, '2026-01-13')?.phase).toBe('follicular');
    expect(phase(days, '2026-01-14')?.phase).toBe('ovulatory');
    expect(phase(days, '2026-01-15')?.phase).toBe('ovulatory');
    expect(phase(days, '2026-01-16')?.phase).toBe('ovulatory');
    expect(phase(days, '2026-01-17')?.phase).toBe('luteal');
    expect(phase(days, '2026-01-28')?.phase).toBe('luteal');
  });

  it('a longer cycle moves ovulation later, keeping the luteal phase at 14 days', () => {
    const long = periods(['2026-01-01', '2026-02-04']); // 34-day cycle: ovulation on day 20 = 2026-01-21
    expect(phase(long, '2026-01-19')?.phase).toBe('follicular');
    expect(phase(long, '2026-01-21')?.phase).toBe('ovulatory');
    expect(phase(long, '2026-01-23')?.phase).toBe('luteal');
  });

  it('after the last marked period, whole cycles of the person\'s own length are projected', () => {
    const own = periods(['2026-01-01', '2026-02-02', '2026-03-06']); // 32-day cycles
    const e = estimateCycle(own);
    expect(e.length).toBe(32);
    // Next expected period 2026-04-07, so ovulation 2026-03-24.
    expect(e.phaseOn('2026-03-24')?.phase).toBe('ovulatory');
    expect(e.phaseOn('2026-03-20')?.phase).toBe('follicular');
    expect(e.phaseOn('2026-04-01')?.phase).toBe('luteal');
    // The projected next period's usual days are estimated menstrual.
    expect(e.phaseOn('2026-04-08')).toEqual({ phase: 'menstrual', source: 'estimated' });
  });

  it('uses 28 days with only one period known', () => {
    const one = periods(['2026-01-01']);
    expect(phase(one, '2026-01-15')?.phase).toBe('ovulatory');
    expect(phase(one, '2026-01-20')?.phase).toBe('luteal');
  });

  it('days before the first marked period are counted back from it, at most one cycle', () => {
    const one = periods(['2026-03-01']);
    expect(phase(one, '2026-02-20')?.phase).toBe('luteal');
    expect(phase(one, '2026-02-14')?.phase).toBe('ovulatory');
    expect(phase(one, '2026-01-15')).toBeNull();
  });

  it('is unknown with no period days, or three cycles after the last one', () => {
    expect(phase([{ date: '2026-01-01' }], '2026-01-01')).toBeNull();
    expect(phase(periods(['2026-01-01']), addDays('2026-01-01', 84))).toBeNull();
  });
});

describe('withCyclePhases', () => {
  it('fills the phase of logs without one and keeps picked phases', () => {
    const logs = [
      { date: '2026-01-01', period: true, symptoms: {} },
      { date: '2026-01-10', symptoms: {} },
      { date: '2026-01-20', cycle_phase: 'follicular' as const, symptoms: {} },
    ];
    expect(withCyclePhases(logs).map((l) => l.cycle_phase)).toEqual(['menstrual', 'follicular', 'follicular']);
  });

  it('returns the same logs when no period day is marked', () => {
    const logs = [{ date: '2026-01-01', cycle_phase: null, symptoms: {} }];
    expect(withCyclePhases(logs)[0]).toBe(logs[0]);
  });
});
