/**
 * Component findings (issue 14 point 4): the per-food tests run on "any food carrying the component
 * that day" for every component × symptom × lag 0–3. Bonferroni runs within this family only, so the
 * per-food numbers (analyse.ts) stay exactly what they are.
 *
 * Lag k pairs a logged day d (exposed or not) with day d + k when that day is logged with the symptom;
 * lag 0 is the same-day test.
 */
import { BUILTIN_SYMPTOMS, type SymptomDefinition } from '../schema';
import { dayNumber } from '../util/dates';
import { mannWhitneyU, pointBiserial } from '../stats';
import { COMPONENT_KEYS, carriesComponent, type ComponentKey } from '../ingredients/components';
import { normaliseIngredient } from '../ingredients/normalise';
import { byCodePoint } from './order';
import { SIGNIFICANCE } from './voice';
import type { DiaryEntry } from './types';
import type { ComponentTest } from './components-types';

export type { ComponentTest };

/** Days needed with and without exposure before a component × symptom × lag is tested (as for foods). */
export const COMPONENT_MIN_DAYS_PER_GROUP = 4;
export const COMPONENT_MAX_LAG = 3;


const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Tests every component × symptom × lag; returns them ordered by component key order, symptom, lag. */
export function analyseComponents(logs: readonly DiaryEntry[], definitions: readonly SymptomDefinition[] = BUILTIN_SYMPTOMS): ComponentTest[] {
  void definitions; // polarity decides wording only, not the test
  const sorted = [...logs].sort((a, b) => byCodePoint(a.date, b.date));
  const L = sorted.length;
  if (L === 0) return [];
  const dayOf = sorted.map((l) => dayNumber(l.date));
  const logAt = new Map<number, number>();
  dayOf.forEach((d, i) => logAt.set(d, i));

  const symptoms = new Set<string>();
  for (const l of sorted) for (const k of Object.keys(l.symptoms)) symptoms.add(k);
  const symptomKeys = [...symptoms].sort(byCodePoint);

  // The table lists the app's normalised names; a diary written elsewhere may say "lentils" or "Crackers".
  const canonical = new Map<string, string>();
  const nameOf = (raw: string): string => {
    let n = canonical.get(raw);
    if (n === undefined) canonical.set(raw, (n = normaliseIngredient(raw)));
    return n;
  };

  const tests: ComponentTest[] = [];
  for (const component of COMPONENT_KEYS) {
    const exposed = new Uint8Array(L);
    const foodDays = new Map<string, number>();
    for (let i = 0; i < L; i++) {
      for (const food of new Set(sorted[i]!.ingredients.map(nameOf))) {
        if (!carriesComponent(food, component)) continue;
        exposed[i] = 1;
        foodDays.set(food, (foodDays.get(food) ?? 0) + 1);
      }
    }
    const foods = [...foodDays].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).map(([f]) => f);
    if (foods.length === 0) continue;
    for (const symptom of symptomKeys) {
      for (let k = 0; k <= COMPONENT_MAX_LAG; k++) {
        const withY: number[] = [];
        const withoutY: number[] = [];
        for (let i = 0; i < L; i++) {
          const j = logAt.get(dayOf[i]! + k);
          if (j === undefined) continue;
          const y = sorted[j]!.symptoms[symptom];
          if (y === undefined) continue;
          (exposed[i] ? withY : withoutY).push(y);
        }
        const n1 = withY.length;
        const n0 = withoutY.length;
        if (n1 < COMPONENT_MIN_DAYS_PER_GROUP || n0 < COMPONENT_MIN_DAYS_PER_GROUP) continue;
        const all = withY.concat(withoutY);
        if (all.every((v) => v === all[0])) continue; // a constant symptom has nothing to compare
        const s1 = withY.reduce((s, v) => s + v, 0);
        const sum = all.reduce((s, v) => s + v, 0);
        const sum2 = all.reduce((s, v) => s + v * v, 0);
        const mw = mannWhitneyU(withY, withoutY);
        tests.push({
          component,
          symptom,
          lag_days: k,
          n_present: n1,
          n_absent: n0,
          mean_present: fin(s1 / n1),
          mean_absent: fin((sum - s1) / n0),
          u_statistic: fin(mw.u),
          p_value: fin(mw.p),
          p_adjusted: null,
          correlation: fin(pointBiserial(n1 + n0, n1, sum, sum2, s1)),
          significant: false,
          foods,
        });
      }
    }
  }
  const m = tests.length;
  for (const t of tests) {
    t.p_adjusted = t.p_value === null ? null : Math.min(1, t.p_value * m);
    t.significant = t.p_adjusted !== null && t.p_adjusted < SIGNIFICANCE && t.correlation !== null && t.correlation !== 0;
  }
  return tests;
}
