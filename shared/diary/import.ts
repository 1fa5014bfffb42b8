import type { DailyLog, ExportFile, ExportedLog, SymptomDefinition } from '../schema';
import { cleanIngredients, sameContent } from './logs';
import { cleanMeals, dayIngredients } from './meals';

export interface ImportPlan {
  /** Logs to write, already in their stored form. */
  writes: DailyLog[];
  counts: { new: number; updated: number; unchanged: number; total: number };
  /** Custom symptom definitions in the file that this device does not have yet. */
  newSymptoms: SymptomDefinition[];
  /** Symptom keys used by the logs that have no definition anywhere (imported as "higher is worse"). */
  undefinedSymptoms: string[];
}

/**
 * Plans an import: which dates are new, which update an existing log, which are unchanged.
 * Nothing is written here; the app applies `writes` in one transaction so the import is atomic.
 */
export function planImport(
  file: ExportFile,
  existing: ReadonlyMap<string, DailyLog>,
  knownSymptoms: readonly SymptomDefinition[],
  nowIso: string,
  newId: () => string,
): ImportPlan {
  const writes: DailyLog[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const known = new Set(knownSymptoms.map((s) => s.key));
  const newSymptoms = (file.symptom_definitions ?? []).filter((d) => !d.builtin && !known.has(d.key));
  for (const d of newSymptoms) known.add(d.key);
  const undefinedSymptoms = new Set<string>();

  for (const entry of file.logs) {
    for (const k of Object.keys(entry.symptoms)) if (!known.has(k)) undefinedSymptoms.add(k);
    const incoming = storedFromExported(entry, existing.get(entry.date), nowIso, newId);
    const current = existing.get(entry.date);
    if (!current) {
      created++;
      writes.push(incoming);
    } else if (sameContent(current, incoming)) {
      unchanged++;
    } else {
      updated++;
      writes.push(incoming);
    }
  }
  return {
    writes,
    counts: { new: created, updated, unchanged, total: file.logs.length },
    newSymptoms,
    undefinedSymptoms: [...undefinedSymptoms].sort(),
  };
}

function storedFromExported(entry: ExportedLog, current: DailyLog | undefined, nowIso: string, newId: () => string): DailyLog {
  const log: DailyLog = {
    ...entry,
    id: current?.id ?? entry.id ?? newId(),
    date: entry.date,
    ingredients: cleanIngredients(entry.ingredients),
    symptoms: { ...entry.symptoms },
    cycle_phase: entry.cycle_phase ?? null,
    created_at: current?.created_at ?? validIso(entry.created_at) ?? nowIso,
    updated_at: nowIso,
  };
  if (entry.notes?.trim()) log.notes = entry.notes.trim();
  else delete log.notes;
  // A day with meals (format version 2): its foods are the union of its meals' foods, whatever the file says.
  if (entry.meals) {
    log.meals = cleanMeals(entry.meals);
    log.ingredients = dayIngredients(log.meals);
  } else delete log.meals;
  return log;
}

function validIso(s: string | undefined): string | undefined {
  return s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined;
}
