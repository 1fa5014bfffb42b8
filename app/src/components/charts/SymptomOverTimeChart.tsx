import { useMemo, type ReactNode } from 'react';
import type { DiaryEntry, TrendResult } from '../../../../shared/insights/types';
import type { SymptomPolarity } from '../../../../shared/schema';
import { fromDayNumber, isoWeekday } from '../../../../shared/util/dates';
import { ChartFigure, type ChartConfig, type ChartTable } from './ChartFigure';
import { dayLabel, dayNumberLabel, monthLabel, rating, scaleNote } from './format';
import { monthStarts, trendSegment, weeklySymptomMeans } from './series';
import type { ChartTheme } from './theme';

const DAYS_PER_MONTH = 365.25 / 12;

/** Ticks at month starts over long spans, at Mondays over short ones. */
function timeTicks(from: number, to: number): { values: number[]; monthly: boolean } {
  if (to - from > 75) return { values: monthStarts(from, to), monthly: true };
  const firstMonday = Math.ceil(from) + ((7 - isoWeekday(fromDayNumber(Math.ceil(from)))) % 7);
  const values: number[] = [];
  for (let d = firstMonday; d <= to; d += 7) values.push(d);
  return { values, monthly: false };
}

/** How the trend reads in words, from the engine's slope and p-value: a legend word and a phrase. */
export function trendWords(trend: TrendResult | undefined, polarity: SymptomPolarity): { short: string; long: string } {
  if (!trend || trend.slope_per_day === null || trend.p_value === null || !(trend.p_value < 0.05)) return { short: 'steady', long: 'no clear trend' };
  const perMonth = trend.slope_per_day * DAYS_PER_MONTH;
  const up = perMonth > 0;
  const verb = polarity === 'higher_is_worse' ? (up ? 'rising' : 'easing') : up ? 'improving' : 'slipping';
  const size = Math.abs(perMonth);
  return { short: verb, long: `${verb} by about ${size >= 0.095 ? size.toFixed(1) : size >= 0.005 ? size.toFixed(2) : 'less than 0.01'} points a month` };
}

/** Weekly averages of one symptom with the engine's trend line across them. */
export function SymptomOverTimeChart({ logs, symptom, label, polarity, trend, theme, controls }: { logs: readonly DiaryEntry[]; symptom: string; label: string; polarity: SymptomPolarity; trend: TrendResult | undefined; theme: ChartTheme; controls?: ReactNode }) {
  const name = label.toLocaleLowerCase();
  const weeks = useMemo(() => weeklySymptomMeans(logs, symptom), [logs, symptom]);
  const line = useMemo(() => (trend?.slope_per_day == null ? null : trendSegment(logs, symptom, trend.slope_per_day)), [logs, symptom, trend]);
  const words = trendWords(trend, polarity);

  const config = useMemo((): ChartConfig => {
    // A few days of margin so the first and last points are not cut in half by the chart's edge.
    const from = (weeks.length ? Math.min(weeks[0]!.x, line?.x0 ?? Infinity) : 0) - 3;
    const to = (weeks.length ? Math.max(weeks[weeks.length - 1]!.x, line?.x1 ?? -Infinity) : 1) + 3;
    const ticks = timeTicks(from, to);
    return {
      type: 'line',
      data: {
        datasets: [
          {
            label: `Weekly average`,
            data: weeks.map((w) => ({ x: w.x, y: Math.round(w.mean * 100) / 100 })),
            borderColor: theme.primary,
            backgroundColor: theme.primary,
            borderWidth: 2,
            pointRadius: weeks.length > 30 ? 2 : 3.5,
            pointHoverRadius: 5,
          },
          ...(line
            ? [
                {
                  label: `Trend: ${words.short}`,
                  data: [
                    { x: line.x0, y: Math.round(line.y0 * 100) / 100 },
                    { x: line.x1, y: Math.round(line.y1 * 100) / 100 },
                  ],
                  borderColor: theme.accent,
                  backgroundColor: theme.accent,
                  borderDash: [6, 4],
                  borderWidth: 2,
                  pointRadius: 0,
                  pointHoverRadius: 0,
                },
              ]
            : []),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: {
            type: 'linear',
            min: from,
            max: to,
            afterBuildTicks: (axis) => {
              axis.ticks = ticks.values.map((value) => ({ value }));
            },
            ticks: {
              color: theme.muted,
              maxRotation: 0,
              autoSkipPadding: 10,
              callback: (value) => {
                const day = Number(value);
                if (!ticks.monthly) return dayNumberLabel(day, false);
                // The year on the first tick and on each January, as a reader scans left to right.
                return monthLabel(day, day === ticks.values[0] || fromDayNumber(day).slice(5, 7) === '01');
              },
            },
            grid: { color: theme.grid },
            border: { color: theme.grid },
          },
          y: {
            min: 0,
            max: 5,
            ticks: { stepSize: 1, color: theme.muted },
            grid: { color: theme.grid },
            border: { color: theme.grid },
            title: { display: true, text: label, color: theme.muted },
          },
        },
        plugins: {
          legend: { labels: { color: theme.text, boxWidth: 16, boxHeight: 2 } },
          tooltip: {
            callbacks: {
              title: (items) => {
                const it = items[0];
                if (!it) return '';
                const w = it.datasetIndex === 0 ? weeks[it.dataIndex] : undefined;
                return w ? `Week of ${dayLabel(w.week)}` : dayNumberLabel(it.parsed.x ?? 0);
              },
              label: (it) => {
                const w = it.datasetIndex === 0 ? weeks[it.dataIndex] : undefined;
                return w ? `${label}: ${rating(w.mean)} (${w.n} ${w.n === 1 ? 'day' : 'days'})` : `Trend: ${rating(it.parsed.y)}`;
              },
            },
          },
        },
      },
    };
  }, [weeks, line, theme, label, words.short]);

  if (weeks.length === 0) return null;
  const low = weeks.reduce((a, b) => (b.mean < a.mean ? b : a));
  const high = weeks.reduce((a, b) => (b.mean > a.mean ? b : a));
  const first = weeks[0]!;
  const last = weeks[weeks.length - 1]!;
  const span = `${dayLabel(first.week)} to ${dayLabel(last.week)}`;
  const summary = `Weekly average ${name} over ${weeks.length} ${weeks.length === 1 ? 'week' : 'weeks'} (${span}) ranged from ${rating(low.mean)} (week of ${dayLabel(low.week)}) to ${rating(high.mean)} (week of ${dayLabel(high.week)}), ${scaleNote(polarity, symptom)}. Trend: ${words.long}.`;
  const table: ChartTable = {
    caption: `Weekly average ${name}`,
    head: ['Week of', `Average ${name}`, 'Days rated'],
    rows: weeks.map((w) => [dayLabel(w.week), rating(w.mean), w.n]),
  };
  return <ChartFigure config={config} label={`Line chart. ${summary}`} caption={summary} table={table} height={240} controls={controls} />;
}
