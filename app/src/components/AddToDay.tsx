import { useId, useState } from 'react';
import { dayFoodName, productComposite } from '../../../shared/diary/add-to-day';
import { mealForTime, STANDARD_MEALS } from '../../../shared/diary/meals';
import { compositesForFoods } from '../../../shared/diary/composites';
import { addDays, localToday } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { addFoodToDay, InputError, listRecipes, StorageFullError, undoAddToDay } from '../../db/repo';
import { longDate } from '../format';
import { navigate } from '../router';
import type { FoodView } from '../state/food-lookup/types';
import { toast } from '../state/toasts';
import { addToTodayDraft, removeFromTodayDraft } from '../state/today-draft-add';

/**
 * "Add to today" on a food's card: the food (or the product, with its barcode and label ingredients) joins a
 * meal of today, or of another day. Saved at once through the same path as Today's Save; the toast names
 * the meal and offers Undo and a way to the day.
 */
/** The item a dish or one of the person's recipes makes of a food added from its card (none for a plain food). */
async function dishComposite(food: FoodView) {
  const parts = food.table?.made_of?.map((p) => p.name) ?? [];
  return compositesForFoods([food.name], parts.length ? () => parts : null, await listRecipes(appDb()))[0];
}

export function AddToDay({ food }: { food: FoodView }) {
  const id = useId();
  const db = appDb();
  const today = localToday();
  const [meal, setMeal] = useState<string>(() => mealForTime(new Date().getHours()));
  const [date, setDate] = useState(today);
  const [otherDay, setOtherDay] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const product = food.product;
  const names = product?.parsed.names ?? [];

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      // A product keeps its barcode and label ingredients; one without an ingredient list is still marked a product.
      // A dish (or the person's recipe of that name) brings its ingredients, as when it is logged on Today.
      const composite = product ? productComposite({ name: food.name, barcode: product.barcode, ingredients: names }) : await dishComposite(food);
      const { before } = await addFoodToDay(db, date, meal, food.name, composite);
      const day = date === today ? 'today' : longDate(date);
      const added = composite?.name ?? dayFoodName(food.name);
      // Unsaved changes on Today for that day keep the new food when they are saved.
      const inDraft = addToTodayDraft(date, meal, added, composite);
      toast(`Added ${added} to ${meal}, ${day}.`, {
        action: {
          label: 'Undo',
          run: () => {
            if (inDraft) removeFromTodayDraft(date, added);
            void undoAddToDay(db, date, before).then(
              () => toast(`Took ${added} off ${day} again.`),
              (e: Error) => toast(`Could not undo: ${e.message}`, { kind: 'error' }),
            );
          },
        },
        secondary: { label: date === today ? 'Open Today' : 'Open day', run: () => navigate(date === today ? '/today' : `/today?date=${date}`) },
      });
    } catch (e) {
      setError(e instanceof InputError || e instanceof StorageFullError ? e.message : `Could not add it: ${(e as Error).message}. Nothing was changed.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="add-to-day" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="visually-hidden">
        Log {food.name}
      </h3>
      <div className="add-row">
        <div className="add-meal">
          <label htmlFor={`${id}-meal`}>Meal</label>
          <select id={`${id}-meal`} value={meal} onChange={(e) => setMeal(e.target.value)}>
            {STANDARD_MEALS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        {otherDay && (
          <div className="add-date">
            <label htmlFor={`${id}-date`}>Day</label>
            <input id={`${id}-date`} type="date" value={date} max={addDays(today, 1)} onChange={(e) => e.target.value && setDate(e.target.value)} />
          </div>
        )}
        <button type="button" className="primary" onClick={() => void add()} disabled={busy}>
          {date === today ? 'Add to today' : `Add to ${longDate(date)}`}
        </button>
      </div>
      {!otherDay && (
        <button type="button" className="link small" onClick={() => setOtherDay(true)}>
          Another day…
        </button>
      )}
      {product && (
        <p className="small muted add-note">
          {names.length
            ? `Logged as a product: its ${names.length} label ingredient${names.length === 1 ? '' : 's'} count in your analysis too.`
            : 'This product has no ingredient list Aurea can read, so it is logged under its name only.'}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
