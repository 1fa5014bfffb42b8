import { useCallback, useMemo } from 'react';
import type { IngredientUsage } from '../../db/repo';
import type { Suggestion } from '../components/IngredientPicker';
import type { FoodKnowledge } from './foods';

/**
 * Ingredient type-ahead as every picker offers it: the person's own foods first (names that start with
 * what is typed, then names that contain it, each by how often and how recently they log them), then the
 * bundled food table. `ranked` is the person's own foods in that order (for the one-tap chips).
 */
export function useIngredientSuggestions(usage: readonly IngredientUsage[], foods: FoodKnowledge | null): { ranked: IngredientUsage[]; suggest: (q: string) => Suggestion[] } {
  const ranked = useMemo(() => [...usage].sort((a, b) => b.count - a.count || (a.last < b.last ? 1 : -1)), [usage]);
  const suggest = useCallback(
    (q: string): Suggestion[] => {
      const starts = ranked.filter((u) => u.name.startsWith(q) || u.name.split(' ').some((w) => w.startsWith(q)));
      const contains = ranked.filter((u) => !starts.includes(u) && u.name.includes(q));
      const own: Suggestion[] = [...starts, ...contains].map((u) => ({ name: u.name, source: 'yours' as const, count: u.count }));
      if (!foods) return own;
      const seen = new Set(own.map((o) => o.name));
      const table = foods
        .search(foods.table, q, 8)
        .map((m) => m.name)
        .filter((n) => !seen.has(n))
        .map((name) => ({ name, source: 'food table' as const }));
      return [...own, ...table];
    },
    [ranked, foods],
  );
  return { ranked, suggest };
}
