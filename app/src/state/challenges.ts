import { useLiveQuery } from 'dexie-react-hooks';
import * as z from 'zod/mini';
import { isFinished, planChallenge, type ChallengePlan, type PlanOptions } from '../../../shared/challenge/plan';
import type { ChallengeResult } from '../../../shared/challenge/evaluate';
import { expandedIngredients } from '../../../shared/diary/composites';
import { COMPONENT_KEYS, type ComponentKey } from '../../../shared/ingredients/component-keys';
import { isoDate, polarityOf } from '../../../shared/schema';
import { localToday } from '../../../shared/util/dates';
import { appDb, type ChallengeRow } from '../../db/db';
import { InputError, symptomDefinitions } from '../../db/repo';

export interface Challenge extends ChallengeRow {
  plan: ChallengePlan;
  result?: ChallengeResult;
}

const startInput = z.object({
  ingredient: z.string().check(z.trim(), z.minLength(1, 'Choose the food to test')),
  symptom: z.string().check(z.minLength(1, 'Choose the symptom to watch')),
  start: isoDate,
  avoidDays: z.number().check(z.int(), z.minimum(3, 'Avoid the food for at least 3 days'), z.maximum(28, 'Avoid it for at most 28 days')),
  challenges: z.number().check(z.int(), z.minimum(2, 'Plan at least 2 challenge days'), z.maximum(6, 'Plan at most 6 challenge days')),
});

const componentInput = z.object({
  component: z.enum(COMPONENT_KEYS, { error: 'Choose the food group to test' }),
  symptom: startInput.shape.symptom,
  start: isoDate,
  avoidDays: startInput.shape.avoidDays,
  challenges: startInput.shape.challenges,
  seen: z.array(z.string()),
});

/** Starts a re-challenge of one food; only one test runs at a time. */
export async function startChallenge(input: PlanOptions & { avoidDays: number; challenges: number }): Promise<Challenge> {
  const parsed = startInput.safeParse(input);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message);
  return saveNewPlan(parsed.data);
}

/**
 * Starts a food-group test: every food high in the component left out (the person's own foods
 * listed first, from `seen`), then reintroduced. Same rules as a single-food test.
 */
export async function startComponentChallenge(input: { component: ComponentKey; symptom: string; start: string; avoidDays: number; challenges: number; seen: readonly string[] }): Promise<Challenge> {
  const parsed = componentInput.safeParse(input);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message);
  // The component table loads with the test, not with the app.
  const { componentPlanOptions } = await import('../../../shared/challenge/component');
  return saveNewPlan(componentPlanOptions(parsed.data));
}

async function saveNewPlan(options: PlanOptions): Promise<Challenge> {
  const db = appDb();
  return db.transaction('rw', [db.challenges, db.settings], async () => {
    if (await db.challenges.where('status').equals('active').count()) throw new InputError('A test is already running. Finish or stop it first.');
    // Started while the demo is loaded: it goes when the demo goes (shared/diary/derived.ts).
    const demo = (await db.settings.get('demoActive'))?.value === true;
    const plan = planChallenge(options);
    const row: Challenge = { id: crypto.randomUUID(), ingredient: plan.ingredient, symptom: plan.symptom, status: 'active', created_at: new Date().toISOString(), plan, ...(demo ? { demo } : {}) };
    await db.challenges.put(row);
    return row;
  });
}

export async function stopChallenge(id: string): Promise<void> {
  await appDb().challenges.update(id, { status: 'cancelled' });
}

/** The current result of a plan from the diary (final once the plan is over). */
export async function currentResult(ch: Challenge): Promise<ChallengeResult> {
  const db = appDb();
  const logs = await db.logs.where('date').between(ch.plan.start, ch.plan.end, true, true).toArray();
  const defs = await symptomDefinitions(db);
  const { evaluateChallenge } = await import('../../../shared/challenge/evaluate');
  const label = defs.find((d) => d.key === ch.symptom)?.label ?? ch.symptom;
  // A dish or product counts through its parts (onion in a lasagna is onion), as in the insights.
  const days = logs.map((l) => ({ date: l.date, ingredients: expandedIngredients(l), symptoms: l.symptoms }));
  return evaluateChallenge(ch.plan, days, polarityOf(ch.symptom, defs), label);
}

/** Closes a finished plan with its result, so it is kept in the diary and the report. */
export async function completeIfFinished(ch: Challenge, today = localToday()): Promise<Challenge> {
  if (ch.status !== 'active' || !isFinished(ch.plan, today)) return ch;
  const result = await currentResult(ch);
  const done: Challenge = { ...ch, status: 'completed', result };
  await appDb().challenges.put(done);
  return done;
}

export function useChallenges(): Challenge[] | undefined {
  return useLiveQuery(async () => (await appDb().challenges.orderBy('status').toArray()).sort((a, b) => (a.created_at < b.created_at ? 1 : -1)) as Challenge[], []);
}

export function useActiveChallenge(): Challenge | null | undefined {
  return useLiveQuery(async () => ((await appDb().challenges.where('status').equals('active').first()) as Challenge | undefined) ?? null, []);
}
