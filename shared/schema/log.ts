import { z } from 'zod';

/** Calendar date "YYYY-MM-DD" that exists (rejects 2025-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date');
export type IsoDate = z.infer<typeof isoDate>;

export const CYCLE_PHASES = ['menstrual', 'follicular', 'ovulatory', 'luteal'] as const;
export const cyclePhase = z.enum(CYCLE_PHASES);
export type CyclePhase = z.infer<typeof cyclePhase>;

/** A symptom rating: integer 0–5. */
export const symptomValue = z
  .number({ error: 'must be a number from 0 to 5' })
  .int('must be a whole number from 0 to 5')
  .min(0, 'must be from 0 to 5')
  .max(5, 'must be from 0 to 5');
export type SymptomValue = z.infer<typeof symptomValue>;

/** Symptom keys: lower-case words, digits, spaces, hyphens, underscores. */
export const symptomKey = z
  .string()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters')
  .regex(/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N} _-]*$/u, 'must be lower-case letters, digits, spaces, "-" or "_"');

export const ingredientName = z
  .string()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters');

export const symptoms = z.record(symptomKey, symptomValue);

const timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO date-time' });

/** A daily log as stored on the device (DESIGN §2). Extra fields are kept. */
export const dailyLog = z.looseObject({
  id: z.string().min(1),
  date: isoDate,
  ingredients: z.array(ingredientName).max(200, 'at most 200 ingredients a day'),
  symptoms,
  cycle_phase: cyclePhase.nullable().optional(),
  notes: z.string().max(5000, 'notes must be at most 5,000 characters').optional(),
  created_at: timestamp,
  updated_at: timestamp,
});
export type DailyLog = z.infer<typeof dailyLog>;

/** What a person enters for one day (before ids and timestamps are assigned). */
export const logInput = z.object({
  date: isoDate,
  ingredients: z.array(ingredientName).max(200, 'at most 200 ingredients a day'),
  symptoms,
  cycle_phase: cyclePhase.nullable().optional(),
  notes: z.string().max(5000, 'notes must be at most 5,000 characters').optional(),
});
export type LogInput = z.infer<typeof logInput>;

export const symptomPolarity = z.enum(['higher_is_worse', 'higher_is_better']);
export type SymptomPolarity = z.infer<typeof symptomPolarity>;

export const symptomDefinition = z.object({
  key: symptomKey,
  label: z.string().min(1).max(40),
  polarity: symptomPolarity,
  builtin: z.boolean(),
});
export type SymptomDefinition = z.infer<typeof symptomDefinition>;

export const BUILTIN_SYMPTOMS: readonly SymptomDefinition[] = [
  { key: 'bloating', label: 'Bloating', polarity: 'higher_is_worse', builtin: true },
  { key: 'energy', label: 'Energy', polarity: 'higher_is_better', builtin: true },
  { key: 'focus', label: 'Focus', polarity: 'higher_is_better', builtin: true },
];

/** Polarity of a symptom: built-ins are fixed, custom ones come from their definition. */
export function polarityOf(key: string, defs: readonly SymptomDefinition[] = BUILTIN_SYMPTOMS): SymptomPolarity {
  const def = defs.find((d) => d.key === key) ?? BUILTIN_SYMPTOMS.find((d) => d.key === key);
  return def?.polarity ?? 'higher_is_worse';
}
