import type { DailyLog, ExportedLog, LogInput } from '../schema';
import { cleanIngredients } from './ingredients';
import { cleanMeals, dayIngredients } from './meals';
import { cleanComposites } from './composites';

export { cleanIngredients };

/**
 * Builds the stored log for a day from what the person entered. Saving a date that already has a
 * log updates it: the id and created_at of the existing log are kept.
 */
export function buildLog(input: LogInput, existing: DailyLog | undefined, nowIso: string, newId: () => string): DailyLog {
  const notes = input.notes?.trim();
  const log: DailyLog = {
    ...(existing ?? {}),
    id: existing?.id ?? newId(),
    date: input.date,
    ingredients: cleanIngredients(input.ingredients),
    symptoms: { ...input.symptoms },
    cycle_phase: input.cycle_phase ?? null,
    created_at: existing?.created_at ?? nowIso,
    updated_at: nowIso,
  };
  if (notes) log.notes = notes;
  else delete log.notes;
  // With meals, the day's foods are their union (the analysis reads `ingredients`); without, none are kept.
  if (input.meals) {
    log.meals = cleanMeals(input.meals);
    log.ingredients = dayIngredients(log.meals);
  } else delete log.meals;
  // Dishes and products: the ones sent, or (omitted) the saved ones, kept only while still among the day's foods.
  const composites = cleanComposites(input.composites ?? existing?.composites ?? [], log.ingredients);
  if (composites.length) log.composites = composites;
  else delete log.composites;
  // Marks the form did not send are kept; an unmarked period day or an empty stool list leaves no field.
  if (input.period !== undefined) {
    if (input.period) log.period = true;
    else delete log.period;
  }
  if (input.stool_types !== undefined) {
    if (input.stool_types.length) log.stool_types = [...input.stool_types];
    else delete log.stool_types;
  }
  // A demo day the person edits and saves becomes their own data.
  delete log.demo;
  return log;
}

/** The fields that make two logs the same day's record (ids and timestamps aside). */
type DayContent = Pick<DailyLog, 'ingredients' | 'symptoms' | 'cycle_phase' | 'notes' | 'meals' | 'period' | 'stool_types' | 'composites'>;
export function sameContent(a: DayContent, b: DayContent): boolean {
  if ((a.cycle_phase ?? null) !== (b.cycle_phase ?? null)) return false;
  if (JSON.stringify(a.meals ?? null) !== JSON.stringify(b.meals ?? null)) return false;
  if (JSON.stringify(a.composites ?? null) !== JSON.stringify(b.composites ?? null)) return false;
  if ((a.period ?? false) !== (b.period ?? false)) return false;
  if ((a.stool_types ?? []).join() !== (b.stool_types ?? []).join()) return false;
  if ((a.notes ?? '') !== (b.notes ?? '')) return false;
  if (a.ingredients.length !== b.ingredients.length || a.ingredients.some((x, i) => x !== b.ingredients[i])) return false;
  const ka = Object.keys(a.symptoms).sort();
  const kb = Object.keys(b.symptoms).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a.symptoms[k] === b.symptoms[k]);
}

/** Strips device-only fields for the export file, keeping any extra fields a log carries. */
export function toExportedLog(log: DailyLog): ExportedLog {
  return { ...log };
}

/** Sorts logs by date ascending (the order analysis and exports use). */
export function byDate<T extends { date: string }>(logs: readonly T[]): T[] {
  return [...logs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
