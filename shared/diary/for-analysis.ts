/**
 * What the analysis and the model read from a diary: the logs as stored, plus what can be worked out
 * from them (estimated cycle phases from period days, loose/hard stool outcomes from stool types).
 * from them (estimated cycle phases from period days, loose/hard stool outcomes from stool types, the
 * ingredients of logged dishes and products). A diary with none of these comes back with the same content,
 * so every number computed for it is exactly what it was.
 */
import { withCyclePhases, type CycleDay } from '../cycle/estimate';
import { STOOL_DEFINITIONS, withStoolOutcomes } from '../stool/outcomes';
import { expandedIngredients } from './composites';
import type { Composite, SymptomDefinition } from '../schema';

type Day = CycleDay & { symptoms: Readonly<Record<string, number>>; stool_types?: readonly number[]; ingredients: readonly string[]; composites?: readonly Composite[] };

export function diaryForAnalysis<T extends Day>(logs: readonly T[]): T[] {
  return withStoolOutcomes(withCyclePhases(logs)).map((l) => {
    const ingredients = expandedIngredients(l);
    return ingredients === l.ingredients ? l : { ...l, ingredients };
  });
}

/** The person's symptom definitions plus the stool outcomes' (their labels and polarity), when tracked. */
export function definitionsForAnalysis(definitions: readonly SymptomDefinition[], logs: readonly { stool_types?: readonly number[] }[]): SymptomDefinition[] {
  const tracked = logs.some((l) => (l.stool_types?.length ?? 0) > 0);
  const own = new Set(definitions.map((d) => d.key));
  return tracked ? [...definitions, ...STOOL_DEFINITIONS.filter((d) => !own.has(d.key))] : [...definitions];
}
