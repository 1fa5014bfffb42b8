import { useId, useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { estimateCycle } from '../../../shared/cycle/estimate';
import type { CyclePhase } from '../../../shared/schema';
import { appDb } from '../../db/db';
import { PHASE_LABELS } from './CyclePhasePicker';

/** Period days of the diary (the estimate needs only these), with this day's unsaved mark in place of the saved one. */
function usePeriodDates(date: string, period: boolean): string[] | undefined {
  const saved = useLiveQuery(() => appDb().logs.filter((l) => l.period === true).primaryKeys() as Promise<string[]>, []);
  return useMemo(() => (saved ? [...saved.filter((d) => d !== date), ...(period ? [date] : [])] : undefined), [saved, date, period]);
}

/**
 * "Period today" on the Today page, and the phase estimated from the person's period days when none
 * is picked for the day (the phase picker below still sets one explicitly).
 */
export function PeriodToggle({ date, period, picked, onChange }: { date: string; period: boolean; picked: CyclePhase | null; onChange: (period: boolean) => void }) {
  const id = useId();
  const dates = usePeriodDates(date, period);
  const estimate = useMemo(() => (dates ? estimateCycle(dates.map((d) => ({ date: d, period: true }))) : null), [dates]);
  const phase = estimate?.phaseOn(date) ?? null;
  return (
    <div className="period-toggle">
      <div className="row">
        <input id={`${id}-period`} type="checkbox" className="check" checked={period} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={`${id}-period`} style={{ margin: 0 }}>
          Period day
        </label>
      </div>
      {!picked && (
        <p className="hint" data-testid="estimated-phase">
          {phase
            ? `${PHASE_LABELS[phase.phase]} phase (${phase.source === 'period' ? 'period day' : 'estimated'}). ${
                estimate!.cyclesKnown >= 2 ? `From your own cycles of about ${estimate!.length} days.` : 'Assuming a 28-day cycle until two of your cycles are known.'
              } Pick a phase below to set it yourself.`
            : 'Mark your period days and Aurea estimates the phase of the other days.'}
        </p>
      )}
    </div>
  );
}
