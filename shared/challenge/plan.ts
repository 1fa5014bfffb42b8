/**
 * Guided re-challenge: test a suspected trigger deliberately. Avoid the food for N days, then eat it on
 * a few planned days (with days in between so a delayed reaction does not spill into the next test),
 * and compare the symptom on challenge days with the avoidance days using the same statistics as the
 * insight engine (Mann-Whitney U with tie and continuity correction, point-biserial r).
 */
import { addDays, daysBetween } from '../util/dates';

export interface ChallengePlan {
  ingredient: string;
  symptom: string;
  /** First avoidance day. */
  start: string;
  avoidDays: number;
  /** Days on which the food is eaten, after the avoidance phase. */
  challengeDates: string[];
  /** Day after the last challenge day: the plan ends once it is past (delayed reactions are logged). */
  end: string;
}

export const DEFAULT_AVOID_DAYS = 7;
export const DEFAULT_CHALLENGES = 3;
/** Days from one challenge day to the next: one day off between them. */
export const CHALLENGE_SPACING = 2;

export interface PlanOptions {
  ingredient: string;
  symptom: string;
  start: string;
  avoidDays?: number;
  challenges?: number;
}

export function planChallenge(o: PlanOptions): ChallengePlan {
  const avoidDays = Math.max(3, Math.min(28, Math.round(o.avoidDays ?? DEFAULT_AVOID_DAYS)));
  const n = Math.max(2, Math.min(6, Math.round(o.challenges ?? DEFAULT_CHALLENGES)));
  const challengeDates = Array.from({ length: n }, (_, i) => addDays(o.start, avoidDays + i * CHALLENGE_SPACING));
  return { ingredient: o.ingredient, symptom: o.symptom, start: o.start, avoidDays, challengeDates, end: addDays(challengeDates[n - 1]!, 1) };
}

export type DayRole = 'before' | 'avoid' | 'challenge' | 'rest' | 'after';

export interface ChallengeDay {
  date: string;
  role: DayRole;
  /** 1-based position within its phase ("avoid day 3 of 7", "challenge 2 of 3"). */
  index: number;
  of: number;
}

/** What the plan asks for on a date. */
export function challengeDay(plan: ChallengePlan, date: string): ChallengeDay {
  const offset = daysBetween(plan.start, date);
  if (offset < 0) return { date, role: 'before', index: 0, of: 0 };
  if (offset < plan.avoidDays) return { date, role: 'avoid', index: offset + 1, of: plan.avoidDays };
  const c = plan.challengeDates.indexOf(date);
  if (c >= 0) return { date, role: 'challenge', index: c + 1, of: plan.challengeDates.length };
  if (date <= plan.end) return { date, role: 'rest', index: 0, of: 0 };
  return { date, role: 'after', index: 0, of: 0 };
}

/** Every day of the plan with its role, start to end. */
export function planDays(plan: ChallengePlan): ChallengeDay[] {
  const n = daysBetween(plan.start, plan.end) + 1;
  return Array.from({ length: n }, (_, i) => challengeDay(plan, addDays(plan.start, i)));
}

/** The instruction for a day, in plain words. */
export function dayInstruction(plan: ChallengePlan, date: string): string | null {
  const d = challengeDay(plan, date);
  switch (d.role) {
    case 'avoid':
      return `Avoid ${plan.ingredient} today (day ${d.index} of ${d.of} without it).`;
    case 'challenge':
      return `Challenge day ${d.index} of ${d.of}: have ${plan.ingredient} today, and log how you feel.`;
    case 'rest':
      return `No ${plan.ingredient} today; log how you feel, in case of a delayed reaction.`;
    default:
      return null;
  }
}

/** Whether a plan is over (the day after the last challenge is past or logged). */
export function isFinished(plan: ChallengePlan, today: string): boolean {
  return today > plan.end;
}
