import * as z from 'zod/mini';
import { recipe } from './recipe';
import { COMPONENT_KEYS } from '../ingredients/component-keys';
import { compositeList, cyclePhase, ingredientList, isoDate, mealList, notes, periodDay, stoolTypes, symptomDefinition, symptoms } from './log';

/** One log in an export file: ids and timestamps are optional (hand-written files lack them). */
export const exportedLog = z.looseObject({
  id: z.optional(z.string().check(z.minLength(1))),
  date: isoDate,
  ingredients: ingredientList,
  meals: z.optional(mealList),
  composites: z.optional(compositeList),
  symptoms,
  cycle_phase: z.optional(z.nullable(cyclePhase)),
  period: z.optional(periodDay),
  stool_types: z.optional(stoolTypes),
  notes: z.optional(notes),
  created_at: z.optional(z.string()),
  updated_at: z.optional(z.string()),
}, { error: 'must be an object with date, ingredients and symptoms' });
export type ExportedLog = z.infer<typeof exportedLog>;

/** A saved meal ("usual breakfast") as exported: a name and its foods, added to a day in one tap. */
export const exportedSavedMeal = z.looseObject({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(40, 'must be at most 40 characters')),
  ingredients: ingredientList,
  created_at: z.optional(z.string()),
  used_count: z.optional(z.number().check(z.int(), z.minimum(0))),
});
export type ExportedSavedMeal = z.infer<typeof exportedSavedMeal>;

/**
 * A food-group test's foods (issue 14), kept in the plan as asked. Optional: files without it (single-food
 * tests, older exports) read as before, and an older app reads such a test by its plain name.
 */
const exportedComponentPlan = z.looseObject({
  key: z.enum(COMPONENT_KEYS, { error: `must be one of ${COMPONENT_KEYS.join(', ')}` }),
  avoid: z.array(z.string().check(z.minLength(1), z.maxLength(80))).check(z.maxLength(200)),
  goEasy: z.array(z.string().check(z.minLength(1), z.maxLength(80))).check(z.maxLength(200)),
});

/** A re-challenge as exported: what was tested, its plan and, once finished, its result. */
export const exportedChallenge = z.looseObject({
  id: z.string().check(z.minLength(1)),
  ingredient: z.string().check(z.minLength(1), z.maxLength(80)),
  symptom: z.string().check(z.minLength(1), z.maxLength(40)),
  status: z.enum(['active', 'completed', 'cancelled'], { error: 'must be active, completed or cancelled' }),
  created_at: z.string(),
  plan: z.looseObject({
    ingredient: z.string(),
    symptom: z.string(),
    start: isoDate,
    avoidDays: z.number().check(z.int(), z.minimum(3), z.maximum(28)),
    challengeDates: z.array(isoDate).check(z.minLength(2), z.maxLength(6)),
    end: isoDate,
    component: z.optional(exportedComponentPlan),
  }),
  result: z.optional(z.unknown()),
});
export type ExportedChallenge = z.infer<typeof exportedChallenge>;

/** The format versions this app reads: 1 (logs and symptom definitions) and 2 (meals and the rest of the diary). */
export const EXPORT_VERSIONS = [1, 2] as const;
export const CURRENT_EXPORT_VERSION = 2;

/**
 * The `aurea.export` file (DESIGN §2). Version 2 adds meals inside each log, saved meals,
 * re-challenges and the person's settings; version 1 files are read as they are. Extra top-level
 * fields are kept.
 */
export const exportFile = z.looseObject({
  format: z.literal('aurea.export', { error: 'must be "aurea.export"' }),
  version: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2 (the versions this app reads)' }),
  exported_at: z.optional(z.string()),
  symptom_definitions: z.optional(z.array(symptomDefinition)),
  logs: z.array(exportedLog, { error: 'must be a list of logs' }),
  saved_meals: z.optional(z.array(exportedSavedMeal, { error: 'must be a list of saved meals' })),
  challenges: z.optional(z.array(exportedChallenge, { error: 'must be a list of re-challenges' })),
  /** The person's own recipes ("my lasagna"): optional, so files from before recipes still read. */
  recipes: z.optional(z.array(recipe, { error: 'must be a list of recipes' })),
  settings: z.optional(z.record(z.string(), z.json(), { error: 'must be an object of settings' })),
}, { error: 'must be a JSON object with format "aurea.export"' });
export type ExportFile = z.infer<typeof exportFile>;

export interface ExportProblem {
  /** 1-based record number in `logs`, or null for a problem with the file itself. */
  record: number | null;
  /** The record's date when it has a readable one. */
  date: string | null;
  /** Dotted path of the field inside the record (or the file). */
  field: string;
  message: string;
}

export type ExportValidation =
  | { ok: true; file: ExportFile }
  | { ok: false; problems: ExportProblem[] };

function pathToField(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') || '(file)';
}

/** Checks a parsed JSON value against the export format and names every problem by record and field. */
export function validateExport(data: unknown): ExportValidation {
  const parsed = exportFile.safeParse(data);
  const problems: ExportProblem[] = [];
  if (parsed.success) {
    const seen = new Map<string, number>();
    parsed.data.logs.forEach((log, i) => {
      // A day's foods are its meals' foods: the analysis (and the CLI) reads `ingredients`, the app shows meals.
      if (log.meals) {
        const inMeals = new Set(log.meals.flatMap((m) => m.ingredients));
        const listed = new Set(log.ingredients);
        const missing = [...inMeals].filter((n) => !listed.has(n));
        const extra = [...listed].filter((n) => !inMeals.has(n));
        if (missing.length || extra.length) {
          const parts = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `not in any meal: ${extra.join(', ')}` : ''].filter(Boolean);
          problems.push({ record: i + 1, date: log.date, field: 'ingredients', message: `must list exactly the foods of the day's meals (${parts.join('; ')})` });
        }
      }
      const prev = seen.get(log.date);
      if (prev !== undefined) {
        problems.push({ record: i + 1, date: log.date, field: 'date', message: `repeats the date of record ${prev + 1}; one log per date` });
      } else seen.set(log.date, i);
    });
    if (problems.length === 0) return { ok: true, file: parsed.data };
    return { ok: false, problems };
  }
  const logs = (data as { logs?: unknown } | null)?.logs;
  for (const issue of parsed.error.issues) {
    const path = issue.path;
    if (path[0] === 'logs' && typeof path[1] === 'number') {
      const rec = Array.isArray(logs) ? (logs[path[1]] as { date?: unknown } | undefined) : undefined;
      const date = rec && typeof rec.date === 'string' ? rec.date : null;
      problems.push({ record: path[1] + 1, date, field: pathToField(path.slice(2)) || '(record)', message: issue.message });
    } else {
      problems.push({ record: null, date: null, field: pathToField(path), message: issue.message });
    }
  }
  return { ok: false, problems };
}

/** One line per problem, e.g. `record 12 (2026-01-03), symptoms.bloating: must be from 0 to 5`. */
export function describeProblem(p: ExportProblem): string {
  const where = p.record === null ? `file, ${p.field}` : `record ${p.record}${p.date ? ` (${p.date})` : ''}, ${p.field}`;
  return `${where}: ${p.message}`;
}
