import { phaseSources } from '../../../../shared/cycle/estimate';
import type { DailyLog } from '../../../../shared/schema';

const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : `${word}s`}`;

/** One line in the report saying which cycle phases were estimated from period days (none: nothing shown). */
export function EstimatedPhasesNote({ logs }: { logs: readonly DailyLog[] }) {
  if (!logs.some((l) => l.period === true)) return null;
  const c = phaseSources(logs);
  const basis = c.cyclesKnown >= 2 ? `from this person's own cycles of about ${c.length} days` : 'assuming a 28-day cycle (fewer than two full cycles marked)';
  return (
    <p className="small" data-testid="estimated-phases">
      Cycle phases: {plural(c.estimated, 'day')} estimated from period days, {basis}; {plural(c.period, 'marked period day')}; {plural(c.picked, 'day')} with the phase picked by hand
      {c.unknown ? `; ${plural(c.unknown, 'day')} with no phase` : ''}.
    </p>
  );
}
