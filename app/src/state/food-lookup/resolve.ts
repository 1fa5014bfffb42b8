import type { AureaDb } from '../../../db/db';
import { checkBarcode } from '../../../../shared/ingredients/barcode';
import { normaliseIngredient } from '../../../../shared/ingredients/normalise';
import type { IngredientData } from '../../../../shared/ingredients/types';
import type { FoodKnowledge } from '../foods';
import { readCachedFood, storeCachedFood } from './cache';
import type { ServerSearchHit } from './schemas';
import { fetchIngredient, fetchProduct, type ServerFailureKind, type ServerOptions } from './server';
import type { FoodResolution, FoodView, LookupNote } from './types';
import { bundledFood, productKey, tableResolver, viewFromIngredient, viewFromProduct, viewFromSearchHit } from './views';

/** The lookup order: device cache when fresh → the food server when online → the offline table (or an older saved copy). */

export interface LookupDeps {
  db: AureaDb;
  /** The bundled table and scorer (null while it loads, or where it is not wanted). */
  knowledge: FoodKnowledge | null;
  online: boolean;
  now?: () => number;
  server?: ServerOptions;
}

const savedOn = (iso: string | null) => {
  if (!iso) return 'earlier';
  const d = new Date(iso);
  return `on ${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })}`;
};

/** Why the server was not used, and what is shown instead ("the offline table", "the copy saved on 3 Mar 2026"). */
function failureNote(kind: ServerFailureKind | 'offline', shown: string): LookupNote {
  if (kind === 'offline') return { kind: 'offline', text: `You are offline: showing ${shown}.` };
  if (kind === 'unavailable' || kind === 'rate_limited') return { kind: 'unavailable', text: `Showing ${shown}; Aurea cannot reach USDA or Open Food Facts right now.` };
  if (kind === 'malformed') return { kind: 'unavailable', text: `Showing ${shown}; the online answer could not be read.` };
  return { kind: 'unreachable', text: `Showing ${shown}; Aurea’s server cannot be reached.` };
}

/**
 * Resolves a food name in DESIGN §3's order: the device cache when fresh → the server when online
 * (its answer is stored for later) → the offline table. When the server cannot be used, the offline
 * table answers, or failing that an older saved copy, with a note saying why.
 */
export async function resolveFood(name: string, deps: LookupDeps): Promise<FoodResolution> {
  const now = deps.now ?? Date.now;
  const key = normaliseIngredient(name);
  if (!key) return { food: null, bundled: null, note: { kind: 'invalid', text: 'Type a food name with at least one letter or digit.' } };
  const bundled = deps.knowledge ? bundledFood(deps.knowledge, key) : null;

  const cached = await readCachedFood(deps.db, key, now());
  if (cached?.fresh) return { food: cached.view, bundled, note: null };

  const fallback = (kind: ServerFailureKind | 'offline'): FoodResolution => {
    if (bundled) return { food: bundled, bundled, note: failureNote(kind, 'the built-in list') };
    if (cached) return { food: cached.view, bundled, note: failureNote(kind, `the copy saved ${savedOn(cached.view.fetched_at)}`) };
    const text =
      kind === 'offline'
        ? `“${key}” is not in the built-in list. Connect to the internet to look it up online.`
        : kind === 'unavailable' || kind === 'rate_limited'
          ? `“${key}” is not in the built-in list, and Aurea cannot reach USDA or Open Food Facts right now. Try again in a minute.`
          : `“${key}” is not in the built-in list, and Aurea’s server cannot be reached. Try again later.`;
    return { food: null, bundled, note: { kind: kind === 'offline' ? 'offline' : kind === 'unavailable' || kind === 'rate_limited' ? 'unavailable' : 'unreachable', text } };
  };

  if (!deps.online) return fallback('offline');
  const answer = await fetchIngredient(key, deps.server);
  if (answer.ok) {
    const view = await viewFromIngredient(answer.value);
    view.key = key;
    await storeCachedFood(deps.db, view, now());
    const note: LookupNote | null = view.stale ? { kind: 'stale', text: `Aurea could not refresh this food, so it sent the copy it fetched ${savedOn(view.fetched_at)}.` } : null;
    return { food: view, bundled, note };
  }
  if (answer.kind === 'aborted') return { food: bundled ?? cached?.view ?? null, bundled, note: null };
  if (answer.kind === 'not_found' || answer.kind === 'bad_request') {
    // The server knows nothing more: the offline table's answer is the answer, quietly.
    if (bundled) return { food: bundled, bundled, note: null };
    if (cached) return { food: cached.view, bundled, note: null };
    return { food: null, bundled, note: { kind: 'not_found', text: `No food called “${key}” was found in the built-in list, USDA FoodData Central or Open Food Facts.` } };
  }
  return fallback(answer.kind);
}

/**
 * Resolves a barcode: the device cache when fresh → the server (which asks Open Food Facts). There
 * is no offline table of products, so offline it answers only from a copy saved earlier.
 */
export async function resolveProduct(raw: string, deps: Omit<LookupDeps, 'knowledge'> & { knowledge?: FoodKnowledge | null }): Promise<FoodResolution> {
  const now = deps.now ?? Date.now;
  const check = checkBarcode(raw);
  if (!check.ok) return { food: null, bundled: null, note: { kind: 'invalid', text: check.message } };
  const key = productKey(check.barcode);
  // With the food table, a label's ingredients map onto its names ("wheat flour" → flour).
  const resolve = tableResolver(deps.knowledge);
  const cached = await readCachedFood(deps.db, key, now(), resolve);
  if (cached?.fresh) return { food: cached.view, bundled: null, note: null };
  if (!deps.online) {
    if (cached) return { food: cached.view, bundled: null, note: { kind: 'offline', text: `You are offline: showing the copy saved ${savedOn(cached.view.fetched_at)}.` } };
    return { food: null, bundled: null, note: { kind: 'offline', text: 'Looking up a barcode needs a connection, and you are offline. You can still search foods by name.' } };
  }
  const answer = await fetchProduct(check.barcode, deps.server);
  if (answer.ok) {
    const view = viewFromProduct(answer.value, resolve);
    await storeCachedFood(deps.db, view, now());
    const note: LookupNote | null = view.stale ? { kind: 'stale', text: `Open Food Facts could not be asked again, so this is the copy fetched ${savedOn(view.fetched_at)}.` } : null;
    return { food: view, bundled: null, note };
  }
  if (answer.kind === 'aborted') return { food: cached?.view ?? null, bundled: null, note: null };
  if (answer.kind === 'not_found') {
    const typo = check.checkDigitOk ? '' : ' Its last digit does not match the others, so a digit may be mistyped.';
    return { food: null, bundled: null, note: { kind: 'not_found', text: `No product with barcode ${check.barcode} is in Open Food Facts.${typo}` } };
  }
  if (answer.kind === 'bad_request') return { food: null, bundled: null, note: { kind: 'invalid', text: answer.message } };
  if (cached) return { food: cached.view, bundled: null, note: failureNote(answer.kind, `the copy saved ${savedOn(cached.view.fetched_at)}`) };
  const text =
    answer.kind === 'unavailable' || answer.kind === 'rate_limited'
      ? 'Aurea cannot reach Open Food Facts right now. Try again in a minute.'
      : answer.kind === 'malformed'
        ? "The online answer could not be read. Try again later."
        : 'Aurea’s server cannot be reached, and barcode lookups need it. Try again when you are connected.';
  return { food: null, bundled: null, note: { kind: answer.kind === 'unavailable' || answer.kind === 'rate_limited' || answer.kind === 'malformed' ? 'unavailable' : 'unreachable', text } };
}

/**
 * Whether a search hit carries nutrient values. USDA's older search format lists foods without
 * them; such a hit is opened by name instead, so the server fetches the food's full record.
 */
export function hasNutrientData(data: IngredientData): boolean {
  return Object.values(data.nutrients).some((v) => typeof v === 'number');
}

/** Remembers a food picked from the server's search results, so it is there offline and by name later. */
export async function rememberSearchPick(db: AureaDb, hit: ServerSearchHit, fetchedAt: string, now = Date.now()): Promise<FoodView> {
  const view = await viewFromSearchHit(hit, fetchedAt);
  picked.set(pickKey(hit.source, hit.id), view);
  await storeCachedFood(db, view, now);
  return view;
}

const picked = new Map<string, FoodView>();
const pickKey = (source: string, id: string) => `${source}:${id}`;

/** A food picked from the search results earlier in this session (by FDC id), or the saved copy of it. */
export async function recallSearchPick(db: AureaDb, name: string, fdcId: string, now = Date.now()): Promise<FoodView | undefined> {
  const mem = picked.get(pickKey('USDA FoodData Central', fdcId));
  if (mem) return mem;
  const cached = await readCachedFood(db, normaliseIngredient(name), now);
  if (cached && cached.view.ingredient.sources.some((s) => s.name === 'USDA FoodData Central' && s.id === fdcId)) return cached.view;
  return undefined;
}

