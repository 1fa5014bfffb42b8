import { describe, expect, it } from 'vitest';
import { modelStandsOnMissingDays, staleDerivedState, type DerivedStateInput, type ModelBasis } from '../../../shared/diary/derived';
import { addDays } from '../../../shared/util/dates';

const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => addDays(from, i));
const NOW = '2026-04-01T12:00:00Z';

function model(version: number, dates: string[], extra: Partial<ModelBasis> = {}): ModelBasis {
  return { version, is_active: true, trained_at: '2026-03-31T12:00:00Z', training_samples: dates.length, log_count: dates.length, trained_dates: dates, ...extra };
}

function input(partial: Partial<DerivedStateInput> & { dates: string[]; demoDays?: number }): DerivedStateInput {
  return {
    diary: { dates: partial.dates, demoDays: partial.demoDays ?? 0 },
    models: partial.models ?? [],
    predictions: partial.predictions ?? [],
    challenges: partial.challenges ?? [],
    insights: partial.insights ?? [],
    now: partial.now ?? NOW,
  };
}

describe('staleDerivedState: models', () => {
  const demo = days('2026-01-01', 86);

  it('a model trained on days that were all removed is dropped, and with no days left nothing retrains', () => {
    const s = staleDerivedState(input({ dates: [], models: [model(1, demo)] }));
    expect(s.models).toEqual([1]);
    expect(s.retrain).toBe(false);
  });

  it('one missing training day is enough to drop it; with 14 days or more left it retrains', () => {
    const remaining = demo.slice(1);
    const s = staleDerivedState(input({ dates: remaining, models: [model(1, demo)] }));
    expect(s.models).toEqual([1]);
    expect(s.retrain).toBe(true);
  });

  it('a model whose days are all still there is kept, and the ADR rule decides retraining (7 new days)', () => {
    expect(staleDerivedState(input({ dates: [...demo, ...days('2026-03-28', 3)], models: [model(1, demo)] }))).toMatchObject({ models: [], retrain: false });
    expect(staleDerivedState(input({ dates: [...demo, ...days('2026-03-28', 7)], models: [model(1, demo)] }))).toMatchObject({ models: [], retrain: true });
  });

  it('inactive attempts trained on removed days are dropped too (Settings must not describe them)', () => {
    const s = staleDerivedState(input({ dates: [], models: [model(1, demo), model(2, demo, { is_active: false })] }));
    expect(s.models.sort()).toEqual([1, 2]);
  });

  it('an import adds days: no model is stale, and a first model trains once there are 14 days', () => {
    expect(staleDerivedState(input({ dates: days('2026-01-01', 14) }))).toMatchObject({ models: [], retrain: true });
    expect(staleDerivedState(input({ dates: days('2026-01-01', 13) }))).toMatchObject({ models: [], retrain: false });
  });

  it('rows without a list of days fall back to their window, then to their log count', () => {
    const windowed = model(3, [], { trained_dates: null, window: { from: '2026-01-01', to: '2026-01-30' }, training_samples: 30 });
    expect(modelStandsOnMissingDays(windowed, days('2026-01-01', 30))).toBe(false);
    expect(modelStandsOnMissingDays(windowed, days('2026-01-02', 29))).toBe(true);
    const bare = model(4, [], { trained_dates: null, window: null, log_count: 20 });
    expect(modelStandsOnMissingDays(bare, days('2026-01-01', 20))).toBe(false);
    expect(modelStandsOnMissingDays(bare, days('2026-01-01', 19))).toBe(true);
  });
});

describe('staleDerivedState: what was made from demo days', () => {
  const own = days('2026-03-20', 5);

  it('predictions and re-challenges made while the demo was loaded go when the demo goes', () => {
    const s = staleDerivedState(
      input({
        dates: own,
        predictions: [{ id: 'p-demo', demo: true }, { id: 'p-own' }],
        challenges: [{ id: 'c-demo', status: 'active', demo: true }, { id: 'c-own', status: 'completed' }],
      }),
    );
    expect(s.predictions).toEqual(['p-demo']);
    expect(s.challenges).toEqual(['c-demo']);
    expect(s.resetNudges).toBe(true);
  });

  it('while demo days remain, nothing made from them is stale', () => {
    const s = staleDerivedState(input({ dates: own, demoDays: 3, predictions: [{ id: 'p', demo: true }], challenges: [{ id: 'c', status: 'active', demo: true }] }));
    expect(s.predictions).toEqual([]);
    expect(s.challenges).toEqual([]);
    expect(s.resetNudges).toBe(false);
  });

  it('a finished demo re-challenge goes too, but resets no nudge', () => {
    const s = staleDerivedState(input({ dates: own, challenges: [{ id: 'c', status: 'completed', demo: true }] }));
    expect(s).toMatchObject({ challenges: ['c'], resetNudges: false });
  });

  it('an empty diary keeps no stored prediction at all', () => {
    expect(staleDerivedState(input({ dates: [], predictions: [{ id: 'a' }, { id: 'b' }] })).predictions).toEqual(['a', 'b']);
  });
});

describe('staleDerivedState: the insights cache', () => {
  const all = days('2026-01-01', 30);

  it('a result computed from a day that no longer exists is dropped', () => {
    expect(staleDerivedState(input({ dates: all.slice(1), insights: [{ id: 'diary', dates: all }] })).insights).toEqual(['diary']);
  });

  it('a result computed from days that all still exist stays (stale-while-revalidate after additions)', () => {
    expect(staleDerivedState(input({ dates: [...all, '2026-02-15'], insights: [{ id: 'diary', dates: all }] })).insights).toEqual([]);
  });

  it('older rows: more logs than now, or demo days that are gone', () => {
    expect(staleDerivedState(input({ dates: all.slice(5), insights: [{ id: 'diary', log_count: 30 }] })).insights).toEqual(['diary']);
    expect(staleDerivedState(input({ dates: all, insights: [{ id: 'diary', log_count: 30, demo: true }] })).insights).toEqual(['diary']);
  });
});
