import { diaryForAnalysis } from '../../shared/diary/for-analysis';
import type { Command } from '../main';
import { parseArgs } from '../lib/args';
import { readExportFile } from '../lib/read-export';
import { backtest } from '../../shared/model/backtest';
import { TARGETS } from '../../shared/model/targets';

const USAGE = 'usage: aurea backtest FILE [--train-fraction 0.8] [--window-days N|all] [--json]\n';
const KNOWN = new Set(['train-fraction', 'window-days', 'json']);

/** Parses --window-days: a positive whole number of days, or "all" (null). */
export function parseWindowDays(raw: string | true | undefined, fallback: number | null): number | null | string {
  if (raw === undefined) return fallback;
  if (raw === 'all') return null;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : '--window-days must be a whole number of days (at least 1) or "all"';
}

/**
 * `aurea backtest FILE --train-fraction 0.8 --json` (DESIGN §5): trains on the first 80 % of logs by
 * date (every one of them unless --window-days limits it) and predicts each later day from the logs
 * before it plus that day's ingredients and cycle phase. Exit 1 on a bad file, 2 on usage errors.
 */
export const run: Command = async (args, io) => {
  const { positionals, flags } = parseArgs(args, ['train-fraction', 'window-days']);
  const unknown = [...flags.keys()].filter((f) => !KNOWN.has(f));
  if (positionals.length !== 1 || unknown.length > 0) {
    io.err((unknown.length ? `aurea backtest: unknown option --${unknown[0]}\n` : positionals.length > 1 ? `aurea backtest: one FILE only\n` : '') + USAGE);
    return 2;
  }
  const rawFraction = flags.get('train-fraction');
  const fraction = rawFraction === undefined ? 0.8 : typeof rawFraction === 'string' && rawFraction.trim() !== '' ? Number(rawFraction) : NaN;
  if (!(fraction > 0 && fraction < 1)) {
    io.err(`aurea backtest: --train-fraction must be a number between 0 and 1 (exclusive), e.g. 0.8\n${USAGE}`);
    return 2;
  }
  const windowDays = parseWindowDays(flags.get('window-days'), null);
  if (typeof windowDays === 'string') {
    io.err(`aurea backtest: ${windowDays}\n${USAGE}`);
    return 2;
  }
  const path = positionals[0]!;
  const read = await readExportFile(path);
  if (!read.ok) {
    io.err(read.message + '\n');
    return 1;
  }
  let result;
  try {
    result = backtest(diaryForAnalysis(read.file.logs), { trainFraction: fraction, windowDays });
  } catch (e) {
    io.err(`aurea backtest: ${(e as Error).message}\n`);
    return 1;
  }
  if (flags.has('json')) {
    io.out(JSON.stringify(result, null, 1) + '\n');
    return 0;
  }
  const m = result.model;
  const out = [
    `${path}: trained on the first ${result.train_count} logs (${m.tier} model, ${m.vocabulary_size} foods${m.component_features.length ? ` and ${m.component_features.length} food ${m.component_features.length === 1 ? 'group' : 'groups'}` : ''}), predicted ${result.predictions.length} later days`,
  ];
  for (const t of TARGETS) {
    const s = m.backtest[t.key];
    const aucText = s.auc === null ? 'AUC n/a (one outcome only)' : `AUC ${s.auc.toFixed(3)}`;
    out.push(`  ${t.label.padEnd(11)} ${aucText}, Brier ${s.brier === null ? 'n/a' : s.brier.toFixed(3)}, right on ${s.accuracy === null ? 'n/a' : `${Math.round(s.accuracy * 100)} %`} of ${s.n} days (${s.positives} with ${t.outcome}); confidence ${m.confidence[t.key]}`);
  }
  out.push('  (--json prints every prediction)');
  io.out(out.join('\n') + '\n');
  return 0;
};
