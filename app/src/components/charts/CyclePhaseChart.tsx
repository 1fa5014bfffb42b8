import { useMemo, type ReactNode } from 'react';
import type { CycleResult } from '../../../../shared/insights/types';
import { CYCLE_PHASES, type CyclePhase, type SymptomPolarity } from '../../../../shared/schema';
import { ChartFigure, type ChartConfig, type ChartTable } from './ChartFigure';
import { rating, scaleNote } from './format';
import type { ChartTheme } from './theme';

const PHASE_LABEL: Record<CyclePhase, string> = { menstrual: 'Menstrual', follicular: 'Follicular', ovulatory: 'Ovulatory', luteal: 'Luteal' };

/** Mean of a symptom in each cycle phase; the worst phase stands out in the accent colour. */
export function CyclePhaseChart({ cycle, label, polarity, phaseDays, theme, controls }: { cycle: CycleResult; label: string; polarity: SymptomPolarity; phaseDays: Record<CyclePhase, number> | undefined; theme: ChartTheme; controls?: ReactNode }) {
  const name = label.toLocaleLowerCase();
  const config = useMemo(
    (): ChartConfig => ({
      type: 'bar',
      data: {
        labels: CYCLE_PHASES.map((p) => PHASE_LABEL[p]),
        datasets: [
          {
            label: `Average ${name}`,
            data: CYCLE_PHASES.map((p) => (cycle.phase_means[p] === undefined ? null : Math.round(cycle.phase_means[p]! * 100) / 100)) as number[],
            backgroundColor: CYCLE_PHASES.map((p) => (p === cycle.worst_phase ? theme.accent : theme.primary)),
            borderRadius: 6,
            maxBarThickness: 56,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { ticks: { color: theme.muted, maxRotation: 0, autoSkip: false }, grid: { display: false }, border: { color: theme.grid } },
          y: { min: 0, max: 5, ticks: { stepSize: 1, color: theme.muted }, grid: { color: theme.grid }, border: { color: theme.grid }, title: { display: true, text: label, color: theme.muted } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (it) => {
                const phase = CYCLE_PHASES[it.dataIndex]!;
                const n = phaseDays?.[phase];
                return `${label}: ${rating(it.parsed.y)}${n === undefined ? '' : ` (${n} ${n === 1 ? 'day' : 'days'})`}`;
              },
            },
          },
        },
      },
    }),
    [cycle, theme, label, name, phaseDays],
  );

  const shown = CYCLE_PHASES.filter((p) => cycle.phase_means[p] !== undefined);
  const list = shown.map((p) => `${p} ${rating(cycle.phase_means[p])}`).join(', ');
  const worst = cycle.worst_phase ? ` Highlighted: the ${cycle.worst_phase} phase, where it is ${polarity === 'higher_is_worse' ? 'highest' : 'lowest'}.` : '';
  const summary = `Average ${name} by cycle phase, ${scaleNote(polarity, cycle.symptom)}: ${list}.${worst}`;
  const table: ChartTable = {
    caption: `Average ${name} by cycle phase`,
    head: ['Phase', `Average ${name}`, 'Days logged'],
    rows: CYCLE_PHASES.map((p) => [PHASE_LABEL[p], cycle.phase_means[p] === undefined ? 'too few days' : rating(cycle.phase_means[p]), phaseDays?.[p] ?? '–']),
  };
  return <ChartFigure config={config} label={`Bar chart. ${summary}`} caption={summary} table={table} controls={controls} />;
}
