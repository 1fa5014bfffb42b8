import type { DailyLog, ExportFile, SymptomDefinition } from '../schema';
import { byDate, toExportedLog } from './logs';

/** The `aurea.export` v1 file for a diary (DESIGN §2), logs by date, custom symptoms included. */
export function buildExportFile(logs: readonly DailyLog[], symptoms: readonly SymptomDefinition[], nowIso: string): ExportFile {
  return {
    format: 'aurea.export',
    version: 1,
    exported_at: nowIso,
    symptom_definitions: symptoms.filter((s) => !s.builtin),
    logs: byDate(logs).map(toExportedLog),
  };
}

function csvCell(value: string): string {
  // Quote when needed; prefix formula-like cells so spreadsheets never execute them.
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * One row per log: date, ingredients (joined with "; "), one column per symptom, cycle phase, notes.
 * Symptom columns are the built-ins first, then every other symptom seen, so no value is dropped.
 */
export function logsToCsv(logs: readonly DailyLog[], symptoms: readonly SymptomDefinition[]): string {
  const keys = symptoms.map((s) => s.key);
  for (const log of logs) for (const k of Object.keys(log.symptoms)) if (!keys.includes(k)) keys.push(k);
  const header = ['date', 'ingredients', ...keys, 'cycle_phase', 'notes'];
  const rows = byDate(logs).map((log) =>
    [log.date, log.ingredients.join('; '), ...keys.map((k) => (log.symptoms[k] === undefined ? '' : String(log.symptoms[k]))), log.cycle_phase ?? '', log.notes ?? '']
      .map(csvCell)
      .join(','),
  );
  return [header.map(csvCell).join(','), ...rows].join('\r\n') + '\r\n';
}
