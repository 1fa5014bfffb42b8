import { describe, expect, it } from 'vitest';
import { challengeDay, dayInstruction, evaluateChallenge, isFinished, planChallenge, planDays, type DiaryDay } from '../../../shared/challenge';
import { addDays } from '../../../shared/util/dates';

const plan = planChallenge({ ingredient: 'milk', symptom: 'bloating', start: '2026-03-01' });

/** A diary following the plan: `values` are the symptom ratings for the avoid days then the challenge days. */
function follow(avoid: number[], challenge: number[], extra: Partial<Record<string, DiaryDay>> = {}): DiaryDay[] {
  const days: DiaryDay[] = [];
  avoid.forEach((v, i) => days.push({ date: addDays(plan.start, i), ingredients: ['rice'], symptoms: { bloating: v } }));
  challenge.forEach((v, i) => days.push({ date: plan.challengeDates[i]!, ingredients: ['rice', 'milk'], symptoms: { bloating: v } }));
  return days.map((d) => extra[d.date] ?? d);
}

describe('planning', () => {
  it('avoids for 7 days, then 3 challenge days a day apart, ending the day after the last', () => {
    expect(plan.challengeDates).toEqual(['2026-03-08', '2026-03-10', '2026-03-12']);
    expect(plan.end).toBe('2026-03-13');
    expect(planDays(plan).map((d) => d.role).join(',')).toBe('avoid,avoid,avoid,avoid,avoid,avoid,avoid,challenge,rest,challenge,rest,challenge,rest');
  });

  it('bounds the plan to sensible lengths', () => {
    const p = planChallenge({ ingredient: 'x', symptom: 'bloating', start: '2026-01-01', avoidDays: 1, challenges: 20 });
    expect(p.avoidDays).toBe(3);
    expect(p.challengeDates).toHaveLength(6);
  });

  it('says what to do each day', () => {
    expect(challengeDay(plan, '2026-02-28').role).toBe('before');
    expect(dayInstruction(plan, '2026-03-03')).toBe('Avoid milk today (day 3 of 7 without it).');
    expect(dayInstruction(plan, '2026-03-10')).toBe('Challenge day 2 of 3: have milk today, and log how you feel.');
    expect(dayInstruction(plan, '2026-03-11')).toMatch(/delayed reaction/);
    expect(dayInstruction(plan, '2026-03-14')).toBeNull();
    expect(isFinished(plan, '2026-03-13')).toBe(false);
    expect(isFinished(plan, '2026-03-14')).toBe(true);
  });
});

describe('evaluation (same statistics as the insights; scipy values)', () => {
  it('a clear rise on challenge days is consistent with a trigger', () => {
    const r = evaluateChallenge(plan, follow([1, 2, 1, 2, 1, 1, 2], [4, 4, 5]), 'higher_is_worse', 'Bloating');
    expect(r.verdict).toBe('consistent');
    expect(r.u_statistic).toBe(21);
    expect(r.p_value!).toBeCloseTo(0.01682740948275685, 12);
    expect(r.correlation!).toBeCloseTo(0.9389060962972071, 12);
    expect(r.difference!).toBeCloseTo(4.3333333 - 1.4285714, 6);
    expect(r.sentence).toBe('Bloating was 2.9 points higher on the 3 challenge days than on the 7 days without milk (4.3 vs 1.4); consistent with milk being a trigger for you (p = 0.017).');
  });

  it('no difference is reported as no sign, with p = 1', () => {
    const r = evaluateChallenge(plan, follow([2, 2, 3, 2, 2, 3, 2], [2, 3, 2]), 'higher_is_worse');
    expect(r.verdict).toBe('not_supported');
    expect(r.p_value).toBe(1);
    expect(r.sentence).toMatch(/no sign in this test that milk makes your bloating worse/);
  });

  it('honours polarity: lower energy on challenge days is worse', () => {
    const p2 = planChallenge({ ingredient: 'sugar', symptom: 'energy', start: '2026-03-01' });
    const days: DiaryDay[] = [
      ...[4, 4, 5, 4, 4, 5, 4].map((v, i) => ({ date: addDays(p2.start, i), ingredients: [], symptoms: { energy: v } })),
      ...[1, 2, 1].map((v, i) => ({ date: p2.challengeDates[i]!, ingredients: ['sugar'], symptoms: { energy: v } })),
    ];
    const r = evaluateChallenge(p2, days, 'higher_is_better', 'Energy');
    expect(r.verdict).toBe('consistent');
    expect(r.sentence).toMatch(/^Energy was 3\.0 points lower/);
  });

  it('leaves out slips and missed challenges, and says what is missing', () => {
    const slip = { date: '2026-03-02', ingredients: ['milk'], symptoms: { bloating: 5 } };
    const miss = { date: '2026-03-10', ingredients: ['rice'], symptoms: { bloating: 1 } };
    const r = evaluateChallenge(plan, follow([1, 2, 1, 2, 1, 1, 2], [4, 4, 5], { '2026-03-02': slip, '2026-03-10': miss }), 'higher_is_worse');
    expect(r.slips).toEqual(['2026-03-02']);
    expect(r.missed_challenges).toEqual(['2026-03-10']);
    expect(r.avoid_n).toBe(6);
    expect(r.challenge_n).toBe(2);
    const early = evaluateChallenge(plan, follow([1, 2], []), 'higher_is_worse');
    expect(early.verdict).toBe('incomplete');
    expect(early.sentence).toBe('Not enough to compare yet: the test needs 1 more rated day without milk and 2 more rated challenge days with milk.');
    expect(early.unrated).toHaveLength(8);
  });
});
