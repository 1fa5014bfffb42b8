/**
 * Guided re-challenge: test a suspected trigger deliberately. Avoid the food for N days, then eat it on
 * a few planned days (with days in between so a delayed reaction does not spill into the next test),
 * and compare the symptom on challenge days with the avoidance days using the same statistics as the
 * insight engine (Mann-Whitney U with tie and continuity correction, point-biserial r).
 */
import { addDays, daysBetween } from '../util/dates';
import type { ComponentKey } from '../ingredients/components';
import { normaliseIngredient } from '../ingredients/normalise';

/**
 * A food-group test (issue 14): every food high in the component is left out, the moderate ones are
 * eaten in small servings, then one of the high foods is reintroduced. The lists are kept in the plan,
 * so the record says what was asked even if the food table changes later.
 */
export interface ComponentPlan {
  key: ComponentKey;
  /** High-level foods: left out while avoiding; one of them is eaten on challenge days. */
  avoid: string[];
  /** Moderate-level foods: "go easy" (small servings) during the whole test. */
  goEasy: string[];
}

export interface ChallengePlan {
  /** The food tested; for a food-group test its plain name ("foods high in fructans"), so older readers still word it. */
  ingredient: string;
  symptom: string;
  /** First avoidance day. */
  start: string;
  avoidDays: number;
  /** Days on which the food is eaten, after the avoidance phase. */
  challengeDates: string[];
  /** Day after the last challenge day: the plan ends once it is past (delayed reactions are logged). */
  end: string;
  /** Present for a food-group test. */
  component?: ComponentPlan;
}

export const DEFAULT_AVOID_DAYS = 7;
export const DEFAULT_CHALLENGES = 3;
/** Days from one challenge day to the next: one day off between them. */
export const CHALLENGE_SPACING = 2;

export interface PlanOptions {
  /** For a food-group test, the group's plain name (componentPlanOptions in component.ts gives both). */
  ingredient: string;
  symptom: string;
  component?: ComponentPlan;
  start: string;
  avoidDays?: number;
  challenges?: number;
}

export function planChallenge(o: PlanOptions): ChallengePlan {
  const avoidDays = Math.max(3, Math.min(28, Math.round(o.avoidDays ?? DEFAULT_AVOID_DAYS)));
  const n = Math.max(2, Math.min(6, Math.round(o.challenges ?? DEFAULT_CHALLENGES)));
  const challengeDates = Array.from({ length: n }, (_, i) => addDays(o.start, avoidDays + i * CHALLENGE_SPACING));
  const base = { symptom: o.symptom, start: o.start, avoidDays, challengeDates, end: addDays(challengeDates[n - 1]!, 1) };
  if (!o.component) return { ingredient: o.ingredient, ...base };
  const component: ComponentPlan = { key: o.component.key, avoid: [...o.component.avoid], goEasy: [...o.component.goEasy] };
  return { ingredient: o.ingredient, ...base, component };
}

/**
 * The day's foods that count as the tested food: the food itself, or for a food-group test any food
 * high in the component (moderate ones are allowed in small servings, so they are not slips).
 */
export function testedFoodsIn(plan: ChallengePlan, ingredients: readonly string[]): string[] {
  if (!plan.component) return ingredients.includes(plan.ingredient) ? [plan.ingredient] : [];
  const avoid = new Set(plan.component.avoid);
  return ingredients.filter((f) => avoid.has(normaliseIngredient(f)));
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
  const c = plan.component;
  switch (d.role) {
    case 'avoid':
      return `Avoid ${plan.ingredient} today (day ${d.index} of ${d.of} without ${c ? 'them' : 'it'}).`;
    case 'challenge':
      if (c) return `Challenge day ${d.index} of ${d.of}: have one of the ${plan.ingredient} today${c.avoid.length ? ` (such as ${c.avoid.slice(0, 2).join(' or ')})` : ''}, and log how you feel.`;
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
