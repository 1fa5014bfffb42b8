import { describe, expect, it } from 'vitest';
import { analyseDiary, insightsReport, type DiaryEntry } from '../../../shared/insights';
import { mannWhitneyU, pearson } from '../../../shared/stats';
import type { DailyLog, ExportedLog, SymptomDefinition } from '../../../shared/schema';
import { diary, rng } from './diary';

/** A day predicate: each day true with probability p, reproducibly. */
function someDays(seed: number, p: number, n = 400): (i: number) => boolean {
  const r = rng(seed);
  const days = Array.from({ length: n }, () => r() < p);
  return (i) => days[i]!;
}

/** A diary where `food` is eaten on the given day indices and raises `symptom` by `effect`. */
function planted(n: number, foods: Record<string, { days: (i: number) => boolean; effect: Record<string, number> }>, seed = 1, start = '2025-01-06'): DiaryEntry[] {
  const r = rng(seed);
  return diary(
    start,
    Array.from({ length: n }, (_, i) => {
      const food = Object.keys(foods).filter((f) => foods[f]!.days(i));
      const s: Record<string, number> = {};
      for (const key of ['bloating', 'energy', 'focus']) {
        let v = 2.5 + (r() - 0.5) * 2;
        for (const f of food) v += foods[f]!.effect[key] ?? 0;
        s[key] = Math.max(0, Math.min(5, Math.round(v)));
      }
      return { food, s };
    }),
  );
}

describe('trigger tests', () => {
  it('tests a food only with ≥ 4 days with it and ≥ 4 without, among logs rating the symptom', () => {
    const logs = diary(
      '2025-01-01',
      Array.from({ length: 12 }, (_, i) => ({
        food: [...(i < 4 ? ['four'] : []), ...(i < 3 ? ['three'] : []), ...(i < 8 ? ['eight'] : []), ...(i < 9 ? ['nine'] : [])],
        s: { bloating: i % 3 },
      })),
    );
    const r = analyseDiary(logs);
    expect(r.tests.map((t) => t.ingredient)).toEqual(['eight', 'four']); // 'three': 3 days with; 'nine': 3 without
    expect(r.untested).toEqual([
      { ingredient: 'nine', symptom: 'bloating', n_present: 9, n_absent: 3, more_with: 0, more_without: 1 },
      { ingredient: 'three', symptom: 'bloating', n_present: 3, n_absent: 9, more_with: 1, more_without: 0 },
    ]);
  });

  it('counts only the logs that rate the symptom', () => {
    const days = Array.from({ length: 16 }, (_, i) => ({ food: i % 2 ? ['tea'] : [], s: (i < 7 ? { bloating: i % 4, headache: i % 3 } : { bloating: i % 4 }) as Record<string, number> }));
    const r = analyseDiary(diary('2025-01-01', days));
    expect(r.tests.find((t) => t.symptom === 'bloating')).toMatchObject({ n_present: 8, n_absent: 8 });
    expect(r.tests.find((t) => t.symptom === 'headache')).toBeUndefined();
    // tea is on days 1, 3, 5 of the 7 rating headache: one more day with it is needed.
    expect(r.untested.find((u) => u.symptom === 'headache')).toEqual({ ingredient: 'tea', symptom: 'headache', n_present: 3, n_absent: 4, more_with: 1, more_without: 0 });
  });

  it('computes U, p, r and means as the named statistics do', () => {
    const logs = planted(60, { milk: { days: (i) => i % 3 === 0, effect: { bloating: 1.5 } } });
    const r = analyseDiary(logs);
    const t = r.tests.find((x) => x.ingredient === 'milk' && x.symptom === 'bloating')!;
    const x = logs.filter((l) => l.ingredients.includes('milk')).map((l) => l.symptoms.bloating!);
    const y = logs.filter((l) => !l.ingredients.includes('milk')).map((l) => l.symptoms.bloating!);
    const mw = mannWhitneyU(x, y);
    expect(t.u_statistic).toBe(mw.u);
    expect(t.p_value).toBeCloseTo(mw.p, 14);
    expect(t.correlation!).toBeCloseTo(pearson(logs.map((l) => (l.ingredients.includes('milk') ? 1 : 0)), logs.map((l) => l.symptoms.bloating!)).r, 14);
    expect(t.mean_present).toBeCloseTo(x.reduce((a, b) => a + b) / x.length, 14);
    expect(t.mean_absent).toBeCloseTo(y.reduce((a, b) => a + b) / y.length, 14);
  });

  it('adjusts p by Bonferroni within the symptom: min(1, p · foods tested for it)', () => {
    const logs = planted(80, {
      a: { days: (i) => i % 2 === 0, effect: { bloating: 2 } },
      b: { days: (i) => i % 3 === 0, effect: {} },
      c: { days: (i) => i % 5 === 0, effect: {} },
    });
    const r = analyseDiary(logs);
    for (const symptom of ['bloating', 'energy', 'focus']) {
      const tests = r.tests.filter((t) => t.symptom === symptom);
      expect(tests).toHaveLength(3);
      for (const t of tests) expect(t.p_adjusted).toBe(Math.min(1, t.p_value! * 3));
    }
  });

  it('de-duplicates a food within a log and compares names as exact strings', () => {
    const days = Array.from({ length: 12 }, (_, i) => ({ food: i % 2 ? ['Milk', 'milk', 'milk'] : ['milk '], s: { bloating: i % 4 } }));
    const r = analyseDiary(diary('2025-01-01', days));
    expect(r.tests.map((t) => [t.ingredient, t.n_present, t.n_absent])).toEqual([
      ['Milk', 6, 6],
      ['milk', 6, 6],
      ['milk ', 6, 6],
    ]);
  });

  it('orders symptoms and foods by code point', () => {
    const days = Array.from({ length: 10 }, (_, i) => ({ food: i % 2 ? ['zucchini', 'éclair', 'Apple'] : ['\u{1F336} chili', '\uFB01g'], s: { zest: i % 3, bloating: i % 4, 'äpfel': i % 2 } }));
    const r = analyseDiary(diary('2025-01-01', days));
    expect([...new Set(r.tests.map((t) => t.symptom))]).toEqual(['bloating', 'zest', 'äpfel']);
    expect(r.tests.filter((t) => t.symptom === 'bloating').map((t) => t.ingredient)).toEqual(['Apple', 'zucchini', 'éclair', '\uFB01g', '\u{1F336} chili']);
  });

  it('gives the same answer whatever the order of the logs', () => {
    const logs = planted(50, { milk: { days: (i) => i % 3 === 0, effect: { bloating: 1 } } });
    const shuffled = [...logs].sort(() => 0).reverse();
    expect(analyseDiary(shuffled)).toEqual(analyseDiary(logs));
  });

  it('refuses two logs with the same date', () => {
    const logs = diary('2025-01-01', [{ s: { bloating: 1 } }, { s: { bloating: 2 } }]);
    expect(() => analyseDiary([...logs, { ...logs[0]! }])).toThrow(/2025-01-01/);
  });
});

describe('triggers honour polarity', () => {
  const logs = planted(120, {
    milk: { days: someDays(11, 0.3), effect: { bloating: 2 } },
    oats: { days: someDays(12, 0.3), effect: { bloating: -1.8 } },
    sugar: { days: someDays(13, 0.3), effect: { focus: -2 } },
    nuts: { days: someDays(14, 0.3), effect: { energy: 1.8 } },
  });
  const r = analyseDiary(logs);

  it('bloating: higher is worse, so r > 0 makes a trigger and r < 0 is protective', () => {
    expect(r.triggers.filter((t) => t.symptom === 'bloating').map((t) => t.ingredient)).toEqual(['milk']);
    expect(r.protective.filter((t) => t.symptom === 'bloating').map((t) => t.ingredient)).toEqual(['oats']);
  });
  it('energy and focus: higher is better, so r < 0 makes a trigger', () => {
    expect(r.triggers.filter((t) => t.symptom === 'focus').map((t) => t.ingredient)).toEqual(['sugar']);
    expect(r.triggers.filter((t) => t.symptom === 'energy')).toEqual([]);
    expect(r.protective.filter((t) => t.symptom === 'energy').map((t) => t.ingredient)).toEqual(['nuts']);
  });
  it('a custom symptom takes its polarity from its definition (higher is worse when undefined)', () => {
    const custom = logs.map((l) => ({ ...l, symptoms: { mood: l.symptoms.bloating! } }));
    const better: SymptomDefinition[] = [{ key: 'mood', label: 'Mood', polarity: 'higher_is_better', builtin: false }];
    expect(analyseDiary(custom).triggers.map((t) => t.ingredient)).toEqual(['milk']);
    expect(analyseDiary(custom, { definitions: better }).triggers.map((t) => t.ingredient)).toEqual(['oats']);
  });
  it('only p_adjusted < 0.05 counts as significant', () => {
    for (const t of [...r.triggers, ...r.protective]) expect(t.p_adjusted!).toBeLessThan(0.05);
    const notSig = r.tests.filter((t) => t.p_adjusted! >= 0.05);
    expect(notSig.length).toBeGreaterThan(0);
    for (const t of notSig) expect(r.triggers).not.toContain(t);
  });
});

describe('top five triggers per symptom', () => {
  it('keeps the five largest |r|, ties broken by name', () => {
    const foods: Record<string, { days: (i: number) => boolean; effect: Record<string, number> }> = {};
    const names = ['kefir', 'brie', 'cream', 'milk', 'yogurt', 'whey', 'butter'];
    names.forEach((f, k) => (foods[f] = { days: someDays(100 + k, 0.25), effect: { bloating: 1 + k * 0.15 } }));
    // 'twin' is eaten on exactly the days 'whey' is, so its |r| ties with whey's.
    foods.twin = { days: foods.whey!.days, effect: {} };
    const r = analyseDiary(planted(240, foods, 7));
    const triggers = r.triggers.filter((t) => t.symptom === 'bloating');
    const significant = r.tests.filter((t) => t.symptom === 'bloating' && t.p_adjusted! < 0.05 && t.correlation! > 0);
    expect(significant.length).toBeGreaterThan(5);
    expect(triggers).toHaveLength(5);
    const sorted = [...significant].sort((a, b) => Math.abs(b.correlation!) - Math.abs(a.correlation!) || (a.ingredient < b.ingredient ? -1 : 1));
    expect(triggers.map((t) => t.ingredient)).toEqual(sorted.slice(0, 5).map((t) => t.ingredient));
    const whey = r.tests.find((t) => t.ingredient === 'whey' && t.symptom === 'bloating')!;
    const twin = r.tests.find((t) => t.ingredient === 'twin' && t.symptom === 'bloating')!;
    expect(twin.correlation).toBe(whey.correlation);
    const order = sorted.map((t) => t.ingredient);
    expect(triggers.map((t) => t.ingredient)).toEqual(expect.arrayContaining(['twin', 'whey']));
    expect(order.indexOf('twin')).toBe(order.indexOf('whey') - 1); // equal |r|: 'twin' sorts before 'whey'
  });
});

describe('symptoms without variance or values', () => {
  it('skips a symptom that never varies, or has fewer than 2 values, in every analysis', () => {
    const days = Array.from({ length: 40 }, (_, i) => ({
      food: i % 2 ? ['tea'] : ['coffee'],
      s: { bloating: i % 4, energy: 3, ...(i === 5 ? { nausea: 2 } : {}) },
      phase: (['menstrual', 'follicular', 'ovulatory', 'luteal'] as const)[i % 4],
    }));
    const r = analyseDiary(diary('2025-01-01', days));
    for (const list of [r.tests, r.lags, r.cycle, r.weekday, r.trend, r.seasonal]) {
      expect(list.some((x) => x.symptom === 'energy' || x.symptom === 'nausea')).toBe(false);
    }
    expect(r.symptoms.map((s) => [s.symptom, s.status])).toEqual([
      ['bloating', 'analysed'],
      ['energy', 'no_variance'],
      ['nausea', 'too_few'],
    ]);
  });
});

describe('lags', () => {
  it('pairs presence on day d with the symptom on d + k only when both days are logged', () => {
    const r0 = rng(3);
    const days = Array.from({ length: 60 }, (_, i) => (i % 7 === 3 || i % 11 === 5 ? null : { food: r0() < 0.4 ? ['beans'] : [], s: { bloating: Math.floor(r0() * 5) } }));
    const logs = diary('2025-01-01', days);
    const r = analyseDiary(logs);
    const byDate = new Map(logs.map((l) => [l.date, l]));
    const lag = r.lags.find((l) => l.ingredient === 'beans')!;
    for (let k = 0; k <= 3; k++) {
      const x: number[] = [];
      const y: number[] = [];
      for (const l of logs) {
        const later = byDate.get(addDaysIso(l.date, k));
        if (!later) continue;
        x.push(l.ingredients.includes('beans') ? 1 : 0);
        y.push(later.symptoms.bloating!);
      }
      expect(r.symptoms[0]!.lag_pairs[k]).toBe(x.length);
      expect(lag.correlations[k]!).toBeCloseTo(pearson(x, y).r, 13);
    }
  });

  it('needs the symptom on the later day only', () => {
    // headache is rated on odd days only; beans eaten on even days still pair with the next day.
    const days = Array.from({ length: 30 }, (_, i) => ({ food: i % 4 === 0 ? ['beans'] : [], s: (i % 2 ? { headache: i % 4 === 1 ? 4 : 1, bloating: i % 3 } : { bloating: i % 3 }) as Record<string, number> }));
    const r = analyseDiary(diary('2025-01-01', days));
    const cov = r.symptoms.find((s) => s.symptom === 'headache')!;
    expect(cov.lag_pairs).toEqual([15, 15, 14, 14]);
    const lag = r.lags.find((l) => l.symptom === 'headache' && l.ingredient === 'beans');
    // beans days (i ≡ 0 mod 4) are never rated, so beans is never tested for headache.
    expect(lag).toBeUndefined();
  });

  it('is null with fewer than 8 pairs or a constant side, and best_lag ties go to the smaller k', () => {
    // Two blocks of 10 days; beans only on the last 3 days of each block, so at lag 3 no pair has beans.
    const block = (off: number) => Array.from({ length: 10 }, (_, i) => ({ food: i >= 7 ? ['beans'] : [], s: { bloating: (i + off) % 3 } }));
    const logs = diary('2025-01-01', [...block(0), ...Array(10).fill(null), ...block(1)]);
    const r = analyseDiary(logs);
    const lag = r.lags.find((l) => l.ingredient === 'beans')!;
    expect(r.symptoms[0]!.lag_pairs).toEqual([20, 18, 16, 14]);
    expect(lag.correlations[3]).toBeNull();
    expect(lag.correlations.slice(0, 3).every((c) => c !== null)).toBe(true);

    // Alternating presence and symptom: |r| = 1 at every lag, so the tie goes to lag 0.
    const alt = diary('2025-01-01', Array.from({ length: 20 }, (_, i) => ({ food: i % 2 === 0 ? ['milk'] : [], s: { bloating: i % 2 ? 3 : 1 } })));
    const a = analyseDiary(alt).lags[0]!;
    expect(a.correlations).toEqual([-1, 1, -1, 1]);
    expect(a.best_lag).toBe(0);
  });

  it('lag 0 is the same-day correlation, so a tested food always has a best lag', () => {
    // Lag 0 pairs are exactly the logs rating the symptom (≥ 8, both groups ≥ 4, non-constant), so
    // "every lag null" (best_lag and p_value null) cannot arise for a tested food.
    const r = analyseDiary(planted(50, { milk: { days: (i) => i % 3 === 0, effect: { bloating: 1 } }, tea: { days: (i) => i % 2 === 0, effect: {} } }));
    r.lags.forEach((l, i) => {
      expect(l.correlations[0]).toBe(r.tests[i]!.correlation);
      expect(l.best_lag).not.toBeNull();
    });
  });

  it('has no lag pairs beyond lag 0 when no two logged days are close enough', () => {
    const logs = diary('2025-01-01', Array.from({ length: 40 }, (_, i) => (i % 5 ? null : { food: i % 10 ? ['rice'] : [], s: { bloating: i % 3 } })));
    const r = analyseDiary(logs);
    expect(r.symptoms[0]!.lag_pairs).toEqual([8, 0, 0, 0]);
    expect(r.lags[0]!.correlations.slice(1)).toEqual([null, null, null]);
    expect(r.lags[0]!.best_lag).toBe(0);
  });

  it('reports a delayed effect when best_lag > 0 and its p < 0.05 / foods tested', () => {
    const r0 = rng(9);
    const food: boolean[] = Array.from({ length: 90 }, () => r0() < 0.35);
    const days = food.map((_, i) => ({ food: food[i] ? ['onion'] : ['bread'], s: { bloating: Math.max(0, Math.min(5, Math.round(1.5 + (i > 0 && food[i - 1] ? 2 : 0) + (r0() - 0.5) * 1.5))) } }));
    const r = analyseDiary(diary('2025-01-01', days));
    const onion = r.lags.find((l) => l.ingredient === 'onion')!;
    expect(onion.best_lag).toBe(1);
    const m = r.tests.filter((t) => t.symptom === 'bloating').length;
    expect(onion.p_value!).toBeLessThan(0.05 / m);
    expect(r.delayed.find((d) => d.ingredient === 'onion')).toMatchObject({ lag: 1, direction: 'worse', p_adjusted: Math.min(1, onion.p_value! * m) });
    for (const d of r.delayed) {
      const l = r.lags.find((x) => x.ingredient === d.ingredient && x.symptom === d.symptom)!;
      expect(l.best_lag).toBeGreaterThan(0);
    }
  });
});

describe('cycle phase', () => {
  const phases = ['menstrual', 'follicular', 'ovulatory', 'luteal'] as const;
  it('runs an ANOVA over the named phases with ≥ 2 logs, when ≥ 2 such phases exist', () => {
    const days = Array.from({ length: 20 }, (_, i) => ({ s: { bloating: (i * 7) % 5 }, phase: i < 9 ? 'luteal' : i < 12 ? 'menstrual' : i === 12 ? 'ovulatory' : null }) as const);
    const r = analyseDiary(diary('2025-01-01', days));
    expect(Object.keys(r.cycle[0]!.phase_means)).toEqual(['menstrual', 'luteal']); // ovulatory has 1 log
    const single = analyseDiary(diary('2025-01-01', days.map((d) => ({ ...d, phase: d.phase === 'luteal' ? 'luteal' : null }))));
    expect(single.cycle).toEqual([]);
  });

  it('names the worst phase by polarity, ties in menstrual → luteal order', () => {
    const days = Array.from({ length: 16 }, (_, i) => ({ s: { bloating: [1, 3, 3, 2][i % 4]! + (i % 8 < 4 ? 0 : 1), energy: [1, 3, 3, 2][i % 4]! + (i % 8 < 4 ? 0 : 1) }, phase: phases[i % 4] }));
    const r = analyseDiary(diary('2025-01-01', days));
    expect(r.cycle.find((c) => c.symptom === 'bloating')!.worst_phase).toBe('follicular'); // ties with ovulatory
    expect(r.cycle.find((c) => c.symptom === 'energy')!.worst_phase).toBe('menstrual');
  });

  it('writes a non-finite F as null', () => {
    const days = Array.from({ length: 12 }, (_, i) => ({ s: { bloating: i % 4 }, phase: phases[i % 4] }));
    const r = analyseDiary(diary('2025-01-01', days));
    expect(r.cycle[0]).toMatchObject({ f_statistic: null, p_value: 0 });
  });
});

describe('weekday vs weekend', () => {
  it('treats Saturday and Sunday as the weekend and needs 2 values on each side', () => {
    // 2025-01-04 is a Saturday.
    const days = Array.from({ length: 14 }, (_, i) => ({ s: { bloating: i % 7 >= 5 ? 4 : i % 3 } }));
    const r = analyseDiary(diary('2024-12-30', days)); // a Monday
    expect(r.weekday[0]).toMatchObject({ weekend_mean: 4 });
    expect(r.symptoms[0]).toMatchObject({ weekday_n: 10, weekend_n: 4 });
    const oneWeekend = analyseDiary(diary('2024-12-30', days.slice(0, 6)));
    expect(oneWeekend.weekday).toEqual([]);
  });
});

describe('trend', () => {
  it('regresses on calendar days since the first log (gaps count) and needs ≥ 3 points', () => {
    const logs = diary('2025-01-01', [{ s: { bloating: 1 } }, null, null, { s: { bloating: 2 } }, null, { s: { bloating: 4 } }]);
    const r = analyseDiary(logs);
    // x = 0, 3, 5: slope = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)²
    const x = [0, 3, 5];
    const y = [1, 2, 4];
    const mx = 8 / 3;
    const my = 7 / 3;
    const slope = x.reduce((s, xi, i) => s + (xi - mx) * (y[i]! - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
    expect(r.trend[0]!.slope_per_day).toBeCloseTo(slope, 14);
    expect(analyseDiary(logs.slice(0, 2)).trend).toEqual([]);
  });
});

describe('seasonal pattern', () => {
  it('appears only when the diary spans more than three months', () => {
    const mk = (n: number) => diary('2025-01-31', Array.from({ length: n }, (_, i) => ({ s: { bloating: i % 5 } })));
    expect(analyseDiary(mk(89)).seasonal).toEqual([]); // 2025-01-31 … 2025-04-29
    expect(analyseDiary(mk(90)).seasonal).toEqual([]); // … 2025-04-30: exactly 3 months (clamped from the 31st)
    const r = analyseDiary(mk(91)); // … 2025-05-01
    expect(r.seasonal[0]!.month_means.map((m) => [m.month, m.n])).toEqual([
      [1, 1],
      [2, 28],
      [3, 31],
      [4, 30],
      [5, 1],
    ]);
    expect(r.seasonal[0]!.f_statistic).not.toBeNull();
  });
});

describe('custom symptoms and the report shape', () => {
  it('analyses every symptom found in the logs, including custom ones', () => {
    const r = analyseDiary(planted(40, { milk: { days: (i) => i % 2 === 0, effect: {} } }).map((l, i) => ({ ...l, symptoms: { ...l.symptoms, cramps: i % 5 } })));
    expect([...new Set(r.tests.map((t) => t.symptom))]).toEqual(['bloating', 'cramps', 'energy', 'focus']);
  });

  it('insightsReport keeps exactly the §4 keys, in order', () => {
    const r = analyseDiary(planted(40, { milk: { days: (i) => i % 2 === 0, effect: {} } }));
    expect(Object.keys(insightsReport(r))).toEqual(['log_count', 'tests', 'triggers', 'lags', 'cycle', 'weekday', 'trend']);
    expect(Object.keys(r.tests[0]!)).toEqual(['ingredient', 'symptom', 'n_present', 'n_absent', 'mean_present', 'mean_absent', 'u_statistic', 'p_value', 'p_adjusted', 'correlation']);
    expect(Object.keys(r.lags[0]!)).toEqual(['ingredient', 'symptom', 'correlations', 'best_lag', 'p_value']);
  });

  it('takes stored logs and export-file logs as they are (extra fields ignored)', () => {
    const stored: DailyLog[] = planted(20, { milk: { days: (i) => i % 2 === 0, effect: {} } }).map((l, i) => ({
      ...l,
      ingredients: [...l.ingredients],
      symptoms: { ...l.symptoms },
      id: `id-${i}`,
      notes: 'ok',
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
    }));
    const exported: ExportedLog[] = stored.map(({ id: _id, ...rest }) => rest);
    expect(analyseDiary(stored)).toEqual(analyseDiary(exported));
  });

  it('handles an empty diary', () => {
    expect(insightsReport(analyseDiary([]))).toEqual({ log_count: 0, tests: [], triggers: [], lags: [], cycle: [], weekday: [], trend: [] });
  });
});

function addDaysIso(date: string, k: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + k * 86_400_000).toISOString().slice(0, 10);
}
