/**
 * Turns a day's ADR features into the numeric row a linear model reads. Binary features stay 0/1 and
 * counts are scaled to about 0–1, so one L2 penalty treats every column alike. Two features are
 * re-expressed so an additive model can use them: day_of_week becomes one column per weekday, and
 * days_since_last contributes "eaten the day before" (days_since_last = 1), which is how a lagged
 * effect (onion yesterday → bloating today) shows up. Unknowns get an explicit flag column rather
 * than a made-up value.
 */
import { CYCLE_PHASES } from '../schema';
import type { DayFeatures } from './features';

export type IngredientColumn = 'today' | 'yesterday' | 'last3' | 'freq7';

export interface EncodingSpec {
  vocabulary: string[];
  /** Symptoms whose 7-day mean and trend are inputs. */
  symptoms: string[];
  /** Each symptom's mean in the training data: a missing rolling mean counts as this. */
  symptomCenters: number[];
  ingredientColumns: IngredientColumn[];
  /** Which day-level columns are included: none, only the cycle phase, or all (calendar, cycle, gaps, recent symptoms). */
  context: 'none' | 'cycle' | 'full';
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Column names, in order: `ingredient:<name>:<column>`, then the context columns. */
export function columnNames(spec: EncodingSpec): string[] {
  const names: string[] = [];
  for (const ing of spec.vocabulary) for (const c of spec.ingredientColumns) names.push(`ingredient:${ing}:${c}`);
  if (spec.context === 'cycle') {
    for (const p of CYCLE_PHASES) names.push(`cycle:${p}`);
  }
  if (spec.context === 'full') {
    for (const w of WEEKDAYS) names.push(`weekday:${w}`);
    names.push('is_weekend', 'days_since_first_log');
    for (const p of CYCLE_PHASES) names.push(`cycle:${p}`);
    names.push('cycle:unknown', 'days_until_menstruation', 'days_until_menstruation:unknown', 'logs_last_7_days', 'no_recent_logs');
    for (const s of spec.symptoms) names.push(`rolling_mean_7d:${s}`, `trend:${s}`);
  }
  return names;
}

export function columnCount(spec: EncodingSpec): number {
  const context = spec.context === 'full' ? 7 + 2 + 4 + 5 + 2 * spec.symptoms.length : spec.context === 'cycle' ? 4 : 0;
  return spec.vocabulary.length * spec.ingredientColumns.length + context;
}

/** Column of a cycle phase's indicator, or null when the encoding has none. */
export function cycleColumn(spec: EncodingSpec, phase: (typeof CYCLE_PHASES)[number]): number | null {
  const base = spec.vocabulary.length * spec.ingredientColumns.length;
  const i = CYCLE_PHASES.indexOf(phase);
  if (spec.context === 'cycle') return base + i;
  if (spec.context === 'full') return base + 9 + i;
  return null;
}

const indexCache = new WeakMap<EncodingSpec, Map<string, number>>();
function vocabularyIndex(spec: EncodingSpec): Map<string, number> {
  let m = indexCache.get(spec);
  if (!m) {
    m = new Map(spec.vocabulary.map((v, i) => [v, i]));
    indexCache.set(spec, m);
  }
  return m;
}

/** Sparse encoding of one day: parallel column and value lists (zeros omitted). */
export function encodeDay(spec: EncodingSpec, f: DayFeatures, cols: number[] = [], vals: number[] = []): { cols: number[]; vals: number[] } {
  cols.length = 0;
  vals.length = 0;
  const push = (c: number, v: number) => {
    if (v !== 0) {
      cols.push(c);
      vals.push(v);
    }
  };
  const per = spec.ingredientColumns.length;
  const position = vocabularyIndex(spec);
  const present = [...f.ingredients.keys()].filter((k) => position.has(k)).sort((a, b) => position.get(a)! - position.get(b)!);
  for (const ing of present) {
    const x = f.ingredients.get(ing)!;
    const base = position.get(ing)! * per;
    spec.ingredientColumns.forEach((c, k) => {
      const col = base + k;
      if (c === 'today') push(col, x.present_today);
      else if (c === 'yesterday') push(col, x.days_since_last === 1 ? 1 : 0);
      else if (c === 'last3') push(col, x.present_last_3_days);
      else push(col, x.frequency_last_7_days / 7);
    });
  }
  let c = spec.vocabulary.length * per;
  const phaseIndex = f.cycle_phase ? CYCLE_PHASES.indexOf(f.cycle_phase) : -1;
  if (spec.context === 'cycle' && phaseIndex >= 0) push(c + phaseIndex, 1);
  if (spec.context !== 'full') return { cols, vals };
  push(c + f.day_of_week, 1);
  c += 7;
  push(c++, f.is_weekend);
  push(c++, f.days_since_first_log / 365);
  if (phaseIndex >= 0) push(c + phaseIndex, 1);
  c += 4;
  push(c++, phaseIndex < 0 ? 1 : 0);
  push(c++, f.days_until_menstruation === null ? 0 : f.days_until_menstruation / 28);
  push(c++, f.days_until_menstruation === null ? 1 : 0);
  push(c++, f.logs_last_7_days / 7);
  push(c++, f.logs_last_7_days === 0 ? 1 : 0);
  spec.symptoms.forEach((s, k) => {
    const m = f.rolling_mean_7d[s];
    push(c++, m === null || m === undefined ? 0 : (m - spec.symptomCenters[k]!) / 2);
    push(c++, f.trend[s] ?? 0);
  });
  return { cols, vals };
}

/** Which ingredient (if any) a column belongs to, and how. */
export function columnIngredient(spec: EncodingSpec, col: number): { ingredient: string; column: IngredientColumn } | null {
  const per = spec.ingredientColumns.length;
  const i = Math.floor(col / per);
  if (i >= spec.vocabulary.length) return null;
  return { ingredient: spec.vocabulary[i]!, column: spec.ingredientColumns[col % per]! };
}
