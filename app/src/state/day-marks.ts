import type { DailyLog } from '../../../shared/schema';

/** What the Today form holds for a day besides foods, ratings, phase and notes: the period mark and stool types. */
export interface DayMarks {
  period: boolean;
  stool_types: number[];
}

export const NO_MARKS: DayMarks = { period: false, stool_types: [] };

export function marksOf(log: DailyLog | undefined): DayMarks {
  return { period: log?.period === true, stool_types: log?.stool_types ? [...log.stool_types] : [] };
}
