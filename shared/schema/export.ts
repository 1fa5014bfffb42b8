import * as z from 'zod/mini';
import { cyclePhase, ingredientList, isoDate, notes, periodDay, stoolTypes, symptomDefinition, symptoms } from './log';

/** One log in an export file: ids and timestamps are optional (hand-written files lack them). */
export const exportedLog = z.looseObject({
  id: z.optional(z.string().check(z.minLength(1))),
  date: isoDate,
  ingredients: ingredientList,
  symptoms,
  cycle_phase: z.optional(z.nullable(cyclePhase)),
  period: z.optional(periodDay),
  stool_types: z.optional(stoolTypes),
  notes: z.optional(notes),
  created_at: z.optional(z.string()),
  updated_at: z.optional(z.string()),
}, { error: 'must be an object with date, ingredients and symptoms' });
export type ExportedLog = z.infer<typeof exportedLog>;

/** The `aurea.export` v1 file (DESIGN §2). Extra top-level fields are kept. */
export const exportFile = z.looseObject({
  format: z.literal('aurea.export', { error: 'must be "aurea.export"' }),
  version: z.literal(1, { error: 'must be 1 (the only version this app reads)' }),
  exported_at: z.optional(z.string()),
  symptom_definitions: z.optional(z.array(symptomDefinition)),
  logs: z.array(exportedLog, { error: 'must be a list of logs' }),
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
