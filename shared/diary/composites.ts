/**
 * Dishes, personal recipes and packaged products within a day (issue 14). A day lists such an item by its
 * name among its foods, so the person sees what they ate and the per-food analysis can still find
 * "lasagna" itself; `composites` records what each item is made of. The analysis reads the day's foods
 * with every item expanded into its ingredients (`expandedIngredients`), so wheat in a lasagna and
 * wheat typed on its own count as the same exposure.
 */
import { cleanIngredients } from './ingredients';
import { normaliseIngredient } from '../ingredients/normalise';
import type { Composite, DailyLog } from '../schema';

/** Cleans a day's items as stored: names and ingredients normalised, one entry per name, only items still among the day's foods. */
export function cleanComposites(composites: readonly Composite[], dayFoods: readonly string[]): Composite[] {
  const present = new Set(dayFoods);
  const byName = new Map<string, Composite>();
  for (const c of composites) {
    const name = normaliseIngredient(c.name);
    if (!name || !present.has(name) || byName.has(name)) continue;
    // An item is never its own ingredient (a product named "milk" made of milk adds nothing).
    const ingredients = cleanIngredients(c.ingredients).filter((i) => i !== name);
    byName.set(name, { name, kind: c.kind, ...(c.barcode ? { barcode: c.barcode } : {}), ...(c.label ? { label: c.label } : {}), ingredients });
  }
  return [...byName.values()];
}

/**
 * The day's foods as the analysis reads them: the foods as logged, then each dish's or product's
 * ingredients, de-duplicated in that order. A day without items comes back unchanged (same array), so
 * every number computed for a diary without dishes or products is exactly what it was.
 */
export function expandedIngredients<L extends { ingredients: readonly string[]; composites?: readonly Composite[] }>(log: L): L['ingredients'] {
  if (!log.composites?.length) return log.ingredients;
  const present = new Set(log.ingredients);
  const extra = log.composites.filter((c) => present.has(c.name)).flatMap((c) => c.ingredients);
  return extra.length ? (cleanIngredients([...log.ingredients, ...extra]) as L['ingredients']) : log.ingredients;
}

/** The item a day's food stands for, if it is a dish, recipe or product. */
export function compositeOf(log: Pick<DailyLog, 'composites'>, food: string): Composite | undefined {
  return log.composites?.find((c) => c.name === food);
}

/** Merges items into a list by name (later ones win), for adding a dish or product to a day being edited. */
export function withComposite(list: readonly Composite[] | undefined, item: Composite): Composite[] {
  const name = normaliseIngredient(item.name);
  return [...(list ?? []).filter((c) => c.name !== name), { ...item, name }];
}

/**
 * The rule that turns logged names into items (issue 14), written once: a name that is one of the person's
 * recipes becomes a 'recipe' item, otherwise a name the food table knows as a dish becomes a 'dish' item
 * (its ingredients = the dish's parts). A recipe named like a bundled dish wins for that person. Names
 * that are neither give nothing. `dishIngredients` answers for the bundled dishes (undefined = not a dish).
 */
export function compositesForFoods(
  names: readonly string[],
  dishIngredients: ((name: string) => readonly string[] | undefined) | null,
  recipes: ReadonlyArray<{ name: string; ingredients: ReadonlyArray<{ name: string }> }>,
): Composite[] {
  const byName = new Map(recipes.map((r) => [normaliseIngredient(r.name), r]));
  const out: Composite[] = [];
  for (const raw of names) {
    const name = normaliseIngredient(raw);
    if (!name || out.some((c) => c.name === name)) continue;
    const mine = byName.get(name);
    if (mine) {
      out.push({ name, kind: 'recipe', ingredients: cleanIngredients(mine.ingredients.map((p) => p.name)).filter((i) => i !== name) });
      continue;
    }
    const parts = dishIngredients?.(name);
    // Water adds nothing a diary can learn from; it only makes porridge and tea look alike.
    if (parts?.length) out.push({ name, kind: 'dish', ingredients: cleanIngredients(parts.filter((p) => p !== 'water')).filter((i) => i !== name) });
  }
  return out;
}

/**
 * The items of a day being saved: those it already had (a product, or a dish as it was when logged) stay
 * for foods still in the day; foods without one get one when they are a recipe or a dish.
 */
export function dayComposites(
  foods: readonly string[],
  saved: readonly Composite[] | undefined,
  dishIngredients: ((name: string) => readonly string[] | undefined) | null,
  recipes: ReadonlyArray<{ name: string; ingredients: ReadonlyArray<{ name: string }> }>,
): Composite[] {
  const present = new Set(foods);
  const kept = (saved ?? []).filter((c) => present.has(c.name));
  const have = new Set(kept.map((c) => c.name));
  return [...kept, ...compositesForFoods(foods.filter((f) => !have.has(f)), dishIngredients, recipes)];
}
