import { useMemo, type ReactNode } from 'react';
import type { InsightItem } from '../../../../shared/insights/describe';
import type { SymptomPolarity } from '../../../../shared/schema';
import { ChartFigure, type ChartConfig, type ChartTable } from './ChartFigure';
import { rating, scaleNote } from './format';
import type { ChartTheme } from './theme';

const AFTER = ['On days with', 'The day after', 'Two days after', 'Three days after'];
const OTHER = ['Without', 'Other days', 'Other days', 'Other days'];

/** The two groups a finding compares, worded for the chart ("With milk" / "Without"). */
export function comparisonGroups(item: InsightItem): { with: string; without: string; daysWith: number | null; daysWithout: number | null } {
  const food = item.ingredient ?? '';
  const lag = item.lag ?? 0;
  if (lag === 0) return { with: `With ${food}`, without: 'Without', daysWith: item.numbers.days_with ?? null, daysWithout: item.numbers.days_without ?? null };
  return { with: `${AFTER[lag] ?? `${lag} days after`} ${food}`, without: OTHER[lag] ?? 'Other days', daysWith: null, daysWithout: null };
}

const days = (n: number | null) => (n === null ? '' : ` (${n} ${n === 1 ? 'day' : 'days'})`);

/** Mean symptom on days with the food vs without it (or `lag` days after), for one finding. */
export function WithWithoutChart({ item, polarity, theme, controls }: { item: InsightItem; polarity: SymptomPolarity; theme: ChartTheme; controls?: ReactNode }) {
  const label = item.symptom_label ?? item.symptom ?? '';
  const name = label.toLocaleLowerCase();
  const groups = comparisonGroups(item);
  const withMean = item.numbers.mean_with ?? null;
  const withoutMean = item.numbers.mean_without ?? null;

  const config = useMemo(
    (): ChartConfig => ({
      type: 'bar',
      data: {
        labels: [groups.with, groups.without],
        datasets: [
          {
            label: `Average ${name}`,
            data: [withMean === null ? null : Math.round(withMean * 100) / 100, withoutMean === null ? null : Math.round(withoutMean * 100) / 100] as number[],
            backgroundColor: [theme.accent, theme.primary],
            borderRadius: 6,
            maxBarThickness: 72,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { ticks: { color: theme.text, maxRotation: 0, autoSkip: false }, grid: { display: false }, border: { color: theme.grid } },
          y: { min: 0, max: 5, ticks: { stepSize: 1, color: theme.muted }, grid: { color: theme.grid }, border: { color: theme.grid }, title: { display: true, text: `Average ${name}`, color: theme.muted } },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (it) => `${label}: ${rating(it.parsed.y)}${days(it.dataIndex === 0 ? groups.daysWith : groups.daysWithout)}` } },
        },
      },
    }),
    [theme, name, label, withMean, withoutMean, groups.with, groups.without, groups.daysWith, groups.daysWithout],
  );

  const pairs = item.numbers.pairs;
  const summary =
    `Average ${name}: ${groups.with.toLocaleLowerCase()} ${rating(withMean)}${days(groups.daysWith)}, ` +
    `${groups.without.toLocaleLowerCase()} ${rating(withoutMean)}${days(groups.daysWithout)}${pairs != null ? `, over ${pairs} pairs of days` : ''}, ${scaleNote(polarity, item.symptom)}.`;
  const table: ChartTable = {
    caption: `Average ${name} with and without ${item.ingredient ?? ''}`,
    head: ['Days', `Average ${name}`, 'Number of days'],
    rows: [
      [groups.with, rating(withMean), groups.daysWith ?? '–'],
      [groups.without, rating(withoutMean), groups.daysWithout ?? '–'],
    ],
  };
  return <ChartFigure config={config} label={`Bar chart. ${summary}`} caption={summary} table={table} height={200} controls={controls} />;
}
