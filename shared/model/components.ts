/**
 * Component exposure features for the per-person model (issue 14 point 4). A day is exposed to a
 * component when any of its foods carries it at moderate or high level: the rule of the component
 * findings (shared/insights/components.ts). Each exposed component joins the day as a feature named
 * `component:<key>` that the model treats like a food (same day, the day before, the 3 days before,
 * 7-day frequency), so a trigger spread thinly over many foods (fructans in wheat, onion, garlic…)
 * can be learnt although each food alone is eaten too rarely.
 *
 * Kept because the backtest says it helps (bench/model-harness/components.md): on diaries whose
 * symptom follows fructans, the held-out predictions come much closer to the true chances, and on
 * diaries without component structure the scores stay within noise.
 */
import { COMPONENT_KEYS, COMPONENTS, carriesComponent, type ComponentKey } from '../ingredients/components';
import { normaliseIngredient } from '../ingredients/normalise';

/** Normalised food names never contain ':' (punctuation is removed), so these cannot clash with a food. */
export const COMPONENT_FEATURE_PREFIX = 'component:';

export function componentFeatureName(component: ComponentKey): string {
  return COMPONENT_FEATURE_PREFIX + component;
}

const KEYS: ReadonlySet<string> = new Set(COMPONENT_KEYS);

/** The component a feature name stands for, or null for a food. */
export function componentOfFeature(name: string): ComponentKey | null {
  if (!name.startsWith(COMPONENT_FEATURE_PREFIX)) return null;
  const key = name.slice(COMPONENT_FEATURE_PREFIX.length);
  return KEYS.has(key) ? (key as ComponentKey) : null;
}

// Diaries repeat the same few hundred names: remember each name's components (bounded, in case of a
// very long diary of one-off names).
const CACHE_LIMIT = 20_000;
const byName = new Map<string, readonly ComponentKey[]>();

function componentsOfFood(raw: string): readonly ComponentKey[] {
  let keys = byName.get(raw);
  if (keys === undefined) {
    const food = normaliseIngredient(raw);
    keys = COMPONENT_KEYS.filter((c) => carriesComponent(food, c));
    if (byName.size >= CACHE_LIMIT) byName.clear();
    byName.set(raw, keys);
  }
  return keys;
}

/** The component features of a day's foods, in COMPONENT_KEYS order (empty when none carries one). */
export function componentFeatures(ingredients: Iterable<string>): string[] {
  let mask = 0;
  for (const name of ingredients) for (const c of componentsOfFood(name)) mask |= 1 << COMPONENT_KEYS.indexOf(c);
  if (mask === 0) return [];
  return COMPONENT_KEYS.filter((_, i) => mask & (1 << i)).map(componentFeatureName);
}

/** The foods among `foods` that carry a component (moderate or high), in their given order. */
export function foodsCarrying(foods: readonly string[], component: ComponentKey): string[] {
  return foods.filter((f) => componentsOfFood(f).includes(component));
}

/**
 * How a prediction's reasons name a component: "foods with fructans", or with the foods that brought it
 * "foods with lactose (milk, yogurt)". Always plural.
 */
export function componentPhrase(component: ComponentKey, foods: readonly string[] = []): string {
  const label = COMPONENTS[component].label;
  // "Fructans" → "fructans", but "Galacto-oligosaccharides (GOS)" keeps its capitals after the first letter.
  const phrase = `foods with ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  return foods.length ? `${phrase} (${foods.join(', ')})` : phrase;
}
