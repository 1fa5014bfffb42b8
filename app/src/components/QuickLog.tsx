import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { DailyLog } from '../../../shared/schema';
import { mealLabel, mealsLine, mealsOfLog, UNNAMED_MEAL_ID } from '../../../shared/diary/meals';
import { addToMeal, mealNameOf, type DraftMeal } from './MealsEditor';
import { addDays } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { InputError, listMeals, noteMealUsed, previousLog, saveMeal } from '../../db/repo';
import { Dialog } from './Dialog';
import { toast } from '../state/toasts';
import { shortDate } from '../format';

/** A day's meals copied into another day's: each into the meal of the same name (a day before meals into the chosen one). */
export function withDayCopied(meals: readonly DraftMeal[], from: DailyLog, activeMeal: string): DraftMeal[] {
  let next = [...meals];
  for (const m of mealsOfLog(from)) {
    const target = m.id === UNNAMED_MEAL_ID ? activeMeal : m.id;
    const name = m.id === UNNAMED_MEAL_ID ? mealNameOf(next, activeMeal) : m.name;
    next = addToMeal(next, target, name, m.ingredients);
    if (m.time && target === m.id) next = next.map((x) => (x.id === target && !x.time ? { ...x, time: m.time ?? null } : x));
  }
  return next;
}

/**
 * The fast paths for logging food: same as yesterday (meal by meal), copy any day, and saved meals
 * that add a whole set of foods to the chosen meal in one tap; "Save as meal" keeps the chosen meal.
 */
export function QuickLog({ date, meals: dayMeals, activeMeal, onMeals }: { date: string; meals: DraftMeal[]; activeMeal: string; onMeals: (next: DraftMeal[]) => void }) {
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
  const activeName = mealNameOf(dayMeals, activeMeal) || 'this meal';
  const activeFoods = dayMeals.find((m) => m.id === activeMeal)?.ingredients ?? [];
  const copyFrom = (log: DailyLog) => {
    onMeals(withDayCopied(dayMeals, log, activeMeal));
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
        <button type="button" className="small" onClick={() => setMealOpen(true)} disabled={activeFoods.length === 0}>
          Save {activeName} as a meal…
        </button>
      </div>
      {meals.length > 0 && (
        <div className="quick">
          <h3 id={`${id}-meals`}>Saved meals (tap to add to {activeName})</h3>
          <ul className="chips" aria-labelledby={`${id}-meals`}>
            {meals.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="chip add meal"
                  title={m.ingredients.join(', ')}
                  aria-label={`Add meal ${m.name}: ${m.ingredients.join(', ')}`}
                  onClick={() => {
                    onMeals(addToMeal(dayMeals, activeMeal, mealNameOf(dayMeals, activeMeal), m.ingredients));
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
          <ul className="copy-days" aria-label="Recent days">
            {recentDays.map((l) => (
              <li key={l.date}>
                <button
                  type="button"
                  className="copy-day"
                  onClick={() => {
                    copyFrom(l);
                    setCopyOpen(false);
                  }}
                  aria-label={`Copy ${shortDate(l.date)}: ${l.ingredients.join(', ') || 'no foods'}`}
                >
                  <strong>{shortDate(l.date)}</strong>
                  <span className="small muted">{mealsLine(l) || 'no foods'}</span>
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

      <Dialog open={mealOpen} title={`Save ${activeName} as a meal`} onClose={() => setMealOpen(false)}>
        <form
          className="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            setMealError(null);
            try {
              const meal = await saveMeal(db, mealName, activeFoods);
              toast(`Saved meal “${meal.name}”.`);
              setMealOpen(false);
              setMealName('');
            } catch (err) {
              setMealError(err instanceof InputError ? err.message : (err as Error).message);
            }
          }}
        >
          <p className="muted small">
            {mealLabel({ name: activeName, time: null })}: {activeFoods.join(', ')}
          </p>
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
