/**
 * Re-challenge by food group (issue 14): when the diary links a component to a symptom ("Fructans
 * (onion, garlic, wheat bread…) are linked to more bloating the next day"), the person leaves out every
 * food high in it for a week, eats the moderate ones only in small servings, then reintroduces one of
 * the high foods on planned days — the elimination and re-introduction a FODMAP dietitian runs. The
 * foods come from the cited component table (shared/ingredients/components.ts); the evaluation is the
 * single-food one (evaluate.ts) with "any high food that day" as the tested food.
 */
import { COMPONENTS, COMPONENT_TABLE, type ComponentKey } from '../ingredients/components';
import { normaliseIngredient } from '../ingredients/normalise';
import { inSentence } from '../insights/voice';
import { challengeDay, type ChallengePlan, type ComponentPlan, type PlanOptions } from './plan';

/** "fructans", "lactose", "galacto-oligosaccharides (GOS)": the component mid-sentence. */
export function componentName(key: ComponentKey): string {
  return inSentence(COMPONENTS[key].label);
}

/** "foods high in fructans": what a food-group test leaves out, and how the plan names its food. */
export function componentFoodsPhrase(key: ComponentKey): string {
  return `foods high in ${componentName(key)}`;
}

/**
 * The foods of a food-group test: every food the table lists as high (to leave out) and as moderate
 * (to go easy on). Foods of the person's own diary (`seen`, most eaten first, as a component finding
 * lists them) come first, so the list starts with what they actually eat; the rest follow in table order.
 */
export function componentChallengeFoods(key: ComponentKey, seen: readonly string[] = []): ComponentPlan {
  const at = (level: 'high' | 'moderate') => COMPONENT_TABLE.filter((e) => e.component === key && e.level === level).map((e) => e.food);
  const mineFirst = (foods: string[]) => {
    const listed = new Set(foods);
    const own = [...new Set(seen.map(normaliseIngredient))].filter((f) => listed.has(f));
    return [...own, ...foods.filter((f) => !own.includes(f))];
  };
  return { key, avoid: mineFirst(at('high')), goEasy: mineFirst(at('moderate')) };
}

/** The options for planning a food-group test (the plan's food is the group's plain name). */
export function componentPlanOptions(o: { component: ComponentKey; symptom: string; start: string; avoidDays?: number; challenges?: number; seen?: readonly string[] }): PlanOptions {
  return {
    ingredient: componentFoodsPhrase(o.component),
    symptom: o.symptom,
    start: o.start,
    ...(o.avoidDays !== undefined ? { avoidDays: o.avoidDays } : {}),
    ...(o.challenges !== undefined ? { challenges: o.challenges } : {}),
    component: componentChallengeFoods(o.component, o.seen),
  };
}

/** A food being logged that carries the avoided component: itself, or through a dish's ingredient (`via`). */
export interface ComponentHit {
  food: string;
  /** The ingredient that carries it, when the food is a dish or product made of it. */
  via: string | null;
  level: 'high' | 'moderate';
}

export interface ComponentWarning {
  high: ComponentHit[];
  moderate: ComponentHit[];
  /** One paragraph naming the foods and the component; the page adds that saving is still fine. */
  text: string;
}

const joinAnd = (xs: readonly string[]): string => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const named = (h: ComponentHit): string => (h.via ? `${h.food} (with ${h.via})` : h.food);
const capital = (s: string): string => s.charAt(0).toLocaleUpperCase('en') + s.slice(1);

/** How much of the plan's component a food carries, by the plan's own lists. */
function levelIn(plan: ComponentPlan, food: string): 'high' | 'moderate' | null {
  const name = normaliseIngredient(food);
  return plan.avoid.includes(name) ? 'high' : plan.goEasy.includes(name) ? 'moderate' : null;
}

/**
 * The warning on Today while a food-group test asks the person to leave the group out (the avoidance
 * days, and the rest days between challenges): which of the foods being logged are high in the
 * component, and which are moderate ("go easy"). A dish or product counts through its ingredients
 * (`madeOf`). Null outside those days, for a single-food test, or when no food carries the component.
 */
export function componentWarning(plan: ChallengePlan, date: string, foods: readonly { name: string; madeOf?: readonly string[] }[]): ComponentWarning | null {
  const c = plan.component;
  if (!c) return null;
  const day = challengeDay(plan, date);
  if (day.role !== 'avoid' && day.role !== 'rest') return null;
  const high: ComponentHit[] = [];
  const moderate: ComponentHit[] = [];
  for (const f of foods) {
    const own = levelIn(c, f.name);
    let hit: ComponentHit | null = own ? { food: f.name, via: null, level: own } : null;
    if (hit?.level !== 'high') {
      for (const part of f.madeOf ?? []) {
        const level = levelIn(c, part);
        if (level === 'high' || (level === 'moderate' && !hit)) hit = { food: f.name, via: normaliseIngredient(part), level };
        if (hit?.level === 'high') break;
      }
    }
    if (hit) (hit.level === 'high' ? high : moderate).push(hit);
  }
  if (high.length === 0 && moderate.length === 0) return null;
  const name = componentName(c.key);
  const parts: string[] = [];
  if (high.length) {
    const ask = day.role === 'avoid' ? `asks you to leave out ${plan.ingredient} today (day ${day.index} of ${day.of} without them)` : `asks for no ${plan.ingredient} today, in case of a delayed reaction`;
    parts.push(`${capital(joinAnd(high.map(named)))} ${high.length === 1 ? 'is' : 'are'} high in ${name}: your re-challenge ${ask}.`);
  }
  if (moderate.length) {
    parts.push(`${capital(joinAnd(moderate.map(named)))} ${moderate.length === 1 ? 'has' : 'have'} some ${name}: go easy on ${moderate.length === 1 ? 'it' : 'them'} while you test (a small serving).`);
  }
  return { high, moderate, text: parts.join(' ') };
}
