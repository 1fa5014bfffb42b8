import type { Command } from '../main';
import { parseArgs } from '../lib/args';
import { readExportFile } from '../lib/read-export';

/** `aurea validate FILE [--json]`: exit 0 when valid, 1 when not (every problem named), 2 on usage errors. */
export const run: Command = async (args, io) => {
  const { positionals, flags } = parseArgs(args);
  const [path] = positionals;
  if (!path) {
    io.err('usage: aurea validate FILE [--json]\n');
    return 2;
  }
  const result = await readExportFile(path);
  if (flags.has('json')) {
    io.out(JSON.stringify(result.ok ? { valid: true, log_count: result.file.logs.length } : { valid: false, message: result.message }) + '\n');
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    io.out(`${path}: valid Aurea export with ${result.file.logs.length} log${result.file.logs.length === 1 ? '' : 's'}\n`);
    return 0;
  }
  io.err(result.message + '\n');
  return 1;
};
