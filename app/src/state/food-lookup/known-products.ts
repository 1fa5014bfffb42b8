import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { mergeKnownProducts, productsFromLogs, productsFromLookups, type KnownProduct } from '../../../../shared/diary/known-products';
import { appDb } from '../../../db/db';
import { cachedProducts } from './cache';

/**
 * Products known on this device: every barcode looked up here (kept in the lookup cache with their parsed
 * ingredients) and every product logged in the diary. Live, so a product looked up on Foods is offered on
 * Today at once. Offline-safe: nothing here asks the server.
 */
export function useKnownProducts(enabled = true): KnownProduct[] {
  const db = appDb();
  const lookups = useLiveQuery(() => (enabled ? cachedProducts(db) : []), [enabled]);
  const logged = useLiveQuery(() => (enabled ? db.logs.filter((l) => (l.composites?.length ?? 0) > 0).toArray() : []), [enabled]);
  return useMemo(() => mergeKnownProducts(productsFromLookups(lookups ?? []), productsFromLogs(logged ?? [])), [lookups, logged]);
}
