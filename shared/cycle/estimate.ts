/**
 * Cycle phase from period days (issue 13 point 4). The person marks the days they have their period;
 * every other day's phase is estimated from their own cycle lengths:
 * - a period starts on a marked day with no marked day in the 7 days before it;
 * - the cycle length is the mean of the person's recent cycles (20–45 days; 28 until two are known);
 * - menstrual = the marked days (in a cycle projected past the last mark: its first usual period days);
 * - ovulation is counted back LUTEAL_DAYS from the next period (the luteal phase is about 14 days
 *   long whatever the cycle length): ovulatory = that day and one either side, luteal after it,
 *   follicular between the period and ovulatory.
 * A phase the person picks by hand always wins over the estimate.
 */
import type { CyclePhase } from '../schema';
import { dayNumber } from '../util/dates';

export const DEFAULT_CYCLE_LENGTH = 28;
/** Cycles needed before the person's own length replaces the default. */
export const CYCLES_FOR_OWN_LENGTH = 2;
/** Only gaps between period starts in this range count as cycles (others are missed marks or skipped periods). */
export const MIN_CYCLE = 20;
export const MAX_CYCLE = 45;
/** Recent cycles averaged for the length (cycles drift over the years). */
export const RECENT_CYCLES = 6;
export const LUTEAL_DAYS = 14;
/** Ovulatory: the estimated ovulation day and this many days either side. */
export const OVULATORY_HALF_WIDTH = 1;
/** Marked days within this many days of each other belong to one period. */
export const SAME_PERIOD_GAP = 7;
export const DEFAULT_PERIOD_DAYS = 5;
/** Beyond this many cycles after the last marked period, the phase is unknown (the marks may have stopped). */
export const MAX_PROJECTED_CYCLES = 3;

/** What the estimate reads from a day. */
export interface CycleDay {
  date: string;
  period?: boolean;
  cycle_phase?: CyclePhase | null;
}

export type PhaseSource = 'picked' | 'period' | 'estimated';
export interface DayPhase {
  phase: CyclePhase;
  /** picked: set by hand; period: a marked period day; estimated: worked out from the period days. */
  source: PhaseSource;
}

export interface CycleEstimate {
  /** Day numbers of period starts, ascending. */
  starts: number[];
  /** Cycle length in days used for projecting (the person's own once CYCLES_FOR_OWN_LENGTH are known). */
  length: number;
  /** Cycles the length was measured from (0 while it is the default). */
  cyclesKnown: number;
  /** Usual number of marked days per period (for projected periods). */
  periodDays: number;
  /** The phase of any date: picked, marked or estimated; null when nothing is known. */
  phaseOn(date: string): DayPhase | null;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** First day of each period: a marked day with no marked day in the SAME_PERIOD_GAP days before. */
export function periodStarts(periodDays: readonly number[]): number[] {
  const sorted = [...new Set(periodDays)].sort((a, b) => a - b);
  const starts: number[] = [];
  let last = -Infinity;
  for (const d of sorted) {
    if (d - last > SAME_PERIOD_GAP) starts.push(d);
    last = d;
  }
  return starts;
}

/** The person's cycle length: mean of the last RECENT_CYCLES plausible cycles, or 28 until two are known. */
export function cycleLength(starts: readonly number[]): { length: number; cyclesKnown: number } {
  const gaps: number[] = [];
  for (let i = 1; i < starts.length; i++) {
    const g = starts[i]! - starts[i - 1]!;
    if (g >= MIN_CYCLE && g <= MAX_CYCLE) gaps.push(g);
  }
  if (gaps.length < CYCLES_FOR_OWN_LENGTH) return { length: DEFAULT_CYCLE_LENGTH, cyclesKnown: gaps.length };
  return { length: Math.round(mean(gaps.slice(-RECENT_CYCLES))), cyclesKnown: gaps.length };
}

/** Phase of cycle day `dayInCycle` (0 = first period day) in a cycle of `length` days. */
function phaseInCycle(dayInCycle: number, length: number, menstrual: boolean): CyclePhase {
  if (menstrual) return 'menstrual';
  const ovulation = length - LUTEAL_DAYS;
  if (Math.abs(dayInCycle - ovulation) <= OVULATORY_HALF_WIDTH) return 'ovulatory';
  return dayInCycle > ovulation ? 'luteal' : 'follicular';
}

export function estimateCycle(days: readonly CycleDay[]): CycleEstimate {
  const picked = new Map<number, CyclePhase>();
  const marked = new Set<number>();
  for (const d of days) {
    const n = dayNumber(d.date);
    if (d.cycle_phase) picked.set(n, d.cycle_phase);
    if (d.period === true) marked.add(n);
  }
  const starts = periodStarts([...marked]);
  const { length, cyclesKnown } = cycleLength(starts);
  const runs: number[] = [];
  for (const s of starts) {
    let k = 0;
    for (let d = s; d - s < SAME_PERIOD_GAP + 1 && d < s + MAX_CYCLE; d++) if (marked.has(d)) k = d - s + 1;
    runs.push(k);
  }
  const periodDays = runs.length ? Math.round(mean(runs.slice(-RECENT_CYCLES))) : DEFAULT_PERIOD_DAYS;

  function estimated(n: number): CyclePhase | null {
    if (starts.length === 0) return null;
    // The cycle holding day n: the last start on or before it; before the first mark, count back from it.
    let i = -1;
    for (let k = 0; k < starts.length && starts[k]! <= n; k++) i = k;
    if (i < 0) {
      const first = starts[0]!;
      if (first - n > length) return null;
      const inCycle = n - (first - length);
      return phaseInCycle(inCycle, length, inCycle < periodDays);
    }
    const start = starts[i]!;
    const next = starts[i + 1];
    if (next !== undefined && next - start <= MAX_CYCLE) {
      // A known cycle: ovulation counted back from the period that really came.
      return phaseInCycle(n - start, next - start, false);
    }
    const since = n - start;
    if (since >= MAX_PROJECTED_CYCLES * length) return null;
    // Past the last marked period: project whole cycles of the usual length.
    const cycle = Math.floor(since / length);
    const inCycle = since - cycle * length;
    return phaseInCycle(inCycle, length, cycle > 0 && inCycle < periodDays);
  }

  return {
    starts,
    length,
    cyclesKnown,
    periodDays,
    phaseOn(date) {
      const n = dayNumber(date);
      const p = picked.get(n);
      if (p) return { phase: p, source: 'picked' };
      if (marked.has(n)) return { phase: 'menstrual', source: 'period' };
      const e = estimated(n);
      return e ? { phase: e, source: 'estimated' } : null;
    },
  };
}

/**
 * The logs with a cycle phase on every day it can be worked out, for the analysis and the model: a
 * picked phase stays, marked period days are menstrual, other days get the estimate. Logs of a person
 * who marks no period days come back unchanged (the same objects).
 */
export function withCyclePhases<T extends CycleDay>(logs: readonly T[]): T[] {
  if (!logs.some((l) => l.period === true)) return [...logs];
  const cycle = estimateCycle(logs);
  return logs.map((l) => {
    if (l.cycle_phase) return l;
    const p = cycle.phaseOn(l.date);
    return p ? { ...l, cycle_phase: p.phase } : l;
  });
}

export interface PhaseSourceCounts {
  picked: number;
  period: number;
  estimated: number;
  unknown: number;
  /** The cycle length the estimates used, and how many of the person's cycles it came from. */
  length: number;
  cyclesKnown: number;
}

/** How the cycle phase of each logged day was known: picked by hand, a marked period day, or estimated. */
export function phaseSources(logs: readonly CycleDay[]): PhaseSourceCounts {
  const cycle = estimateCycle(logs);
  const counts: PhaseSourceCounts = { picked: 0, period: 0, estimated: 0, unknown: 0, length: cycle.length, cyclesKnown: cycle.cyclesKnown };
  for (const l of logs) counts[cycle.phaseOn(l.date)?.source ?? 'unknown']++;
  return counts;
}
