import { diaryForAnalysis } from '../../shared/diary/for-analysis';
import { z } from 'zod';
import type { Command } from '../main';
import { parseArgs } from '../lib/args';
import { readExportFile } from '../lib/read-export';
import { cyclePhase, isoDate } from '../../shared/schema';
import { normaliseIngredient } from '../../shared/ingredients/normalise';
import { loadFoodTable, lookup } from '../../shared/ingredients/food-table';
import { scoreIngredient } from '../../shared/scoring';
import { predict } from '../../shared/model/predict';
import { disposeModelSet, trainModelSet, DEFAULT_WINDOW_DAYS } from '../../shared/model/train';
import { TARGETS } from '../../shared/model/targets';
import type { IngredientScoreLookup } from '../../shared/model/types';
import { parseWindowDays } from './backtest';

const USAGE = 'usage: aurea predict FILE --date YYYY-MM-DD --ingredients a,b,c [--cycle-phase PHASE] [--window-days N|all] [--json]\n';
const KNOWN = new Set(['date', 'ingredients', 'cycle-phase', 'window-days', 'json']);

const query = z.object({
  date: isoDate,
  ingredients: z.array(z.string().min(1)).min(1, 'name at least one ingredient').max(200, 'at most 200 ingredients a day'),
  cycle_phase: z.nullable(cyclePhase),
});

/**
 * `aurea predict FILE --date D --ingredients a,b,c [--cycle-phase P] --json`: trains on the logs before D
 * as the app would (last 90 days unless --window-days says otherwise) and predicts D. With fewer than 14
 * logs it uses the cold-start rule on the offline food table's scores.
 */
export const run: Command = async (args, io) => {
  const { positionals, flags } = parseArgs(args, ['date', 'ingredients', 'cycle-phase', 'window-days']);
  const unknown = [...flags.keys()].filter((f) => !KNOWN.has(f));
  if (positionals.length !== 1 || unknown.length > 0) {
    io.err((unknown.length ? `aurea predict: unknown option --${unknown[0]}\n` : positionals.length > 1 ? 'aurea predict: one FILE only\n' : '') + USAGE);
    return 2;
  }
  const date = flags.get('date');
  const ingredientsRaw = flags.get('ingredients');
  const phaseRaw = flags.get('cycle-phase');
  if (typeof date !== 'string' || typeof ingredientsRaw !== 'string') {
    io.err(`aurea predict: --date and --ingredients are required\n${USAGE}`);
    return 2;
  }
  const parsed = query.safeParse({
    date,
    ingredients: [...new Set(ingredientsRaw.split(',').map((s) => normaliseIngredient(s)).filter((s) => s.length > 0))],
    cycle_phase: phaseRaw === undefined ? null : phaseRaw,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path[0] === 'cycle_phase' ? '--cycle-phase' : `--${String(issue.path[0])}`;
    const detail = issue.path[0] === 'cycle_phase' ? 'must be one of menstrual, follicular, ovulatory, luteal' : issue.message;
    io.err(`aurea predict: ${flag} ${detail}\n${USAGE}`);
    return 2;
  }
  const windowDays = parseWindowDays(flags.get('window-days'), DEFAULT_WINDOW_DAYS);
  if (typeof windowDays === 'string') {
    io.err(`aurea predict: ${windowDays}\n${USAGE}`);
    return 2;
  }
  const path = positionals[0]!;
  const read = await readExportFile(path);
  if (!read.ok) {
    io.err(read.message + '\n');
    return 1;
  }
  const q = parsed.data;
  // Only what came before the day: the model must never see the predicted day's own symptoms.
  const before = diaryForAnalysis(read.file.logs.filter((l) => l.date < q.date));
  const set = trainModelSet(before, { windowDays });
  let scoreLookup: IngredientScoreLookup | undefined;
  if (set.tier === 'cold_start') {
    const table = await loadFoodTable();
    scoreLookup = (name) => {
      const data = lookup(table, name);
      if (!data) return undefined;
      const { gut_impact, inflammation_potential } = scoreIngredient(data).scores;
      return { gut_impact, inflammation_potential };
    };
  }
  const prediction = predict(set, before, q, { scoreIngredient: scoreLookup });
  disposeModelSet(set);
  if (flags.has('json')) {
    io.out(JSON.stringify(prediction, null, 1) + '\n');
    return 0;
  }
  const out = [`${q.date} (${set.tier === 'cold_start' ? 'general food data' : `personal ${set.tier} model from ${set.training_samples} logs`}):`];
  for (const t of TARGETS) out.push(`  ${t.label.padEnd(11)} ${Math.round(prediction[t.probabilityKey] * 100)} %  (confidence ${prediction.confidence_by_target[t.key]})`);
  out.push(`  expected bloating ${prediction.bloating_score.toFixed(1)} of 5`, '', prediction.interpretation);
  const lines = TARGETS.flatMap((t) => prediction.contributions[t.key].map((c) => `  • ${c.text}`));
  if (lines.length) out.push('', ...lines);
  io.out(out.join('\n') + '\n');
  return 0;
};
