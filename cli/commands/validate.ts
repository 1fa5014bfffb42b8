import type { Command } from '../main';
import { parseArgs } from '../lib/args';
import { readExportFile } from '../lib/read-export';
import { implausibleDates, listDates } from '../../shared/diary/import';
import { localToday } from '../../shared/util/dates';

/** `aurea validate FILE [--json]`: exit 0 when valid, 1 when not (every problem named), 2 on usage errors. */
export const run: Command = async (args, io) => {
  const { positionals, flags } = parseArgs(args);
  const [path] = positionals;
  if (!path) {
    io.err('usage: aurea validate FILE [--json]\n');
    return 2;
  }
  const result = await readExportFile(path);
  // Valid but unlikely dates (after tomorrow, over 20 years back) are warned about, as the app asks about them on import.
  const odd = result.ok ? implausibleDates(result.file.logs.map((l) => l.date), localToday()) : null;
  if (flags.has('json')) {
    io.out(JSON.stringify(result.ok ? { valid: true, log_count: result.file.logs.length, dates_after_tomorrow: odd!.future, dates_over_20_years_ago: odd!.tooOld } : { valid: false, message: result.message }) + '\n');
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    io.out(`${path}: valid Aurea export with ${result.file.logs.length} log${result.file.logs.length === 1 ? '' : 's'}\n`);
    const n = (k: number) => `${k} day${k === 1 ? '' : 's'}`;
    if (odd!.future.length) io.err(`warning: ${n(odd!.future.length)} after tomorrow: ${listDates(odd!.future)} (the app asks before importing ${odd!.future.length === 1 ? 'it' : 'them'})\n`);
    if (odd!.tooOld.length) io.err(`warning: ${n(odd!.tooOld.length)} more than 20 years ago: ${listDates(odd!.tooOld)} (the app asks before importing ${odd!.tooOld.length === 1 ? 'it' : 'them'})\n`);
    return 0;
  }
  io.err(result.message + '\n');
  return 1;
};
