import { useId, useState, type ReactNode } from 'react';
import { mealIdFor, mealLabel, sortMeals, STANDARD_MEALS, UNNAMED_MEAL_ID } from '../../../shared/diary/meals';
import type { Meal } from '../../../shared/schema';
import { IngredientPicker, type Suggestion } from './IngredientPicker';

/** A meal being edited: like a stored meal, but it may be empty while the person fills it. */
export type DraftMeal = Meal;

/** Adds names to a meal (creating it), keeping order and skipping names it already has. */
export function addToMeal(meals: readonly DraftMeal[], mealId: string, name: string, names: readonly string[]): DraftMeal[] {
  const existing = meals.find((m) => m.id === mealId);
  if (!existing) return sortMeals([...meals, { id: mealId, name, time: null, ingredients: [...new Set(names)] }]);
  return meals.map((m) => (m.id === mealId ? { ...m, ingredients: [...m.ingredients, ...names.filter((n) => !m.ingredients.includes(n))] } : m));
}

/** The display name of a meal id the person has chosen (standard, or one of the day's own). */
export function mealNameOf(meals: readonly DraftMeal[], id: string): string {
  return meals.find((m) => m.id === id)?.name ?? STANDARD_MEALS.find((s) => mealIdFor(s) === id) ?? id;
}

/**
 * The day's food by meal: a meal chooser (Breakfast, Lunch, Dinner, Snacks or a name of the person's),
 * the chosen meal's foods with the type-ahead, an optional time per meal, and the day's other meals.
 */
export function MealsEditor(props: {
  meals: DraftMeal[];
  onMeals: (next: DraftMeal[]) => void;
  active: string;
  onActive: (id: string) => void;
  suggest: (q: string) => Suggestion[];
  renderBadge?: (name: string) => ReactNode;
  onOpenFood?: (name: string) => void;
  children?: ReactNode;
}) {
  const { meals, onMeals, active, onActive } = props;
  const id = useId();
  const [naming, setNaming] = useState(false);
  const [newName, setNewName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);

  const activeName = mealNameOf(meals, active);
  const activeMeal = meals.find((m) => m.id === active) ?? { id: active, name: activeName, time: null, ingredients: [] };
  const setMeal = (next: DraftMeal) => onMeals(meals.some((m) => m.id === next.id) ? meals.map((m) => (m.id === next.id ? next : m)) : sortMeals([...meals, next]));
  const choices = [...STANDARD_MEALS.map((n) => ({ id: mealIdFor(n), name: n })), ...meals.filter((m) => !STANDARD_MEALS.some((s) => mealIdFor(s) === m.id)).map((m) => ({ id: m.id, name: m.name || 'Food' }))];
  if (!choices.some((c) => c.id === active)) choices.push({ id: active, name: activeName || 'Food' });
  const others = sortMeals(meals.filter((m) => m.id !== active && m.ingredients.length > 0));

  const addNamed = () => {
    const name = newName.trim();
    if (!name) return setNameError('Give the meal a name');
    if (name.length > 40) return setNameError('Keep the name under 40 characters');
    const mealId = mealIdFor(name);
    if (mealId === UNNAMED_MEAL_ID) return setNameError('Use letters or digits in the name');
    if (!meals.some((m) => m.id === mealId) && !STANDARD_MEALS.some((s) => mealIdFor(s) === mealId)) onMeals(sortMeals([...meals, { id: mealId, name, time: null, ingredients: [] }]));
    onActive(mealId);
    setNaming(false);
    setNewName('');
    setNameError(null);
  };

  return (
    <div className="meals">
      <fieldset className="meal-choice">
        <legend>Meal</legend>
        <div className="segmented">
          {choices.map((c) => (
            <span key={c.id}>
              <input type="radio" id={`${id}-${c.id}`} name={`${id}-meal`} checked={c.id === active} onChange={() => onActive(c.id)} />
              <label htmlFor={`${id}-${c.id}`}>
                {c.name}
                {(meals.find((m) => m.id === c.id)?.ingredients.length ?? 0) > 0 && <span className="meal-count">{'\u00a0·\u00a0'}{meals.find((m) => m.id === c.id)!.ingredients.length}</span>}
              </label>
            </span>
          ))}
          {!naming && (
            <button type="button" className="small ghost meal-other" onClick={() => setNaming(true)}>
              + Other…
            </button>
          )}
        </div>
        {naming && (
          <div className="row meal-name-row">
            <label htmlFor={`${id}-new`} className="visually-hidden">
              Name of the meal
            </label>
            <input
              id={`${id}-new`}
              type="text"
              value={newName}
              maxLength={40}
              placeholder="e.g. Brunch, Late snack"
              autoFocus
              onChange={(e) => setNewName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addNamed();
                }
              }}
              aria-describedby={nameError ? `${id}-new-err` : undefined}
            />
            <button type="button" className="small" onClick={addNamed}>
              Add meal
            </button>
            <button type="button" className="small ghost" onClick={() => setNaming(false)}>
              Cancel
            </button>
            {nameError && (
              <p id={`${id}-new-err`} className="error-text" role="alert">
                {nameError}
              </p>
            )}
          </div>
        )}
      </fieldset>

      <section className="meal-block active" aria-label={activeName || 'Food'}>
        <div className="meal-head">
          <h3>{activeName || 'Food (logged before meals)'}</h3>
          <MealTime meal={activeMeal} onChange={(time) => setMeal({ ...activeMeal, time })} />
        </div>
        <IngredientPicker
          value={activeMeal.ingredients}
          onChange={(ingredients) => setMeal({ ...activeMeal, ingredients })}
          suggest={props.suggest}
          renderBadge={props.renderBadge}
          onOpenFood={props.onOpenFood}
          listLabel={`${activeName || 'Food'} foods`}
        />
        {props.children}
      </section>

      {others.length > 0 && (
        <div className="meal-others">
          {others.map((m) => (
            <section key={m.id} className="meal-block" aria-label={m.name || 'Food'}>
              <div className="meal-head">
                <h3>{m.name || 'Food (logged before meals)'}</h3>
                <MealTime meal={m} onChange={(time) => setMeal({ ...m, time })} />
              </div>
              <ul className="chips" aria-label={`${m.name || 'Food'} foods`}>
                {m.ingredients.map((n) => (
                  <li key={n} className="chip">
                    <span>{n}</span>
                    {props.renderBadge?.(n)}
                    <button type="button" className="remove" aria-label={`Remove ${n} from ${mealLabel(m)}`} onClick={() => setMeal({ ...m, ingredients: m.ingredients.filter((x) => x !== n) })}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
              <button type="button" className="small link meal-edit" onClick={() => onActive(m.id)}>
                Add to {m.name || 'this meal'}
              </button>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

function MealTime({ meal, onChange }: { meal: DraftMeal; onChange: (time: string | null) => void }) {
  const id = useId();
  return (
    <span className="meal-time">
      <label htmlFor={id} className="visually-hidden">
        {meal.name || 'Food'} time
      </label>
      <input id={id} type="time" value={meal.time ?? ''} onChange={(e) => onChange(e.target.value || null)} />
    </span>
  );
}
