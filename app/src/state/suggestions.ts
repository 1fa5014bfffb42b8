import { useCallback, useMemo } from 'react';
import type { IngredientUsage } from '../../db/repo';
import type { Suggestion } from '../components/IngredientPicker';
import type { FoodKnowledge } from './foods';

/**
 * Ingredient type-ahead as every picker offers it: the person's own foods first (names that start with
 * what is typed, then names that contain it, each by how often and how recently they log them), then their
 * recipes, then the bundled food table. Dishes and recipes are marked, since logging one brings its
 * ingredients along. `ranked` is the person's own foods in that order (for the one-tap chips).
 */
export function useIngredientSuggestions(
  usage: readonly IngredientUsage[],
  foods: FoodKnowledge | null,
  recipes: ReadonlyArray<{ name: string }> = [],
): { ranked: IngredientUsage[]; suggest: (q: string) => Suggestion[] } {
  const ranked = useMemo(() => [...usage].sort((a, b) => b.count - a.count || (a.last < b.last ? 1 : -1)), [usage]);
  const suggest = useCallback(
    (q: string): Suggestion[] => {
      const recipeNames = new Set(recipes.map((r) => r.name));
      const kindOf = (name: string): Suggestion['kind'] => (recipeNames.has(name) ? 'recipe' : foods?.dishIngredients(name) ? 'dish' : undefined);
      const matches = (name: string) => name.startsWith(q) || name.split(' ').some((w) => w.startsWith(q));
      const starts = ranked.filter((u) => matches(u.name));
      const contains = ranked.filter((u) => !starts.includes(u) && u.name.includes(q));
      const own: Suggestion[] = [...starts, ...contains].map((u) => ({ name: u.name, source: 'yours' as const, count: u.count, kind: kindOf(u.name) }));
      const seen = new Set(own.map((o) => o.name));
      const mine: Suggestion[] = [...recipeNames].filter((n) => !seen.has(n) && (matches(n) || n.includes(q))).map((name) => ({ name, source: 'recipes' as const, kind: 'recipe' as const }));
      for (const m of mine) seen.add(m.name);
      if (!foods) return [...own, ...mine];
      const table = foods
        .search(foods.table, q, 8)
        .filter((m) => !seen.has(m.name))
        .map((m) => ({ name: m.name, source: 'food table' as const, ...(m.entry.made_of ? { kind: 'dish' as const } : {}) }));
      return [...own, ...mine, ...table];
    },
    [ranked, foods, recipes],
  );
  return { ranked, suggest };
}
