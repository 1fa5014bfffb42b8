/**
 * Predictions for one day (or many, for the backtest) from a model set, what came before the day, and
 * what is known about the day itself (ingredients, cycle phase). Never the day's symptoms.
 */
import type { CyclePhase } from '../schema';
import { addDays, daysBetween } from '../util/dates';
import { COMPONENT_FEATURE_PREFIX, componentOfFeature, componentPhrase, foodsCarrying } from './components';
import { columnCount, columnIngredient, cycleColumn, encodeDay, type IngredientColumn } from './encoding';
import { dayFeatures, prepareHistory, type DayQuery, type History, type ModelLog } from './features';
import { exceedanceBatch, type SymptomNet } from './net';
import { sigmoid } from './ordinal';
import { MODEL_SYMPTOMS, STOOL_LOOSE_TARGET, TARGETS, type ModelSymptom, type TargetDef, type TargetKey } from './targets';

/** What the explanations read from a target: its words and how its probability comes from the model. */
type Explained = Pick<TargetDef, 'label' | 'fromExceedance'>;
import type { Confidence, Contribution, IngredientScoreLookup, ModelSet, Prediction } from './types';

export const COLD_START_INTERPRETATION = 'Based on general food data; keep logging for personal predictions';

export interface PredictOptions {
  /** General ingredient scores for the cold-start rule (shared/scoring). Without it the rule falls back to base rates. */
  scoreIngredient?: IngredientScoreLookup;
  /** The person's today, so explanations can say "yesterday" and "tomorrow" instead of "the day before". */
  today?: string;
  /**
   * The person's usual rates (usual.ts, from the diary as it is now). Chances are compared with these,
   * targets without a usable model forecast them, and an empty plan (the usual day) shows them. Null
   * where there are not enough rated days. Without it the model set's own base rates stand in.
   */
  usual?: Readonly<Record<TargetKey, number | null>>;
  /** The person's usual bloating rating (usual.ts), the expected bloating of the usual day. */
  usualBloating?: number | null;
}

/** The rate a target falls back to: the person's usual rate where known, else the set's base rate. */
function fallbackRate(set: ModelSet, key: TargetKey, options: PredictOptions): number {
  return options.usual?.[key] ?? set.base_rates[key];
}

export const USUAL_DAY_INTERPRETATION = 'With no foods planned, these are your usual chances. Add the foods you plan to eat to see how they change them.';
export const NO_USUAL_DAY_INTERPRETATION = 'Not enough rated days yet to know your usual day. Add the foods you plan to eat to see how they are likely to affect you.';

function isEmptyPlan(query: DayQuery): boolean {
  for (const _ of query.ingredients) return false;
  return true;
}

/** An empty plan is the usual day by definition: its chances are the usual rates, with nothing pushing them. */
function usualDayPrediction(set: ModelSet, query: DayQuery, options: PredictOptions): Prediction {
  const confidence: Record<TargetKey, Confidence> = { bloating: 'low', energy_low: 'low', brain_fog: 'low' };
  if (set.tier !== 'cold_start') for (const t of TARGETS) confidence[t.key] = set.models[t.symptom] ? set.confidence[t.key] : 'low';
  return {
    date: query.date,
    bloating_probability: fallbackRate(set, 'bloating', options),
    energy_low_probability: fallbackRate(set, 'energy_low', options),
    brain_fog_probability: fallbackRate(set, 'brain_fog', options),
    bloating_score: options.usualBloating ?? set.mean_bloating,
    confidence: LEVELS[Math.max(...TARGETS.map((t) => LEVELS.indexOf(confidence[t.key])))]!,
    confidence_by_target: confidence,
    interpretation: TARGETS.every((t) => options.usual?.[t.key] == null) ? NO_USUAL_DAY_INTERPRETATION : USUAL_DAY_INTERPRETATION,
    contributions: { bloating: [], energy_low: [], brain_fog: [] },
    tier: set.tier,
    model_version: set.version,
  };
}

const LEVELS: Confidence[] = ['low', 'medium', 'high'];

/** Factors moving a probability by less than this (2 points) are left out of the explanation. */
const MIN_EFFECT = 0.02;

function asHistory(history: readonly ModelLog[] | History): History {
  return 'days' in history && 'menstrualStarts' in history ? (history as History) : prepareHistory(history as readonly ModelLog[]);
}

/** The ADR's cold-start rule: 0.5 − (avg_gut − 50)/200 + avg_inflammation/200, clamped to [0.1, 0.9]. */
export function coldStartBloatingProbability(ingredients: Iterable<string>, scoreIngredient: IngredientScoreLookup): number | null {
  let gut = 0;
  let inflammation = 0;
  let n = 0;
  for (const name of new Set(ingredients)) {
    const s = scoreIngredient(name);
    if (!s) continue;
    gut += s.gut_impact;
    inflammation += s.inflammation_potential;
    n++;
  }
  if (n === 0) return null;
  const p = 0.5 - (gut / n - 50) / 200 + inflammation / n / 200;
  return Math.min(0.9, Math.max(0.1, p));
}

function coldStartPrediction(set: ModelSet, query: DayQuery, options: PredictOptions): Prediction {
  const ingredients = [...new Set(query.ingredients)];
  const rule = options.scoreIngredient ? coldStartBloatingProbability(ingredients, options.scoreIngredient) : null;
  const bloating = rule ?? fallbackRate(set, 'bloating', options);
  const contributions: Contribution[] = [];
  if (options.scoreIngredient && rule !== null) {
    for (const name of ingredients) {
      const s = options.scoreIngredient(name);
      if (!s) continue;
      // What leaving this ingredient out would change, as for the personal model's explanations.
      const others = ingredients.filter((i) => i !== name);
      const effect = bloating - (coldStartBloatingProbability(others, options.scoreIngredient) ?? fallbackRate(set, 'bloating', options));
      if (Math.abs(effect) < MIN_EFFECT) continue;
      const why = effect > 0 ? 'general food data flags it for gut or inflammation' : 'general food data rates it gentle on the gut';
      contributions.push({
        kind: 'general',
        name,
        direction: effect > 0 ? 'up' : 'down',
        effect,
        timing: 'same_day',
        text: `${name}: ${why} (not yet from your diary)`,
      });
    }
    contributions.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || (a.name < b.name ? -1 : 1));
  }
  return {
    date: query.date,
    bloating_probability: bloating,
    energy_low_probability: fallbackRate(set, 'energy_low', options),
    brain_fog_probability: fallbackRate(set, 'brain_fog', options),
    bloating_score: set.mean_bloating,
    confidence: 'low',
    confidence_by_target: { bloating: 'low', energy_low: 'low', brain_fog: 'low' },
    interpretation: COLD_START_INTERPRETATION,
    contributions: { bloating: contributions.slice(0, 6), energy_low: [], brain_fog: [] },
    tier: 'cold_start',
    model_version: set.version,
    ...(set.stool ? { stool_loose_probability: set.stool.base_rate, stool_loose_confidence: 'low' as const, stool_loose_contributions: [] } : {}),
  };
}

function probabilityFromEta(target: Explained, eta: number, cutpoints: ArrayLike<number>): number {
  return target.fromExceedance(Array.from(cutpoints, (c) => sigmoid(eta - c)));
}

/** Says when something was eaten relative to the predicted day, in the person's terms when `today` is known. */
function timingWords(timing: NonNullable<Contribution['timing']>, date: string, today: string | undefined): string {
  if (timing === 'recent_days') return 'in the days before';
  const eaten = timing === 'same_day' ? date : addDays(date, -1);
  if (today) {
    const offset = daysBetween(today, eaten);
    if (offset === 0) return 'today';
    if (offset === -1) return 'yesterday';
    if (offset === 1) return 'tomorrow';
  }
  return timing === 'same_day' ? 'that day' : 'the day before';
}

function whoseRisk(target: Explained, date: string, today: string | undefined): string {
  if (today) {
    const offset = daysBetween(today, date);
    if (offset === 0) return `today's ${target.label} risk`;
    if (offset === 1) return `tomorrow's ${target.label} risk`;
  }
  return `the chance of ${target.label}`;
}

/** "eggs raise", "hummus raises": plural food names ending in s, minus the usual singular endings. */
function isPlural(name: string): boolean {
  const last = name.split(' ').pop() ?? name;
  return /[^su]s$/.test(last) && !/(ss|us|is)$/.test(last);
}

/** "onion yesterday raises tomorrow's bloating risk"; a food of the predicted day itself needs no time word. */
function factorText(name: string, timing: NonNullable<Contribution['timing']> | null, effect: number, target: Explained, date: string, today: string | undefined, plural = isPlural(name)): string {
  const risk = whoseRisk(target, date, today);
  const when = timing === null || (timing === 'same_day' && risk !== `the chance of ${target.label}`) ? '' : ` ${timingWords(timing, date, today)}`;
  // "by about 12 in 100": the change in chance in words a patient reads, not "percentage points".
  const size = `by about ${Math.max(1, Math.round(Math.abs(effect) * 100))} in 100`;
  const verb = effect > 0 ? (plural ? 'raise' : 'raises') : plural ? 'lower' : 'lowers';
  return `${name}${when} ${verb} ${risk} ${size}`;
}

const TIMING_OF: Record<IngredientColumn, NonNullable<Contribution['timing']>> = {
  today: 'same_day',
  yesterday: 'day_before',
  last3: 'recent_days',
  freq7: 'recent_days',
};

function contributionsFor(
  set: ModelSet,
  net: SymptomNet,
  target: Explained,
  cols: readonly number[],
  vals: readonly number[],
  eta: number,
  phase: CyclePhase | null,
  date: string,
  today: string | undefined,
  dayFoods: readonly string[],
): Contribution[] {
  const spec = set.spec!;
  const p = probabilityFromEta(target, eta, net.cutpoints);
  // Sum each ingredient's columns; remember the column that carries most of it (for the wording).
  const parts = new Map<string, { eta: number; lead: IngredientColumn; leadAbs: number }>();
  cols.forEach((c, k) => {
    const w = net.weights[c]!;
    if (w === 0) return;
    const part = w * vals[k]!;
    const owner = columnIngredient(spec, c);
    if (!owner) return;
    const e = parts.get(owner.ingredient) ?? { eta: 0, lead: owner.column, leadAbs: 0 };
    e.eta += part;
    if (Math.abs(part) > e.leadAbs) {
      e.leadAbs = Math.abs(part);
      e.lead = owner.column;
    }
    parts.set(owner.ingredient, e);
  });
  const out: Contribution[] = [];
  for (const [name, part] of parts) {
    const effect = p - probabilityFromEta(target, eta - part.eta, net.cutpoints);
    if (Math.abs(effect) < MIN_EFFECT) continue;
    const timing = TIMING_OF[part.lead];
    const direction = effect > 0 ? 'up' : 'down';
    const component = componentOfFeature(name);
    if (component) {
      // On the day itself the planned foods that bring the component are known: name them.
      const phrase = componentPhrase(component, timing === 'same_day' ? foodsCarrying(dayFoods, component) : []);
      out.push({ kind: 'component', name: component, direction, effect, timing, text: factorText(phrase, timing, effect, target, date, today, true) });
    }
    else out.push({ kind: 'ingredient', name, direction, effect, timing, text: factorText(name, timing, effect, target, date, today) });
  }
  if (phase) {
    const col = cycleColumn(spec, phase);
    const w = col === null ? 0 : net.weights[col]!;
    if (w !== 0) {
      const effect = p - probabilityFromEta(target, eta - w, net.cutpoints);
      if (Math.abs(effect) >= MIN_EFFECT) {
        out.push({ kind: 'cycle', name: phase, direction: effect > 0 ? 'up' : 'down', effect, timing: 'same_day', text: factorText(`the ${phase} phase`, null, effect, target, date, today) });
      }
    }
  }
  out.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || (a.name < b.name ? -1 : 1));
  return out.slice(0, 6);
}

function pct(p: number): string {
  return `${Math.round(p * 100)} %`;
}

/** A reason as a sentence names it: "the luteal phase", "foods with fructans", "onion". */
function factorName(c: Contribution): string {
  const component = c.kind === 'component' ? componentOfFeature(COMPONENT_FEATURE_PREFIX + c.name) : null;
  if (component) return componentPhrase(component);
  return c.kind === 'cycle' ? `the ${c.name} phase` : c.name;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One or two plain sentences: how each outcome compares with the person's usual rate, and why. */
export function interpretPrediction(set: ModelSet, p: Omit<Prediction, 'interpretation'>, usualRates?: Readonly<Record<TargetKey, number | null>>): string {
  if (p.tier === 'cold_start') return COLD_START_INTERPRETATION;
  const parts: string[] = [];
  const quiet: string[] = [];
  for (const t of TARGETS) {
    const prob = p[t.probabilityKey];
    const usual = usualRates ? usualRates[t.key] : set.base_rates[t.key];
    // Not enough rated days for a usual rate: nothing to compare with, so no "more/less than usual".
    if (usual === null) continue;
    const diff = prob - usual;
    if (Math.abs(diff) < 0.08) {
      quiet.push(t.label);
      continue;
    }
    const top = p.contributions[t.key].find((c) => (diff > 0 ? c.effect > 0 : c.effect < 0));
    const because = top ? `, mainly because of ${factorName(top)}` : '';
    // How well this is supported is said once per chance, in the Insights vocabulary (shared/insights/voice).
    parts.push(`${capitalise(t.label)} is ${diff > 0 ? 'more' : 'less'} likely than usual (${pct(prob)} against your usual ${pct(usual)})${because}.`);
  }
  // The loose-stool chance (people who track stool form) is read the same way, when it stands out.
  if (set.stool && p.stool_loose_probability !== undefined) {
    const diff = p.stool_loose_probability - set.stool.base_rate;
    if (Math.abs(diff) >= 0.08) {
      const top = (p.stool_loose_contributions ?? []).find((c) => (diff > 0 ? c.effect > 0 : c.effect < 0));
      const because = top ? `, mainly because of ${factorName(top)}` : '';
      parts.push(`A loose stool is ${diff > 0 ? 'more' : 'less'} likely than usual (${pct(p.stool_loose_probability)} against your usual ${pct(set.stool.base_rate)})${because}.`);
    }
  }
  if (parts.length === 0 && quiet.length === 0) return 'Not enough rated days yet to compare these chances with your usual days.';
  if (parts.length === 0) {
    return p.confidence === 'low'
      ? 'No clear pattern in your diary yet, so these chances stay close to your usual rates.'
      : 'Nothing in this day stands out: expect a typical day for you.';
  }
  if (quiet.length) parts.push(`${capitalise(joinWords(quiet))} ${quiet.length === 1 ? 'looks' : 'look'} typical for you.`);
  return parts.join(' ');
}

function joinWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Predicts several days at once (one tfjs call per symptom). Each day uses only the logs before it
 * in `history`, plus its own ingredients and cycle phase.
 */
export function predictMany(set: ModelSet, history: readonly ModelLog[] | History, queries: readonly DayQuery[], options: PredictOptions = {}): Prediction[] {
  if (set.tier === 'cold_start' || !set.spec) return queries.map((q) => (isEmptyPlan(q) && options.usual ? usualDayPrediction(set, q, options) : coldStartPrediction(set, q, options)));
  const h = asHistory(history);
  const spec = set.spec;
  const vocab = new Set(spec.vocabulary);
  const width = columnCount(spec);
  const encoded = queries.map((q) => {
    const f = dayFeatures(h, q, vocab, spec.symptoms);
    const { cols, vals } = encodeDay(spec, f);
    const known = [...new Set(q.ingredients)];
    const unknownShare = known.length ? known.filter((i) => !vocab.has(i)).length / known.length : 0;
    return { cols: [...cols], vals: [...vals], phase: f.cycle_phase, unknownShare, known };
  });
  const dense = new Float32Array(queries.length * width);
  encoded.forEach((e, r) => e.cols.forEach((c, k) => (dense[r * width + c] = e.vals[k]!)));
  const exceed: Partial<Record<ModelSymptom, number[][]>> = {};
  for (const s of MODEL_SYMPTOMS) {
    const m = set.models[s];
    if (m) exceed[s] = exceedanceBatch(m.net, dense, queries.length);
  }
  const stoolModel = set.stool?.model;
  const stoolExceed = stoolModel ? exceedanceBatch(stoolModel.net, dense, queries.length) : null;
  return queries.map((q, r) => {
    const e = encoded[r]!;
    const probs = {} as Record<TargetKey, number>;
    const contributions = {} as Record<TargetKey, Contribution[]>;
    const confidence = {} as Record<TargetKey, Confidence>;
    for (const t of TARGETS) {
      const m = set.models[t.symptom];
      const ex = exceed[t.symptom]?.[r];
      if (!m || !ex) {
        probs[t.key] = fallbackRate(set, t.key, options);
        contributions[t.key] = [];
        confidence[t.key] = 'low';
        continue;
      }
      probs[t.key] = t.fromExceedance(ex);
      // The explanations read the same float32 weights the tfjs model holds.
      let eta = 0;
      e.cols.forEach((c, k) => (eta += m.net.weights[c]! * e.vals[k]!));
      contributions[t.key] = contributionsFor(set, m.net, t, e.cols, e.vals, eta, e.phase, q.date, options.today, e.known);
      // Mostly unfamiliar foods: the model has little to go on, so say so.
      const level = LEVELS.indexOf(set.confidence[t.key]);
      confidence[t.key] = LEVELS[e.unknownShare > 0.5 ? Math.max(0, level - 1) : level]!;
    }
    const bloatingEx = exceed.bloating?.[r];
    const partial = {
      date: q.date,
      bloating_probability: probs.bloating,
      energy_low_probability: probs.energy_low,
      brain_fog_probability: probs.brain_fog,
      bloating_score: bloatingEx ? bloatingEx.reduce((a, b) => a + b, 0) : set.mean_bloating,
      confidence: LEVELS[Math.max(...TARGETS.map((t) => LEVELS.indexOf(confidence[t.key])))]!,
      confidence_by_target: confidence,
      contributions,
      tier: set.tier,
      model_version: set.version,
    };
    const withStool = { ...partial, ...(set.stool ? stoolPrediction(set, set.stool, stoolExceed?.[r], e, q.date, options.today) : {}) };
    if (isEmptyPlan(q) && options.usual) return usualDayPrediction(set, q, options);
    return { ...withStool, interpretation: interpretPrediction(set, withStool, options.usual) };
  });
}

/** The loose-stool chance of one day: the model's when it has one, else the person's usual rate. */
function stoolPrediction(
  set: ModelSet,
  stool: NonNullable<ModelSet['stool']>,
  ex: number[] | undefined,
  e: { cols: number[]; vals: number[]; phase: CyclePhase | null; unknownShare: number; known: string[] },
  date: string,
  today: string | undefined,
): Pick<Prediction, 'stool_loose_probability' | 'stool_loose_confidence' | 'stool_loose_contributions'> {
  const m = stool.model;
  if (!m || !ex) return { stool_loose_probability: stool.base_rate, stool_loose_confidence: 'low', stool_loose_contributions: [] };
  let eta = 0;
  e.cols.forEach((c, k) => (eta += m.net.weights[c]! * e.vals[k]!));
  const level = LEVELS.indexOf(stool.confidence);
  return {
    stool_loose_probability: STOOL_LOOSE_TARGET.fromExceedance(ex),
    stool_loose_confidence: LEVELS[e.unknownShare > 0.5 ? Math.max(0, level - 1) : level]!,
    stool_loose_contributions: contributionsFor(set, m.net, STOOL_LOOSE_TARGET, e.cols, e.vals, eta, e.phase, date, today, e.known),
  };
}

/** Predicts one day: `query` holds what is known about it (date, ingredients, cycle phase), never its symptoms. */
export function predict(set: ModelSet, history: readonly ModelLog[] | History, query: DayQuery, options: PredictOptions = {}): Prediction {
  return predictMany(set, history, [query], options)[0]!;
}
