import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { KnownProduct } from '../../../shared/diary/known-products';
import type { Composite } from '../../../shared/schema';
import { appDb } from '../../db/db';

type KnownProductsModule = typeof import('./food-lookup/known-products');

export interface KnownProducts {
  /** Known products whose name (or brand) matches what is typed, most relevant first. */
  match: (query: string) => KnownProduct[];
  /** The day's items with every newly present known product's item added. */
  attach: (composites: readonly Composite[], foods: readonly string[]) => Composite[];
}

/**
 * Products known on this device, for Today's food picker (live: a product looked up on Foods is offered at
 * once; offline-safe: nothing asks the server). The reading and matching load on first need, in their own
 * chunk, so Today's first load does not grow.
 */
export function useKnownProducts(enabled = true): KnownProducts {
  const db = appDb();
  const [mod, setMod] = useState<KnownProductsModule | null>(null);
  useEffect(() => {
    if (!enabled || mod) return;
    let alive = true;
    void import('./food-lookup/known-products').then((m) => alive && setMod(m));
    return () => {
      alive = false;
    };
  }, [enabled, mod]);
  const known = useLiveQuery(() => (mod ? mod.readKnownProducts(db) : []), [mod]);
  return useMemo(
    () => ({
      match: (q) => (mod && known ? mod.matchKnownProducts(q, known, 3) : []),
      attach: (composites, foods) => (mod && known ? mod.withKnownProducts(composites, foods, known) : [...composites]),
    }),
    [mod, known],
  );
}
