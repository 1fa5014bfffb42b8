/**
 * Adding one food or packaged product to a day from outside the day's form (Foods' "Add to today", issue 14).
 * The rule is pure so the app, tests and any other adapter add the same way: the day's saved content is
 * kept, the food joins the chosen meal (created when missing), and a product's composite is merged by name.
 */
import { cleanIngredients } from './ingredients';
import { withComposite } from './composites';
import { mealIdFor, mealsOfLog, UNNAMED_MEAL_ID } from './meals';
import { normaliseIngredient } from '../ingredients/normalise';
import { INGREDIENT_NAME_MAX, type Composite, type DailyLog, type LogInput, type Meal } from '../schema';

/** A food's name as a day holds it: normalised, cut to the longest name a day can hold. */
export function dayFoodName(raw: string): string {
  const name = normaliseIngredient(raw);
  const chars = [...name];
  return chars.length > INGREDIENT_NAME_MAX ? normaliseIngredient(chars.slice(0, INGREDIENT_NAME_MAX).join('')) : name;
}

/**
 * A packaged product as a day's item: its name, barcode and ingredients. A product without an ingredient
 * list is still a product (its barcode and kind are kept, so the day says what it was), and contributes
 * nothing beyond its name to the analysis: an empty list expands to nothing.
 */
export function productComposite(p: { name: string; barcode?: string | null; ingredients: readonly string[] }): Composite {
  const name = dayFoodName(p.name);
  const ingredients = cleanIngredients(p.ingredients.map(dayFoodName)).filter((i) => i && i !== name).slice(0, 80);
  // The label's own name is kept beside the tidied one, so the day still says which product it was.
  const label = p.name.trim().slice(0, 120);
  return { name, kind: 'product', ...(p.barcode && /^\d{8,14}$/.test(p.barcode) ? { barcode: p.barcode } : {}), ...(label && label !== name ? { label } : {}), ingredients };
}

export interface AddToDay {
  date: string;
  /** The meal to add to ("Lunch"); null or "" for a day kept as one list. */
  meal: string | null;
  name: string;
  composite?: Composite;
}

/**
 * The day's input after adding one food: everything saved is kept (symptoms, notes, marks, other meals). A
 * day with meals, or an empty day, gets the food in the chosen meal; a day logged as one list before meals
 * existed keeps its list and the food joins it (its foods stay one list: they are not moved into a meal the
 * person never chose for them).
 */
export function addFoodToLog(existing: DailyLog | undefined, add: AddToDay): LogInput {
  const name = dayFoodName(add.name);
  if (!name) throw new Error('A food needs a name with at least one letter or digit.');
  const base: LogInput = {
    date: add.date,
    ingredients: existing?.ingredients ?? [],
    symptoms: existing?.symptoms ?? {},
    cycle_phase: existing?.cycle_phase ?? null,
    ...(existing?.notes ? { notes: existing.notes } : {}),
  };
  const composites = add.composite ? withComposite(existing?.composites, { ...add.composite, name }) : existing?.composites;
  const mealName = (add.meal ?? '').trim();
  const listDay = existing && !existing.meals && existing.ingredients.length > 0;
  let input: LogInput;
  if (listDay || !mealName) {
    // No meal chosen, or a day kept as one list: the food joins the day's list (an unnamed meal when meals exist).
    if (existing?.meals) input = { ...base, meals: addTo(mealsOfLog(existing), UNNAMED_MEAL_ID, '', name) };
    else input = { ...base, ingredients: cleanIngredients([...base.ingredients, name]) };
  } else {
    input = { ...base, meals: addTo(existing ? mealsOfLog(existing) : [], mealIdFor(mealName), mealName, name) };
  }
  if (composites?.length) input.composites = composites;
  return input;
}

/** A food added to the meal of that name (created when the day has none; "" is the day's unnamed list). */
export function addFoodToMeals(meals: readonly Meal[], mealName: string, food: string): Meal[] {
  const name = mealName.trim();
  return addTo(meals, name ? mealIdFor(name) : UNNAMED_MEAL_ID, name, food);
}

function addTo(meals: readonly Meal[], id: string, mealName: string, food: string): Meal[] {
  const found = meals.find((m) => m.id === id);
  if (!found) return [...meals, { id, name: mealName, time: null, ingredients: [food] }];
  return meals.map((m) => (m.id === id ? { ...m, ingredients: cleanIngredients([...m.ingredients, food]) } : m));
}
