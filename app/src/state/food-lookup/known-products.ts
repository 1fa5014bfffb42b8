import * as z from 'zod/mini';
import { mergeKnownProducts, productsFromLogs, productsFromLookups, type KnownProduct } from '../../../../shared/diary/known-products';
import type { AureaDb } from '../../../db/db';

export { matchKnownProducts, withKnownProducts } from '../../../../shared/diary/known-products';

/**
 * Products known on this device, for Today's food picker: every barcode looked up here (kept in the lookup
 * cache with its label already read into diary names) and every product logged in the diary. Loaded by
 * useKnownProducts (state/known-products.ts) once Today needs it, so it stays out of the first load; it reads
 * only the few stored fields it needs (not the card views nor the label parser and its additives taxonomy),
 * and a row from before labels were read offers the product by name only.
 */

const storedProduct = z.object({
  name: z.string(),
  product: z.object({
    barcode: z.string(),
    brand: z.optional(z.string()),
    parsed: z.optional(z.object({ names: z.array(z.string()) })),
  }),
});

export type CachedProduct = { name: string; barcode: string; brand?: string; ingredients: string[]; fetched_at: string };

/** The products looked up on this device (stale ones included: they still say what the product is). */
export async function cachedProducts(db: AureaDb): Promise<CachedProduct[]> {
  let rows;
  try {
    rows = await db.foodCache.where('name').startsWith('product:').toArray();
  } catch {
    return [];
  }
  return rows.flatMap((row) => {
    const parsed = storedProduct.safeParse(row.data);
    if (!parsed.success) return [];
    const { name, product } = parsed.data;
    return [{ name, barcode: product.barcode, ...(product.brand ? { brand: product.brand } : {}), ingredients: product.parsed?.names ?? [], fetched_at: row.fetched_at }];
  });
}

/** Every known product, from the lookup cache and the diary (one read, so a live query follows both tables). */
export async function readKnownProducts(db: AureaDb): Promise<KnownProduct[]> {
  const [lookups, logged] = await Promise.all([cachedProducts(db), db.logs.filter((l) => (l.composites?.length ?? 0) > 0).toArray()]);
  return mergeKnownProducts(productsFromLookups(lookups), productsFromLogs(logged));
}
