/**
 * Synthetic food-and-symptom diaries with known answers: the app's demo diary, the History page's
 * 3,000-log test, and hand-made cases for the model and insight tests.
 *
 * The symptom model follows the reference generator behind ../shared/data/diaries (truth.json):
 *   mu_s(d) = baseline_s + Σ effect·[ingredient eaten on d − lag] + cycle effect[phase(d)] + trend_s·d
 *   s       = clip(floor(mu_s + sign_s·shared_sd·z_d + N(0, noise_sd) + 0.5), 0, 5)
 * where z_d is one "bad day" draw shared by every symptom (sign +1 when higher is worse, −1 when
 * higher is better), so a rough day shows up as more bloating and less energy at once.
 * Food, noise, missing days and the cycle use separate seeded streams, so two diaries that differ only
 * in their planted effects eat the same food and have the same noise: their difference is the effect.
 */
import { z } from 'zod';
import { CYCLE_PHASES, isoDate, symptomKey, type CyclePhase, type ExportFile, type SymptomPolarity } from '../schema';
import { addDays, daysBetween } from '../util/dates';
import { Random, detExp, detLog, normalCdf } from './random';
import { COMPONENT_KEYS, carriesComponent } from '../ingredients/components';
import { normaliseIngredient } from '../ingredients/normalise';
import { ADDITIONS, BREAKFASTS, DINNERS, DRINKS, LUNCHES, SNACKS, VOCABULARY, type MealTemplate } from './vocabulary';

export const PERSONA_NAMES = ['lactose', 'null', 'mixed', 'demo', 'decoy', 'co-triggers', 'fructans', 'fructans_null'] as const;
export type PersonaName = (typeof PERSONA_NAMES)[number];

const plantedEffect = z.object({
  ingredient: z.string().min(1),
  symptom: symptomKey,
  lag_days: z.number().int().min(0).max(14),
  /** Change of the symptom's mean on the 0–5 scale (positive raises the score). */
  effect: z.number().finite(),
});
export type PlantedEffect = z.infer<typeof plantedEffect>;

/** An effect of a component: it follows any day with a food carrying it at moderate or high level. */
const componentEffect = z.object({
  component: z.enum(COMPONENT_KEYS),
  symptom: symptomKey,
  lag_days: z.number().int().min(0).max(14),
  effect: z.number().finite(),
});
export type ComponentEffect = z.infer<typeof componentEffect>;

const cycleEffect = z.object({ symptom: symptomKey, phase: z.enum(CYCLE_PHASES), effect: z.number().finite() });
export type CycleEffect = z.infer<typeof cycleEffect>;

const customSymptom = z.object({
  key: symptomKey,
  polarity: z.enum(['higher_is_worse', 'higher_is_better']),
  baseline: z.number().min(0).max(5),
});
export type CustomSymptomSpec = z.infer<typeof customSymptom>;

const probability = z.number().min(0).max(1);

/** Foods served together in one dish (a curry with onion and coconut milk): all or none on a day. */
const dish = z.object({ name: z.string().min(1), foods: z.array(z.string().min(1)).min(2), daily: probability });
export type DishSpec = z.infer<typeof dish>;

export const generateDiaryOptions = z
  .object({
    persona: z.enum(PERSONA_NAMES).optional(),
    seed: z.union([z.number().int(), z.string()]).optional(),
    /** First day of the diary; or give endDate and the diary ends there. */
    startDate: z.optional(isoDate),
    endDate: z.optional(isoDate),
    days: z.number().int().min(1).max(20_000).optional(),
    /** How many distinct foods the person eats, drawn from the most common first (max VOCABULARY.length). */
    vocabularySize: z.number().int().min(10).max(VOCABULARY.length).optional(),
    /** Daily probability of logging each meal, and the mean number of extra foods a day. */
    meals: z
      .object({ breakfast: probability, lunch: probability, dinner: probability, snack: probability, extras: z.number().min(0).max(10) })
      .partial()
      .optional(),
    effects: z.array(plantedEffect).optional(),
    /**
     * Dishes eaten on top of the usual meals, each on a day with its own probability (from a stream
     * of their own, so adding a dish leaves the rest of the diary as it was).
     */
    dishes: z.array(dish).optional(),
    /** Effects of a component spread over many foods (fructans in bread, onion, garlic…). */
    componentEffects: z.array(componentEffect).optional(),
    /** Whether the person logs cycle phases (the cycle and its effects exist either way). */
    trackCycle: z.boolean().optional(),
    cycleLength: z.number().min(21).max(40).optional(),
    cycleLengthSd: z.number().min(0).max(5).optional(),
    cycleEffects: z.array(cycleEffect).optional(),
    /** Change of each symptom's mean per day (e.g. { energy: 0.005 } for slowly improving energy). */
    trend: z.record(z.string(), z.number().finite()).optional(),
    /** Each symptom's mean on a plain day; drawn near typical values when not given. */
    baseline: z.record(z.string(), z.number().min(0).max(5)).optional(),
    missingRate: probability.optional(),
    /** Fraction of logged days whose cycle phase is left blank. */
    phaseMissingRate: probability.optional(),
    noiseSd: z.number().min(0).max(5).optional(),
    sharedSd: z.number().min(0).max(5).optional(),
    customSymptoms: z.array(customSymptom).optional(),
    /** Occasional short notes ("Dinner out"), for the demo diary. */
    notes: z.boolean().optional(),
  })
  .strict();
export type GenerateDiaryOptions = z.input<typeof generateDiaryOptions>;

export interface GeneratedLog {
  date: string;
  ingredients: string[];
  symptoms: Record<string, number>;
  cycle_phase: CyclePhase | null;
  notes?: string;
}

export interface TruthPattern {
  kind: 'cycle' | 'trend';
  symptom: string;
  worst_phase?: CyclePhase;
  effect: number;
}

export interface TruthDay {
  date: string;
  /** Each symptom's true mean that day (before noise). */
  mu: Record<string, number>;
  /** True probabilities of the model's targets: bloating ≥ 3, energy ≤ 2, focus ≤ 2. */
  p: { bloating: number; energy_low: number; brain_fog: number };
  true_phase: CyclePhase;
}

export interface DiaryTruth {
  persona: PersonaName | null;
  days: number;
  seed: number | string;
  effects: PlantedEffect[];
  patterns: TruthPattern[];
  params: {
    baseline: Record<string, number>;
    noise_sd: number;
    shared_sd: number;
    total_sd: number;
    missing_rate: number;
    track_cycle: boolean;
    cycle_effects: CycleEffect[];
    dishes: DishSpec[];
    trend_per_day: Record<string, number>;
    vocab_size: number;
    start_date: string;
    n_logs: number;
    n_distinct_ingredients_logged: number;
    model: string;
  };
  /** How many logged days contain each ingredient, most frequent first. */
  ingredient_log_counts: Record<string, number>;
  /** One entry per logged day, in date order (aligned with `logs`). */
  daily: TruthDay[];
}

export interface GeneratedDiary {
  logs: GeneratedLog[];
  truth: DiaryTruth;
}

interface SymptomSpec {
  key: string;
  polarity: SymptomPolarity;
}

const BUILTINS: readonly SymptomSpec[] = [
  { key: 'bloating', polarity: 'higher_is_worse' },
  { key: 'energy', polarity: 'higher_is_better' },
  { key: 'focus', polarity: 'higher_is_better' },
];

/** The named personas: the sample diaries' settings, and a friendly diary for the app's demo mode. */
export const PERSONAS: Record<PersonaName, GenerateDiaryOptions> = {
  null: { days: 365, vocabularySize: 150, trackCycle: true, effects: [] },
  lactose: {
    days: 365,
    vocabularySize: 150,
    trackCycle: false,
    effects: [
      { ingredient: 'milk', symptom: 'bloating', lag_days: 0, effect: 1.5 },
      { ingredient: 'cheese', symptom: 'bloating', lag_days: 0, effect: 1.3 },
      { ingredient: 'yogurt', symptom: 'bloating', lag_days: 0, effect: 1.5 },
    ],
  },
  mixed: {
    days: 365,
    vocabularySize: 150,
    trackCycle: true,
    effects: [
      { ingredient: 'milk', symptom: 'bloating', lag_days: 0, effect: 1.4 },
      { ingredient: 'onion', symptom: 'bloating', lag_days: 1, effect: 1.2 },
      { ingredient: 'coffee', symptom: 'energy', lag_days: 1, effect: -1.2 },
      { ingredient: 'sugar', symptom: 'focus', lag_days: 0, effect: -1.2 },
    ],
    cycleEffects: [
      { symptom: 'bloating', phase: 'luteal', effect: 1.3 },
      { symptom: 'energy', phase: 'luteal', effect: -1.0 },
    ],
  },
  // Bloating follows fructans over the 17 fructan foods of a 120-food vocabulary, a day later; each food
  // alone is eaten too rarely for the per-food test (issue 14). The null twin eats the same foods.
  fructans: {
    days: 365,
    vocabularySize: 120,
    trackCycle: false,
    effects: [],
    componentEffects: [{ component: 'fructans', symptom: 'bloating', lag_days: 1, effect: 1.5 }],
  },
  fructans_null: { days: 365, vocabularySize: 120, trackCycle: false, effects: [] },
  demo: {
    days: 90,
    vocabularySize: 80,
    trackCycle: true,
    missingRate: 0.04,
    notes: true,
    effects: [
      { ingredient: 'milk', symptom: 'bloating', lag_days: 0, effect: 1.5 },
      { ingredient: 'onion', symptom: 'bloating', lag_days: 1, effect: 1.2 },
      { ingredient: 'sugar', symptom: 'focus', lag_days: 0, effect: -1.3 },
      { ingredient: 'oats', symptom: 'energy', lag_days: 0, effect: 1.0 },
    ],
    cycleEffects: [{ symptom: 'bloating', phase: 'luteal', effect: 1.0 }],
    trend: { energy: 0.005 },
  },
  // A food that only rides along with a trigger: coconut milk comes in the onion curry, and onion
  // (in many other meals too) is what brings bloating the next day.
  decoy: {
    days: 365,
    vocabularySize: 150,
    trackCycle: false,
    effects: [{ ingredient: 'onion', symptom: 'bloating', lag_days: 1, effect: 1.3 }],
    dishes: [{ name: 'curry', foods: ['onion', 'coconut milk', 'white rice'], daily: 0.2 }],
  },
  // Two real triggers that are often served together (beans and garlic in a chili), and each eaten
  // without the other too: neither may be written off as riding along with the other.
  'co-triggers': {
    days: 365,
    vocabularySize: 150,
    trackCycle: false,
    effects: [
      { ingredient: 'beans', symptom: 'bloating', lag_days: 0, effect: 1.2 },
      { ingredient: 'garlic', symptom: 'bloating', lag_days: 0, effect: 1.2 },
    ],
    dishes: [{ name: 'chili', foods: ['beans', 'garlic', 'ground beef'], daily: 0.15 }],
  },
};

const DEFAULT_MEALS = { breakfast: 0.6, lunch: 0.45, dinner: 0.7, snack: 0.3, extras: 0.7 };

const DEMO_NOTES = [
  'Dinner out with friends',
  'Slept badly',
  'Long walk at lunch',
  'Busy day at work',
  'Skipped breakfast',
  'Felt great after yoga',
  'Ate late',
  'Stressful meeting',
];

/** Generates a diary and the truth behind it. Same options → same diary, on every platform. */
export function generateDiary(input: GenerateDiaryOptions = {}): GeneratedDiary {
  const given = generateDiaryOptions.parse(input);
  const persona = given.persona ?? null;
  const overrides = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as typeof given;
  const o = { ...(persona ? generateDiaryOptions.parse(PERSONAS[persona]) : {}), ...overrides };
  const seed = o.seed ?? 1;
  const days = o.days ?? 365;
  const start = o.startDate ?? (o.endDate ? addDays(o.endDate, -(days - 1)) : '2025-01-01');
  if (o.startDate && o.endDate && daysBetween(o.startDate, o.endDate) !== days - 1) {
    throw new Error(`startDate ${o.startDate} and endDate ${o.endDate} are not ${days} days apart`);
  }
  const vocabSize = o.vocabularySize ?? 150;
  const meals = { ...DEFAULT_MEALS, ...o.meals };
  const effects = o.effects ?? [];
  const dishes = o.dishes ?? [];
  const componentEffects = o.componentEffects ?? [];
  const cycleEffects = o.cycleEffects ?? [];
  const trackCycle = o.trackCycle ?? true;
  const noiseSd = o.noiseSd ?? 0.85;
  const sharedSd = o.sharedSd ?? 0.35;
  const totalSd = Math.sqrt(noiseSd * noiseSd + sharedSd * sharedSd);
  const missingRate = o.missingRate ?? 0.05;
  const phaseMissingRate = o.phaseMissingRate ?? 0.08;
  const symptomsSpec: SymptomSpec[] = [...BUILTINS, ...(o.customSymptoms ?? []).map((c) => ({ key: c.key, polarity: c.polarity }))];
  const known = new Set(symptomsSpec.map((s) => s.key));
  for (const e of [...effects, ...componentEffects, ...cycleEffects]) {
    if (!known.has(e.symptom)) throw new Error(`effect on unknown symptom "${e.symptom}": add it to customSymptoms`);
  }

  const rng = (label: string) => new Random(`${String(seed)}/${label}`);
  const foodRng = rng('food');
  const noiseRng = rng('noise');
  const missRng = rng('missing');
  const cycleRng = rng('cycle');
  const baseRng = rng('baseline');
  const dishRng = rng('dishes');

  // Typical means on a plain day, like the reference diaries (bloating ≈ 1.4, energy ≈ 3.3, focus ≈ 3.4).
  const baseline: Record<string, number> = {
    bloating: round4(o.baseline?.bloating ?? 1.3 + 0.4 * baseRng.next()),
    energy: round4(o.baseline?.energy ?? 3.1 + 0.5 * baseRng.next()),
    focus: round4(o.baseline?.focus ?? 3.2 + 0.4 * baseRng.next()),
  };
  for (const c of o.customSymptoms ?? []) baseline[c.key] = round4(o.baseline?.[c.key] ?? c.baseline);
  const trend: Record<string, number> = {};
  for (const s of symptomsSpec) trend[s.key] = o.trend?.[s.key] ?? 0;

  const vocab = VOCABULARY.slice(0, vocabSize);
  const inVocab = new Set(vocab);
  const filterMeals = (list: readonly MealTemplate[]) =>
    list
      .map((m) => ({
        weight: m.weight,
        slots: m.slots.map((s) => (typeof s === 'string' ? [s] : [...s]).filter((n) => inVocab.has(n))).filter((s) => s.length > 0),
      }))
      .filter((m) => m.slots.length > 0);
  const mealKinds = [
    { p: meals.breakfast, list: filterMeals(BREAKFASTS) },
    { p: meals.lunch, list: filterMeals(LUNCHES) },
    { p: meals.dinner, list: filterMeals(DINNERS) },
    { p: meals.snack, list: filterMeals(SNACKS) },
  ];
  const drinks = DRINKS.filter((d) => d.slots.every((n) => inVocab.has(n)));
  // The long tail: extra foods drawn with Zipf-like weights over the person's vocabulary.
  const extraWeights = vocab.map((_, i) => detExp(-1.15 * detLog(i + 8)));
  const extraTotal = extraWeights.reduce((a, b) => a + b, 0);

  // Cycle: lengths vary around the mean; menstrual 5 days, ovulatory the 3 days around day L − 14.
  const cycleMean = o.cycleLength ?? 28;
  const cycleSd = o.cycleLengthSd ?? 1.8;
  const drawCycleLength = () => Math.min(Math.round(cycleMean + 10), Math.max(21, Math.round(cycleMean + cycleSd * cycleRng.normal())));
  let cycleLen = drawCycleLength();
  let cycleDay = cycleRng.int(0, cycleLen - 1);

  const eaten: Set<string>[] = [];
  const logs: GeneratedLog[] = [];
  const daily: TruthDay[] = [];
  const counts = new Map<string, number>();

  for (let d = 0; d < days; d++) {
    const date = addDays(start, d);
    // Food
    const today = new Set<string>();
    const add = (name: string) => today.add(name);
    for (const drink of drinks) if (foodRng.chance(drink.daily)) drink.slots.forEach(add);
    for (const a of ADDITIONS) if (today.has(a.when) && inVocab.has(a.add) && foodRng.chance(a.p)) add(a.add);
    for (const kind of mealKinds) {
      if (kind.list.length === 0 || !foodRng.chance(kind.p)) continue;
      const meal = kind.list[foodRng.weightedIndex(kind.list.map((m) => m.weight))]!;
      for (const slot of meal.slots) add(foodRng.pick(slot));
    }
    const extras = Math.floor(meals.extras * 2 * foodRng.next() + foodRng.next());
    for (let k = 0; k < extras; k++) add(vocab[foodRng.weightedIndex(extraWeights, extraTotal)]!);
    if (today.size === 0) add(vocab[foodRng.weightedIndex(extraWeights, extraTotal)]!);
    for (const d of dishes) if (dishRng.chance(d.daily)) d.foods.forEach(add);
    eaten.push(today);

    // Cycle phase (0-based day in the cycle)
    const ovulation = cycleLen - 14;
    const phase: CyclePhase =
      cycleDay < 5 ? 'menstrual' : cycleDay < ovulation - 1 ? 'follicular' : cycleDay <= ovulation + 1 ? 'ovulatory' : 'luteal';
    cycleDay++;
    if (cycleDay >= cycleLen) {
      cycleDay = 0;
      cycleLen = drawCycleLength();
    }

    // Symptoms: true means, then one shared "bad day" draw and one draw per symptom.
    const mu: Record<string, number> = {};
    for (const s of symptomsSpec) {
      let m = baseline[s.key]! + trend[s.key]! * d;
      for (const e of effects) {
        if (e.symptom === s.key && d - e.lag_days >= 0 && eaten[d - e.lag_days]!.has(e.ingredient)) m += e.effect;
      }
      for (const e of componentEffects) {
        if (e.symptom !== s.key || d - e.lag_days < 0) continue;
        for (const food of eaten[d - e.lag_days]!) {
          // The vocabulary says "crackers"; the table lists the stored name "cracker".
          if (carriesComponent(normaliseIngredient(food), e.component)) {
            m += e.effect;
            break;
          }
        }
      }
      for (const c of cycleEffects) if (c.symptom === s.key && c.phase === phase) m += c.effect;
      mu[s.key] = m;
    }
    const shared = noiseRng.normal();
    const symptoms: Record<string, number> = {};
    for (const s of symptomsSpec) {
      const sign = s.polarity === 'higher_is_worse' ? 1 : -1;
      const raw = mu[s.key]! + sign * sharedSd * shared + noiseSd * noiseRng.normal();
      symptoms[s.key] = Math.min(5, Math.max(0, Math.floor(raw + 0.5)));
    }

    const missing = missRng.chance(missingRate);
    const phaseBlank = missRng.chance(phaseMissingRate);
    const noteDraw = missRng.next();
    if (missing) continue;
    const ingredients = [...today];
    for (const name of ingredients) counts.set(name, (counts.get(name) ?? 0) + 1);
    const log: GeneratedLog = { date, ingredients, symptoms, cycle_phase: trackCycle && !phaseBlank ? phase : null };
    if (o.notes && noteDraw < 0.15) log.notes = DEMO_NOTES[Math.floor((noteDraw / 0.15) * DEMO_NOTES.length)]!;
    logs.push(log);
    daily.push({
      date,
      mu: Object.fromEntries(Object.entries(mu).map(([k, v]) => [k, round6(v)])),
      p: {
        bloating: normalCdf((mu.bloating! - 2.5) / totalSd),
        energy_low: normalCdf((2.5 - mu.energy!) / totalSd),
        brain_fog: normalCdf((2.5 - mu.focus!) / totalSd),
      },
      true_phase: phase,
    });
  }

  const patterns: TruthPattern[] = [
    ...cycleEffects.map((c) => ({ kind: 'cycle' as const, symptom: c.symptom, worst_phase: c.phase, effect: c.effect })),
    ...Object.entries(trend)
      .filter(([, v]) => v !== 0)
      .map(([symptom, v]) => ({ kind: 'trend' as const, symptom, effect: v })),
  ];
  const sortedCounts = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    logs,
    truth: {
      persona,
      days,
      seed,
      effects,
      patterns,
      params: {
        baseline,
        noise_sd: noiseSd,
        shared_sd: sharedSd,
        total_sd: totalSd,
        missing_rate: missingRate,
        track_cycle: trackCycle,
        cycle_effects: cycleEffects,
        dishes,
        trend_per_day: trend,
        vocab_size: vocabSize,
        start_date: start,
        n_logs: logs.length,
        n_distinct_ingredients_logged: counts.size,
        model: 's = clip(floor(mu + sign*shared_sd*z + N(0,noise_sd) + 0.5), 0, 5)',
      },
      ingredient_log_counts: Object.fromEntries(sortedCounts),
      daily,
    },
  };
}

/** The diary as an `aurea.export` v1 file (what the CLI reads and the app imports). */
export function diaryToExport(diary: GeneratedDiary, exportedAt?: string): ExportFile {
  const last = diary.logs[diary.logs.length - 1]?.date ?? diary.truth.params.start_date;
  return {
    format: 'aurea.export',
    version: 1,
    exported_at: exportedAt ?? `${addDays(last, 1)}T00:00:00Z`,
    logs: diary.logs.map((l) => ({ ...l, ingredients: [...l.ingredients], symptoms: { ...l.symptoms } })),
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
