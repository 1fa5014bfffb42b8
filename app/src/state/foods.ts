import { useEffect, useState } from 'react';
import type { FoodTable } from '../../../shared/ingredients/food-table';
import type { ScoredIngredient } from '../../../shared/ingredients/types';

/**
 * The bundled food table and the scorer, loaded after first paint (their own chunk) so the first
 * load stays small. Scores of table foods are computed once and memoised.
 */
export interface FoodKnowledge {
  table: FoodTable;
  search: typeof import('../../../shared/ingredients/food-table').searchFoods;
  lookup: typeof import('../../../shared/ingredients/food-table').lookup;
  /** Score of a name as the table knows it (undefined when the table does not know the food). */
  scoreOf(name: string): ScoredIngredient | undefined;
  /** A bundled dish's ingredient names (undefined when the name is not a dish). */
  dishIngredients(name: string): string[] | undefined;
}

let loading: Promise<FoodKnowledge> | null = null;
let loaded: FoodKnowledge | null = null;

export function loadFoodKnowledge(): Promise<FoodKnowledge> {
  loading ??= Promise.all([import('../../../shared/ingredients/food-table'), import('../../../shared/scoring')]).then(async ([ft, scoring]) => {
    const table = await ft.loadFoodTable();
    const memo = new Map<string, ScoredIngredient | null>();
    loaded = {
      table,
      search: ft.searchFoods,
      lookup: ft.lookup,
      dishIngredients: (name) => ft.dishIngredientsOf(table, name),
      scoreOf(name) {
        let s = memo.get(name);
        if (s === undefined) {
          const data = ft.lookup(table, name);
          s = data ? scoring.scoreIngredient(data) : null;
          memo.set(name, s);
        }
        return s ?? undefined;
      },
    };
    return loaded;
  });
  return loading;
}

/**
 * The food knowledge once loaded (null until then). Loading starts when `needed` is first true, so a page
 * that may not use it (Today before anything is typed, with no foods to badge) does not parse the table
 * while it starts up.
 */
export function useFoodKnowledge(needed = true): FoodKnowledge | null {
  const [k, setK] = useState<FoodKnowledge | null>(loaded);
  useEffect(() => {
    if (loaded) {
      setK(loaded);
      return;
    }
    if (!needed) return;
    let alive = true;
    void loadFoodKnowledge().then((v) => alive && setK(v));
    return () => {
      alive = false;
    };
  }, [needed]);
  return k;
}
