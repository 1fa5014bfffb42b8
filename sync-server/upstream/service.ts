import type { IngredientData, ScoredIngredient, SourceRef } from '../../shared/ingredients/types';
import { mergeIngredientData, type Provenance } from '../../shared/ingredients/merge';
import type { Logger } from '../log';
import { dataHash, DATA_TTL_MS, NOT_FOUND_TTL_MS, PARTIAL_TTL_MS, type CacheEntry, type UpstreamCache } from '../storage/cache';
import { UPSTREAM_LABEL, UpstreamFailure, type UpstreamName } from './errors';
import { everydayName, offConsensus, pickUsdaFood, type OffConsensus } from './match';
import type { OffClient } from './off';
import { stripZeros, type OffProduct } from './off-parse';
import { SingleFlight } from './single-flight';
import type { UsdaClient } from './usda';
import type { UsdaFood } from './usda-parse';

/**
 * The ingredient proxy (DESIGN §3 step 2, §6): resolves a name, a search or a barcode against USDA
 * and Open Food Facts, merges per the ADR table, scores with the shared scorer, and caches in SQLite.
 * Fresh cache → no upstream call; expired cache → refresh, and serve the old copy marked stale when
 * the refresh fails; nothing cached and the upstream down → 503 with the reason; found nowhere → 404.
 */

export type Scorer = (data: IngredientData) => ScoredIngredient;

export class LookupError extends Error {
  override name = 'LookupError';
  constructor(
    readonly status: 404 | 429 | 503,
    readonly code: 'not_found' | 'upstream_unavailable' | 'upstream_rate_limited' | 'lookup_share_used',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Common to every answer: when the data was fetched, and whether it is past its TTL. */
export interface Freshness {
  fetched_at: string;
  stale: boolean;
  /** Why stale data was served (the upstream error), when stale. */
  stale_reason?: string;
  /** Things the person should know, e.g. a source that was down when this was fetched. */
  warnings: string[];
}

export interface IngredientMatch {
  usda: { fdc_id: number; description: string; data_type: string | null } | null;
  off: { products: { code: string; name: string }[] } | null;
}

export interface IngredientResult extends Freshness {
  /** The normalised name looked up. */
  name: string;
  ingredient: IngredientData;
  score: ScoredIngredient;
  sources: SourceRef[];
  /** Which source each field came from (the ADR merge table). */
  provenance: Provenance;
  match: IngredientMatch;
}

export interface ProductResult extends Freshness {
  /** The barcode asked for. */
  barcode: string;
  product: Omit<OffProduct, 'data'>;
  ingredient: IngredientData;
  score: ScoredIngredient;
  sources: SourceRef[];
  provenance: Provenance;
}

export interface SearchHit {
  kind: 'ingredient' | 'product';
  source: 'USDA FoodData Central' | 'Open Food Facts';
  /** FDC id or barcode. */
  id: string;
  /** As the source writes it: "Cheese, cheddar", "Coke Zero". */
  description: string;
  /** A name to log in the diary: "cheddar cheese"; for products, the product name. */
  suggested_name: string;
  brand?: string;
  data_type?: string;
  category?: string;
  image_url?: string;
  ingredient: IngredientData;
  score: ScoredIngredient;
}

export interface SearchResult extends Freshness {
  query: string;
  results: SearchHit[];
}

interface IngredientCacheValue {
  ingredient: IngredientData;
  provenance: Provenance;
  match: IngredientMatch;
  warnings: string[];
}
interface ProductCacheValue {
  product: OffProduct;
  provenance: Provenance;
  warnings: string[];
}
interface SearchCacheValue {
  hits: Omit<SearchHit, 'score'>[];
  warnings: string[];
}
interface NotFoundValue {
  message: string;
}

export interface LookupOptions {
  /** Count this as a request from a person (false for warming and refresh). */
  record?: boolean;
  /** Refetch even when the cached copy is fresh. */
  refresh?: boolean;
  /**
   * The asker's share of the upstream budget: called once when the answer needs the upstream (a miss or an
   * expired entry); returns 0 to go ahead or the ms to wait. Over its share, the asker gets the stale copy
   * when there is one, else 429. Absent for background jobs, which have their own reserve.
   */
  upstreamShare?: () => number;
}

export interface IngredientServiceDeps {
  usda: UsdaClient;
  off: OffClient;
  cache: UpstreamCache;
  now: () => number;
  score: Scorer;
  log: Logger;
}

/** Hits kept per search; the route serves `limit` (≤ 50) of them. */
export const SEARCH_CACHE_SIZE = 50;
const USDA_SEARCH_PAGE = 25;
const OFF_SEARCH_PAGE = 25;

const iso = (ms: number) => new Date(ms).toISOString();

export function canonicalBarcode(barcode: string): string {
  return stripZeros(barcode);
}

export class IngredientService {
  private readonly flights = new SingleFlight();

  constructor(private readonly deps: IngredientServiceDeps) {}

  // ---------------------------------------------------------------- ingredient by name

  /** `name` must already be normalised (the route does it). */
  getIngredient(name: string, opts: LookupOptions = {}): Promise<IngredientResult> {
    const key = `ingredient:data:${name}`;
    if (opts.record !== false) this.deps.cache.recordRequest(key, 'ingredient', name);
    return this.cached<IngredientCacheValue, IngredientResult>(key, opts, {
      fetch: () => this.fetchIngredient(name),
      store: (v) => this.deps.cache.put(key, 'ingredient', name, v.value, v.partial ? PARTIAL_TTL_MS : DATA_TTL_MS),
      build: (entry, stale) => {
        const v = entry.value;
        return {
          name,
          ingredient: v.ingredient,
          score: this.scoreFor(`ingredient:score:${name}`, v.ingredient),
          sources: v.ingredient.sources,
          provenance: v.provenance,
          match: v.match,
          ...this.freshness(entry, stale),
        };
      },
      notFound: () => `No food called "${name}" was found in USDA FoodData Central or Open Food Facts.`,
      subject: name,
      kind: 'ingredient',
    });
  }

  private async fetchIngredient(name: string): Promise<Fetched<IngredientCacheValue>> {
    const [u, o] = await Promise.allSettled([this.usdaLookup(name), this.offLookup(name)]);
    rethrowBugs(u, o);
    const usda = u.status === 'fulfilled' ? u.value : null;
    const off = o.status === 'fulfilled' ? o.value : null;
    const usdaError = u.status === 'rejected' ? (u.reason as UpstreamFailure) : null;
    const offError = o.status === 'rejected' ? (o.reason as UpstreamFailure) : null;

    const warnings: string[] = [];
    let merged;
    if (usda) {
      // A generic food: USDA gives the nutrients; Open Food Facts only what products named exactly
      // like it agree on (additives, allergens, category) — never one brand's nutrient panel.
      const enrichment = off ? { ...off.data, nutrients: {}, glycemic_index: undefined } : null;
      merged = mergeIngredientData(name, { ...usda.data, name }, enrichment);
      if (offError) warnings.push(`${UPSTREAM_LABEL.off} was unavailable, so additives, allergens and category may be missing (${offError.message}).`);
    } else if (off && !usdaError) {
      merged = mergeIngredientData(name, null, off.data);
    } else if (off && usdaError) {
      merged = mergeIngredientData(name, null, off.data);
      warnings.push(`${UPSTREAM_LABEL.usda} was unavailable, so nutrients come from Open Food Facts products (${usdaError.message}).`);
    } else {
      // Cannot tell "not found" while a source is down.
      if (usdaError && offError) {
        const retry = Math.min(usdaError.retryAfterMs ?? Infinity, offError.retryAfterMs ?? Infinity);
        throw new UpstreamFailure(usdaError.upstream, usdaError.kind, `${usdaError.message}; ${offError.message}`, Number.isFinite(retry) ? retry : undefined);
      }
      const failure = usdaError ?? offError;
      if (failure) throw failure;
      return { found: false };
    }
    if (!merged) return { found: false };
    return {
      found: true,
      partial: warnings.length > 0,
      value: {
        ingredient: merged.data,
        provenance: merged.provenance,
        match: {
          usda: usda ? { fdc_id: usda.fdcId, description: usda.description, data_type: usda.dataType ?? null } : null,
          off: off ? { products: off.products.slice(0, 10) } : null,
        },
        warnings,
      },
    };
  }

  /** USDA: search generic foods, take the hit whose description holds every word, detail if needed. */
  private async usdaLookup(name: string): Promise<UsdaFood | null> {
    const result = await this.deps.usda.search(name, 10);
    const pick = pickUsdaFood(name, result.foods);
    if (!pick) return null;
    if (pick.food.hasNutrients) return pick.food;
    // 2019-style hits carry no nutrients: fetch the food itself.
    return this.deps.usda.food(pick.food.fdcId);
  }

  private async offLookup(name: string): Promise<OffConsensus | null> {
    const result = await this.deps.off.search(name, 20);
    return offConsensus(name, result.products);
  }

  // ---------------------------------------------------------------- product by barcode

  getProduct(barcode: string, opts: LookupOptions = {}): Promise<ProductResult> {
    const canonical = canonicalBarcode(barcode);
    const key = `product:data:${canonical}`;
    if (opts.record !== false) this.deps.cache.recordRequest(key, 'product', barcode);
    return this.cached<ProductCacheValue, ProductResult>(key, opts, {
      fetch: async () => {
        const lookup = await this.deps.off.product(barcode);
        if (!lookup.found) return { found: false };
        const merged = mergeIngredientData(lookup.product.data.name, null, lookup.product.data)!;
        return { found: true, partial: false, value: { product: lookup.product, provenance: merged.provenance, warnings: lookup.warnings.filter((w) => w !== 'different_normalized_product_code') } };
      },
      store: (v) => this.deps.cache.put(key, 'product', barcode, v.value, DATA_TTL_MS),
      build: (entry, stale) => {
        const { data, ...product } = entry.value.product;
        return {
          barcode,
          product,
          ingredient: data,
          score: this.scoreFor(`product:score:${canonical}`, data),
          sources: data.sources,
          provenance: entry.value.provenance,
          ...this.freshness(entry, stale),
        };
      },
      notFound: () => `No product with barcode ${barcode} in Open Food Facts.`,
      subject: barcode,
      kind: 'product',
    });
  }

  // ---------------------------------------------------------------- search

  /** `query` must already be normalised. Results: generic USDA foods first, then products. */
  async search(query: string, limit: number, opts: LookupOptions = {}): Promise<SearchResult> {
    const key = `search:data:${query}`;
    if (opts.record !== false) this.deps.cache.recordRequest(key, 'search', query);
    const full = await this.cached<SearchCacheValue, SearchResult>(key, opts, {
      fetch: () => this.fetchSearch(query),
      store: (v) => this.deps.cache.put(key, 'search', query, v.value, v.partial ? PARTIAL_TTL_MS : DATA_TTL_MS),
      build: (entry, stale) => ({
        query,
        results: entry.value.hits.map((h) => ({ ...h, score: this.deps.score(h.ingredient) })),
        ...this.freshness(entry, stale),
      }),
      notFound: () => '',
      subject: query,
      kind: 'search',
    });
    return { ...full, results: full.results.slice(0, limit) };
  }

  private async fetchSearch(query: string): Promise<Fetched<SearchCacheValue>> {
    const [u, o] = await Promise.allSettled([this.deps.usda.search(query, USDA_SEARCH_PAGE), this.deps.off.search(query, OFF_SEARCH_PAGE)]);
    rethrowBugs(u, o);
    if (u.status === 'rejected' && o.status === 'rejected') throw u.reason as UpstreamFailure;
    const warnings: string[] = [];
    const hits: Omit<SearchHit, 'score'>[] = [];
    if (u.status === 'fulfilled') {
      // Hits holding every word of the query first; otherwise USDA's order.
      const ordered = u.value.foods
        .map((food, i) => ({ food, i, full: pickUsdaFood(query, [food]) !== null }))
        .sort((a, b) => Number(b.full) - Number(a.full) || a.i - b.i);
      for (const { food } of ordered) {
        const suggested = everydayName(food.description);
        const hit: Omit<SearchHit, 'score'> = {
          kind: 'ingredient',
          source: 'USDA FoodData Central',
          id: String(food.fdcId),
          description: food.description,
          suggested_name: suggested,
          ingredient: { ...food.data, name: suggested },
        };
        if (food.dataType) hit.data_type = food.dataType;
        if (food.data.category) hit.category = food.data.category;
        hits.push(hit);
      }
    } else warnings.push(`${UPSTREAM_LABEL.usda} was unavailable; generic foods are missing (${(u.reason as Error).message}).`);
    if (o.status === 'fulfilled') {
      for (const p of o.value.products) {
        if (!p.code) continue;
        const hit: Omit<SearchHit, 'score'> = { kind: 'product', source: 'Open Food Facts', id: p.code, description: p.name, suggested_name: p.name.toLowerCase(), ingredient: p.data };
        if (p.brand) hit.brand = p.brand;
        if (p.data.category) hit.category = p.data.category;
        if (p.image_url) hit.image_url = p.image_url;
        hits.push(hit);
      }
    } else warnings.push(`${UPSTREAM_LABEL.off} was unavailable; packaged products are missing (${(o.reason as Error).message}).`);
    return { found: true, partial: warnings.length > 0, value: { hits: hits.slice(0, SEARCH_CACHE_SIZE), warnings } };
  }

  // ---------------------------------------------------------------- shared machinery

  /**
   * Cache-then-upstream with single-flight: a fresh entry answers at once; otherwise one fetch per
   * key runs, and every concurrent caller for that key shares its outcome.
   */
  private async cached<V, R>(key: string, opts: LookupOptions, how: CachedHow<V, R>): Promise<R> {
    const { cache } = this.deps;
    const hit = cache.get<V | NotFoundValue>(key);
    if (hit && cache.isFresh(hit) && !opts.refresh) return this.answer(hit, false, how);
    // Joining a lookup already under way costs the upstream nothing, so it costs no share either.
    const wait = this.flights.has(key) ? 0 : (opts.upstreamShare?.() ?? 0);
    if (wait > 0) {
      if (hit) return this.answer(hit, true, how, 'this device has looked up many new foods in a short time');
      throw new LookupError(429, 'lookup_share_used', `You have looked up many new foods in a short time; "${how.subject}" is not cached yet. Try again in ${Math.max(1, Math.ceil(wait / 1000))} s.`, wait);
    }
    return this.flights.run(key, async () => {
      const again = cache.get<V | NotFoundValue>(key);
      if (again && cache.isFresh(again) && !opts.refresh) return this.answer(again, false, how);
      let fetched: Fetched<V>;
      try {
        fetched = await how.fetch();
      } catch (e) {
        if (!(e instanceof UpstreamFailure)) throw e;
        // Names stay out of the logs: what people look up is theirs.
        this.deps.log.info(again ? 'served stale cache' : 'upstream unavailable, nothing cached', { kind: how.kind, upstream: e.upstream, failure: e.kind });
        if (again) return this.answer(again, true, how, e.message);
        throw toLookupError(e, how.subject);
      }
      if (!fetched.found) {
        cache.put<NotFoundValue>(key, how.kind, how.subject, { message: how.notFound() }, NOT_FOUND_TTL_MS, false);
        throw new LookupError(404, 'not_found', how.notFound());
      }
      const entry = how.store(fetched as FetchedFound<V>);
      return how.build(entry, false);
    });
  }

  private answer<V, R>(entry: CacheEntry<V | NotFoundValue>, stale: boolean, how: CachedHow<V, R>, reason?: string): R {
    if (!entry.found) {
      const message = (entry.value as NotFoundValue).message || how.notFound();
      throw new LookupError(404, 'not_found', stale ? `${message} (checked ${iso(entry.fetchedAt)}; the sources cannot be reached right now)` : message);
    }
    const result = how.build(entry as CacheEntry<V>, stale);
    if (stale && reason) (result as Freshness).stale_reason = reason;
    return result;
  }

  private freshness(entry: CacheEntry<{ warnings: string[] }>, stale: boolean): Freshness {
    return { fetched_at: iso(entry.fetchedAt), stale, warnings: [...entry.value.warnings] };
  }

  /** The score for `data`, from the 7-day score cache when it was computed from these exact data. */
  private scoreFor(key: string, data: IngredientData): ScoredIngredient {
    const hash = dataHash(data);
    const cached = this.deps.cache.getScore<ScoredIngredient>(key, hash);
    if (cached) return cached;
    const scored = this.deps.score(data);
    this.deps.cache.putScore(key, hash, scored);
    return scored;
  }
}

type FetchedFound<V> = { found: true; partial: boolean; value: V };
type Fetched<V> = FetchedFound<V> | { found: false };

interface CachedHow<V, R> {
  fetch: () => Promise<Fetched<V>>;
  store: (v: FetchedFound<V>) => CacheEntry<V>;
  build: (entry: CacheEntry<V>, stale: boolean) => R;
  notFound: () => string;
  subject: string;
  kind: 'ingredient' | 'product' | 'search';
}

function rethrowBugs(...results: PromiseSettledResult<unknown>[]): void {
  for (const r of results) if (r.status === 'rejected' && !(r.reason instanceof UpstreamFailure)) throw r.reason;
}

/** An upstream failure with nothing cached → the 503 the route sends. */
export function toLookupError(e: UpstreamFailure, subject: string): LookupError {
  const label = UPSTREAM_LABEL[e.upstream as UpstreamName];
  const retry = e.retryAfterMs ?? (e.kind === 'timeout' || e.kind === 'network' || e.kind === 'http_status' || e.kind === 'malformed' ? 30_000 : undefined);
  if (e.kind === 'rate_limited') return new LookupError(503, 'upstream_rate_limited', `${e.message}; "${subject}" is not cached yet. Try again shortly.`, retry);
  return new LookupError(503, 'upstream_unavailable', `${label} cannot be used right now: ${e.message}; "${subject}" is not cached yet.`, retry);
}
