import { CURRENT_EXPORT_VERSION, type DailyLog, type ExportedChallenge, type ExportedSavedMeal, type ExportFile, type Recipe, type SymptomDefinition } from '../schema';
import type { Json } from '../sync/doc';
import { byDate, toExportedLog } from './logs';
import { mealsLine } from './meals';

/** What a version 2 export carries beside the logs, so moving by file loses nothing. */
export interface ExportExtras {
  savedMeals?: readonly ExportedSavedMeal[];
  challenges?: readonly ExportedChallenge[];
  recipes?: readonly Recipe[];
  settings?: Readonly<Record<string, Json>>;
}

/**
 * The `aurea.export` file for a diary (DESIGN §2, format version 2): logs by date with their meals,
 * custom symptoms, saved meals, re-challenges and the person's settings.
 */
export function buildExportFile(logs: readonly DailyLog[], symptoms: readonly SymptomDefinition[], nowIso: string, extras: ExportExtras = {}): ExportFile {
  return {
    format: 'aurea.export',
    version: CURRENT_EXPORT_VERSION,
    exported_at: nowIso,
    symptom_definitions: symptoms.filter((s) => !s.builtin),
    logs: byDate(logs).map(toExportedLog),
    saved_meals: [...(extras.savedMeals ?? [])],
    challenges: [...(extras.challenges ?? [])],
    ...(extras.recipes?.length ? { recipes: [...extras.recipes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) } : {}),
    settings: { ...(extras.settings ?? {}) },
  };
}

function csvCell(value: string): string {
  // Quote when needed; prefix formula-like cells so spreadsheets never execute them.
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * One row per log: date, ingredients (joined with "; "), meals ("Breakfast 08:30: oats, milk | Lunch: soup"),
 * one column per symptom, cycle phase, notes.
 * Symptom columns are the built-ins first, then every other symptom seen, so no value is dropped.
 */
export function logsToCsv(logs: readonly DailyLog[], symptoms: readonly SymptomDefinition[]): string {
  const keys = symptoms.map((s) => s.key);
  for (const log of logs) for (const k of Object.keys(log.symptoms)) if (!keys.includes(k)) keys.push(k);
  const header = ['date', 'ingredients', 'meals', ...keys, 'cycle_phase', 'notes'];
  const rows = byDate(logs).map((log) =>
    [log.date, log.ingredients.join('; '), log.meals ? mealsLine(log) : '', ...keys.map((k) => (log.symptoms[k] === undefined ? '' : String(log.symptoms[k]))), log.cycle_phase ?? '', log.notes ?? '']
      .map(csvCell)
      .join(','),
  );
  return [header.map(csvCell).join(','), ...rows].join('\r\n') + '\r\n';
}
