import type { Command } from '../main';
import { parseArgs } from '../lib/args';
import { readExportFile } from '../lib/read-export';
import { definitionsForAnalysis, diaryForAnalysis } from '../../shared/diary/for-analysis';
import { BUILTIN_SYMPTOMS, polarityOf } from '../../shared/schema';
import { analyseDiary, ASSOCIATION_NOTE, componentFindings, describeInsights, insightsJson, type InsightItem } from '../../shared/insights';

const USAGE = 'usage: aurea insights FILE [--json] [--all]\n';
/** Without --all, the plain-text summary lists this many "not enough data" foods. */
const GAP_FOODS_SHOWN = 8;

function section(title: string, items: InsightItem[], out: string[]): void {
  if (items.length === 0) return;
  out.push('', title);
  for (const item of items) out.push(`  • ${item.sentence}`);
}

/**
 * `aurea insights FILE [--json] [--all]`: analyses an export file. --json prints the DESIGN §4 report
 * (the shape of scipy's ref.json) followed by `explained`; otherwise a plain-language summary. Exit 1 on a bad file,
 * 2 on usage errors.
 */
export const run: Command = async (args, io) => {
  const { positionals, flags } = parseArgs(args);
  const unknown = [...flags.keys()].filter((f) => f !== 'json' && f !== 'all');
  if (positionals.length !== 1 || unknown.length > 0) {
    io.err((unknown.length ? `aurea insights: unknown option --${unknown[0]}\n` : '') + USAGE);
    return 2;
  }
  const path = positionals[0]!;
  const read = await readExportFile(path);
  if (!read.ok) {
    io.err(read.message + '\n');
    return 1;
  }
  // Estimated cycle phases and stool outcomes are analysed like what was logged (shared/diary/derived).
  const logs = diaryForAnalysis(read.file.logs);
  const tracksStool = read.file.logs.some((l) => (l.stool_types?.length ?? 0) > 0);
  const definitions = tracksStool ? definitionsForAnalysis(read.file.symptom_definitions ?? BUILTIN_SYMPTOMS, read.file.logs) : read.file.symptom_definitions;
  const result = analyseDiary(logs, { definitions });

  if (flags.has('json')) {
    // The §4 keys first, then explained findings, then component findings: the per-food report keeps its shape and order.
    io.out(JSON.stringify({ ...insightsJson(result), components: result.components ?? [] }, null, 1) + '\n');
    return 0;
  }

  const items = describeInsights(result, { definitions });
  const of = (...kinds: InsightItem['kind'][]) => items.filter((i) => kinds.includes(i.kind));
  const out: string[] = [];
  const span = result.first_date ? ` from ${result.first_date} to ${result.last_date}` : '';
  out.push(`${path}: ${result.log_count} log${result.log_count === 1 ? '' : 's'}${span}`);
  section('Foods linked to worse symptoms', of('trigger', 'delayed').filter((i) => i.direction === 'worse'), out);
  section('Foods that only look linked (eaten with a likelier trigger)', of('explained'), out);
  section('Foods linked to better days', of('protective', 'delayed').filter((i) => i.direction === 'better'), out);
  const defs = definitions ?? [];
  const groups = componentFindings(result.components ?? [], (key) => ({
    label: (defs.find((d) => d.key === key) ?? BUILTIN_SYMPTOMS.find((d) => d.key === key))?.label ?? key,
    polarity: polarityOf(key, defs),
  }));
  if (groups.length > 0) out.push('', 'Food groups linked to symptoms', ...groups.map((g) => `  • ${g.sentence}`));
  section('No standout foods', of('no_triggers'), out);
  section('Cycle, week and time', of('cycle', 'weekday', 'trend', 'seasonal'), out);
  const gaps = of('not_enough_data');
  const foodGaps = gaps.filter((g) => g.subject === 'ingredient');
  const shown = flags.has('all') ? foodGaps : foodGaps.slice(0, GAP_FOODS_SHOWN);
  section('Not enough data yet', [...gaps.filter((g) => g.subject !== 'ingredient'), ...shown], out);
  if (shown.length < foodGaps.length) out.push(`  … and ${foodGaps.length - shown.length} more foods close to being testable (--all lists them)`);
  if (result.log_count > 0) out.push('', ASSOCIATION_NOTE);
  io.out(out.join('\n') + '\n');
  return 0;
};
