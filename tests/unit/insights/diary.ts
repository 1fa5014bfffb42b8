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

export { rng } from '../../seeded';
