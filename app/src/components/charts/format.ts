import { fromDayNumber } from '../../../../shared/util/dates';

/** Display helpers shared by the charts: ISO dates and day numbers in the person's locale, ratings to one decimal. */
export function dayLabel(iso: string, withYear = true): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' });
}

export function dayNumberLabel(day: number, withYear = true): string {
  return dayLabel(fromDayNumber(Math.round(day)), withYear);
}

export function monthLabel(day: number, withYear: boolean): string {
  return new Date(Math.round(day) * 86_400_000).toLocaleDateString(undefined, { month: 'short', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' });
}

export const rating = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(1));

export function scaleNote(polarity: 'higher_is_worse' | 'higher_is_better', symptom?: string | null): string {
  // The stool outcomes are yes/no days, not ratings: their averages are shares of days.
  if (symptom === 'stool_loose') return 'where 1 is a day with a loose stool and 0 a day without';
  if (symptom === 'stool_hard') return 'where 1 is a day with a hard stool and 0 a day without';
  return polarity === 'higher_is_worse' ? 'on a 0–5 scale where higher is worse' : 'on a 0–5 scale where higher is better';
}
