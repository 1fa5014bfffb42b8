import type { Composite, CyclePhase, Meal } from '../../../shared/schema';
import type { DayMarks } from './day-marks';

/** What Today holds for a day being edited and not yet saved. */
export interface TodayDraft {
  /** The day's meals (the chosen one may still be empty); the day's foods are their union. */
  meals: Meal[];
  symptoms: Record<string, number>;
  cycle_phase: CyclePhase | null;
  notes: string;
  marks: DayMarks;
  /** The day's dishes and products (what they are made of), for the foods among the meals. */
  composites: Composite[];
}

/** Unsaved drafts by date survive leaving the page, so switching tabs never loses typing. */
export const todayDrafts = new Map<string, TodayDraft>();
