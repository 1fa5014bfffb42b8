import type { DiaryEntry } from '../../../../shared/insights/types';
import { dayNumber, fromDayNumber, isoWeekday } from '../../../../shared/util/dates';

/** One calendar week (Monday to Sunday) of ratings of a symptom. */
export interface WeekMean {
  /** The Monday that starts the week. */
  week: string;
  /** Mean day number of the rated days (where the point sits on a time axis). */
  x: number;
  mean: number;
  /** Days in the week that rate the symptom. */
  n: number;
}

/**
 * Weekly means of a symptom, oldest first, over the days that rate it: a year of daily 0–5 ratings
 * is noise on a phone screen, 52 weekly points show the shape.
 */
export function weeklySymptomMeans(logs: readonly DiaryEntry[], symptom: string): WeekMean[] {
  const weeks = new Map<number, { sumX: number; sum: number; n: number }>();
  for (const log of logs) {
    const v = log.symptoms[symptom];
    if (v === undefined) continue;
    const day = dayNumber(log.date);
    const monday = day - isoWeekday(log.date);
    const w = weeks.get(monday) ?? { sumX: 0, sum: 0, n: 0 };
    w.sumX += day;
    w.sum += v;
    w.n += 1;
    weeks.set(monday, w);
  }
  return [...weeks.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([monday, w]) => ({ week: fromDayNumber(monday), x: w.sumX / w.n, mean: w.sum / w.n, n: w.n }));
}

/** Two ends of a straight line on a day-number axis. */
export interface LineSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The engine's least-squares trend drawn across the rated days. Only the slope comes from the
 * engine; a least-squares line always passes through the mean point (mean day, mean rating), which
 * fixes its height whatever day the x axis starts on.
 */
export function trendSegment(logs: readonly DiaryEntry[], symptom: string, slopePerDay: number): LineSegment | null {
  let n = 0;
  let sumX = 0;
  let sumY = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const log of logs) {
    const v = log.symptoms[symptom];
    if (v === undefined) continue;
    const day = dayNumber(log.date);
    n += 1;
    sumX += day;
    sumY += v;
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  if (n < 2 || first === last) return null;
  const mx = sumX / n;
  const my = sumY / n;
  return { x0: first, y0: my + slopePerDay * (first - mx), x1: last, y1: my + slopePerDay * (last - mx) };
}

/** Day numbers of the first of each month in [from, to], for a time axis labelled by month. */
export function monthStarts(from: number, to: number): number[] {
  const out: number[] = [];
  const start = fromDayNumber(Math.ceil(from));
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  let day = dayNumber(`${start.slice(0, 7)}-01`);
  if (day < from) {
    m += 1;
    if (m > 12) (m = 1), (y += 1);
    day = dayNumber(`${y}-${String(m).padStart(2, '0')}-01`);
  }
  while (day <= to) {
    out.push(day);
    m += 1;
    if (m > 12) (m = 1), (y += 1);
    day = dayNumber(`${y}-${String(m).padStart(2, '0')}-01`);
  }
  return out;
}
