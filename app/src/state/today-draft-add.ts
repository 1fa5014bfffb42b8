import { addFoodToMeals } from '../../../shared/diary/add-to-day';
import { withComposite } from '../../../shared/diary/composites';
import type { Composite } from '../../../shared/schema';
import { todayDrafts } from './today-drafts';

/**
 * A food added to a day from elsewhere (Foods' "Add to today") while Today holds unsaved changes for that
 * day: it joins the draft too, so saving the draft later keeps it instead of dropping it. Returns whether the
 * draft changed (only then does Undo take it out of the draft again).
 */
export function addToTodayDraft(date: string, meal: string | null, name: string, composite?: Composite): boolean {
  const d = todayDrafts.get(date);
  if (!d || d.meals.some((m) => m.ingredients.includes(name))) return false;
  todayDrafts.set(date, { ...d, meals: addFoodToMeals(d.meals, meal ?? '', name), composites: composite ? withComposite(d.composites, composite) : d.composites });
  return true;
}

/** Undo of addToTodayDraft. */
export function removeFromTodayDraft(date: string, name: string): void {
  const d = todayDrafts.get(date);
  if (!d) return;
  todayDrafts.set(date, { ...d, meals: d.meals.map((m) => ({ ...m, ingredients: m.ingredients.filter((n) => n !== name) })), composites: d.composites.filter((c) => c.name !== name) });
}
