import { describe, expect, it } from 'vitest';
import {
  analyseDiary,
  ASSOCIATION_NOTE,
  describeInsights,
  evidenceStrength,
  findingNumbers,
  type InsightItem,
  type InsightsResult,
  type SymptomCoverage,
  type TriggerTest,
} from '../../../shared/insights';
import type { SymptomDefinition } from '../../../shared/schema';
import { diary, rng } from './diary';

function coverage(symptom: string, over: Partial<SymptomCoverage> = {}): SymptomCoverage {
  return {
    symptom,
    polarity: symptom === 'bloating' ? 'higher_is_worse' : 'higher_is_better',
    status: 'analysed',
    n: 353,
    mean: 2.3,
    foods_tested: 42,
    lag_pairs: [353, 340, 330, 320],
    weekday_n: 250,
    weekend_n: 103,
    phase_counts: { menstrual: 0, follicular: 0, ovulatory: 0, luteal: 0 },
    ...over,
  };
}

function test(over: Partial<TriggerTest>): TriggerTest {
  return { ingredient: 'milk', symptom: 'bloating', n_present: 115, n_absent: 238, mean_present: 3.43, mean_absent: 1.81, u_statistic: 20000, p_value: 1e-9, p_adjusted: 4.2e-8, correlation: 0.52, ...over };
}

function result(over: Partial<InsightsResult>): InsightsResult {
  return {
    log_count: 353,
    tests: [],
    triggers: [],
    lags: [],
    cycle: [],
    weekday: [],
    trend: [],
    engine_version: 2,
    explained: [],
    first_date: '2025-01-01',
    last_date: '2025-12-31',
    protective: [],
    delayed: [],
    seasonal: [],
    symptoms: [coverage('bloating'), coverage('energy')],
    untested: [],
    ...over,
  };
}

const byKind = (items: InsightItem[], kind: InsightItem['kind']) => items.filter((i) => i.kind === kind);

describe('evidenceStrength', () => {
  it.each([
    [0.0004, 'strong'],
    [0.001, 'moderate'],
    [0.009, 'moderate'],
    [0.01, 'weak'],
    [0.049, 'weak'],
    [0.05, 'none'],
    [null, 'none'],
  ] as const)('p = %s → %s', (p, s) => expect(evidenceStrength(p)).toBe(s));
});

describe('food findings', () => {
  it('says a trigger with its numbers, days and corrected evidence', () => {
    const items = describeInsights(result({ triggers: [test({})], tests: [test({})] }));
    const [t] = byKind(items, 'trigger');
    expect(t).toMatchObject({ id: 'trigger:bloating:milk', symptom: 'bloating', ingredient: 'milk', direction: 'worse', strength: 'strong', headline: 'Milk: linked to more bloating' });
    expect(t!.sentence).toBe('On days you had milk, your bloating averaged 3.4 vs 1.8 without it (115 days with, 238 without; strong evidence).');
    expect(t!.numbers).toMatchObject({ mean_with: 3.43, mean_without: 1.81, days_with: 115, days_without: 238, p_adjusted: 4.2e-8, foods_tested: 42 });
  });

  it('keeps p-values and test names out of the sentence, and behind "Show the numbers"', () => {
    const items = describeInsights(result({ triggers: [test({})], tests: [test({})] }));
    const t = byKind(items, 'trigger')[0]!;
    expect(t.sentence).not.toMatch(/\bp\s*[<=]|Mann|Bonferroni|percentage point/i);
    const rows = Object.fromEntries(findingNumbers(t).map((r) => [r.label, r.value]));
    expect(rows).toMatchObject({
      'Days with the food': '115',
      'Days without it': '238',
      'Average with': '3.43',
      'Average without': '1.81',
      Test: 'Mann-Whitney U, two-sided',
      'Adjusted p (Bonferroni, 42 foods)': '< 0.001',
    });
    expect(rows.p).toBeDefined();
  });

  it('words a higher-is-better trigger as lower, and protective foods kindly', () => {
    const sugar = test({ ingredient: 'sugar', symptom: 'energy', mean_present: 1.9, mean_absent: 3.2, p_adjusted: 0.004, correlation: -0.3 });
    const ginger = test({ ingredient: 'ginger', mean_present: 1.2, mean_absent: 2.0, p_adjusted: 0.03, correlation: -0.2 });
    const oats = test({ ingredient: 'oats', symptom: 'energy', mean_present: 3.8, mean_absent: 3.1, p_adjusted: 0.0002, correlation: 0.25 });
    const items = describeInsights(result({ triggers: [sugar], protective: [ginger, oats] }));
    expect(byKind(items, 'trigger')[0]!.headline).toBe('Sugar: linked to lower energy');
    expect(byKind(items, 'trigger')[0]!.sentence).toContain('moderate evidence');
    const [g, o] = byKind(items, 'protective');
    expect(g!.headline).toBe('Ginger: linked to less bloating');
    expect(g!.sentence).toBe('Days with ginger tended to bring less bloating: 1.2 on average vs 2.0 without it (115 days with, 238 without; weak evidence).');
    expect(o!.headline).toBe('Oats: linked to better energy');
    expect(o!.direction).toBe('better');
  });

  it('words delayed effects by lag', () => {
    const base = { symptom: 'bloating', correlation: 0.3, p_value: 1e-5, p_adjusted: 4.2e-4, n_pairs: 300, mean_with: 3.1, mean_without: 2.0, direction: 'worse' as const };
    const items = describeInsights(result({ delayed: [1, 2, 3].map((lag) => ({ ...base, ingredient: `food${lag}`, lag })) }));
    expect(byKind(items, 'delayed').map((i) => i.sentence.split(',')[0])).toEqual(['The day after you have food1', 'Two days after you have food2', 'Three days after you have food3']);
    expect(byKind(items, 'delayed').map((i) => i.headline)).toEqual([
      'Food1: linked to more bloating the next day',
      'Food2: linked to more bloating two days later',
      'Food3: linked to more bloating three days later',
    ]);
    expect(byKind(items, 'delayed')[0]!.sentence).toBe('The day after you have food1, your bloating averages 3.1 vs 2.0 otherwise (300 pairs of days; strong evidence).');
  });

  it('says when no food stands out for a symptom', () => {
    const items = describeInsights(result({ triggers: [test({})] }));
    expect(byKind(items, 'no_triggers').map((i) => i.symptom)).toEqual(['energy']);
    expect(byKind(items, 'no_triggers')[0]!.sentence).toBe('No food stands out for your energy yet (42 foods tested over 353 days).');
  });

  it('uses the labels of custom symptoms', () => {
    const defs: SymptomDefinition[] = [{ key: 'ibs pain', label: 'IBS pain', polarity: 'higher_is_worse', builtin: false }];
    const items = describeInsights(
      result({ symptoms: [coverage('ibs pain', { polarity: 'higher_is_worse' })], triggers: [test({ symptom: 'ibs pain', ingredient: 'beans' })] }),
      { definitions: defs },
    );
    expect(byKind(items, 'trigger')[0]!.sentence).toContain('your IBS pain averaged');
    expect(byKind(items, 'trigger')[0]!.symptom_label).toBe('IBS pain');
  });
});

describe('patterns', () => {
  it('names the worst and kindest cycle phase when the difference is clear, and says so when it is not', () => {
    const items = describeInsights(
      result({
        cycle: [
          { symptom: 'bloating', f_statistic: 20, p_value: 1e-8, phase_means: { menstrual: 2.0, follicular: 1.97, ovulatory: 2.0, luteal: 3.39 }, worst_phase: 'luteal' },
          { symptom: 'energy', f_statistic: 1, p_value: 0.38, phase_means: { menstrual: 3.15, luteal: 3.07 }, worst_phase: 'luteal' },
        ],
      }),
    );
    const [b, e] = byKind(items, 'cycle');
    expect(b!.headline).toBe('Bloating is worst in your luteal phase');
    expect(b!.sentence).toBe('Your bloating averaged 3.4 in your luteal phase vs 2.0 in your follicular phase, the lightest (strong evidence across 4 phases).');
    expect(e!.strength).toBe('none');
    expect(e!.sentence).toBe('Your energy was similar across your cycle phases (averages 3.1–3.1; no clear difference).');
  });

  it('compares weekdays with weekends', () => {
    const items = describeInsights(
      result({
        weekday: [
          { symptom: 'energy', t_statistic: 3, p_value: 0.004, weekday_mean: 2.9, weekend_mean: 2.4 },
          { symptom: 'bloating', t_statistic: 0.3, p_value: 0.71, weekday_mean: 2.64, weekend_mean: 2.61 },
        ],
      }),
    );
    const [e, b] = byKind(items, 'weekday');
    expect(e!.sentence).toBe('Your energy is lower at weekends: 2.4 on average vs 2.9 on weekdays (moderate evidence).');
    expect(b!.sentence).toBe('Your bloating is about the same on weekdays (2.6) and at weekends (2.6; no clear difference).');
  });

  it('turns the daily slope into points a month, worded by polarity', () => {
    const items = describeInsights(
      result({
        trend: [
          { symptom: 'bloating', slope_per_day: -0.01, p_value: 1e-6 },
          { symptom: 'energy', slope_per_day: 0.004, p_value: 0.02 },
          { symptom: 'focus', slope_per_day: -0.0005, p_value: 0.003 },
        ],
        symptoms: [coverage('bloating'), coverage('energy'), coverage('focus')],
      }),
    );
    const [b, e, f] = byKind(items, 'trend');
    expect(b!.sentence).toBe('Your bloating has been easing by about 0.3 points a month (strong evidence).');
    expect(e!.sentence).toBe('Your energy has been improving by about 0.1 points a month (weak evidence).');
    expect(f!.sentence).toBe('Your focus has been slipping by about 0.02 points a month (moderate evidence).');
    expect(b!.numbers.change_per_month).toBeCloseTo(-0.304, 3);
  });

  it('does not call three points a trend', () => {
    const r = analyseDiary(diary('2025-05-01', [{ s: { bloating: 1 } }, null, { s: { bloating: 2 } }, null, { s: { bloating: 3 } }]));
    expect(r.trend).toHaveLength(1); // the engine reports it, as scipy would
    const items = describeInsights(r);
    expect(byKind(items, 'trend')).toEqual([]);
    expect(items.find((i) => i.id === 'not_enough_data:symptom:bloating')!.sentence).toBe('Rate your bloating on 5 more days to start looking for foods linked to it (3 days so far).');
  });

  it('names a clear seasonal pattern', () => {
    const items = describeInsights(
      result({
        seasonal: [
          { symptom: 'energy', month_means: [{ month: 1, n: 31, mean: 3.2 }, { month: 12, n: 31, mean: 2.3 }], f_statistic: 30, p_value: 1e-6, worst_month: 12 },
          { symptom: 'bloating', month_means: [{ month: 1, n: 31, mean: 2 }, { month: 2, n: 28, mean: 2.1 }], f_statistic: 0.1, p_value: 0.7, worst_month: 2 },
        ],
      }),
    );
    expect(byKind(items, 'seasonal')).toHaveLength(1);
    expect(byKind(items, 'seasonal')[0]!.sentence).toBe('Your energy tends to be lowest in December: 2.3 on average vs 2.8 across the year (strong evidence across 2 months).');
  });
});

describe('not enough data yet', () => {
  const gaps = (items: InsightItem[]) => items.filter((i) => i.kind === 'not_enough_data');

  it('says how many more days with (or without) a food would test it', () => {
    const r0 = rng(5);
    const logs = diary(
      '2025-01-06',
      Array.from({ length: 40 }, (_, i) => ({
        food: ['water', ...(i < 2 ? ['cheese'] : []), ...(i < 3 ? ['kale'] : []), ...(i !== 7 ? ['salt'] : [])],
        s: { bloating: Math.floor(r0() * 5) },
      })),
    );
    const items = describeInsights(analyseDiary(logs));
    const food = gaps(items).filter((g) => g.subject === 'ingredient');
    expect(food.map((g) => g.sentence)).toEqual([
      'Log 1 more day with kale to test it (3 days so far).',
      'Log 2 more days with cheese to test it (2 days so far).',
      'Salt is in almost every log: log 3 more days without it to test it (1 day without so far).',
      'Water is in almost every log: log 4 more days without it to test it (0 days without so far).',
    ]);
    expect(food[1]).toMatchObject({ ingredient: 'cheese', symptoms: ['bloating'], numbers: { more_with: 2, more_without: 0 } });
  });

  it('explains symptoms that cannot be analysed yet', () => {
    const logs = diary('2025-01-06', Array.from({ length: 20 }, (_, i) => ({ s: { bloating: i % 3, energy: 3, ...(i < 5 ? { nausea: i % 2 } : {}) } })));
    const items = gaps(describeInsights(analyseDiary(logs)));
    expect(items.find((g) => g.symptom === 'energy')!.sentence).toBe('Your energy has been 3 on every day you rated it (20 days), so there is nothing to compare yet; insights appear once it varies.');
    expect(items.find((g) => g.symptom === 'nausea')!.sentence).toBe('Rate your nausea on 3 more days to start looking for foods linked to it (5 days so far).');
    expect(items.find((g) => g.subject === 'trend')!.sentence).toBe('Keep logging: seeing whether symptoms are easing or rising needs at least four weeks of diary (9 more days to go).');
  });

  it('asks for consecutive days, weekend days and cycle phases when those are missing', () => {
    // Every other day, weekdays only, one cycle phase.
    const days = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 && i % 7 < 5 ? { s: { bloating: i % 4 }, phase: 'luteal' as const } : null));
    const items = gaps(describeInsights(analyseDiary(diary('2025-01-06', days))));
    expect(items.find((g) => g.subject === 'lags')!.sentence).toBe('Log on consecutive days to look for effects that show up a day or more later: 8 more pairs of back-to-back days rating bloating needed (0 so far).');
    expect(items.find((g) => g.subject === 'weekday')!.sentence).toBe('Rate your bloating on 2 more weekend days to compare weekdays and weekends.');
    expect(items.find((g) => g.subject === 'cycle')!.sentence).toMatch(/^Log your cycle phase on more days: comparing phases needs at least 2 days in each of two phases \(so far: \d+ luteal\)\.$/);
  });

  it('says nothing about cycles to someone who does not log them', () => {
    const logs = diary('2025-01-06', Array.from({ length: 30 }, (_, i) => ({ s: { bloating: i % 4 } })));
    expect(describeInsights(analyseDiary(logs)).some((i) => i.subject === 'cycle' || i.kind === 'cycle')).toBe(false);
  });
});

describe('every item', () => {
  const r0 = rng(77);
  const logs = diary(
    '2024-01-01',
    Array.from({ length: 400 }, (_, i) => {
      const milk = r0() < 0.3;
      return { food: [...(milk ? ['milk'] : []), ...(r0() < 0.4 ? ['bread'] : []), ...(i % 50 === 0 ? ['rare'] : [])], s: { bloating: Math.max(0, Math.min(5, Math.round(1.5 + (milk ? 2 : 0) + (r0() - 0.5) * 2))), energy: Math.floor(r0() * 6) }, phase: (['menstrual', 'follicular', 'ovulatory', 'luteal'] as const)[Math.floor(i / 7) % 4] };
    }),
  );
  const items = describeInsights(analyseDiary(logs));

  it('has a unique id, a headline and a sentence', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    for (const i of items) {
      expect(i.headline.length).toBeGreaterThan(5);
      expect(i.sentence).toMatch(/^[A-Z].*\.$/);
    }
    expect(items.some((i) => i.kind === 'trigger' && i.ingredient === 'milk')).toBe(true);
  });

  it('never presents correlation as cause, and never puts a p-value in a sentence', () => {
    for (const i of items) expect(`${i.headline} ${i.sentence}`).not.toMatch(/caus|because|makes you|gives you/i);
    for (const i of items) expect(i.sentence).not.toMatch(/\bp\s*[<=]\s*\d|p not defined/);
    expect(ASSOCIATION_NOTE).toMatch(/not proof of cause/);
  });
});
