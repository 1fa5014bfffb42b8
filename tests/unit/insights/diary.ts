import type { CyclePhase } from '../../../shared/schema';
import type { DiaryEntry } from '../../../shared/insights';
import { addDays } from '../../../shared/util/dates';

/** Builds a diary of consecutive days from `start`, skipping nulls (a day without a log). */
export function diary(
  start: string,
  days: (null | { food?: string[]; s?: Record<string, number>; phase?: CyclePhase | null })[],
): DiaryEntry[] {
  const out: DiaryEntry[] = [];
  days.forEach((d, i) => {
    if (d) out.push({ date: addDays(start, i), ingredients: d.food ?? [], symptoms: d.s ?? {}, cycle_phase: d.phase ?? null });
  });
  return out;
}

/** A deterministic pseudo-random generator (mulberry32) so test diaries are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
