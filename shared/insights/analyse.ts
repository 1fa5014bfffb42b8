/**
 * The insight engine (DESIGN §4): which foods go with which symptoms, on the same day and days later,
 * plus cycle-phase, weekday/weekend, trend and seasonal patterns. Agrees with scipy to 1e-6.
 *
 * Speed comes from the shape of the data, not from shortcuts in the statistics: each symptom is ranked
 * once, and every food's tests then need only the count, rating sum and rank sum of its own days
 * (Mann-Whitney from the rank sum, point-biserial r from sums), gathered for all foods and all four
 * lags in one pass over the (day, food) occurrences. A diary costs O(symptoms × (days + occurrences)
 * × lags) plus one p-value per test, instead of one re-sort per food.
 */
import { BUILTIN_SYMPTOMS, CYCLE_PHASES, polarityOf, type CyclePhase, type SymptomPolarity } from '../schema';
import { dayNumber } from '../util/dates';
import { mannWhitneyFromRankSum, midranks, oneWayAnova, pearsonTwoSided, pointBiserial, welchTTest, linearTrend } from '../stats';
import { analyseComponents } from './components';
import { byCodePoint } from './order';
import { explainFindings } from './explained';
import { SIGNIFICANCE } from './voice';
import type {
  AnalyseOptions,
  CycleResult,
  DelayedEffect,
  DiaryEntry,
  InsightsReport,
  InsightsResult,
  LagResult,
  SeasonalResult,
  SymptomCoverage,
  TrendResult,
  TriggerTest,
  UntestedIngredient,
  WeekdayResult,
} from './types';

/** Bump when a rule changes, so cached results computed by an older engine are recomputed. */
export const ENGINE_VERSION = 3; // 2: explained findings; 3: component findings

/** Days needed with and without a food before it is tested. */
export const MIN_DAYS_PER_GROUP = 4;
export const MIN_LAG_PAIRS = 8;
export const MAX_LAG = 3;
// The significance level lives with the words for it (voice.ts), which every page loads without the engine.
export { SIGNIFICANCE };
export const TRIGGERS_PER_SYMPTOM = 5;
/** Seasonal month means need a diary spanning more than this many months. */
export const SEASONAL_MIN_MONTHS = 3;

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Worse-direction test of a correlation, honouring polarity (r > 0 is worse when higher is worse). */
function worsens(r: number, polarity: SymptomPolarity): boolean {
  return polarity === 'higher_is_worse' ? r > 0 : r < 0;
}

function byStrength(a: TriggerTest, b: TriggerTest): number {
  return Math.abs(b.correlation!) - Math.abs(a.correlation!) || byCodePoint(a.ingredient, b.ingredient);
}

/** The first key (in the given order) whose mean is worst for the polarity. */
function worstKey<K extends string | number>(means: ReadonlyMap<K, number>, polarity: SymptomPolarity): K | null {
  let best: K | null = null;
  let bestMean = 0;
  for (const [k, m] of means) {
    if (best === null || (polarity === 'higher_is_worse' ? m > bestMean : m < bestMean)) {
      best = k;
      bestMean = m;
    }
  }
  return best;
}

/** Calendar date `months` months after an ISO date, clamped to the month's last day. */
function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Sorts logs by date; a diary has one log per date, so a repeated date is an error, not a guess. */
function sortByDate(logs: readonly DiaryEntry[]): DiaryEntry[] {
  const sorted = [...logs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.date === sorted[i - 1]!.date) {
      throw new RangeError(`two logs share the date ${sorted[i]!.date}; a diary has one log per date`);
    }
  }
  return sorted;
}

/**
 * Lag pairs (d, d + k) for one symptom: d any logged day, d + k logged with the symptom. Writes the
 * later day's rating at pairY[k·L + d] (NaN when there is no pair) and each lag's count and sums.
 */
function buildLagPairs(
  day: Int32Array,
  logAt: Int32Array,
  firstDay: number,
  has: Uint8Array,
  val: Float64Array,
  pairY: Float64Array,
  pairN: Int32Array,
  pairSum: Float64Array,
  pairSum2: Float64Array,
): void {
  const L = day.length;
  for (let k = 0; k <= MAX_LAG; k++) {
    const base = k * L;
    let n = 0;
    let sum = 0;
    let sum2 = 0;
    for (let i = 0; i < L; i++) {
      const j = logAt[day[i]! - firstDay + k]!;
      if (j >= 0 && has[j] === 1) {
        const y = val[j]!;
        pairY[base + i] = y;
        n++;
        sum += y;
        sum2 += y * y;
      } else pairY[base + i] = NaN;
    }
    pairN[k] = n;
    pairSum[k] = sum;
    pairSum2[k] = sum2;
  }
}

/** Per-food sums for one symptom: same-day count, rating sum and rank sum; per lag, pair count and sum. */
interface FoodSums {
  n1: Int32Array;
  s1: Float64Array;
  r1: Float64Array;
  /** [food · (MAX_LAG + 1) + k] */
  c: Int32Array;
  s: Float64Array;
}

/** One pass over every (log, food) occurrence fills every food's sums, so each test is then O(1). */
function accumulateFoodSums(occLogs: Int32Array, occFoods: Int32Array, has: Uint8Array, val: Float64Array, rankOf: Float64Array, pairY: Float64Array, L: number, sums: FoodSums): void {
  const { n1, s1, r1, c, s } = sums;
  n1.fill(0);
  s1.fill(0);
  r1.fill(0);
  c.fill(0);
  s.fill(0);
  const lags = MAX_LAG + 1;
  for (let o = 0; o < occLogs.length; o++) {
    const i = occLogs[o]!;
    const id = occFoods[o]!;
    if (has[i] === 1) {
      n1[id]!++;
      s1[id]! += val[i]!;
      r1[id]! += rankOf[i]!;
    }
    const b = id * lags;
    for (let k = 0; k < lags; k++) {
      const y = pairY[k * L + i]!;
      if (y === y) {
        c[b + k]!++;
        s[b + k]! += y;
      }
    }
  }
}

/**
 * Analyses a diary. Logs may come in any order; ingredient names are compared as exact strings and
 * counted once per log; symptoms are every key found in the logs (built-in and custom), ordered by name.
 */
export function analyseDiary(logs: readonly DiaryEntry[], options: AnalyseOptions = {}): InsightsResult {
  const definitions = options.definitions ?? BUILTIN_SYMPTOMS;
  const sorted = sortByDate(logs);
  const L = sorted.length;

  const result: InsightsResult = {
    log_count: L,
    tests: [],
    triggers: [],
    lags: [],
    cycle: [],
    weekday: [],
    trend: [],
    engine_version: ENGINE_VERSION,
    first_date: sorted[0]?.date ?? null,
    last_date: sorted[L - 1]?.date ?? null,
    protective: [],
    delayed: [],
    seasonal: [],
    symptoms: [],
    untested: [],
    explained: [],
    components: [],
  };
  if (L === 0) return result;
  result.components = analyseComponents(sorted, definitions);

  // Calendar: day numbers, a day → log lookup, weekend flags, month of year.
  const day = new Int32Array(L);
  const weekend = new Uint8Array(L);
  const month = new Uint8Array(L);
  for (let i = 0; i < L; i++) {
    const d = sorted[i]!.date;
    day[i] = dayNumber(d);
    weekend[i] = (((day[i]! + 3) % 7) + 7) % 7 >= 5 ? 1 : 0; // day 0 (1970-01-01) was a Thursday
    month[i] = Number(d.slice(5, 7));
  }
  const firstDay = day[0]!;
  const logAt = new Int32Array(day[L - 1]! - firstDay + 1 + MAX_LAG).fill(-1);
  for (let i = 0; i < L; i++) logAt[day[i]! - firstDay] = i;

  // Ingredients: interned ids and the (log, food) occurrences, de-duplicated within a log.
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const seenIn: number[] = [];
  const occLog: number[] = [];
  const occIng: number[] = [];
  for (let i = 0; i < L; i++) {
    for (const name of sorted[i]!.ingredients) {
      let id = idOf.get(name);
      if (id === undefined) {
        id = names.length;
        idOf.set(name, id);
        names.push(name);
        seenIn.push(-1);
      }
      if (seenIn[id] === i) continue;
      seenIn[id] = i;
      occLog.push(i);
      occIng.push(id);
    }
  }
  const I = names.length;
  const occLogs = Int32Array.from(occLog);
  const occFoods = Int32Array.from(occIng);
  const alphabetical = Array.from({ length: I }, (_, k) => k).sort((a, b) => byCodePoint(names[a]!, names[b]!));

  const symptomKeys = new Set<string>();
  for (const log of sorted) for (const key of Object.keys(log.symptoms)) symptomKeys.add(key);
  const longEnough = sorted[L - 1]!.date > addMonths(sorted[0]!.date, SEASONAL_MIN_MONTHS);

  // Per-symptom scratch, reused.
  const val = new Float64Array(L);
  const has = new Uint8Array(L);
  const rankOf = new Float64Array(L);
  const pairY = new Float64Array(L * (MAX_LAG + 1));
  const sums: FoodSums = {
    n1: new Int32Array(I),
    s1: new Float64Array(I),
    r1: new Float64Array(I),
    c: new Int32Array(I * (MAX_LAG + 1)),
    s: new Float64Array(I * (MAX_LAG + 1)),
  };

  for (const symptom of [...symptomKeys].sort(byCodePoint)) {
    const polarity = polarityOf(symptom, definitions);
    has.fill(0);
    const idx: number[] = [];
    let sumY = 0;
    let sumY2 = 0;
    let constant = true;
    for (let i = 0; i < L; i++) {
      const v = sorted[i]!.symptoms[symptom];
      if (v === undefined) continue;
      has[i] = 1;
      val[i] = v;
      if (idx.length > 0 && v !== val[idx[0]!]) constant = false;
      idx.push(i);
      sumY += v;
      sumY2 += v * v;
    }
    const n = idx.length;
    const phaseCounts: Record<CyclePhase, number> = { menstrual: 0, follicular: 0, ovulatory: 0, luteal: 0 };
    let weekendN = 0;
    for (const i of idx) {
      const ph = sorted[i]!.cycle_phase;
      if (ph && Object.hasOwn(phaseCounts, ph)) phaseCounts[ph]++;
      weekendN += weekend[i]!;
    }
    const coverage: SymptomCoverage = {
      symptom,
      polarity,
      status: n < 2 ? 'too_few' : constant ? 'no_variance' : 'analysed',
      n,
      mean: n > 0 ? sumY / n : null,
      foods_tested: 0,
      lag_pairs: [],
      weekday_n: n - weekendN,
      weekend_n: weekendN,
      phase_counts: phaseCounts,
    };
    result.symptoms.push(coverage);

    // Lag pairs (d, d + k): d logged, d + k logged with the symptom. Counted even for skipped symptoms
    // so the app can say how many consecutive days are still needed.
    const pairN = new Int32Array(MAX_LAG + 1);
    const pairSum = new Float64Array(MAX_LAG + 1);
    const pairSum2 = new Float64Array(MAX_LAG + 1);
    buildLagPairs(day, logAt, firstDay, has, val, pairY, pairN, pairSum, pairSum2);
    coverage.lag_pairs = Array.from(pairN);
    if (coverage.status !== 'analysed') continue;

    // Same-day tests: rank once, then each food needs only its own days.
    const ranked = midranks(idx.map((i) => val[i]!));
    idx.forEach((i, r) => (rankOf[i] = ranked.ranks[r]!));
    accumulateFoodSums(occLogs, occFoods, has, val, rankOf, pairY, L, sums);
    const tests: TriggerTest[] = [];
    const testedIds: number[] = [];
    for (const id of alphabetical) {
      const n1 = sums.n1[id]!;
      const s1 = sums.s1[id]!;
      const r1 = sums.r1[id]!;
      if (n1 === 0) continue;
      const n0 = n - n1;
      if (n1 < MIN_DAYS_PER_GROUP || n0 < MIN_DAYS_PER_GROUP) {
        result.untested.push({
          ingredient: names[id]!,
          symptom,
          n_present: n1,
          n_absent: n0,
          more_with: Math.max(0, MIN_DAYS_PER_GROUP - n1),
          more_without: Math.max(0, MIN_DAYS_PER_GROUP - n0),
        } satisfies UntestedIngredient);
        continue;
      }
      const mw = mannWhitneyFromRankSum(r1, n1, n0, ranked.tieTerm);
      tests.push({
        ingredient: names[id]!,
        symptom,
        n_present: n1,
        n_absent: n0,
        mean_present: fin(s1 / n1),
        mean_absent: fin((sumY - s1) / n0),
        u_statistic: fin(mw.u),
        p_value: fin(mw.p),
        p_adjusted: null,
        correlation: fin(pointBiserial(n, n1, sumY, sumY2, s1)),
      });
      testedIds.push(id);
    }
    const m = tests.length;
    coverage.foods_tested = m;
    for (const t of tests) t.p_adjusted = t.p_value === null ? null : Math.min(1, t.p_value * m);
    result.tests.push(...tests);

    const significant = tests.filter((t) => t.p_adjusted !== null && t.p_adjusted < SIGNIFICANCE && t.correlation !== null && t.correlation !== 0);
    result.triggers.push(...significant.filter((t) => worsens(t.correlation!, polarity)).sort(byStrength).slice(0, TRIGGERS_PER_SYMPTOM));
    result.protective.push(...significant.filter((t) => !worsens(t.correlation!, polarity)).sort(byStrength));

    // Lags 0…3 for every tested food, from the pair sums above.
    testedIds.forEach((id, ti) => {
      const rs: (number | null)[] = [];
      let best = -1;
      let bestC = 0;
      let bestS = 0;
      for (let k = 0; k <= MAX_LAG; k++) {
        const c = sums.c[id * (MAX_LAG + 1) + k]!;
        const s = sums.s[id * (MAX_LAG + 1) + k]!;
        const N = pairN[k]!;
        const r = N < MIN_LAG_PAIRS ? NaN : pointBiserial(N, c, pairSum[k]!, pairSum2[k]!, s);
        if (Number.isNaN(r)) {
          rs.push(null);
          continue;
        }
        rs.push(r);
        if (best < 0 || Math.abs(r) > Math.abs(rs[best]!)) {
          best = k;
          bestC = c;
          bestS = s;
        }
      }
      const bestP = best < 0 ? NaN : pearsonTwoSided(rs[best]!, pairN[best]!);
      const t = tests[ti]!;
      const lag: LagResult = { ingredient: t.ingredient, symptom, correlations: rs, best_lag: best < 0 ? null : best, p_value: best < 0 ? null : fin(bestP) };
      result.lags.push(lag);
      if (best > 0 && bestP < SIGNIFICANCE / m) {
        const N = pairN[best]!;
        const r = rs[best]!;
        result.delayed.push({
          ingredient: t.ingredient,
          symptom,
          lag: best,
          correlation: r,
          p_value: bestP,
          p_adjusted: Math.min(1, bestP * m),
          n_pairs: N,
          mean_with: bestS / bestC,
          mean_without: (pairSum[best]! - bestS) / (N - bestC),
          direction: worsens(r, polarity) ? 'worse' : 'better',
        } satisfies DelayedEffect);
      }
    });

    // Cycle phase: ANOVA over the named phases with ≥ 2 logs, when there are ≥ 2 such phases.
    const byPhase = new Map<CyclePhase, number[]>();
    for (const i of idx) {
      const ph = sorted[i]!.cycle_phase;
      if (ph && Object.hasOwn(phaseCounts, ph) && phaseCounts[ph] >= 2) {
        let g = byPhase.get(ph);
        if (!g) byPhase.set(ph, (g = []));
        g.push(val[i]!);
      }
    }
    if (byPhase.size >= 2) {
      const phases = CYCLE_PHASES.filter((p) => byPhase.has(p));
      const groups = phases.map((p) => byPhase.get(p)!);
      const a = oneWayAnova(groups);
      const means = new Map(phases.map((p, g) => [p, groups[g]!.reduce((s, v) => s + v, 0) / groups[g]!.length] as const));
      result.cycle.push({
        symptom,
        f_statistic: fin(a.f),
        p_value: fin(a.p),
        phase_means: Object.fromEntries(means),
        worst_phase: worstKey(means, polarity),
      } satisfies CycleResult);
    }

    // Weekday vs weekend (Saturday, Sunday).
    if (coverage.weekday_n >= 2 && coverage.weekend_n >= 2) {
      const wd: number[] = [];
      const we: number[] = [];
      for (const i of idx) (weekend[i] ? we : wd).push(val[i]!);
      const w = welchTTest(wd, we);
      result.weekday.push({
        symptom,
        t_statistic: fin(w.t),
        p_value: fin(w.p),
        weekday_mean: fin(wd.reduce((s, v) => s + v, 0) / wd.length),
        weekend_mean: fin(we.reduce((s, v) => s + v, 0) / we.length),
      } satisfies WeekdayResult);
    }

    // Trend over calendar days since the first log.
    if (n >= 3) {
      const lr = linearTrend(
        idx.map((i) => day[i]! - firstDay),
        idx.map((i) => val[i]!),
      );
      result.trend.push({ symptom, slope_per_day: fin(lr.slope), p_value: fin(lr.p) } satisfies TrendResult);
    }

    // Seasonal pattern: month-of-year means when the diary spans more than three months.
    if (longEnough) {
      const byMonth: number[][] = Array.from({ length: 13 }, () => []);
      for (const i of idx) byMonth[month[i]!]!.push(val[i]!);
      const monthMeans = [];
      const usable = new Map<number, number>();
      const groups: number[][] = [];
      for (let mo = 1; mo <= 12; mo++) {
        const g = byMonth[mo]!;
        if (g.length === 0) continue;
        const mean = g.reduce((s, v) => s + v, 0) / g.length;
        monthMeans.push({ month: mo, n: g.length, mean });
        if (g.length >= 2) {
          usable.set(mo, mean);
          groups.push(g);
        }
      }
      const a = groups.length >= 2 ? oneWayAnova(groups) : null;
      result.seasonal.push({
        symptom,
        month_means: monthMeans,
        f_statistic: a ? fin(a.f) : null,
        p_value: a ? fin(a.p) : null,
        worst_month: worstKey(usable, polarity),
      } satisfies SeasonalResult);
    }
  }
  // "Explained by": a layer over the findings above, which it leaves exactly as they are.
  result.explained = explainFindings(sorted, result);
  return result;
}

/** The §4 report (the shape of scipy's ref.json): exactly these keys, in this order. */
export function insightsReport(result: InsightsReport): InsightsReport {
  const { log_count, tests, triggers, lags, cycle, weekday, trend } = result;
  return { log_count, tests, triggers, lags, cycle, weekday, trend };
}

/** What `aurea insights --json` prints: the §4 report, then the layers beyond the ADR (`explained`). */
export function insightsJson(result: InsightsReport & Pick<InsightsResult, 'explained'>): InsightsReport & Pick<InsightsResult, 'explained'> {
  return { ...insightsReport(result), explained: result.explained };
}
