/**
 * Personal recipes (issue 14): checking what the person typed, their sync form (one field per recipe in the
 * settings group "recipes") and how an import merges them. Plain functions; the app's repo writes them.
 */
import { normaliseIngredient } from '../ingredients/normalise';
import { INGREDIENT_NAME_MAX, RECIPE_INGREDIENTS_MAX, recipe as recipeSchema, type Recipe, type RecipePart } from '../schema';
import type { Json } from '../sync/doc';

/** The settings group recipes sync in (`settings:recipes`, one field per recipe id). */
export const RECIPES_GROUP = 'recipes';

export interface RecipeDraft {
  name: string;
  ingredients: ReadonlyArray<{ name: string; grams?: number | string | null }>;
}

export type CleanRecipe = { ok: true; name: string; ingredients: RecipePart[] } | { ok: false; message: string };

/**
 * What the person typed as a recipe, tidied like any food name: names normalised, empty rows dropped, a
 * food listed twice kept once (grams added up), the recipe never its own ingredient. Grams are optional;
 * a blank is "not said", anything else must be a positive number.
 */
export function cleanRecipe(draft: RecipeDraft): CleanRecipe {
  const name = normaliseIngredient(draft.name);
  if (!name) return { ok: false, message: 'Give the recipe a name' };
  if ([...name].length > INGREDIENT_NAME_MAX) return { ok: false, message: `Keep the name under ${INGREDIENT_NAME_MAX} characters` };
  const parts = new Map<string, RecipePart>();
  for (const row of draft.ingredients) {
    const part = normaliseIngredient(row.name);
    const rawGrams = typeof row.grams === 'string' ? row.grams.trim().replace(',', '.') : row.grams;
    if (!part) {
      if (rawGrams !== '' && rawGrams !== null && rawGrams !== undefined) return { ok: false, message: 'An ingredient has grams but no name' };
      continue;
    }
    if (part === name) return { ok: false, message: `A recipe cannot contain itself (${name})` };
    if ([...part].length > INGREDIENT_NAME_MAX) return { ok: false, message: `"${part.slice(0, 20)}…" is longer than ${INGREDIENT_NAME_MAX} characters` };
    let grams: number | undefined;
    if (rawGrams !== '' && rawGrams !== null && rawGrams !== undefined) {
      grams = Number(rawGrams);
      if (!Number.isFinite(grams) || grams <= 0 || grams > 5000) return { ok: false, message: `Grams of ${part} must be a number from 1 to 5,000 (or left blank)` };
    }
    const prev = parts.get(part);
    if (prev) {
      if (grams !== undefined) prev.grams = (prev.grams ?? 0) + grams;
    } else parts.set(part, grams === undefined ? { name: part } : { name: part, grams });
  }
  if (parts.size === 0) return { ok: false, message: 'Add at least one ingredient' };
  if (parts.size > RECIPE_INGREDIENTS_MAX) return { ok: false, message: `A recipe can have at most ${RECIPE_INGREDIENTS_MAX} ingredients` };
  return { ok: true, name, ingredients: [...parts.values()] };
}

/** A recipe's ingredient names, as a day's composite lists them. */
export function recipeIngredientNames(r: Pick<Recipe, 'ingredients'>): string[] {
  return r.ingredients.map((p) => p.name);
}

/** One recipe as its sync field value (id is the field name). */
export function recipeField(r: Recipe): Json {
  return {
    name: r.name,
    ingredients: r.ingredients.map((p): Json => (p.grams === undefined || p.grams === null ? { name: p.name } : { name: p.name, grams: p.grams })),
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** All recipes as the fields of the `settings:recipes` record. */
export function recipeFields(recipes: readonly Recipe[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const r of recipes) out[r.id] = recipeField(r);
  return out;
}

/**
 * The recipes a merged `settings:recipes` record holds. A field that is not a valid recipe (a newer
 * version's shape, a damaged value) is skipped, so one bad recipe never blocks the others.
 */
export function recipesFromFields(values: Readonly<Record<string, Json>> | null): Recipe[] {
  const out: Recipe[] = [];
  for (const [id, v] of Object.entries(values ?? {})) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
    const parsed = recipeSchema.safeParse({ ...v, id });
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Recipes from an import file planned against the device's: one per name, the file's content, the
 * device's id and creation time when it already has a recipe of that name (as saved meals merge).
 */
export function planRecipes(fromFile: readonly Recipe[], existing: readonly Recipe[], nowIso: string): Recipe[] {
  const byName = new Map(existing.map((r) => [r.name, r]));
  const out = new Map<string, Recipe>();
  for (const r of fromFile) {
    const cleaned = cleanRecipe(r);
    if (!cleaned.ok) continue;
    const mine = byName.get(cleaned.name);
    out.set(cleaned.name, {
      id: mine?.id ?? r.id,
      name: cleaned.name,
      ingredients: cleaned.ingredients,
      created_at: mine?.created_at ?? r.created_at ?? nowIso,
      updated_at: r.updated_at ?? nowIso,
    });
  }
  return [...out.values()];
}
