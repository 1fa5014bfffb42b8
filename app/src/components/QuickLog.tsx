import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { DailyLog } from '../../../shared/schema';
import { addDays } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { InputError, listMeals, noteMealUsed, previousLog, saveMeal } from '../../db/repo';
import { Dialog } from './Dialog';
import { toast } from '../state/toasts';
import { shortDate } from '../format';

/** Adds names to a list, keeping order and skipping ones already there. */
export function withAdded(list: readonly string[], names: readonly string[]): string[] {
  const next = [...list];
  for (const n of names) if (!next.includes(n)) next.push(n);
  return next;
}

/**
 * The fast paths for logging food: same as yesterday, copy any day, and saved meals that add a
 * whole set of ingredients in one tap.
 */
export function QuickLog({ date, ingredients, onIngredients }: { date: string; ingredients: string[]; onIngredients: (next: string[]) => void }) {
  const db = appDb();
  const id = useId();
  const prev = useLiveQuery(async () => ({ log: await previousLog(db, date) }), [date]);
  const meals = useLiveQuery(() => listMeals(db), []) ?? [];
  const recentDays = useLiveQuery(() => db.logs.where('date').below(date).reverse().limit(10).toArray(), [date]) ?? [];
  const [copyOpen, setCopyOpen] = useState(false);
  const [copyDate, setCopyDate] = useState('');
  const [mealOpen, setMealOpen] = useState(false);
  const [mealName, setMealName] = useState('');
  const [mealError, setMealError] = useState<string | null>(null);

  const previous = prev?.log;
  const yesterday = addDays(date, -1);
  const copyFrom = (log: DailyLog) => {
    onIngredients(withAdded(ingredients, log.ingredients));
    toast(`Added ${log.ingredients.length} ingredient${log.ingredients.length === 1 ? '' : 's'} from ${shortDate(log.date)}.`);
  };

  return (
    <div className="quick-log">
      <div className="row">
        <button type="button" className="small" disabled={!previous || previous.ingredients.length === 0} onClick={() => previous && copyFrom(previous)}>
          {previous && previous.date !== yesterday ? `Same as ${shortDate(previous.date)}` : 'Same as yesterday'}
        </button>
        <button type="button" className="small" onClick={() => setCopyOpen(true)} disabled={recentDays.length === 0}>
          Copy a day…
        </button>
        <button type="button" className="small" onClick={() => setMealOpen(true)} disabled={ingredients.length === 0}>
          Save as meal…
        </button>
      </div>
      {meals.length > 0 && (
        <div className="quick">
          <h3 id={`${id}-meals`}>Your meals</h3>
          <ul className="chips" aria-labelledby={`${id}-meals`}>
            {meals.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="chip add meal"
                  title={m.ingredients.join(', ')}
                  aria-label={`Add meal ${m.name}: ${m.ingredients.join(', ')}`}
                  onClick={() => {
                    onIngredients(withAdded(ingredients, m.ingredients));
                    void noteMealUsed(db, m.id);
                  }}
                >
                  + {m.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <Dialog open={copyOpen} title="Copy food from another day" onClose={() => setCopyOpen(false)}>
        <div className="stack">
          <ul className="chips" aria-label="Recent days">
            {recentDays.map((l) => (
              <li key={l.date}>
                <button
                  type="button"
                  className="chip add"
                  onClick={() => {
                    copyFrom(l);
                    setCopyOpen(false);
                  }}
                  aria-label={`Copy ${shortDate(l.date)}: ${l.ingredients.join(', ') || 'no foods'}`}
                >
                  {shortDate(l.date)}
                </button>
              </li>
            ))}
          </ul>
          <form
            className="row"
            onSubmit={async (e) => {
              e.preventDefault();
              const log = copyDate ? await db.logs.get(copyDate) : undefined;
              if (!log) {
                toast(copyDate ? `Nothing logged on ${shortDate(copyDate)}.` : 'Pick a date first.', { kind: 'error' });
                return;
              }
              copyFrom(log);
              setCopyOpen(false);
            }}
          >
            <div style={{ flex: 1 }}>
              <label htmlFor={`${id}-copy`}>Or pick any date</label>
              <input id={`${id}-copy`} type="date" value={copyDate} max={date} onChange={(e) => setCopyDate(e.target.value)} />
            </div>
            <button type="submit" className="primary" style={{ alignSelf: 'flex-end' }}>
              Copy
            </button>
          </form>
          <button type="button" onClick={() => setCopyOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>

      <Dialog open={mealOpen} title="Save as a meal" onClose={() => setMealOpen(false)}>
        <form
          className="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            setMealError(null);
            try {
              const meal = await saveMeal(db, mealName, ingredients);
              toast(`Saved meal “${meal.name}”.`);
              setMealOpen(false);
              setMealName('');
            } catch (err) {
              setMealError(err instanceof InputError ? err.message : (err as Error).message);
            }
          }}
        >
          <p className="muted small">{ingredients.join(', ')}</p>
          <div>
            <label htmlFor={`${id}-meal`}>Meal name</label>
            <input id={`${id}-meal`} type="text" value={mealName} maxLength={40} placeholder="e.g. usual breakfast" onChange={(e) => setMealName(e.target.value)} autoFocus />
          </div>
          {mealError && (
            <p className="error-text" role="alert">
              {mealError}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary">
              Save meal
            </button>
            <button type="button" onClick={() => setMealOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
