import { mannWhitneyU } from '../stats/mann-whitney';
import { pearson } from '../stats/correlation';
import { mean } from '../stats/descriptive';
import type { SymptomPolarity } from '../schema';
import { planDays, testedFoodsIn, type ChallengePlan } from './plan';

export interface DiaryDay {
  date: string;
  ingredients: readonly string[];
  symptoms: Readonly<Record<string, number>>;
}

export type Verdict = 'consistent' | 'possible' | 'not_supported' | 'incomplete';

export interface ChallengeResult {
  verdict: Verdict;
  sentence: string;
  /** Logged avoidance days without the food, and challenge days with it: the two compared groups. */
  avoid_n: number;
  challenge_n: number;
  avoid_mean: number | null;
  challenge_mean: number | null;
  /** challenge − avoidance, in symptom points (positive = higher on challenge days). */
  difference: number | null;
  u_statistic: number | null;
  p_value: number | null;
  correlation: number | null;
  /** Avoidance days on which the food was logged anyway, and challenge days without it (left out). */
  slips: string[];
  missed_challenges: string[];
  /** Planned days without a rating of the symptom. */
  unrated: string[];
}

const MIN_AVOID = 3;
const MIN_CHALLENGE = 2;
/** A clear effect: at least one point on the 0–5 scale, in the worse direction, p < 0.05. */
const CLEAR_POINTS = 1;
const POSSIBLE_POINTS = 0.5;

function fmt(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}

/**
 * Compares the symptom on challenge days (food eaten) with avoidance days (food not eaten), honouring
 * the symptom's polarity, and words the result without claiming more than the numbers show. For a
 * food-group test "the food" is any food high in the component (plan.testedFoodsIn); the day's
 * ingredients should be expanded (dishes into their parts) by the caller.
 */
export function evaluateChallenge(plan: ChallengePlan, logs: readonly DiaryDay[], polarity: SymptomPolarity, symptomLabel = plan.symptom): ChallengeResult {
  const byDate = new Map(logs.map((l) => [l.date, l]));
  const avoid: number[] = [];
  const challenge: number[] = [];
  const slips: string[] = [];
  const missed: string[] = [];
  const unrated: string[] = [];
  for (const day of planDays(plan)) {
    if (day.role !== 'avoid' && day.role !== 'challenge') continue;
    const log = byDate.get(day.date);
    const value = log?.symptoms[plan.symptom];
    if (value === undefined) {
      unrated.push(day.date);
      continue;
    }
    const ate = testedFoodsIn(plan, log!.ingredients).length > 0;
    if (day.role === 'avoid') {
      if (ate) slips.push(day.date);
      else avoid.push(value);
    } else if (ate) challenge.push(value);
    else missed.push(day.date);
  }
  const base = { avoid_n: avoid.length, challenge_n: challenge.length, slips, missed_challenges: missed, unrated };
  if (avoid.length < MIN_AVOID || challenge.length < MIN_CHALLENGE) {
    const needs: string[] = [];
    if (avoid.length < MIN_AVOID) needs.push(`${MIN_AVOID - avoid.length} more rated day${MIN_AVOID - avoid.length === 1 ? '' : 's'} without ${plan.ingredient}`);
    if (challenge.length < MIN_CHALLENGE) needs.push(`${MIN_CHALLENGE - challenge.length} more rated challenge day${MIN_CHALLENGE - challenge.length === 1 ? '' : 's'} with ${plan.ingredient}`);
    return {
      ...base,
      verdict: 'incomplete',
      sentence: `Not enough to compare yet: the test needs ${needs.join(' and ')}.`,
      avoid_mean: avoid.length ? mean(avoid) : null,
      challenge_mean: challenge.length ? mean(challenge) : null,
      difference: null,
      u_statistic: null,
      p_value: null,
      correlation: null,
    };
  }
  const avoidMean = mean(avoid);
  const challengeMean = mean(challenge);
  const difference = challengeMean - avoidMean;
  const mw = mannWhitneyU(challenge, avoid);
  const r = pearson([...challenge.map(() => 1), ...avoid.map(() => 0)], [...challenge, ...avoid]).r;
  const worse = polarity === 'higher_is_worse' ? difference : -difference;
  const p = Number.isFinite(mw.p) ? mw.p : 1;
  const label = symptomLabel.toLowerCase();
  const direction = difference > 0 ? 'higher' : 'lower';
  const what = Math.abs(difference) < 0.05 ? `${label} was about the same on the ${challenge.length} challenge days as on the ${avoid.length} days without ${plan.ingredient}` : `${label} was ${fmt(Math.abs(difference))} points ${direction} on the ${challenge.length} challenge days than on the ${avoid.length} days without ${plan.ingredient} (${fmt(challengeMean)} vs ${fmt(avoidMean)})`;
  let verdict: Verdict;
  let conclusion: string;
  if (worse >= CLEAR_POINTS && p < 0.05) {
    verdict = 'consistent';
    conclusion = `consistent with ${plan.ingredient} being a trigger for you`;
  } else if (worse >= POSSIBLE_POINTS) {
    verdict = 'possible';
    conclusion = `a possible effect, but not clear enough to be sure — repeating the test would help`;
  } else {
    verdict = 'not_supported';
    conclusion = `no sign in this test that ${plan.ingredient} ${plan.component ? 'make' : 'makes'} your ${label} worse`;
  }
  const sentence = `${what[0]!.toUpperCase()}${what.slice(1)}; ${conclusion} (p = ${p < 0.001 ? '< 0.001' : p.toFixed(3)}).`;
  return {
    ...base,
    verdict,
    sentence,
    avoid_mean: avoidMean,
    challenge_mean: challengeMean,
    difference,
    u_statistic: mw.u,
    p_value: Number.isFinite(mw.p) ? mw.p : null,
    correlation: Number.isFinite(r) ? r : null,
  };
}

