import type { Command } from '../main';
import { parseArgs } from '../lib/args';
import { loadFoodTable, searchFoods, toIngredientData, type FoodEntry, type FoodTable } from '../../shared/ingredients/food-table';
import { resolveIngredient } from '../../shared/ingredients/normalise';
import type { EvidenceConfidence, IngredientScores, ScoreReason } from '../../shared/ingredients/types';
import { describeScores, GENERAL_GUIDANCE, reasonsFor, scoreIngredient } from '../../shared/scoring';

/** One food's result, as printed by `aurea score --json`. */
export interface ScoreResult {
  query: string;
  name: string | null;
  found: boolean;
  source: {
    table: 'offline';
    sr28: { ndb: string; description: string | null } | null;
    glycemic_index: { value: number; table: string; row: string; food: string } | null;
    note: string | null;
  } | null;
  scores: IngredientScores | null;
  evidence_confidence: EvidenceConfidence | null;
  reasons: ScoreReason[];
  /** Why nothing was scored (found: false only). */
  reason?: string;
  /** Close names to try (found: false only). */
  suggestions?: string[];
}

export function scoreNames(table: FoodTable, names: readonly string[]): ScoreResult[] {
  return names.map((query) => {
    const entry = resolveIngredient(query, table);
    if (!entry) {
      const suggestions = searchFoods(table, query, 5).map((m) => m.name);
      return {
        query,
        name: null,
        found: false,
        source: null,
        scores: null,
        evidence_confidence: null,
        reasons: [],
        reason: `"${query}" is not in the offline food table${suggestions.length ? `; close matches: ${suggestions.join(', ')}` : ''}`,
        suggestions,
      };
    }
    const scored = scoreIngredient(toIngredientData(entry));
    return {
      query,
      name: entry.name,
      found: true,
      source: sourceOf(entry),
      scores: scored.scores,
      evidence_confidence: scored.evidence_confidence,
      reasons: scored.reasons,
    };
  });
}

function sourceOf(entry: FoodEntry): NonNullable<ScoreResult['source']> {
  return {
    table: 'offline',
    sr28: entry.ndb ? { ndb: entry.ndb, description: entry.sr28 } : null,
    glycemic_index:
      entry.glycemic_index !== null && entry.gi_source
        ? {
            value: entry.glycemic_index,
            table: entry.gi_source.table === 'atkinson2008' ? 'Atkinson 2008 Table 1' : 'MyGi',
            row: entry.gi_source.row,
            food: entry.gi_source.food,
          }
        : null,
    note: entry.note,
  };
}

/** `aurea score NAME... [--json]`: scores foods from the bundled offline table. Exit 1 when a name is unknown. */
export const run: Command = async (args, io) => {
  const { positionals, flags } = parseArgs(args);
  if (positionals.length === 0 || flags.has('help')) {
    io.err('usage: aurea score NAME... [--json]\n  Scores foods from the offline table, e.g. aurea score "white bread" lentils salmon\n');
    return 2;
  }
  const table = await loadFoodTable();
  const results = scoreNames(table, positionals);
  if (flags.has('json')) io.out(`${JSON.stringify(results, null, 2)}\n`);
  else io.out(renderTable(results, table));
  return results.every((r) => r.found) ? 0 : 1;
};

function renderTable(results: ScoreResult[], table: FoodTable): string {
  const header = ['food', 'blood sugar', 'inflammation', 'gut', 'hormonal', 'overall', 'confidence'];
  const rows = results.map((r) =>
    r.found && r.scores
      ? [r.name!, r.scores.blood_sugar_impact, r.scores.inflammation_potential, r.scores.gut_impact, r.scores.hormonal_relevance.score, r.scores.overall_score, r.evidence_confidence!].map(String)
      : [r.query, '–', '–', '–', '–', '–', 'not found'],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const out = [
    `${GENERAL_GUIDANCE.heading}: ${GENERAL_GUIDANCE.note}`,
    'Blood sugar and gut: higher is gentler. Inflammation and hormonal: higher means more impact. Scores 0–100.',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  for (const r of results) {
    out.push('');
    if (!r.found) {
      out.push(`${r.query}: ${r.reason}`);
      continue;
    }
    const entry = resolveIngredient(r.query, table)!;
    const scored = { scores: r.scores!, evidence_confidence: r.evidence_confidence!, reasons: r.reasons };
    const summary = describeScores(scored);
    const src = r.source?.sr28 ? `USDA SR28 ${r.source.sr28.ndb} (${r.source.sr28.description})` : 'Aurea knowledge table only';
    out.push(`${entry.name} — ${summary.sentence}`);
    out.push(`  source: ${src}${r.source?.glycemic_index ? `; GI ${r.source.glycemic_index.value} from ${r.source.glycemic_index.table} (${r.source.glycemic_index.food})` : ''}`);
    if (entry.note) out.push(`  note: ${entry.note}`);
    for (const [dimension, title] of [
      ['blood_sugar', 'blood sugar'],
      ['inflammation', 'inflammation'],
      ['gut', 'gut'],
      ['hormonal', 'hormonal'],
      ['confidence', 'confidence'],
    ] as const) {
      const why = reasonsFor(scored, dimension);
      if (why.length) out.push(`  ${title}: ${why.map((w) => w.text).join('; ')}`);
    }
    out.push(`  hormones: ${r.scores!.hormonal_relevance.details}`);
  }
  return `${out.join('\n')}\n`;
}
