// zod/mini: the same validation as classic zod at a tenth of the bundle size, because these
// schemas run on the app's first load (the budget is 150 KB of JavaScript, gzip).
import * as z from 'zod/mini';

/** Calendar date "YYYY-MM-DD" that exists (rejects 2025-02-30). */
export const isoDate = z.string({ error: 'must be a date written YYYY-MM-DD' }).check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  z.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date'),
);
export type IsoDate = z.infer<typeof isoDate>;

export const CYCLE_PHASES = ['menstrual', 'follicular', 'ovulatory', 'luteal'] as const;
export const cyclePhase = z.enum(CYCLE_PHASES, { error: 'must be one of menstrual, follicular, ovulatory, luteal' });
export type CyclePhase = z.infer<typeof cyclePhase>;

/** Bristol stool form, type 1 (separate hard lumps) to 7 (entirely liquid). */
export const BRISTOL_TYPES = [1, 2, 3, 4, 5, 6, 7] as const;
export type BristolType = (typeof BRISTOL_TYPES)[number];
export const bristolType = z.number({ error: 'must be a Bristol stool type from 1 to 7' }).check(
  z.int('must be a whole number from 1 to 7'),
  z.minimum(1, 'must be a Bristol stool type from 1 to 7'),
  z.maximum(7, 'must be a Bristol stool type from 1 to 7'),
);
/**
 * A day's bowel movements, one Bristol type each in the order logged (a list, because many people
 * have several a day and a loose one matters even when another was normal). Absent when not tracked.
 */
export const stoolTypes = z.array(bristolType, { error: 'must be a list of Bristol stool types' }).check(z.maxLength(20, 'at most 20 bowel movements a day'));
/** The person marked this day as a period day; the cycle phase of other days is estimated from these. */
export const periodDay = z.boolean({ error: 'must be true or false' });

/** A symptom rating: integer 0–5. */
export const symptomValue = z.number({ error: 'must be a number from 0 to 5' }).check(
  z.int('must be a whole number from 0 to 5'),
  z.minimum(0, 'must be from 0 to 5'),
  z.maximum(5, 'must be from 0 to 5'),
);
export type SymptomValue = 0 | 1 | 2 | 3 | 4 | 5;

/**
 * Symptom keys: lower-case letters of any script (with their accents), digits, spaces, hyphens, underscores.
 * The person's label is free text (emoji included); the app derives the key from it (symptomKeyFor).
 */
export const symptomKey = z.string().check(
  z.minLength(1, 'must not be empty'),
  z.maxLength(40, 'must be at most 40 characters'),
  // Lower case, so "Bloating" and "bloating" can never be two symptoms; scripts without case, marks and digits pass.
  z.regex(/^[\p{Ll}\p{Lo}\p{Lm}\p{N}][\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N} _-]*$/u, 'must be lower-case letters, digits, spaces, "-" or "_"'),
);

/**
 * The key for a symptom the person names: lower case, words joined by "_", accents kept, and each
 * emoji or symbol written as its code point ("Migraine 🤕" → "migraine_1f915", "😴" → "1f634"), so any
 * name gets a key and two names differing only in an emoji stay apart.
 */
export function symptomKeyFor(label: string): string {
  let key = '';
  for (const ch of label.normalize('NFKC').toLocaleLowerCase('en').trim()) {
    if (/[\p{L}\p{M}\p{N}]/u.test(ch)) key += ch;
    else if (/[\s_-]/u.test(ch)) key += '_';
    else if (/[\p{S}\p{Extended_Pictographic}]/u.test(ch)) key += `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  key = key.replace(/_+/g, '_').replace(/^[_\p{M}]+|_+$/gu, '');
  return [...key].slice(0, 40).join('').replace(/_+$/, '');
}

/** The longest food name a day can hold; the app enforces it as the name is typed. */
export const INGREDIENT_NAME_MAX = 80;

export const ingredientName = z.string({ error: 'must be text' }).check(z.minLength(1, 'must not be empty'), z.maxLength(INGREDIENT_NAME_MAX, `must be at most ${INGREDIENT_NAME_MAX} characters`));

export const ingredientList = z.array(ingredientName, { error: 'must be a list of names' }).check(z.maxLength(200, 'at most 200 ingredients a day'));

export const symptoms = z.record(symptomKey, symptomValue, { error: 'must be an object of symptom ratings' });

export const notes = z.string({ error: 'must be text' }).check(z.maxLength(5000, 'notes must be at most 5,000 characters'));

const timestamp = z.iso.datetime({ offset: true, error: 'must be an ISO date-time' });

/** A time of day, "HH:MM" on a 24-hour clock. */
export const timeOfDay = z.string({ error: 'must be a time' }).check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 08:30'));

/**
 * One meal of a day: Breakfast, Lunch, Dinner, Snacks or a name of the person's ("" for the foods of a
 * day logged before meals existed), an optional time, and its foods. The id is derived from the name
 * (shared/diary/meals.ts), so two devices adding "Lunch" to the same day merge into one meal.
 */
export const meal = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(48), z.regex(/^[\p{L}\p{N}_-]+$/u, 'must be letters, digits, "-" or "_"')),
  name: z.string({ error: 'must be text' }).check(z.maxLength(40, 'must be at most 40 characters')),
  time: z.optional(z.nullable(timeOfDay)),
  ingredients: ingredientList,
});
export type Meal = z.infer<typeof meal>;

export const mealList = z.array(meal, { error: 'must be a list of meals' }).check(
  z.maxLength(12, 'at most 12 meals a day'),
  z.refine((list) => new Set(list.map((m) => m.id)).size === list.length, 'each meal of a day needs its own name'),
);

/**
 * What a logged dish, recipe or packaged product is made of (issue 14). The day's foods list the item by
 * its name ("lasagna", "oatly oat drink"); its entry here says what kind of item it is, the product's
 * barcode, and its ingredients as they were when it was logged, so the analysis sees into it on every
 * device and after an export, even if the recipe or the product's label changes later.
 */
export const COMPOSITE_KINDS = ['dish', 'recipe', 'product'] as const;
export type CompositeKind = (typeof COMPOSITE_KINDS)[number];
export const barcode = z.string({ error: 'must be a barcode' }).check(z.regex(/^\d{8,14}$/, 'must be a barcode of 8 to 14 digits'));
export const composite = z.object({
  name: ingredientName,
  kind: z.enum(COMPOSITE_KINDS, { error: 'must be dish, recipe or product' }),
  barcode: z.optional(barcode),
  /** A product's name as its label prints it ("Coca-Cola Zero"), where the day's food name is tidied ("diet soda"). */
  label: z.optional(z.string({ error: 'must be text' }).check(z.maxLength(120, 'must be at most 120 characters'))),
  ingredients: z.array(ingredientName, { error: 'must be a list of names' }).check(z.maxLength(80, 'at most 80 ingredients in one item')),
});
export type Composite = z.infer<typeof composite>;
export const compositeList = z.array(composite, { error: 'must be a list of dishes and products' }).check(
  z.maxLength(100, 'at most 100 dishes and products a day'),
  z.refine((list) => new Set(list.map((c) => c.name)).size === list.length, 'each dish or product of a day is listed once'),
);

/** A daily log as stored on the device (DESIGN §2). Extra fields are kept. */
export const dailyLog = z.looseObject({
  id: z.string().check(z.minLength(1)),
  date: isoDate,
  /** The day's foods; when the day has meals, the union of their foods (what the analysis reads). */
  ingredients: ingredientList,
  meals: z.optional(mealList),
  /** What the day's dishes and products are made of (absent when none was logged). */
  composites: z.optional(compositeList),
  symptoms,
  cycle_phase: z.optional(z.nullable(cyclePhase)),
  period: z.optional(periodDay),
  stool_types: z.optional(stoolTypes),
  notes: z.optional(notes),
  created_at: timestamp,
  updated_at: timestamp,
});
export type DailyLog = z.infer<typeof dailyLog>;

/** What a person enters for one day (before ids and timestamps are assigned). */
export const logInput = z.object({
  date: isoDate,
  ingredients: ingredientList,
  /** When given, the day's foods are the union of these meals' foods and `ingredients` is ignored. */
  meals: z.optional(mealList),
  /** Dishes and products among the day's foods; omitted: the saved ones are kept for foods still there. */
  composites: z.optional(compositeList),
  symptoms,
  cycle_phase: z.optional(z.nullable(cyclePhase)),
  /** Omitted: the day's saved mark is kept; false clears it. */
  period: z.optional(periodDay),
  /** Omitted: the day's saved list is kept; an empty list clears it. */
  stool_types: z.optional(stoolTypes),
  notes: z.optional(notes),
});
export type LogInput = z.infer<typeof logInput>;

export const symptomPolarity = z.enum(['higher_is_worse', 'higher_is_better']);
export type SymptomPolarity = z.infer<typeof symptomPolarity>;

export const symptomDefinition = z.object({
  key: symptomKey,
  label: z.string().check(z.minLength(1), z.maxLength(40)),
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
