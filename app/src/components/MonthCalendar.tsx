import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DailyLog, SymptomDefinition } from '../../../shared/schema';
import { monthGrid, shiftMonth } from '../../../shared/diary/calendar';
import { SEVERITY_WORDS, severityBand, severityLegend } from '../../../shared/diary/severity';
import { addDays, localToday } from '../../../shared/util/dates';
import { navigate } from '../router';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function monthTitle(month: string): string {
  return new Date(`${month}-15T12:00:00`).toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
}

function dayLabel(iso: string): string {
  return new Date(`${iso}T12:00:00`).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
}

/**
 * A month of the diary coloured by one symptom, each day a button that opens it. Colour never carries
 * the meaning alone: every logged day shows its rating and its button names the rating in words. Arrow
 * keys move between days (across months), Home/End go to the week's ends, Enter opens the day.
 */
export function MonthCalendar({ logs, defs }: { logs: readonly DailyLog[]; defs: readonly SymptomDefinition[] }) {
  const id = useId();
  const today = localToday();
  const byDate = useMemo(() => new Map(logs.map((l) => [l.date, l])), [logs]);
  const latest = logs.reduce((max, l) => (l.date > max && l.date <= today ? l.date : max), '');
  const [month, setMonth] = useState((latest || today).slice(0, 7));
  const [active, setActive] = useState(latest || today);
  const [symptomKey, setSymptomKey] = useState(defs[0]?.key ?? '');
  const def = defs.find((d) => d.key === symptomKey) ?? defs[0];
  const grid = useMemo(() => monthGrid(month), [month]);
  const gridRef = useRef<HTMLTableElement>(null);
  const focusAfterMove = useRef(false);
  const activeInMonth = active.startsWith(month) ? active : `${month}-01`;

  useEffect(() => {
    if (!focusAfterMove.current) return;
    focusAfterMove.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-date="${activeInMonth}"]`)?.focus();
  }, [activeInMonth]);

  const moveTo = (date: string) => {
    if (date > today) return;
    focusAfterMove.current = true;
    setActive(date);
    if (!date.startsWith(month)) setMonth(date.slice(0, 7));
  };
  const onKey = (e: KeyboardEvent<HTMLTableElement>) => {
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    const step = steps[e.key];
    if (step !== undefined) {
      e.preventDefault();
      moveTo(addDays(activeInMonth, step));
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const wd = (new Date(`${activeInMonth}T12:00:00Z`).getUTCDay() + 6) % 7;
      moveTo(addDays(activeInMonth, e.key === 'Home' ? -wd : 6 - wd));
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      const target = shiftMonth(month, e.key === 'PageUp' ? -1 : 1);
      moveTo(`${target}-${activeInMonth.slice(8) > '28' ? '28' : activeInMonth.slice(8)}`);
    }
  };

  const logged = grid.flat().filter((d) => d && byDate.has(d)).length;

  return (
    <section className="card calendar" aria-labelledby={`${id}-h`}>
      <div className="calendar-head">
        <button type="button" className="small" onClick={() => setMonth(shiftMonth(month, -1))} aria-label="Previous month">
          ‹
        </button>
        <h2 id={`${id}-h`} aria-live="polite">
          {monthTitle(month)}
        </h2>
        <button type="button" className="small" onClick={() => setMonth(shiftMonth(month, 1))} aria-label="Next month" disabled={month >= today.slice(0, 7)}>
          ›
        </button>
      </div>
      {defs.length > 0 && (
        <div className="calendar-symptom">
          <label htmlFor={`${id}-sym`}>Colour days by</label>
          <select id={`${id}-sym`} value={def?.key ?? ''} onChange={(e) => setSymptomKey(e.target.value)}>
            {defs.map((d) => (
              <option key={d.key} value={d.key}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <p className="small muted">
        {logged === 0 ? 'No days logged this month.' : `${logged} of ${grid.flat().filter(Boolean).length} days logged this month.`} Choose a day to open it.
      </p>
      <table className="calendar-grid" ref={gridRef} onKeyDown={onKey} aria-label={`${monthTitle(month)}, coloured by ${def?.label ?? 'symptom'}`}>
        <thead>
          <tr>
            {WEEKDAYS.map((w, i) => (
              <th key={w} scope="col" abbr={WEEKDAY_NAMES[i]}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.map((week, wi) => (
            <tr key={wi}>
              {week.map((date, di) => {
                if (!date) return <td key={di} />;
                const log = byDate.get(date);
                const value = def && log ? log.symptoms[def.key] : undefined;
                const band = value !== undefined && def ? severityBand(value, def.polarity) : null;
                const future = date > today;
                const state = !log ? 'not logged' : value === undefined ? `${def?.label ?? 'symptom'} not rated` : `${def!.label} ${value} of 5, ${SEVERITY_WORDS[band!]}`;
                return (
                  <td key={di}>
                    <button
                      type="button"
                      data-date={date}
                      className={`cal-day${band ? ` sev-${band}` : log ? ' logged' : ''}${date === today ? ' today' : ''}`}
                      tabIndex={date === activeInMonth ? 0 : -1}
                      disabled={future}
                      aria-label={`${dayLabel(date)}: ${future ? 'in the future' : state}`}
                      aria-current={date === today ? 'date' : undefined}
                      onFocus={() => setActive(date)}
                      onClick={() => navigate(`/today?date=${date}`)}
                    >
                      <span className="cal-num">{Number(date.slice(8))}</span>
                      <span className="cal-val" aria-hidden="true">
                        {value !== undefined ? value : log ? '·' : ''}
                      </span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {def && (
        <ul className="calendar-legend" aria-label={`What the colours mean for ${def.label}`}>
          {severityLegend(def.polarity).map(({ band, values }) => (
            <li key={band}>
              <span className={`swatch sev-${band}`} aria-hidden="true" />
              {SEVERITY_WORDS[band][0]!.toUpperCase() + SEVERITY_WORDS[band].slice(1)} ({values.length > 1 ? `${values[0]}–${values[values.length - 1]}` : values[0]})
            </li>
          ))}
          <li>
            <span className="swatch logged" aria-hidden="true" />
            Logged, not rated
          </li>
          <li>
            <span className="swatch" aria-hidden="true" />
            Not logged
          </li>
        </ul>
      )}
      {def && <p className="small muted">{def.polarity === 'higher_is_better' ? `For ${def.label}, higher is better: 5 is a good day.` : `For ${def.label}, higher is worse: 0 is a good day.`}</p>}
    </section>
  );
}
