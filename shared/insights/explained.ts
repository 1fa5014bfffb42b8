/**
 * "Explained by" (issue 16): a food that only looks linked to a symptom because it is eaten with a
 * real trigger. Findings are the §4 links — each trigger at lag 0 and each worsening delayed effect at
 * its best lag. For two findings A and B of one symptom with different foods, only the days whose
 * symptom is rated and whose two lagged days are both logged count:
 *   overlap(A, B)  = share of A-exposed days also exposed to B;
 *   p(A without B) = two-sided Mann-Whitney (asymptotic, tie and continuity corrected) of the symptom
 *                    on A-exposed vs A-unexposed days, among days not exposed to B; 1 when either
 *                    group has fewer than 3 days or every value is equal.
 * A is explained by B when overlap ≥ 0.5, p(A without B) ≥ 0.05 and p(B without A) < 0.05; of several
 * such B, the largest overlap, then the smallest p(B without A). The §4 numbers are left untouched.
 */
import { mannWhitneyU } from '../stats';
import { dayNumber } from '../util/dates';
import { byCodePoint } from './order';
import type { DelayedEffect, DiaryEntry, ExplainedFinding, TriggerTest } from './types';

/** A's days must mostly be B's days before B can explain A. */
export const EXPLAINED_MIN_OVERLAP = 0.5;
/** The significance level on each side of the rule (uncorrected: it compares two known findings). */
export const EXPLAINED_ALPHA = 0.05;
/** Each group of a conditional comparison needs this many days, else its p is 1. */
export const EXPLAINED_MIN_GROUP = 3;

/** A link as the rule sees it: this food, `lag` days before, goes with a worse symptom. */
export interface Finding {
  ingredient: string;
  symptom: string;
  lag: number;
}

/** Everything the rule weighs for one ordered pair (A, B). */
export interface PairEvidence {
  /** Days usable for this pair: symptom rated, both lagged days logged. */
  days: number;
  days_with_a: number;
  days_with_both: number;
  /** Share of A's days that are also B's days (null when A has no usable day). */
  overlap: number | null;
  /** p of A on the days without B, and of B on the days without A. */
  p_without: number;
  p_by_without: number;
}

/** The findings of a result: triggers at lag 0, then worsening delayed effects at their best lag. */
export function findingsOf(result: { triggers: readonly TriggerTest[]; delayed: readonly DelayedEffect[] }): Finding[] {
  return [
    ...result.triggers.map((t) => ({ ingredient: t.ingredient, symptom: t.symptom, lag: 0 })),
    ...result.delayed.filter((d) => d.direction === 'worse').map((d) => ({ ingredient: d.ingredient, symptom: d.symptom, lag: d.lag })),
  ];
}

/** The diary as calendar lookups: which log (if any) is on a day, and each log's foods. */
export interface DiaryIndex {
  logs: readonly DiaryEntry[];
  day: Int32Array;
  firstDay: number;
  /** logAt[day − firstDay] = index of that day's log, or −1. */
  logAt: Int32Array;
}

export function indexDiary(logs: readonly DiaryEntry[]): DiaryIndex {
  let inOrder = true;
  for (let i = 1; i < logs.length && inOrder; i++) inOrder = logs[i - 1]!.date < logs[i]!.date;
  const sorted = inOrder ? logs : [...logs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const L = sorted.length;
  const day = new Int32Array(L);
  for (let i = 0; i < L; i++) day[i] = dayNumber(sorted[i]!.date);
  const firstDay = L > 0 ? day[0]! : 0;
  const logAt = new Int32Array(L > 0 ? day[L - 1]! - firstDay + 1 : 0).fill(-1);
  for (let i = 0; i < L; i++) logAt[day[i]! - firstDay] = i;
  return { logs: sorted, day, firstDay, logAt };
}

/**
 * Exposure of every log's day to a finding: 1 when its food was logged `lag` days before, 0 when that
 * day is logged without it, −1 when that day is not logged (or the symptom is not rated that day).
 */
function exposure(ix: DiaryIndex, f: Finding): Int8Array {
  const L = ix.logs.length;
  const out = new Int8Array(L);
  for (let i = 0; i < L; i++) {
    if (ix.logs[i]!.symptoms[f.symptom] === undefined) {
      out[i] = -1;
      continue;
    }
    const k = ix.day[i]! - f.lag - ix.firstDay;
    const j = k >= 0 ? ix.logAt[k]! : -1;
    out[i] = j < 0 ? -1 : ix.logs[j]!.ingredients.includes(f.ingredient) ? 1 : 0;
  }
  return out;
}

/** p of "exposed vs not" on the days where `other` is 0; 1 with a group under 3 days or no variation. */
function conditionalP(ix: DiaryIndex, symptom: string, exposed: Int8Array, other: Int8Array): number {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < exposed.length; i++) {
    if (exposed[i]! < 0 || other[i] !== 0) continue;
    (exposed[i] === 1 ? x : y).push(ix.logs[i]!.symptoms[symptom]!);
  }
  if (x.length < EXPLAINED_MIN_GROUP || y.length < EXPLAINED_MIN_GROUP) return 1;
  const first = x[0]!;
  if (x.every((v) => v === first) && y.every((v) => v === first)) return 1;
  return mannWhitneyU(x, y).p;
}

function evidence(ix: DiaryIndex, symptom: string, a: Int8Array, b: Int8Array): PairEvidence {
  let days = 0;
  let withA = 0;
  let both = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < 0 || b[i]! < 0) continue;
    days++;
    if (a[i] === 1) {
      withA++;
      if (b[i] === 1) both++;
    }
  }
  return {
    days,
    days_with_a: withA,
    days_with_both: both,
    overlap: withA > 0 ? both / withA : null,
    p_without: conditionalP(ix, symptom, a, b),
    p_by_without: conditionalP(ix, symptom, b, a),
  };
}

/** The rule's numbers for one ordered pair of findings of the same symptom (A, then B). */
export function pairEvidence(logs: readonly DiaryEntry[] | DiaryIndex, a: Finding, b: Finding): PairEvidence {
  if (a.symptom !== b.symptom) throw new RangeError(`findings of different symptoms (${a.symptom}, ${b.symptom}) are not compared`);
  const ix = 'logAt' in logs ? logs : indexDiary(logs);
  return evidence(ix, a.symptom, exposure(ix, a), exposure(ix, b));
}

/** Whether a pair's numbers meet the rule. */
export function meetsRule(e: PairEvidence): boolean {
  return e.overlap !== null && e.overlap >= EXPLAINED_MIN_OVERLAP && e.p_without >= EXPLAINED_ALPHA && e.p_by_without < EXPLAINED_ALPHA;
}

/**
 * Every finding explained by another, one entry each, ordered by symptom, food, lag. Cost: one pass
 * over the diary per finding and per pair of findings of a symptom (a handful per symptom).
 */
export function explainFindings(logs: readonly DiaryEntry[] | DiaryIndex, result: { triggers: readonly TriggerTest[]; delayed: readonly DelayedEffect[] }): ExplainedFinding[] {
  const all = findingsOf(result);
  const out: ExplainedFinding[] = [];
  const symptoms = [...new Set(all.map((f) => f.symptom))];
  let ix: DiaryIndex | null = null;
  for (const symptom of symptoms) {
    const fs = all.filter((f) => f.symptom === symptom);
    if (new Set(fs.map((f) => f.ingredient)).size < 2) continue;
    ix ??= 'logAt' in logs ? logs : indexDiary(logs);
    const exp = fs.map((f) => exposure(ix!, f));
    for (let a = 0; a < fs.length; a++) {
      let best: { by: Finding; e: PairEvidence } | null = null;
      for (let b = 0; b < fs.length; b++) {
        if (fs[a]!.ingredient === fs[b]!.ingredient) continue;
        const e = evidence(ix, symptom, exp[a]!, exp[b]!);
        if (!meetsRule(e)) continue;
        const better =
          !best ||
          e.overlap! > best.e.overlap! ||
          (e.overlap === best.e.overlap && (e.p_by_without < best.e.p_by_without || (e.p_by_without === best.e.p_by_without && byFinding(fs[b]!, best.by) < 0)));
        if (better) best = { by: fs[b]!, e };
      }
      if (best) {
        out.push({
          ingredient: fs[a]!.ingredient,
          symptom,
          lag_days: fs[a]!.lag,
          by_ingredient: best.by.ingredient,
          by_lag_days: best.by.lag,
          overlap: best.e.overlap!,
          p_without: best.e.p_without,
          p_by_without: best.e.p_by_without,
        });
      }
    }
  }
  return out.sort((x, y) => byCodePoint(x.symptom, y.symptom) || byCodePoint(x.ingredient, y.ingredient) || x.lag_days - y.lag_days);
}

/** Last resort among equally good explanations: food name, then lag, so the answer never depends on order. */
function byFinding(a: Finding, b: Finding): number {
  return byCodePoint(a.ingredient, b.ingredient) || a.lag - b.lag;
}
