import type { DailyLog, ExportFile, ExportedLog, SymptomDefinition } from '../schema';
import { addDays } from '../util/dates';
import { cleanIngredients, sameContent } from './logs';
import { cleanMeals, dayIngredients } from './meals';
import { cleanComposites } from './composites';

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
  const composites = cleanComposites(entry.composites ?? [], log.ingredients);
  if (composites.length) log.composites = composites;
  else delete log.composites;
  return log;
}

function validIso(s: string | undefined): string | undefined {
  return s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined;
}

/** How far back a diary day may plausibly go before an import asks about it. */
export const IMPORT_OLDEST_YEARS = 20;

export interface ImplausibleDates {
  /** Days after tomorrow (a typo in the year, or a clock that was wrong), oldest first. */
  future: string[];
  /** Days more than IMPORT_OLDEST_YEARS years before today, oldest first. */
  tooOld: string[];
}

/**
 * Days in an import file that are unlikely to be real diary days: after tomorrow (tomorrow is allowed
 * for time zones ahead of the device) or more than 20 years back. The person must confirm them
 * explicitly, or import without them; `today` is the device's local "YYYY-MM-DD".
 */
export function implausibleDates(dates: readonly string[], today: string): ImplausibleDates {
  const tomorrow = addDays(today, 1);
  const [y, m, d] = today.split('-');
  // 29 February falls back to 28 February twenty years earlier (string compare is enough for ISO dates).
  const oldest = `${Number(y) - IMPORT_OLDEST_YEARS}-${m}-${m === '02' && d === '29' ? '28' : d}`;
  const future = dates.filter((x) => x > tomorrow);
  const tooOld = dates.filter((x) => x < oldest);
  return { future: [...new Set(future)].sort(), tooOld: [...new Set(tooOld)].sort() };
}

/** The file without the given days (for "Import without these days"). */
export function withoutDates<F extends { logs: readonly { date: string }[] }>(file: F, dates: readonly string[]): F {
  const drop = new Set(dates);
  return { ...file, logs: file.logs.filter((l) => !drop.has(l.date)) };
}

/** "2031-02-03, 2031-02-04 and 3 more" — a short list of the days an import asks about. */
export function listDates(dates: readonly string[], max = 5): string {
  if (dates.length <= max) return dates.length <= 1 ? (dates[0] ?? '') : `${dates.slice(0, -1).join(', ')} and ${dates[dates.length - 1]}`;
  return `${dates.slice(0, max).join(', ')} and ${dates.length - max} more`;
}
