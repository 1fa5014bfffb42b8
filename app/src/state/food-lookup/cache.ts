import type { AureaDb } from '../../../db/db';
import type { Resolve } from '../../../../shared/ingredients/off-ingredients';
import { asAdditives, labelFromStored } from './views';
import { storedViewSchema } from './schemas';
import { FOOD_CACHE_KEEP_MS, FOOD_CACHE_TTL_MS, type FoodView } from './types';

/** The device cache of lookups (Dexie foodCache): server answers kept for offline use, validated when read back. */

export interface CachedFood {
  view: FoodView;
  fresh: boolean;
}

/** A stored answer, validated (rows may come from an older version of the app); undefined when absent or unreadable. */
export async function readCachedFood(db: AureaDb, key: string, now = Date.now(), resolve?: Resolve): Promise<CachedFood | undefined> {
  let row;
  try {
    row = await db.foodCache.get(key);
  } catch {
    return undefined;
  }
  if (!row) return undefined;
  const parsed = storedViewSchema.safeParse(row.data);
  const at = Date.parse(row.fetched_at);
  if (!parsed.success || !Number.isFinite(at)) return undefined;
  const d = parsed.data;
  const fresh = now - at < FOOD_CACHE_TTL_MS && at <= now + 5 * 60_000;
  return {
    fresh,
    view: {
      key: d.key,
      name: d.name,
      ingredient: d.ingredient,
      score: d.score,
      origin: 'cache',
      fetched_at: row.fetched_at,
      stale: d.stale || !fresh,
      warnings: d.warnings,
      provenance: d.provenance,
      additives: asAdditives(d.additives),
      product: d.product ? labelFromStored(d.product, resolve) : null,
      table: null,
    },
  };
}

/** Keeps a server answer for offline use. Storage errors are swallowed: the card is shown anyway. */
export async function storeCachedFood(db: AureaDb, view: FoodView, now = Date.now()): Promise<void> {
  const fetched = view.fetched_at && Number.isFinite(Date.parse(view.fetched_at)) ? view.fetched_at : new Date(now).toISOString();
  const data = {
    v: 1 as const,
    key: view.key,
    name: view.name,
    ingredient: view.ingredient,
    score: view.score,
    stale: view.stale,
    warnings: view.warnings,
    provenance: view.provenance,
    additives: view.additives,
    product: view.product,
  };
  try {
    await db.foodCache.put({ name: view.key, fetched_at: new Date(Date.parse(fetched)).toISOString(), data });
  } catch {
    // Quota or a closed database: the next lookup simply asks the server again.
  }
}

/** Drops answers too old to be worth showing even offline. */
export async function pruneFoodCache(db: AureaDb, now = Date.now(), keepMs = FOOD_CACHE_KEEP_MS): Promise<number> {
  try {
    return await db.foodCache.where('fetched_at').below(new Date(now - keepMs).toISOString()).delete();
  } catch {
    return 0;
  }
}


