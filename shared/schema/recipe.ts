import * as z from 'zod/mini';
import { ingredientName } from './log';

/**
 * A personal recipe ("my lasagna", issue 14): a name the person logs, made of foods with optional grams.
 * Logged like a bundled dish (the day keeps the name, the analysis its ingredients); a recipe named like
 * a bundled dish wins for that person.
 */
export const RECIPE_INGREDIENTS_MAX = 80;

export const recipePart = z.object({
  name: ingredientName,
  grams: z.optional(
    z.nullable(
      z.number({ error: 'grams must be a number' }).check(z.positive('grams must be more than 0'), z.maximum(5000, 'grams must be at most 5,000')),
    ),
  ),
});
export type RecipePart = z.infer<typeof recipePart>;

export const recipe = z.looseObject({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  name: ingredientName,
  ingredients: z
    .array(recipePart, { error: 'must be a list of ingredients' })
    .check(z.minLength(1, 'add at least one ingredient'), z.maxLength(RECIPE_INGREDIENTS_MAX, `at most ${RECIPE_INGREDIENTS_MAX} ingredients`)),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Recipe = z.infer<typeof recipe>;
