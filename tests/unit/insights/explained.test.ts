import { describe, expect, it } from 'vitest';
import { analyseDiary, explainFindings, findingsOf, mannWhitneyU, pairEvidence, type DelayedEffect, type DiaryEntry, type Finding, type TriggerTest } from './explained-fixtures';
import { diary } from './diary';

/** Day kinds of a hand-made diary: which foods, and the bloating rating. */
type Day = { food: string[]; b: number } | null;
const days = (n: number, food: string[], b: number): Day[] => Array.from({ length: n }, () => ({ food, b }));
const build = (list: Day[]): DiaryEntry[] => diary('2025-03-01', list.map((d) => (d ? { food: d.food, s: { bloating: d.b } } : null)));

/** The findings a result would carry: same-day triggers and worsening delayed effects. */
function findings(...fs: Finding[]): { triggers: TriggerTest[]; delayed: DelayedEffect[] } {
  const triggers: TriggerTest[] = [];
  const delayed: DelayedEffect[] = [];
  for (const f of fs) {
    if (f.lag === 0) {
      triggers.push({ ingredient: f.ingredient, symptom: f.symptom, n_present: 0, n_absent: 0, mean_present: null, mean_absent: null, u_statistic: null, p_value: null, p_adjusted: null, correlation: null });
    } else {
      delayed.push({ ingredient: f.ingredient, symptom: f.symptom, lag: f.lag, correlation: 0.5, p_value: 0, p_adjusted: 0, n_pairs: 0, mean_with: 0, mean_without: 0, direction: 'worse' });
    }
  }
  return { triggers, delayed };
}
const A: Finding = { ingredient: 'coconut milk', symptom: 'bloating', lag: 0 };
const B: Finding = { ingredient: 'onion', symptom: 'bloating', lag: 0 };

describe('"explained by": the rule, branch by branch', () => {
  it('a decoy eaten mostly with the trigger, making no difference on its own days, is explained by it', () => {
    const logs = build([...days(20, ['onion'], 4), ...days(20, ['onion', 'coconut milk'], 4), ...days(4, ['coconut milk'], 1), ...days(20, [], 1)]);
    const e = pairEvidence(logs, A, B);
    expect(e).toMatchObject({ days: 64, days_with_a: 24, days_with_both: 20, p_without: 1 });
    expect(e.overlap).toBeCloseTo(20 / 24, 12);
    expect(e.p_by_without).toBeLessThan(1e-6);
    expect(explainFindings(logs, findings(A, B))).toEqual([
      { ingredient: 'coconut milk', symptom: 'bloating', lag_days: 0, by_ingredient: 'onion', by_lag_days: 0, overlap: 20 / 24, p_without: 1, p_by_without: e.p_by_without },
    ]);
  });

  it('overlap: exactly half of the days is enough, just under half is not', () => {
    const half = build([...days(20, ['onion'], 4), ...days(10, ['onion', 'coconut milk'], 4), ...days(10, ['coconut milk'], 1), ...days(20, [], 1)]);
    expect(pairEvidence(half, A, B).overlap).toBe(0.5);
    expect(explainFindings(half, findings(A, B)).map((x) => x.ingredient)).toEqual(['coconut milk']);
    const under = build([...days(20, ['onion'], 4), ...days(10, ['onion', 'coconut milk'], 4), ...days(11, ['coconut milk'], 1), ...days(20, [], 1)]);
    expect(pairEvidence(under, A, B).overlap).toBeCloseTo(10 / 21, 12);
    expect(pairEvidence(under, A, B).p_without).toBe(1);
    expect(explainFindings(under, findings(A, B))).toEqual([]);
  });

  it('p(A without B) below 0.05: the food still matters on its own days, so it is not explained', () => {
    const logs = build([...days(20, ['onion'], 4), ...days(20, ['onion', 'coconut milk'], 4), ...days(6, ['coconut milk'], 3), ...days(20, [], 1)]);
    const e = pairEvidence(logs, A, B);
    expect(e.overlap).toBeGreaterThanOrEqual(0.5);
    expect(e.p_without).toBeLessThan(0.05);
    expect(e.p_by_without).toBeLessThan(0.05);
    expect(explainFindings(logs, findings(A, B))).toEqual([]);
  });

  it('p(B without A) at or above 0.05: the other food does not stand on its own either, so it explains nothing', () => {
    const logs = build([...days(5, ['onion'], 1), ...days(20, ['onion', 'coconut milk'], 4), ...days(4, ['coconut milk'], 1), ...days(20, [], 1)]);
    const e = pairEvidence(logs, A, B);
    expect(e.overlap).toBeGreaterThanOrEqual(0.5);
    expect(e.p_without).toBeGreaterThanOrEqual(0.05);
    expect(e.p_by_without).toBeGreaterThanOrEqual(0.05);
    expect(explainFindings(logs, findings(A, B))).toEqual([]);
  });

  it('fewer than 3 days in a group gives p = 1, although the two days differ', () => {
    const two = build([...days(20, ['onion'], 4), ...days(20, ['onion', 'coconut milk'], 4), ...days(2, ['coconut milk'], 5), ...days(20, [], 1)]);
    const e2 = pairEvidence(two, A, B);
    expect(e2.p_without).toBe(1);
    expect(explainFindings(two, findings(A, B)).map((x) => x.ingredient)).toEqual(['coconut milk']);
    // With a third such day the comparison is made, and those days clearly differ.
    const three = build([...days(20, ['onion'], 4), ...days(20, ['onion', 'coconut milk'], 4), ...days(3, ['coconut milk'], 5), ...days(20, [], 1)]);
    const e3 = pairEvidence(three, A, B);
    expect(e3.p_without).toBe(mannWhitneyU([5, 5, 5], Array(20).fill(1)).p);
    expect(e3.p_without).toBeLessThan(0.05);
    expect(explainFindings(three, findings(A, B))).toEqual([]);
  });

  it('all values equal gives p = 1, however many days there are', () => {
    const logs = build([...days(20, ['onion'], 4), ...days(20, ['onion', 'coconut milk'], 4), ...days(15, ['coconut milk'], 2), ...days(40, [], 2)]);
    const e = pairEvidence(logs, A, B);
    expect(e.days_with_a - e.days_with_both).toBe(15);
    expect(e.p_without).toBe(1);
    expect(e.overlap).toBeCloseTo(20 / 35, 12);
    expect(explainFindings(logs, findings(A, B)).map((x) => x.ingredient)).toEqual(['coconut milk']);
  });

  it('several foods qualify: the largest overlap wins, then the smallest p(B without A)', () => {
    // Bloating = 1 + 2 per trigger eaten. Coconut milk is always with garlic, mostly with onion.
    const G: Finding = { ingredient: 'garlic', symptom: 'bloating', lag: 0 };
    const overlapWins = build([
      ...days(3, ['coconut milk', 'garlic', 'onion'], 5),
      ...days(2, ['coconut milk', 'garlic'], 3),
      ...days(30, ['onion'], 3),
      ...days(12, ['garlic'], 3),
      ...days(30, [], 1),
    ]);
    const byGarlic = pairEvidence(overlapWins, A, G);
    const byOnion = pairEvidence(overlapWins, A, B);
    expect(byGarlic.overlap).toBe(1);
    expect(byOnion.overlap).toBe(0.6);
    // Both qualify, and onion on its own is the stronger: overlap still decides.
    for (const e of [byGarlic, byOnion]) {
      expect(e.p_without).toBeGreaterThanOrEqual(0.05);
      expect(e.p_by_without).toBeLessThan(0.05);
    }
    expect(byOnion.p_by_without).toBeLessThan(byGarlic.p_by_without);
    expect(explainFindings(overlapWins, findings(A, B, G)).find((x) => x.ingredient === 'coconut milk')?.by_ingredient).toBe('garlic');

    // Same overlap (coconut milk always with both): the one clearer on its own days wins.
    const pWins = build([...days(10, ['coconut milk', 'garlic', 'onion'], 5), ...days(30, ['onion'], 3), ...days(8, ['garlic'], 3), ...days(30, [], 1)]);
    const g = pairEvidence(pWins, A, G);
    const o = pairEvidence(pWins, A, B);
    expect(g.overlap).toBe(1);
    expect(o.overlap).toBe(1);
    expect(o.p_by_without).toBeLessThan(g.p_by_without);
    expect(g.p_by_without).toBeLessThan(0.05);
    expect(explainFindings(pWins, findings(A, G, B)).find((x) => x.ingredient === 'coconut milk')?.by_ingredient).toBe('onion');
  });

  it('a lagged finding counts only days whose lagged day is logged', () => {
    // Onion the day before goes with bloating; a day after a gap is neither exposed nor unexposed.
    const list: Day[] = [];
    for (let i = 0; i < 60; i++) {
      const onion = i % 3 === 0;
      const coconut = onion ? i % 2 === 0 : i % 7 === 0;
      list.push(i % 10 === 5 ? null : { food: [...(onion ? ['onion'] : []), ...(coconut ? ['coconut milk'] : [])], b: 1 });
    }
    const logs = build(list);
    // Bloating the day after onion.
    for (let i = 1; i < logs.length; i++) {
      const prev = logs.find((l) => l.date === addDaysIso(logs[i]!.date, -1));
      if (prev?.ingredients.includes('onion')) (logs[i]!.symptoms as Record<string, number>).bloating = 4;
    }
    const lagged: Finding = { ingredient: 'onion', symptom: 'bloating', lag: 1 };
    const laggedDecoy: Finding = { ingredient: 'coconut milk', symptom: 'bloating', lag: 1 };
    const e = pairEvidence(logs, laggedDecoy, lagged);
    const logged = new Set(logs.map((l) => l.date));
    const usable = logs.filter((l) => logged.has(addDaysIso(l.date, -1))).length;
    expect(e.days).toBe(usable);
    expect(usable).toBeLessThan(logs.length - 1);
    // Against a same-day finding, both lagged days (d − 1 and d) must be logged: the same days here.
    expect(pairEvidence(logs, laggedDecoy, B).days).toBe(usable);
    expect(pairEvidence(logs, B, B).days).toBe(logs.length);
    expect(explainFindings(logs, findings(laggedDecoy, lagged))).toMatchObject([{ ingredient: 'coconut milk', lag_days: 1, by_ingredient: 'onion', by_lag_days: 1 }]);
  });

  it('never compares a food with itself, or findings of different symptoms', () => {
    const logs = build([...days(20, ['onion'], 4), ...days(20, ['onion', 'coconut milk'], 4), ...days(20, [], 1)]);
    const sameFood = findings(B, { ...B, lag: 1 }, A);
    expect(findingsOf(sameFood)).toHaveLength(3);
    expect(explainFindings(logs, sameFood).map((x) => `${x.ingredient} by ${x.by_ingredient}`)).toEqual(['coconut milk by onion']);
    expect(explainFindings(logs, findings(A, { ...B, symptom: 'energy' }))).toEqual([]);
    expect(() => pairEvidence(logs, A, { ...B, symptom: 'energy' })).toThrow(/different symptoms/);
  });

  it('only worsening delayed effects are findings', () => {
    const f = findings(A);
    f.delayed.push({ ingredient: 'onion', symptom: 'bloating', lag: 1, correlation: -0.5, p_value: 0, p_adjusted: 0, n_pairs: 0, mean_with: 0, mean_without: 0, direction: 'better' });
    expect(findingsOf(f)).toEqual([A]);
  });

  it('runs with the rest of the analysis and leaves the §4 numbers as they are', () => {
    const logs = build([...days(20, ['onion'], 4), ...days(20, ['onion', 'coconut milk'], 4), ...days(4, ['coconut milk'], 1), ...days(20, [], 1)].map((d, i) => d && { ...d, b: d.b - (i % 2) }));
    const r = analyseDiary(logs);
    expect(r.triggers.map((t) => t.ingredient).sort()).toEqual(['coconut milk', 'onion']);
    expect(r.explained).toMatchObject([{ ingredient: 'coconut milk', by_ingredient: 'onion' }]);
  });
});

function addDaysIso(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
