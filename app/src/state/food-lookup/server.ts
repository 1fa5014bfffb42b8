import type * as z from 'zod/mini';
import { errorBodySchema, ingredientResultSchema, productResultSchema, searchResultSchema, type ServerIngredient, type ServerProduct, type ServerSearch } from './schemas';
import { SERVER_TIMEOUT_MS } from './types';

/** The food server's client: each answer validated at this boundary, every failure a kind the UI words calmly. */

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

