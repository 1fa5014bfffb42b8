import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { DailyLog } from '../../../shared/schema';
import { appDb } from '../../db/db';
import { deleteLog, restoreLog, symptomDefinitions } from '../../db/repo';
import { VirtualList } from '../components/VirtualList';
import { navigate } from '../router';
import { toast } from '../state/toasts';
import { plural, shortDate } from '../format';

export function HistoryPage() {
  const db = appDb();
  // Only the fields the list shows are kept in memory; 3,000 logs are a few hundred KB.
  const logs = useLiveQuery(() => db.logs.orderBy('date').reverse().toArray(), []);
  const defs = useLiveQuery(() => symptomDefinitions(db), []) ?? [];
  const [filter, setFilter] = useState('');

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!logs) return [];
    if (!q) return logs;
    return logs.filter((l) => l.date.includes(q) || l.ingredients.some((i) => i.includes(q)) || (l.notes ?? '').toLowerCase().includes(q));
  }, [logs, filter]);

  const onDelete = async (log: DailyLog) => {
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
          <div className="row spread" style={{ marginBottom: '0.6rem' }}>
            <p className="muted" style={{ margin: 0 }} aria-live="polite">
              {filter ? `${plural(shown.length, 'day')} match` : plural(logs.length, 'day') + ' logged'}
            </p>
            <div style={{ flex: '1 1 12rem', maxWidth: '18rem' }}>
              <label htmlFor="history-filter" className="visually-hidden">
                Find a day or food
              </label>
              <input id="history-filter" type="search" placeholder="Find a day or food" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </div>
          </div>
          <VirtualList
            items={shown}
            rowHeight={76}
            label="Logged days, newest first"
            rowKey={(l) => l.date}
            renderRow={(log) => (
              <>
                <button type="button" className="open" onClick={() => navigate(`/today?date=${log.date}`)} aria-label={`Open ${shortDate(log.date)}`}>
                  <span className="date">{shortDate(log.date)}</span>
                  <span className="foods">{log.ingredients.length ? log.ingredients.join(', ') : 'no foods logged'}</span>
                  <span className="levels">
                    {defs
                      .filter((d) => log.symptoms[d.key] !== undefined)
                      .slice(0, 4)
                      .map((d) => (
                        <span key={d.key} className="level">
                          {d.label} {log.symptoms[d.key]}
                        </span>
                      ))}
                  </span>
                </button>
                <button type="button" className="ghost small" onClick={() => void onDelete(log)} aria-label={`Delete ${shortDate(log.date)}`}>
                  Delete
                </button>
              </>
            )}
          />
        </>
      )}
    </>
  );
}
