/**
 * Plain-language findings for the Insights page and the CLI: one item per finding with the numbers
 * behind it, plus "not enough data yet" items that say what is missing. Sentences describe patterns
 * in the person's own diary; they never claim that a food causes a symptom.
 */
import { BUILTIN_SYMPTOMS, CYCLE_PHASES, type CyclePhase, type SymptomDefinition, type SymptomPolarity } from '../schema';
import { MIN_DAYS_PER_GROUP, MIN_LAG_PAIRS } from './analyse';
import { byCodePoint } from './order';
import { explanationOf } from './explained-words';
import { explainedHeadline, explainedSentence } from './explained-words';
import type { DelayedEffect, Direction, ExplainedFinding, InsightsResult, SymptomCoverage, TriggerTest } from './types';
import { changeWords as changeWordsFor, evidenceStrength, formatMean, formatP, inSentence, strengthPhrase, type NumberRow, type Strength } from './voice';

export { evidenceStrength, type Strength } from './voice';

export type InsightKind =
  | 'trigger'
  | 'delayed'
  | 'explained'
  | 'protective'
  | 'cycle'
  | 'weekday'
  | 'trend'
  | 'seasonal'
  | 'no_triggers'
  | 'not_enough_data';

/** What a "not enough data yet" item is about. */
export type GapSubject = 'symptom' | 'ingredient' | 'lags' | 'cycle' | 'weekday' | 'trend';

export interface InsightItem {
  /** Stable key (kind, symptom, ingredient, lag) for lists and links. */
  id: string;
  kind: InsightKind;
  /** Symptom key, or null for items about the whole diary (e.g. cycle logging). */
  symptom: string | null;
  symptom_label: string | null;
  ingredient?: string;
  /** Days between eating and the symptom, for delayed effects (and 0 for same-day findings). */
  lag?: number;
  direction?: Direction;
  /** A short title, e.g. "Milk: linked to more bloating". */
  headline: string;
  /** The full sentence, with effect size, number of days and strength of evidence. */
  sentence: string;
  strength: Strength;
  /** The numbers behind the sentence (null where not defined). */
  numbers: Record<string, number | null>;
  /** For explained: the finding that explains this one (the likelier trigger). */
  explained_by?: { ingredient: string; lag: number };
  /** For not_enough_data: what it is about, and which symptoms an ingredient gap covers. */
  subject?: GapSubject;
  symptoms?: string[];
}

export interface DescribeContext {
  /** Labels and polarities of the person's symptoms (built-ins are used for missing keys). */
  definitions?: readonly SymptomDefinition[];
}

/** One line to show once beside the findings. */
export const ASSOCIATION_NOTE =
  'These are patterns in your own diary, not proof of cause: a food can go with a symptom because of something else eaten or done on the same days.';

const DAYS_PER_MONTH = 365.25 / 12;
/** A trend is only put into words over at least four weeks and 8 ratings (3 points make a line, not a trend). */
const TREND_MIN_SPAN_DAYS = 28;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LAG_LEAD = ['On the days you have', 'The day after you have', 'Two days after you have', 'Three days after you have'];
const LAG_WHEN = ['the same day', 'the next day', 'two days later', 'three days later'];

const one = (v: number | null): string => (v === null ? '–' : v.toFixed(1));
const count = (n: number, word: string, plural = `${word}s`): string => `${n} ${n === 1 ? word : plural}`;

/** The strength in words only: p-values, tests and corrections are behind "Show the numbers" (findingNumbers). */
function evidence(p: number | null): string {
  const s = evidenceStrength(p);
  return s === 'none' ? 'no clear difference' : strengthPhrase(s);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('en') + s.slice(1);
}


interface SymptomWords {
  key: string;
  label: string;
  /** Lower-case form for mid-sentence use. */
  name: string;
  polarity: SymptomPolarity;
}

/** "more bloating" / "less bloating" / "lower energy" / "better energy". */
function changeWords(w: SymptomWords, direction: Direction): string {
  return changeWordsFor(w, direction);
}

/**
 * Turns an engine result into plain-language items: triggers, delayed effects, protective foods,
 * cycle phase, weekday vs weekend, trend, season, symptoms with no standout food, and what is
 * still missing. Pure: same result and context, same items.
 */
export function describeInsights(result: InsightsResult, context: DescribeContext = {}): InsightItem[] {
  const defs = context.definitions ?? [];
  const words = new Map<string, SymptomWords>();
  for (const cov of result.symptoms) {
    const def = defs.find((d) => d.key === cov.symptom) ?? BUILTIN_SYMPTOMS.find((d) => d.key === cov.symptom);
    const label = def?.label ?? cov.symptom;
    words.set(cov.symptom, { key: cov.symptom, label, name: inSentence(label), polarity: cov.polarity });
  }
  const w = (s: string): SymptomWords => words.get(s) ?? { key: s, label: s, name: s, polarity: 'higher_is_worse' };
  const tested = new Map(result.symptoms.map((c) => [c.symptom, c.foods_tested]));
  const items: InsightItem[] = [];

  const sameDay = (t: TriggerTest, kind: 'trigger' | 'protective'): InsightItem => {
    const sw = w(t.symptom);
    const direction: Direction = kind === 'trigger' ? 'worse' : 'better';
    const m = tested.get(t.symptom) ?? 0;
    const detail = `(${count(t.n_present, 'day')} with, ${t.n_absent} without; ${evidence(t.p_adjusted)})`;
    const sentence =
      kind === 'trigger'
        ? `On days you had ${t.ingredient}, your ${sw.name} averaged ${one(t.mean_present)} vs ${one(t.mean_absent)} without it ${detail}.`
        : `Days with ${t.ingredient} tended to bring ${changeWords(sw, 'better')}: ${one(t.mean_present)} on average vs ${one(t.mean_absent)} without it ${detail}.`;
    return {
      id: `${kind}:${t.symptom}:${t.ingredient}`,
      kind,
      symptom: t.symptom,
      symptom_label: sw.label,
      ingredient: t.ingredient,
      lag: 0,
      direction,
      headline: `${capitalise(t.ingredient)}: linked to ${changeWords(sw, direction)}`,
      sentence,
      strength: evidenceStrength(t.p_adjusted),
      numbers: {
        mean_with: t.mean_present,
        mean_without: t.mean_absent,
        days_with: t.n_present,
        days_without: t.n_absent,
        correlation: t.correlation,
        p_value: t.p_value,
        p_adjusted: t.p_adjusted,
        foods_tested: m,
      },
    };
  };

  const delayed = (d: DelayedEffect): InsightItem => {
    const sw = w(d.symptom);
    const m = tested.get(d.symptom) ?? 0;
    const lead = LAG_LEAD[d.lag] ?? `${d.lag} days after you have`;
    const when = LAG_WHEN[d.lag] ?? `${d.lag} days later`;
    return {
      id: `delayed:${d.symptom}:${d.ingredient}:${d.lag}`,
      kind: 'delayed',
      symptom: d.symptom,
      symptom_label: sw.label,
      ingredient: d.ingredient,
      lag: d.lag,
      direction: d.direction,
      headline: `${capitalise(d.ingredient)}: linked to ${changeWords(sw, d.direction)} ${when}`,
      sentence:
        `${lead} ${d.ingredient}, your ${sw.name} averages ${one(d.mean_with)} vs ${one(d.mean_without)} otherwise ` +
        `(${count(d.n_pairs, 'pair')} of days; ${evidence(d.p_adjusted)}).`,
      strength: evidenceStrength(d.p_adjusted),
      numbers: {
        mean_with: d.mean_with,
        mean_without: d.mean_without,
        pairs: d.n_pairs,
        correlation: d.correlation,
        p_value: d.p_value,
        p_adjusted: d.p_adjusted,
        foods_tested: m,
      },
    };
  };

  // A finding explained by a co-occurring stronger one is said as such, never as a trigger.
  const explained = result.explained ?? [];
  const asExplained = (e: ExplainedFinding, finding: InsightItem): InsightItem => {
    const sw = w(e.symptom);
    return {
      id: `explained:${e.symptom}:${e.ingredient}:${e.lag_days}`,
      kind: 'explained',
      symptom: e.symptom,
      symptom_label: sw.label,
      ingredient: e.ingredient,
      lag: e.lag_days,
      direction: 'worse',
      headline: explainedHeadline(e),
      sentence: explainedSentence(e, sw),
      strength: 'none',
      explained_by: { ingredient: e.by_ingredient, lag: e.by_lag_days },
      // The finding's own numbers, then the rule's: what "Show the numbers" reveals.
      numbers: { ...finding.numbers, overlap: e.overlap, p_without: e.p_without, p_by_without: e.p_by_without },
    };
  };
  const later: InsightItem[] = [];
  for (const t of result.triggers) {
    const e = explanationOf(explained, t.ingredient, t.symptom, 0);
    const item = sameDay(t, 'trigger');
    if (e) later.push(asExplained(e, item));
    else items.push(item);
  }
  for (const d of result.delayed.filter((x) => x.direction === 'worse')) {
    const e = explanationOf(explained, d.ingredient, d.symptom, d.lag);
    const item = delayed(d);
    if (e) later.push(asExplained(e, item));
    else items.push(item);
  }
  items.push(...later);
  for (const t of result.protective) items.push(sameDay(t, 'protective'));
  for (const d of result.delayed.filter((x) => x.direction === 'better')) items.push(delayed(d));

  for (const c of result.cycle) {
    const sw = w(c.symptom);
    const phases = CYCLE_PHASES.filter((p) => c.phase_means[p] !== undefined);
    const means = phases.map((p) => c.phase_means[p]!);
    const strength = evidenceStrength(c.p_value);
    const worst = c.worst_phase;
    // The kindest phase: the opposite end, first in phase order on ties.
    let best: CyclePhase | null = null;
    for (const p of phases) {
      const v = c.phase_means[p]!;
      if (best === null || (sw.polarity === 'higher_is_worse' ? v < c.phase_means[best]! : v > c.phase_means[best]!)) best = p;
    }
    const sentence =
      strength !== 'none' && worst && best
        ? `Your ${sw.name} averaged ${one(c.phase_means[worst]!)} in your ${worst} phase vs ${one(c.phase_means[best]!)} in your ${best} phase, the ${sw.polarity === 'higher_is_worse' ? 'lightest' : 'best'} (${evidence(c.p_value)} across ${phases.length} phases).`
        : `Your ${sw.name} was similar across your cycle phases (averages ${one(Math.min(...means))}–${one(Math.max(...means))}; ${evidence(c.p_value)}).`;
    items.push({
      id: `cycle:${c.symptom}`,
      kind: 'cycle',
      symptom: c.symptom,
      symptom_label: sw.label,
      headline: strength !== 'none' && worst ? `${capitalise(sw.name)} is ${sw.polarity === 'higher_is_worse' ? 'worst' : 'lowest'} in your ${worst} phase` : `${capitalise(sw.name)}: no clear cycle pattern`,
      sentence,
      strength,
      numbers: { f_statistic: c.f_statistic, p_value: c.p_value, ...Object.fromEntries(phases.map((p) => [`mean_${p}`, c.phase_means[p]!])) },
    });
  }

  for (const x of result.weekday) {
    const sw = w(x.symptom);
    const strength = evidenceStrength(x.p_value);
    const higher = (x.weekend_mean ?? 0) > (x.weekday_mean ?? 0);
    const sentence =
      strength !== 'none'
        ? `Your ${sw.name} is ${higher ? 'higher' : 'lower'} at weekends: ${one(x.weekend_mean)} on average vs ${one(x.weekday_mean)} on weekdays (${evidence(x.p_value)}).`
        : `Your ${sw.name} is about the same on weekdays (${one(x.weekday_mean)}) and at weekends (${one(x.weekend_mean)}; ${evidence(x.p_value)}).`;
    items.push({
      id: `weekday:${x.symptom}`,
      kind: 'weekday',
      symptom: x.symptom,
      symptom_label: sw.label,
      headline: strength !== 'none' ? `${capitalise(sw.name)} is ${higher ? 'higher' : 'lower'} at weekends` : `${capitalise(sw.name)}: weekdays and weekends alike`,
      sentence,
      strength,
      numbers: { weekday_mean: x.weekday_mean, weekend_mean: x.weekend_mean, t_statistic: x.t_statistic, p_value: x.p_value },
    });
  }

  const span = result.first_date && result.last_date ? (Date.parse(result.last_date) - Date.parse(result.first_date)) / 86_400_000 : 0;
  for (const t of result.trend) {
    const cov = result.symptoms.find((c) => c.symptom === t.symptom);
    if (!cov || cov.n < 2 * MIN_DAYS_PER_GROUP || span < TREND_MIN_SPAN_DAYS) continue;
    const sw = w(t.symptom);
    const strength = evidenceStrength(t.p_value);
    const perMonth = t.slope_per_day === null ? null : t.slope_per_day * DAYS_PER_MONTH;
    let sentence: string;
    let headline: string;
    if (strength !== 'none' && perMonth !== null && perMonth !== 0) {
      const up = perMonth > 0;
      const verb = sw.polarity === 'higher_is_worse' ? (up ? 'rising' : 'easing') : up ? 'improving' : 'slipping';
      const size = Math.abs(perMonth);
      const amount = size >= 0.095 ? size.toFixed(1) : size >= 0.005 ? size.toFixed(2) : 'less than 0.01';
      sentence = `Your ${sw.name} has been ${verb} by about ${amount} points a month (${evidence(t.p_value)}).`;
      headline = `${capitalise(sw.name)} has been ${verb}`;
    } else {
      sentence = `Your ${sw.name} has held steady over time (no clear trend).`;
      headline = `${capitalise(sw.name)}: steady over time`;
    }
    items.push({
      id: `trend:${t.symptom}`,
      kind: 'trend',
      symptom: t.symptom,
      symptom_label: sw.label,
      headline,
      sentence,
      strength,
      numbers: { slope_per_day: t.slope_per_day, change_per_month: perMonth, p_value: t.p_value },
    });
  }

  for (const s of result.seasonal) {
    const sw = w(s.symptom);
    const strength = evidenceStrength(s.p_value);
    if (strength === 'none' || s.worst_month === null) continue;
    const worst = s.month_means.find((m) => m.month === s.worst_month)!;
    const total = s.month_means.reduce((a, m) => a + m.n, 0);
    const overall = s.month_means.reduce((a, m) => a + m.mean * m.n, 0) / total;
    items.push({
      id: `seasonal:${s.symptom}`,
      kind: 'seasonal',
      symptom: s.symptom,
      symptom_label: sw.label,
      headline: `${capitalise(sw.name)} is ${sw.polarity === 'higher_is_worse' ? 'worst' : 'lowest'} in ${MONTHS[worst.month - 1]}`,
      sentence: `Your ${sw.name} tends to be ${sw.polarity === 'higher_is_worse' ? 'worst' : 'lowest'} in ${MONTHS[worst.month - 1]}: ${one(worst.mean)} on average vs ${one(overall)} across the year (${evidence(s.p_value)} across ${count(s.month_means.filter((m) => m.n >= 2).length, 'month')}).`,
      strength,
      numbers: { worst_month: worst.month, worst_month_mean: worst.mean, overall_mean: overall, f_statistic: s.f_statistic, p_value: s.p_value },
    });
  }

  for (const cov of result.symptoms) {
    if (cov.status !== 'analysed' || cov.foods_tested === 0) continue;
    if (result.triggers.some((t) => t.symptom === cov.symptom) || result.delayed.some((d) => d.symptom === cov.symptom && d.direction === 'worse')) continue;
    const sw = w(cov.symptom);
    items.push({
      id: `no_triggers:${cov.symptom}`,
      kind: 'no_triggers',
      symptom: cov.symptom,
      symptom_label: sw.label,
      headline: `${capitalise(sw.name)}: no food stands out yet`,
      sentence: `No food stands out for your ${sw.name} yet (${count(cov.foods_tested, 'food')} tested over ${count(cov.n, 'day')}).`,
      strength: 'none',
      numbers: { foods_tested: cov.foods_tested, days: cov.n },
    });
  }

  items.push(...dataGaps(result, w, span));
  return items;
}

/** "Not enough data yet" items: what is missing, and how much more of it. */
function dataGaps(result: InsightsResult, w: (s: string) => SymptomWords, span: number): InsightItem[] {
  const gaps: InsightItem[] = [];
  const minDays = 2 * MIN_DAYS_PER_GROUP;
  const gap = (id: string, subject: GapSubject, cov: SymptomCoverage | null, headline: string, sentence: string, numbers: Record<string, number | null>, extra: Partial<InsightItem> = {}): InsightItem => ({
    id: `not_enough_data:${id}`,
    kind: 'not_enough_data',
    subject,
    symptom: cov?.symptom ?? null,
    symptom_label: cov ? w(cov.symptom).label : null,
    headline,
    sentence,
    strength: 'none',
    numbers,
    ...extra,
  });

  const enough = new Set<string>();
  for (const cov of result.symptoms) {
    const sw = w(cov.symptom);
    if (cov.status === 'no_variance') {
      gaps.push(
        gap(`symptom:${cov.symptom}`, 'symptom', cov, `${capitalise(sw.name)}: no variation yet`,
          `Your ${sw.name} has been ${cov.mean ?? ''} on every day you rated it (${count(cov.n, 'day')}), so there is nothing to compare yet; insights appear once it varies.`,
          { days: cov.n }),
      );
      continue;
    }
    if (cov.n < minDays) {
      const more = minDays - cov.n;
      gaps.push(
        gap(`symptom:${cov.symptom}`, 'symptom', cov, `${capitalise(sw.name)}: ${count(more, 'more day')} needed`,
          `Rate your ${sw.name} on ${count(more, 'more day')} to start looking for foods linked to it (${count(cov.n, 'day')} so far).`,
          { days: cov.n, more_days: more }),
      );
      continue;
    }
    enough.add(cov.symptom);
    const pairs = cov.lag_pairs[1] ?? 0;
    if (pairs < MIN_LAG_PAIRS) {
      gaps.push(
        gap(`lags:${cov.symptom}`, 'lags', cov, `Delayed effects on ${sw.name}: more consecutive days needed`,
          `Log on consecutive days to look for effects that show up a day or more later: ${count(MIN_LAG_PAIRS - pairs, 'more pair')} of back-to-back days rating ${sw.name} needed (${pairs} so far).`,
          { pairs, more_pairs: MIN_LAG_PAIRS - pairs }),
      );
    }
    if (!result.weekday.some((x) => x.symptom === cov.symptom)) {
      const moreWeekend = Math.max(0, 2 - cov.weekend_n);
      const moreWeekday = Math.max(0, 2 - cov.weekday_n);
      const parts = [moreWeekend ? count(moreWeekend, 'more weekend day') : '', moreWeekday ? count(moreWeekday, 'more weekday') : ''].filter(Boolean).join(' and ');
      gaps.push(
        gap(`weekday:${cov.symptom}`, 'weekday', cov, `Weekdays vs weekends: ${parts} needed`,
          `Rate your ${sw.name} on ${parts} to compare weekdays and weekends.`,
          { weekday_days: cov.weekday_n, weekend_days: cov.weekend_n, more_weekend_days: moreWeekend, more_weekdays: moreWeekday }),
      );
    }
  }

  if (enough.size > 0 && span < TREND_MIN_SPAN_DAYS) {
    const more = Math.ceil(TREND_MIN_SPAN_DAYS - span);
    gaps.push(
      gap('trend', 'trend', null, 'Trends over time: more weeks needed',
        `Keep logging: seeing whether symptoms are easing or rising needs at least four weeks of diary (${count(more, 'more day')} to go).`,
        { span_days: span, more_days: more }),
    );
  }

  // Cycle: only for people who log a phase at all, once for the whole diary.
  const tracked = result.symptoms.filter((c) => c.status === 'analysed' && CYCLE_PHASES.some((p) => c.phase_counts[p] > 0));
  if (tracked.length > 0 && !tracked.some((c) => result.cycle.some((x) => x.symptom === c.symptom))) {
    const richest = tracked.reduce((a, b) => (CYCLE_PHASES.reduce((s, p) => s + b.phase_counts[p], 0) > CYCLE_PHASES.reduce((s, p) => s + a.phase_counts[p], 0) ? b : a));
    const counts = richest.phase_counts;
    const so = CYCLE_PHASES.filter((p) => counts[p] > 0).map((p) => `${counts[p]} ${p}`).join(', ');
    gaps.push(
      gap('cycle', 'cycle', null, 'Cycle phases: more days needed',
        `Log your cycle phase on more days: comparing phases needs at least 2 days in each of two phases (so far: ${so}).`,
        Object.fromEntries(CYCLE_PHASES.map((p) => [`${p}_days`, counts[p]]))),
    );
  }

  // Foods not tested yet, merged across symptoms: the fewest extra days that would test it somewhere.
  const byFood = new Map<string, { with: number; without: number; symptoms: string[]; nWith: number; nWithout: number }>();
  for (const u of result.untested) {
    if (!enough.has(u.symptom)) continue;
    const need = u.more_with + u.more_without;
    const cur = byFood.get(u.ingredient);
    if (!cur || need < cur.with + cur.without) byFood.set(u.ingredient, { with: u.more_with, without: u.more_without, symptoms: [u.symptom], nWith: u.n_present, nWithout: u.n_absent });
    else if (need === cur.with + cur.without) cur.symptoms.push(u.symptom);
  }
  const foods = [...byFood.entries()].sort((a, b) => a[1].with + a[1].without - (b[1].with + b[1].without) || byCodePoint(a[0], b[0]));
  for (const [food, g] of foods) {
    const sentence =
      g.with > 0
        ? `Log ${count(g.with, 'more day')} with ${food} to test it (${count(g.nWith, 'day')} so far).`
        : `${capitalise(food)} is in almost every log: log ${count(g.without, 'more day')} without it to test it (${count(g.nWithout, 'day')} without so far).`;
    gaps.push(
      gap(`ingredient:${food}`, 'ingredient', null, g.with > 0 ? `${capitalise(food)}: ${count(g.with, 'more day')} needed` : `${capitalise(food)}: ${count(g.without, 'day')} without it needed`,
        sentence,
        { days_with: g.nWith, days_without: g.nWithout, more_with: g.with, more_without: g.without },
        { ingredient: food, symptoms: g.symptoms }),
    );
  }
  return gaps;
}

const fixed = (v: number | null | undefined, digits: number): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));
const whole = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : String(v));

/**
 * "Show the numbers": the counts, means, test and p-values behind one finding, for the person who
 * asks (and for their clinician). The sentences themselves stay in plain words.
 */
export function findingNumbers(item: InsightItem): NumberRow[] {
  const n = item.numbers;
  const rows: NumberRow[] = [];
  const add = (label: string, value: string) => rows.push({ label, value });
  switch (item.kind) {
    case 'trigger':
    case 'protective':
      add('Days with the food', whole(n.days_with));
      add('Days without it', whole(n.days_without));
      add('Average with', formatMean(n.mean_with));
      add('Average without', formatMean(n.mean_without));
      add('Correlation (point-biserial r)', fixed(n.correlation, 3));
      add('Test', 'Mann-Whitney U, two-sided');
      add('p', formatP(n.p_value));
      add(`Adjusted p (Bonferroni, ${whole(n.foods_tested)} foods)`, formatP(n.p_adjusted));
      break;
    case 'delayed':
      add('Pairs of days', whole(n.pairs));
      add('Average after the food', formatMean(n.mean_with));
      add('Average otherwise', formatMean(n.mean_without));
      add('Correlation (Pearson r)', fixed(n.correlation, 3));
      add('Test', `Pearson correlation at a ${item.lag ?? 0}-day delay, two-sided`);
      add('p', formatP(n.p_value));
      add(`Adjusted p (Bonferroni, ${whole(n.foods_tested)} foods)`, formatP(n.p_adjusted));
      break;
    case 'explained': {
      // The finding's own numbers (same day or delayed), then what the "explained by" rule weighed.
      const by = item.explained_by?.ingredient ?? 'the other food';
      rows.push(...findingNumbers({ ...item, kind: item.lag ? 'delayed' : 'trigger' }));
      add(`Its days that are also ${by} days`, n.overlap === null || n.overlap === undefined ? '–' : `${Math.round(n.overlap * 100)} %`);
      add(`p without ${by} (Mann-Whitney U)`, formatP(n.p_without));
      add(`p of ${by} without ${item.ingredient ?? 'it'}`, formatP(n.p_by_without));
      break;
    }
    case 'cycle':
      for (const p of CYCLE_PHASES) if (n[`mean_${p}`] !== undefined) add(`Average, ${p} phase`, formatMean(n[`mean_${p}`]));
      add('Test', 'One-way ANOVA across phases');
      add('F', fixed(n.f_statistic, 3));
      add('p', formatP(n.p_value));
      break;
    case 'weekday':
      add('Average on weekdays', formatMean(n.weekday_mean));
      add('Average at weekends', formatMean(n.weekend_mean));
      add('Test', "Welch's t-test");
      add('t', fixed(n.t_statistic, 3));
      add('p', formatP(n.p_value));
      break;
    case 'trend':
      add('Change per month', fixed(n.change_per_month, 3));
      add('Test', 'Linear regression on days since the first log');
      add('p', formatP(n.p_value));
      break;
    case 'seasonal':
      add('Average in the worst month', formatMean(n.worst_month_mean));
      add('Average across the year', formatMean(n.overall_mean));
      add('Test', 'One-way ANOVA across months');
      add('F', fixed(n.f_statistic, 3));
      add('p', formatP(n.p_value));
      break;
    default:
      for (const [k, v] of Object.entries(n)) add(k.replace(/_/g, ' '), v === null ? '–' : String(Number(v.toPrecision(4))));
  }
  return rows;
}
