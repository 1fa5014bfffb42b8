/**
 * Bristol stool form (issue 13 point 3). A day holds the type of each bowel movement; the analysis and
 * the model read two daily yes/no outcomes from it, as if they were symptoms rated 0 or 1:
 * loose (any type 6–7 that day) and hard (any type 1–2). Higher is worse for both.
 */
import type { BristolType, SymptomDefinition } from '../schema';

export const STOOL_LOOSE = 'stool_loose';
export const STOOL_HARD = 'stool_hard';

/** Short plain descriptions of the seven Bristol types. */
export const BRISTOL_DESCRIPTIONS: Record<BristolType, string> = {
  1: 'Separate hard lumps',
  2: 'Lumpy and sausage-shaped',
  3: 'Sausage with cracks',
  4: 'Smooth and soft, like a snake',
  5: 'Soft blobs with clear edges',
  6: 'Mushy, fluffy pieces',
  7: 'Watery, no solid pieces',
};

export const STOOL_DEFINITIONS: readonly SymptomDefinition[] = [
  { key: STOOL_LOOSE, label: 'Loose stool', polarity: 'higher_is_worse', builtin: false },
  { key: STOOL_HARD, label: 'Hard stool', polarity: 'higher_is_worse', builtin: false },
];

export const isLoose = (t: number): boolean => t >= 6;
export const isHard = (t: number): boolean => t <= 2;

/** The day's two outcomes, or null when no bowel movement was logged (unknown, not "normal"). */
export function stoolOutcomes(types: readonly number[] | undefined): { stool_loose: 0 | 1; stool_hard: 0 | 1 } | null {
  if (!types || types.length === 0) return null;
  return { stool_loose: types.some(isLoose) ? 1 : 0, stool_hard: types.some(isHard) ? 1 : 0 };
}

/**
 * The logs with the stool outcomes added to their symptoms, for the analysis and the model. A rating
 * the person gave under the same key is never overwritten. Logs without stool types are unchanged.
 */
export function withStoolOutcomes<T extends { symptoms: Readonly<Record<string, number>>; stool_types?: readonly number[] }>(logs: readonly T[]): T[] {
  return logs.map((l) => {
    const o = stoolOutcomes(l.stool_types);
    if (!o) return l;
    return { ...l, symptoms: { [STOOL_LOOSE]: o.stool_loose, [STOOL_HARD]: o.stool_hard, ...l.symptoms } };
  });
}
