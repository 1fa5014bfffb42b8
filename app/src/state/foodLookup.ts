import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import * as z from 'zod/mini';
import type { AureaDb } from '../../db/db';
import type { AdditiveInfo } from '../../../shared/ingredients/additives';
import type { DishPart, FoodEntry } from '../../../shared/ingredients/food-table';
import { normaliseIngredient } from '../../../shared/ingredients/normalise';
import { INGREDIENT_FLAGS, type IngredientData, type IngredientFlag, type ScoredIngredient, type SourceName } from '../../../shared/ingredients/types';
import type { FoodKnowledge } from './foods';

/**
 * Where the Foods page gets a food from (DESIGN §3): the device's food cache while fresh (24 h),
 * then the food server (GET /api/ingredients/:name, /api/ingredients?q=, /api/products/:barcode),
 * then the bundled offline table. Server answers are validated here (the boundary), stored in the
 * Dexie foodCache so they work offline later, and every failure becomes a calm note, never an error
 * wall. Plain async functions first (testable without React), then small hooks over them.
 */

export const FOOD_CACHE_TTL_MS = 24 * 60 * 60 * 1000;
/** Cached answers older than this are dropped; within it they are still an offline fallback. */
export const FOOD_CACHE_KEEP_MS = 60 * 24 * 60 * 60 * 1000;
export const SEARCH_DEBOUNCE_MS = 350;
/** The server itself waits up to 8 s per upstream call and may chain two. */
export const SERVER_TIMEOUT_MS = 20_000;
/** The server's limits for a search term (normalised). */
export const SEARCH_MIN_CHARS = 2;

// ---------------------------------------------------------------------------------------------
// What the UI shows

/** Where a card's data came from. */
export type FoodOrigin = 'server' | 'cache' | 'bundled';

/** A packaged product's label, as Open Food Facts has it. */
export interface ProductLabel {
  /** The barcode asked for. */
  barcode: string;
  /** The code Open Food Facts answered with (may differ, e.g. without leading zeros). */
  code: string;
  name: string;
  brand?: string;
  quantity?: string;
  serving_size?: string;
  nutrition_data_per?: string;
  nova_group?: number;
  nutriscore_grade?: string;
  image_url?: string;
  lang?: string;
  ingredients_text?: string;
  allergens: string[];
  traces: string[];
  categories: string[];
}

/** What the offline table adds about one of its foods. */
export interface TableDetails {
  /** Nutrient values that were curated or derived rather than measured, with how. */
  curated: Partial<Record<string, string>>;
  note: string | null;
  /** Citations of the table's sources used by this food (SR28, the GI table, the knowledge table). */
  references: string[];
  /** A dish: what a typical serving is made of. */
  made_of?: DishPart[] | null;
}

/** One food or product as a card shows it. */
export interface FoodView {
  /** foodCache key: the normalised name, or "product:<barcode>". */
  key: string;
  name: string;
  ingredient: IngredientData;
  score: ScoredIngredient;
  origin: FoodOrigin;
  /** When the data was fetched from USDA / Open Food Facts (null for the offline table). */
  fetched_at: string | null;
  /** Past its freshness window (the server's, or the device cache's 24 h). */
  stale: boolean;
  /** Things the server wants the person to know (a source that was down, …). */
  warnings: string[];
  /** Which source each field came from, when the server merged several. */
  provenance: Partial<Record<string, SourceName>>;
  /** Additives with their names and classes. */
  additives: AdditiveInfo[];
  product: ProductLabel | null;
  table: TableDetails | null;
}

export type NoteKind = 'offline' | 'unreachable' | 'unavailable' | 'stale' | 'not_found' | 'invalid';

/** A small, calm sentence about where the data came from or why the server was not used. */
export interface LookupNote {
  kind: NoteKind;
  text: string;
}

export interface FoodResolution {
  food: FoodView | null;
  /** The offline table's own version of the food, when it knows it (for a side-by-side switch). */
  bundled: FoodView | null;
  note: LookupNote | null;
}

// ---------------------------------------------------------------------------------------------
// Validation of what the server sends (and of what we stored earlier)

const SOURCE_NAMES = ['USDA SR28', 'USDA FoodData Central', 'Open Food Facts', 'Aurea knowledge table', 'Glycemic index table'] as const satisfies readonly SourceName[];
const NUTRIENT_KEYS = [
  'energy_kcal', 'protein_g', 'fat_g', 'carbohydrate_g', 'fiber_g', 'sugars_g', 'added_sugars_g', 'saturated_fat_g',
  'trans_fat_g', 'omega3_g', 'omega6_g', 'vitamin_c_mg', 'vitamin_e_mg', 'caffeine_mg', 'sodium_mg',
] as const;

const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
const optString = z.optional(z.string());
const KNOWN_FLAGS: ReadonlySet<string> = new Set(INGREDIENT_FLAGS);
const isFlag = (f: string): f is IngredientFlag => KNOWN_FLAGS.has(f);

const nutrientsSchema = z.object(Object.fromEntries(NUTRIENT_KEYS.map((k) => [k, z.optional(finite)])) as Record<(typeof NUTRIENT_KEYS)[number], z.ZodMiniOptional<typeof finite>>);
const sourceRefSchema = z.object({ name: z.enum(SOURCE_NAMES), id: optString, detail: optString });
// A newer server may know flags this app does not: those are dropped rather than refusing the food.
const flagsSchema = z.pipe(z.array(z.string()), z.transform((a) => a.filter(isFlag)));

const ingredientSchema = z.object({
  name: z.string(),
  nutrients: nutrientsSchema,
  glycemic_index: z.optional(z.nullable(finite)),
  flags: flagsSchema,
  flag_reasons: z.optional(z.record(z.string(), z.string())),
  additives: z.optional(z.array(z.string())),
  allergens: z.optional(z.array(z.string())),
  category: optString,
  sources: z.array(sourceRefSchema),
  well_studied: z.optional(z.boolean()),
});

const impact = z.enum(['low', 'moderate', 'high']);
const scoredSchema = z.object({
  scores: z.object({
    blood_sugar_impact: finite,
    inflammation_potential: finite,
    gut_impact: finite,
    hormonal_relevance: z.object({ score: finite, insulin_impact: impact, estrogen_impact: impact, cortisol_impact: impact, details: z.string() }),
    overall_score: finite,
  }),
  evidence_confidence: z.enum(['high', 'medium', 'low']),
  reasons: z.array(z.object({ dimension: z.enum(['blood_sugar', 'inflammation', 'gut', 'hormonal', 'confidence']), rule: z.string(), points: finite, text: z.string() })),
});

const additiveSchema = z.object({
  tag: z.string(),
  code: z.string(),
  name: z.nullable(z.string()),
  classes: z.array(z.string()),
  flag: z.nullable(z.string()),
});

const provenanceSchema = z.record(z.string(), z.enum(SOURCE_NAMES));
const freshness = {
  fetched_at: z.string(),
  stale: z.boolean(),
  stale_reason: optString,
  warnings: z.array(z.string()),
};

const ingredientResultSchema = z.object({
  name: z.string(),
  ingredient: ingredientSchema,
  score: scoredSchema,
  provenance: z.optional(provenanceSchema),
  ...freshness,
});

const productSchema = z.object({
  code: z.string(),
  name: z.string(),
  brand: optString,
  quantity: optString,
  serving_size: optString,
  nutrition_data_per: optString,
  nova_group: z.optional(finite),
  nutriscore_grade: optString,
  image_url: optString,
  lang: optString,
  ingredients_text: optString,
  additives: z.array(additiveSchema),
  allergens: z.array(z.string()),
  traces: z.array(z.string()),
  categories: z.array(z.string()),
});

const productResultSchema = z.object({
  barcode: z.string(),
  product: productSchema,
  ingredient: ingredientSchema,
  score: scoredSchema,
  provenance: z.optional(provenanceSchema),
  ...freshness,
});

const searchHitSchema = z.object({
  kind: z.enum(['ingredient', 'product']),
  source: z.enum(['USDA FoodData Central', 'Open Food Facts']),
  id: z.string(),
  description: z.string(),
  suggested_name: z.string(),
  brand: optString,
  data_type: optString,
  category: optString,
  image_url: optString,
  ingredient: ingredientSchema,
  score: scoredSchema,
});

const searchResultSchema = z.object({ query: z.string(), results: z.array(searchHitSchema), ...freshness });

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type ServerIngredient = z.infer<typeof ingredientResultSchema>;
export type ServerProduct = z.infer<typeof productResultSchema>;
export type ServerSearch = z.infer<typeof searchResultSchema>;
export type ServerSearchHit = z.infer<typeof searchHitSchema>;

/** What is stored in foodCache.data: a FoodView without its origin (it is "cache" when read back). */
const storedViewSchema = z.object({
  v: z.literal(1),
  key: z.string(),
  name: z.string(),
  ingredient: ingredientSchema,
  score: scoredSchema,
  stale: z.boolean(),
  warnings: z.array(z.string()),
  provenance: provenanceSchema,
  additives: z.array(additiveSchema),
  product: z.nullable(z.extend(z.omit(productSchema, { additives: true }), { barcode: z.string() })),
});

// ---------------------------------------------------------------------------------------------
// The food server

export interface ServerOptions {
  /** Origin of the food server; same origin (the server that serves the app) when empty. */
  baseUrl?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type ServerFailureKind = 'unreachable' | 'not_found' | 'unavailable' | 'rate_limited' | 'bad_request' | 'malformed' | 'aborted';

export type ServerAnswer<T> = { ok: true; value: T } | { ok: false; kind: ServerFailureKind; status: number | null; message: string };

async function getJson<T>(path: string, schema: z.ZodMiniType<T>, opts: ServerOptions = {}): Promise<ServerAnswer<T>> {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? SERVER_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await doFetch(`${(opts.baseUrl ?? '').replace(/\/+$/, '')}${path}`, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if (opts.signal?.aborted) return { ok: false, kind: 'aborted', status: null, message: 'The lookup was cancelled.' };
    if (timeout.aborted) return { ok: false, kind: 'unreachable', status: null, message: 'Aurea’s server did not answer in time.' };
    return { ok: false, kind: 'unreachable', status: null, message: `Aurea’s server could not be reached (${(e as Error).message}).` };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    if (opts.signal?.aborted) return { ok: false, kind: 'aborted', status: null, message: 'The lookup was cancelled.' };
    body = null;
  }
  if (res.ok) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, kind: 'malformed', status: res.status, message: 'Aurea’s server answered in a shape this version of Aurea does not understand.' };
  }
  const err = errorBodySchema.safeParse(body);
  const message = err.success ? err.data.error.message : `Aurea’s server answered HTTP ${res.status}.`;
  const code = err.success ? err.data.error.code : '';
  let kind: ServerFailureKind;
  if (res.status === 404 && err.success) kind = 'not_found';
  else if (res.status === 400) kind = 'bad_request';
  else if (res.status === 429 || code === 'upstream_rate_limited') kind = 'rate_limited';
  // A 404 without our error body (an old server, a proxy) means there is no food server here.
  else if (res.status === 404) kind = 'unreachable';
  else kind = 'unavailable';
  return { ok: false, kind, status: res.status, message };
}

/** GET /api/ingredients/:name — one food, merged from USDA and Open Food Facts, scored. */
export function fetchIngredient(name: string, opts?: ServerOptions): Promise<ServerAnswer<ServerIngredient>> {
  return getJson(`/api/ingredients/${encodeURIComponent(name)}`, ingredientResultSchema, opts);
}

/** GET /api/ingredients?q=&limit= — generic foods (USDA) first, then packaged products (Open Food Facts). */
export function searchFoodServer(query: string, limit = 12, opts?: ServerOptions): Promise<ServerAnswer<ServerSearch>> {
  return getJson(`/api/ingredients?q=${encodeURIComponent(query)}&limit=${limit}`, searchResultSchema, opts);
}

/** GET /api/products/:barcode — a packaged product from Open Food Facts. */
export function fetchProduct(barcode: string, opts?: ServerOptions): Promise<ServerAnswer<ServerProduct>> {
  return getJson(`/api/products/${encodeURIComponent(barcode)}`, productResultSchema, opts);
}

// ---------------------------------------------------------------------------------------------
// Barcodes

export type BarcodeCheck = { ok: true; barcode: string; checkDigitOk: boolean } | { ok: false; message: string };

/**
 * Checks a typed or scanned barcode: spaces and dashes are ignored; 8 to 14 digits (EAN-8, UPC-A,
 * EAN-13, GTIN-14). A wrong check digit is not refused (shops print internal codes), only reported.
 */
export function checkBarcode(raw: string): BarcodeCheck {
  const s = raw.replace(/[\s-]+/g, '');
  if (s === '') return { ok: false, message: 'Type the digits under the barcode (8 to 14 of them).' };
  if (!/^\d+$/.test(s)) return { ok: false, message: 'A barcode has digits only; check for letters or symbols.' };
  if (s.length < 8 || s.length > 14) return { ok: false, message: `A barcode has 8 to 14 digits; this one has ${s.length}.` };
  return { ok: true, barcode: s, checkDigitOk: gtinCheckDigitOk(s) };
}

/** GS1 mod-10 check digit, the same for EAN-8, UPC-A, EAN-13 and GTIN-14. */
export function gtinCheckDigitOk(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 2, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(digits[i]) * w;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

// ---------------------------------------------------------------------------------------------
// Views

const productKey = (barcode: string) => `product:${barcode}`;

/** The additives of an ingredient with names and classes (the taxonomy loads only when needed). */
async function describeAdditives(tags: readonly string[] | undefined): Promise<AdditiveInfo[]> {
  if (!tags || tags.length === 0) return [];
  const { describeAdditive } = await import('../../../shared/ingredients/additives');
  return tags.map((t) => describeAdditive(t)).filter((x): x is AdditiveInfo => x !== null);
}

function asAdditives(list: z.infer<typeof additiveSchema>[]): AdditiveInfo[] {
  return list.map((a) => ({ ...a, flag: a.flag !== null && isFlag(a.flag) ? a.flag : null }));
}

/** The card for a food the server answered for by name. */
export async function viewFromIngredient(r: ServerIngredient): Promise<FoodView> {
  return {
    key: normaliseIngredient(r.name) || r.name,
    name: r.ingredient.name || r.name,
    ingredient: r.ingredient,
    score: r.score,
    origin: 'server',
    fetched_at: r.fetched_at,
    stale: r.stale,
    warnings: r.warnings,
    provenance: r.provenance ?? {},
    additives: await describeAdditives(r.ingredient.additives),
    product: null,
    table: null,
  };
}

/** The card for a packaged product. */
export function viewFromProduct(r: ServerProduct): FoodView {
  const { additives, ...label } = r.product;
  return {
    key: productKey(r.barcode),
    name: r.product.name,
    ingredient: r.ingredient,
    score: r.score,
    origin: 'server',
    fetched_at: r.fetched_at,
    stale: r.stale,
    warnings: r.warnings,
    provenance: r.provenance ?? {},
    additives: asAdditives(additives),
    product: { ...label, barcode: r.barcode },
    table: null,
  };
}

/** The card for a generic food picked from the server's search results. */
export async function viewFromSearchHit(hit: ServerSearchHit, fetchedAt: string): Promise<FoodView> {
  return {
    key: normaliseIngredient(hit.suggested_name) || hit.id,
    name: hit.suggested_name,
    ingredient: hit.ingredient,
    score: hit.score,
    origin: 'server',
    fetched_at: fetchedAt,
    stale: false,
    warnings: [],
    provenance: {},
    additives: await describeAdditives(hit.ingredient.additives),
    product: null,
    table: null,
  };
}

/** The offline table's card for a name, or null when the table does not know it. */
export function bundledFood(knowledge: FoodKnowledge, name: string): FoodView | null {
  const data = knowledge.lookup(knowledge.table, name);
  const score = knowledge.scoreOf(name);
  if (!data || !score) return null;
  const first = knowledge.search(knowledge.table, name, 1)[0];
  const entry: FoodEntry | undefined = first && first.match === 'exact' ? first.entry : undefined;
  const refs = knowledge.table.sources;
  const references: string[] = [];
  if (entry?.ndb || entry?.made_of) references.push(refs.sr28);
  if (entry?.made_of && refs.dishes) references.push(refs.dishes);
  if (entry?.gi_source) {
    const gi = refs.gi[entry.gi_source.table === 'atkinson2008' ? 'A' : 'M'];
    if (gi) references.push(gi);
  }
  if (data.sources.some((s) => s.name === 'Aurea knowledge table')) references.push(refs.knowledge);
  return {
    key: data.name,
    name: data.name,
    ingredient: data,
    score,
    origin: 'bundled',
    fetched_at: null,
    stale: false,
    warnings: [],
    provenance: {},
    additives: [],
    product: null,
    table: { curated: entry ? { ...entry.curated } : {}, note: entry?.note ?? null, references, made_of: entry?.made_of ?? null },
  };
}

// ---------------------------------------------------------------------------------------------
// The device cache (Dexie foodCache)

export interface CachedFood {
  view: FoodView;
  fresh: boolean;
}

/** A stored answer, validated (rows may come from an older version of the app); undefined when absent or unreadable. */
export async function readCachedFood(db: AureaDb, key: string, now = Date.now()): Promise<CachedFood | undefined> {
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
      product: d.product,
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

// ---------------------------------------------------------------------------------------------
// Resolution

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
export async function resolveProduct(raw: string, deps: Omit<LookupDeps, 'knowledge'>): Promise<FoodResolution> {
  const now = deps.now ?? Date.now;
  const check = checkBarcode(raw);
  if (!check.ok) return { food: null, bundled: null, note: { kind: 'invalid', text: check.message } };
  const key = productKey(check.barcode);
  const cached = await readCachedFood(deps.db, key, now());
  if (cached?.fresh) return { food: cached.view, bundled: null, note: null };
  if (!deps.online) {
    if (cached) return { food: cached.view, bundled: null, note: { kind: 'offline', text: `You are offline: showing the copy saved ${savedOn(cached.view.fetched_at)}.` } };
    return { food: null, bundled: null, note: { kind: 'offline', text: 'Looking up a barcode needs a connection, and you are offline. You can still search foods by name.' } };
  }
  const answer = await fetchProduct(check.barcode, deps.server);
  if (answer.ok) {
    const view = viewFromProduct(answer.value);
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

// ---------------------------------------------------------------------------------------------
// Hooks

function subscribeOnline(l: () => void) {
  window.addEventListener('online', l);
  window.addEventListener('offline', l);
  return () => {
    window.removeEventListener('online', l);
    window.removeEventListener('offline', l);
  };
}

/** navigator.onLine, live. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

export interface LookupState {
  /** "loading" while the cache or the server is being asked (a card may already show). */
  status: 'idle' | 'loading' | 'done';
  food: FoodView | null;
  bundled: FoodView | null;
  note: LookupNote | null;
  /** Asks again (after a failure, or to refresh). */
  retry: () => void;
}

const IDLE: Omit<LookupState, 'retry'> = { status: 'idle', food: null, bundled: null, note: null };

/**
 * A named food, shown at once from the offline table and upgraded when the cache or the server
 * answers. With `fdcId`, the food picked from the server's search results is shown instead.
 */
export function useFoodLookup(name: string | null, options: { db: AureaDb; knowledge: FoodKnowledge | null; fdcId?: string | null; server?: ServerOptions }): LookupState {
  const { db, knowledge, fdcId, server } = options;
  const online = useOnline();
  const [state, setState] = useState<Omit<LookupState, 'retry'>>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const serverRef = useRef(server);
  serverRef.current = server;

  useEffect(() => {
    if (!name) {
      setState(IDLE);
      return;
    }
    // The offline table answers first; the lookup waits for it so the server is asked once.
    if (!knowledge) {
      setState({ ...IDLE, status: 'loading' });
      return;
    }
    const controller = new AbortController();
    const bundled = bundledFood(knowledge, name);
    setState((prev) => ({ status: 'loading', food: prev.food && prev.food.key === normaliseIngredient(name) && prev.food.origin !== 'bundled' ? prev.food : bundled, bundled, note: null }));
    void (async () => {
      if (fdcId) {
        const pick = await recallSearchPick(db, name, fdcId);
        if (controller.signal.aborted) return;
        if (pick) {
          setState({ status: 'done', food: pick, bundled, note: null });
          return;
        }
      }
      const r = await resolveFood(name, { db, knowledge, online, server: { ...serverRef.current, signal: controller.signal } });
      if (!controller.signal.aborted) setState({ status: 'done', ...r });
    })();
    return () => controller.abort();
  }, [name, fdcId, knowledge, online, db, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}

/** A product by barcode (null: none asked for). */
export function useProductLookup(barcode: string | null, options: { db: AureaDb; server?: ServerOptions }): LookupState {
  const { db, server } = options;
  const online = useOnline();
  const [state, setState] = useState<Omit<LookupState, 'retry'>>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const serverRef = useRef(server);
  serverRef.current = server;

  useEffect(() => {
    if (!barcode) {
      setState(IDLE);
      return;
    }
    const controller = new AbortController();
    setState({ ...IDLE, status: 'loading' });
    void resolveProduct(barcode, { db, online, server: { ...serverRef.current, signal: controller.signal } }).then((r) => {
      if (!controller.signal.aborted) setState({ status: 'done', ...r });
    });
    return () => controller.abort();
  }, [barcode, online, db, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}

export interface ServerSearchState {
  /** waiting: debouncing; loading: asked; done: answered; failed: see note; off: not asked (offline or too short). */
  status: 'off' | 'waiting' | 'loading' | 'done' | 'failed';
  query: string;
  hits: ServerSearchHit[];
  fetched_at: string | null;
  warnings: string[];
  note: LookupNote | null;
  retry: () => void;
}

const searchMemo = new Map<string, ServerSearch>();

/** The food server's search for a (normalised) query, debounced, newest query wins. */
export function useServerSearch(query: string, options: { limit?: number; server?: ServerOptions; enabled?: boolean } = {}): ServerSearchState {
  const { limit = 12, server, enabled = true } = options;
  const online = useOnline();
  const [state, setState] = useState<Omit<ServerSearchState, 'retry'>>({ status: 'off', query: '', hits: [], fetched_at: null, warnings: [], note: null });
  const [attempt, setAttempt] = useState(0);
  const serverRef = useRef(server);
  serverRef.current = server;

  useEffect(() => {
    const q = normaliseIngredient(query);
    if (!enabled || q.length < SEARCH_MIN_CHARS) {
      setState({ status: 'off', query: q, hits: [], fetched_at: null, warnings: [], note: null });
      return;
    }
    if (!online) {
      setState({ status: 'off', query: q, hits: [], fetched_at: null, warnings: [], note: { kind: 'offline', text: 'You are offline: showing the built-in list only.' } });
      return;
    }
    const memo = searchMemo.get(`${q}|${limit}`);
    if (memo) {
      setState({ status: 'done', query: q, hits: memo.results, fetched_at: memo.fetched_at, warnings: memo.warnings, note: null });
      return;
    }
    const controller = new AbortController();
    setState((prev) => ({ ...prev, status: 'waiting', query: q }));
    const timer = setTimeout(() => {
      setState((prev) => ({ ...prev, status: 'loading' }));
      void searchFoodServer(q, limit, { ...serverRef.current, signal: controller.signal }).then((answer) => {
        if (controller.signal.aborted) return;
        if (answer.ok) {
          searchMemo.set(`${q}|${limit}`, answer.value);
          setState({ status: 'done', query: q, hits: answer.value.results, fetched_at: answer.value.fetched_at, warnings: answer.value.warnings, note: null });
          return;
        }
        if (answer.kind === 'aborted') return;
        const text =
          answer.kind === 'not_found' || answer.kind === 'bad_request'
            ? null
            : answer.kind === 'unavailable' || answer.kind === 'rate_limited'
              ? 'Showing the built-in list; Aurea cannot reach USDA or Open Food Facts right now.'
              : 'Showing the built-in list; Aurea’s server cannot be reached.';
        setState({ status: text ? 'failed' : 'done', query: q, hits: [], fetched_at: null, warnings: [], note: text ? { kind: answer.kind === 'unreachable' || answer.kind === 'malformed' ? 'unreachable' : 'unavailable', text } : null });
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, limit, enabled, online, attempt]);

  const retry = useCallback(() => {
    searchMemo.clear();
    setAttempt((a) => a + 1);
  }, []);
  return { ...state, retry };
}
