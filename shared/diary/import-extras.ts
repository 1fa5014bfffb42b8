/**
 * What a version 2 export adds beside the days (saved meals, re-challenges, settings), planned against
 * what the device has, like the days themselves: nothing is written here.
 */
import type { ExportedChallenge, ExportedSavedMeal, ExportFile, Recipe } from '../schema';
import { cleanIngredients } from './ingredients';
import { planRecipes } from './recipes';

export interface SavedMealLike {
  id: string;
  name: string;
  ingredients: string[];
  created_at: string;
  used_count: number;
}

export interface ChallengeLike {
  id: string;
  status: 'active' | 'completed' | 'cancelled';
}

export interface ExtrasPlan {
  savedMeals: SavedMealLike[];
  /** Re-challenges to write; an active one from the file is kept stopped when another already runs here. */
  challenges: (ExportedChallenge & { status: ChallengeLike['status'] })[];
  /** Active re-challenges from the file kept as stopped, because this device already runs one. */
  challengesStopped: number;
  /** The person's recipes from the file, merged by name with the device's (the file's content wins). */
  recipes: Recipe[];
  settings: Record<string, unknown>;
}

export function planExtras(
  file: ExportFile,
  existing: { savedMeals: readonly SavedMealLike[]; challenges: readonly ChallengeLike[]; recipes?: readonly Recipe[] },
  portable: (key: string, value: unknown) => boolean,
  nowIso: string,
): ExtrasPlan {
  const byName = new Map(existing.savedMeals.map((m) => [m.name.toLocaleLowerCase('en'), m]));
  const savedMeals = (file.saved_meals ?? []).map((m: ExportedSavedMeal): SavedMealLike => {
    const mine = byName.get(m.name.trim().toLocaleLowerCase('en'));
    return {
      id: mine?.id ?? m.id,
      name: m.name.trim(),
      ingredients: cleanIngredients(m.ingredients),
      created_at: mine?.created_at ?? m.created_at ?? nowIso,
      used_count: Math.max(mine?.used_count ?? 0, m.used_count ?? 0),
    };
  });
  let running = existing.challenges.find((c) => c.status === 'active')?.id ?? null;
  let challengesStopped = 0;
  const challenges = (file.challenges ?? []).map((c) => {
    if (c.status !== 'active' || running === null || running === c.id) {
      if (c.status === 'active') running = c.id;
      return c;
    }
    challengesStopped++;
    return { ...c, status: 'cancelled' as const };
  });
  const settings: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(file.settings ?? {})) if (portable(k, v)) settings[k] = v;
  const recipes = planRecipes(file.recipes ?? [], existing.recipes ?? [], nowIso);
  return { savedMeals, challenges, challengesStopped, recipes, settings };
}
