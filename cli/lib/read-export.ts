import { readFile } from 'node:fs/promises';
import { describeProblem, validateExport, type ExportFile } from '../../shared/schema';

export type ReadExportResult = { ok: true; file: ExportFile } | { ok: false; message: string };

/** Reads and validates an export file; the message names every problem (file, record, field). */
export async function readExportFile(path: string): Promise<ReadExportResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${path} is not valid JSON: ${(e as Error).message}` };
  }
  const v = validateExport(data);
  if (v.ok) return { ok: true, file: v.file };
  const lines = v.problems.map((p) => `  ${describeProblem(p)}`);
  return { ok: false, message: `${path} is not a valid Aurea export (${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}` };
}
