import { useLiveQuery } from 'dexie-react-hooks';
import { mealsLine } from '../../../shared/diary/meals';
import { useId, useMemo, useState } from 'react';
import type { Composite, DailyLog } from '../../../shared/schema';
import { searchDays } from '../../../shared/diary/search';
import { SEVERITY_WORDS, severityBand } from '../../../shared/diary/severity';
import { appDb } from '../../db/db';
import { deleteLog, restoreLog, symptomDefinitions } from '../../db/repo';
import { ConfirmDialog } from '../components/Dialog';
import { MonthCalendar } from '../components/MonthCalendar';
import { VirtualList } from '../components/VirtualList';
import { navigate, useLocation } from '../router';
import { toast } from '../state/toasts';
import { plural, shortDate } from '../format';

export function HistoryPage() {
  const db = appDb();
  const id = useId();
  // Only the fields the list shows are kept in memory; 3,000 logs are a few hundred KB.
  const logs = useLiveQuery(() => db.logs.orderBy('date').reverse().toArray(), []);
  const defs = useLiveQuery(() => symptomDefinitions(db), []) ?? [];
  const [filter, setFilter] = useState('');
  const [deleting, setDeleting] = useState<DailyLog | null>(null);
  // The view is in the address so Back from a day opened in the calendar returns to the calendar.
  const view = useLocation().query.get('view') === 'calendar' ? 'calendar' : 'list';

  // The open button names each rating in words, so the colour is never the only cue.
  const levelWords = (log: DailyLog) => {
    const parts = defs.filter((d) => log.symptoms[d.key] !== undefined).map((d) => `${d.label} ${log.symptoms[d.key]} of 5, ${SEVERITY_WORDS[severityBand(log.symptoms[d.key]!, d.polarity)]}`);
    return parts.length ? ` — ${parts.join('; ')}` : '';
  };

  const shown = useMemo(() => (logs ? searchDays(logs, filter) : []), [logs, filter]);

  const onDelete = async (log: DailyLog) => {
    setDeleting(null);
    const removed = await deleteLog(db, log.date);
    if (!removed) return;
    // A model or insights that learned from this day stop being used (shared/diary/derived.ts).
    void import('../state/diaryChanges').then((m) => m.afterBulkChange(db));
    toast(`Deleted ${shortDate(log.date)}.`, {
      action: {
        label: 'Undo',
        run: () => {
          void restoreLog(db, removed).then(() => toast(`Restored ${shortDate(log.date)}.`));
        },
      },
    });
  };

  return (
    <>
      <h1>History</h1>
      {logs === undefined ? (
        <p className="muted">Loading…</p>
      ) : logs.length === 0 ? (
        <div className="card">
          <p>No days logged yet.</p>
          <button type="button" className="primary" onClick={() => navigate('/today')}>
            Log today
          </button>
        </div>
      ) : (
        <>
          <fieldset className="history-view">
            <legend className="visually-hidden">Show history as</legend>
            <div className="segmented">
              {(['list', 'calendar'] as const).map((v) => (
                <span key={v}>
                  <input type="radio" id={`${id}-${v}`} name={`${id}-view`} checked={view === v} onChange={() => navigate(v === 'list' ? '/history' : '/history?view=calendar', { replace: true })} />
                  <label htmlFor={`${id}-${v}`}>{v === 'list' ? 'List' : 'Calendar'}</label>
                </span>
              ))}
            </div>
          </fieldset>
          {view === 'calendar' ? (
            <MonthCalendar logs={logs} defs={defs} />
          ) : (
            <>
              <div className="history-search">
                <label htmlFor="history-filter">Find a day or food</label>
                <input id="history-filter" type="search" placeholder="e.g. Nov 30, Monday, March, oats" value={filter} onChange={(e) => setFilter(e.target.value)} aria-describedby={`${id}-count`} />
                <p id={`${id}-count`} className="muted small" aria-live="polite">
                  {filter.trim() ? `${plural(shown.length, 'day')} ${shown.length === 1 ? 'matches' : 'match'}` : `${plural(logs.length, 'logged day')}`}
                </p>
              </div>
              {shown.length === 0 ? (
                <p className="card">No day matches “{filter.trim()}”. Try a date such as “30 Nov” or “11/30”, a weekday, a month or a food.</p>
              ) : (
                <VirtualList
                  items={shown}
                  rowHeight={76}
                  label="Logged days, newest first"
                  rowKey={(l) => l.date}
                  renderRow={(log) => (
                    <>
                      <button type="button" className="open" onClick={() => navigate(`/today?date=${log.date}`)} aria-label={`Open ${shortDate(log.date)}${productWords(log)}${levelWords(log)}`}>
                        <span className="date">{shortDate(log.date)}</span>
                        <span className="foods">{log.ingredients.length ? mealsLine(log) : 'no foods logged'}</span>
                        <span className="levels">
                          {productsOf(log).length > 0 && (
                            <span className="product-mark" title={productsOf(log).map((c) => `${c.name}: ${c.ingredients.join(', ') || 'no ingredient list'}`).join('\n')}>
                              {productsOf(log).length === 1 ? 'product' : `${productsOf(log).length} products`}
                            </span>
                          )}
                          {defs
                            .filter((d) => log.symptoms[d.key] !== undefined)
                            .slice(0, 4)
                            .map((d) => {
                              const v = log.symptoms[d.key]!;
                              const band = severityBand(v, d.polarity);
                              return (
                                <span key={d.key} className={`level sev-${band}`} title={`${d.label} ${v} of 5: ${SEVERITY_WORDS[band]}`}>
                                  {d.label} {v}
                                </span>
                              );
                            })}
                        </span>
                      </button>
                      <button type="button" className="ghost small" onClick={() => setDeleting(log)} aria-label={`Delete ${shortDate(log.date)}…`}>
                        Delete…
                      </button>
                    </>
                  )}
                />
              )}
            </>
          )}
        </>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete ${shortDate(deleting.date)}?` : 'Delete this day?'}
        body={
          deleting && (
            <p>
              {deleting.ingredients.length ? `Its ${plural(deleting.ingredients.length, 'food')}` : 'Its entries'}, symptoms and notes are removed from this device. You can undo it for a few seconds afterwards.
            </p>
          )
        }
        confirmLabel="Delete day"
        danger
        onConfirm={() => deleting && void onDelete(deleting)}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}

/** The day's packaged products (logged from Foods or the picker). */
function productsOf(log: DailyLog): Composite[] {
  return (log.composites ?? []).filter((c) => c.kind === 'product');
}

/** ", with products: oat drink (oats, rapeseed oil)" for the row's accessible name. */
function productWords(log: DailyLog): string {
  const items = productsOf(log);
  return items.length ? `, with ${items.length === 1 ? 'product' : 'products'}: ${items.map((c) => (c.ingredients.length ? `${c.name} (${c.ingredients.join(', ')})` : c.name)).join('; ')}` : '';
}
