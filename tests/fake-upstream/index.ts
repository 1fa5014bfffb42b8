import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A fake USDA FoodData Central + Open Food Facts server that replays the REAL recorded response
 * bodies in ../shared/data (see its README): USDA searches by query (hits filtered to the requested
 * dataType, cut to pageSize), USDA foods by fdcId (full and abridged formats; a full-format request
 * for an id recorded only in abridged form answers 404 with an empty body, as FDC does), OFF products
 * by barcode (v0/v2/v3 bodies as recorded; product-object-only files and products from the recorded
 * search listings wrapped in the v0/v2 envelope), OFF search and facet listings. Unknown ids and
 * barcodes answer 404; unknown search terms an empty result. Faults can be injected per route.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../..');
/** ../shared/data beside the checkout. */
export const SHARED_DATA_DIR = resolve(REPO_ROOT, '../shared/data');

export function hasSharedData(dataDir = SHARED_DATA_DIR): boolean {
  return existsSync(join(dataDir, 'usda')) && existsSync(join(dataDir, 'off'));
}

export class FakeUpstreamDataMissing extends Error {
  override name = 'FakeUpstreamDataMissing';
}

export type FakeRoute = 'usda.search' | 'usda.food' | 'off.product' | 'off.search' | 'off.facet';
export const FAKE_ROUTES: readonly FakeRoute[] = ['usda.search', 'usda.food', 'off.product', 'off.search', 'off.facet'];

export type Fault = (
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'delay'; ms: number }
  | { kind: 'reset' }
) & {
  /** Apply to this many calls, then clear (default: until changed). */
  times?: number;
};

export interface RecordedCall {
  route: FakeRoute | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  fault: Fault['kind'] | null;
}

export interface FakeUpstream {
  url: string;
  /** Base URL to use as USDA_BASE_URL (…/usda/fdc/v1). */
  usdaBaseUrl: string;
  /** Base URL to use as OFF_BASE_URL (…/off). */
  offBaseUrl: string;
  /** Calls received so far, by route, plus `total`. Faulted calls count too. */
  calls(): Record<FakeRoute | 'total', number>;
  /** Every call received, in order (api_key removed). */
  requests(): RecordedCall[];
  /** Calls whose client hung up before the answer was sent (e.g. a client-side timeout). */
  aborted(): number;
  /** Injects a fault on one route, or on all with '*'; null clears it. A route's own fault beats '*'. */
  setFault(route: FakeRoute | '*', fault: Fault | null): void;
  /** Forgets the call counts and the request log. */
  resetCalls(): void;
  close(): Promise<void>;
}

export interface FakeUpstreamOptions {
  port?: number;
  host?: string;
  dataDir?: string;
}

interface UsdaSearchRecording {
  query: string;
  dataTypes: string[] | null;
  body: Record<string, unknown>;
  raw: Buffer;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const stripZeros = (code: string) => code.replace(/^0+(?=\d)/, '');

/** Requests recorded under a different barcode than their body's `code` (data/README.md §2a). */
const BARCODE_ALIASES: Record<string, string> = { '8711200859306': '20633387' };
/** Search terms answered with the recorded "coca" listing (the only recorded full-text search). */
const SEARCH_ALIASES: Record<string, string> = { 'coca cola': 'coca', 'coca-cola': 'coca' };

function readJson(path: string): { raw: Buffer; body: unknown } {
  const raw = readFileSync(path);
  return { raw, body: JSON.parse(raw.toString('utf8')) };
}

class Recordings {
  usdaSearch: UsdaSearchRecording[] = [];
  usdaFood = new Map<string, { full?: Buffer; abridged?: Buffer }>();
  offProducts = new Map<string, Buffer>();
  offSearch = new Map<string, { products: unknown[]; count: number; pages: Map<number, Buffer>; pageSize: number }>();
  offFacets = new Map<string, Buffer>();

  constructor(dir: string) {
    const usdaSearchDir = join(dir, 'usda/search');
    for (const f of readdirSync(usdaSearchDir).filter((f) => f.endsWith('.json'))) {
      const { raw, body } = readJson(join(usdaSearchDir, f));
      const b = body as { foodSearchCriteria?: { query?: string; generalSearchInput?: string; dataType?: string[] } };
      const q = b.foodSearchCriteria?.query ?? b.foodSearchCriteria?.generalSearchInput;
      if (!q) continue;
      this.usdaSearch.push({ query: norm(q), dataTypes: b.foodSearchCriteria?.dataType ?? null, body: body as Record<string, unknown>, raw });
    }
    const usdaFoodDir = join(dir, 'usda/food');
    for (const f of readdirSync(usdaFoodDir).filter((f) => f.endsWith('.json'))) {
      if (f.includes('EDITED')) continue; // not a pristine response (README §1b)
      const id = f.split('.')[0]!;
      const entry = this.usdaFood.get(id) ?? {};
      if (f.includes('.abridged.')) entry.abridged = readFileSync(join(usdaFoodDir, f));
      else entry.full = readFileSync(join(usdaFoodDir, f));
      this.usdaFood.set(id, entry);
    }

    const productDir = join(dir, 'off/product');
    for (const sub of ['openfoodfacts-go', 'misc']) {
      for (const f of readdirSync(join(productDir, sub)).filter((f) => f.endsWith('.json'))) {
        this.addProduct(f.split('.')[0]!, readFileSync(join(productDir, sub, f)));
      }
    }
    for (const f of readdirSync(join(productDir, 'from-search-results')).filter((f) => f.endsWith('.json'))) {
      const barcode = f.split('.')[0]!;
      const { body } = readJson(join(productDir, 'from-search-results', f));
      this.addProduct(barcode, wrapProduct(barcode, body));
    }

    const searchDir = join(dir, 'off/search');
    for (const f of readdirSync(searchDir).filter((f) => f.endsWith('.json')).sort()) {
      const { raw, body } = readJson(join(searchDir, f));
      const b = body as { count?: number; page?: number; page_size?: number; products?: unknown[] };
      const products = b.products ?? [];
      if (f.startsWith('facet.')) {
        // facet.code-3596710xxxxxx.page1.2020.json → /code/3596710xxxxxx.json
        const m = /^facet\.([a-z]+)-([^.]+)\./.exec(f);
        if (m) this.offFacets.set(`/${m[1]}/${m[2]}`, raw);
      } else {
        const m = /^search\.pl\.([^.]+)\.page(\d+)\./.exec(f);
        if (m) {
          const terms = norm(m[1]!);
          const rec = this.offSearch.get(terms) ?? { products: [] as unknown[], count: b.count ?? 0, pages: new Map<number, Buffer>(), pageSize: b.page_size ?? products.length };
          rec.pages.set(Number(m[2]), raw);
          rec.products.push(...products);
          this.offSearch.set(terms, rec);
        }
      }
      // Every product in a recorded listing can also be fetched by barcode (wrapped, as README says).
      for (const p of products) {
        const code = (p as { code?: unknown }).code;
        if (typeof code === 'string' && /^\d{8,14}$/.test(code)) this.addProduct(code, wrapProduct(code, p), false);
      }
    }
  }

  private addProduct(barcode: string, body: Buffer, replace = true) {
    const key = stripZeros(barcode);
    if (!replace && this.offProducts.has(key)) return;
    this.offProducts.set(key, body);
  }

  product(barcode: string): Buffer | undefined {
    const b = BARCODE_ALIASES[barcode] ?? barcode;
    return this.offProducts.get(stripZeros(b));
  }
}

/** The v0/v2 envelope around a bare product object (data/README.md §2a). */
function wrapProduct(barcode: string, product: unknown): Buffer {
  return Buffer.from(JSON.stringify({ code: barcode, product, status: 1, status_verbose: 'product found' }));
}

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const dataDir = options.dataDir ?? SHARED_DATA_DIR;
  if (!hasSharedData(dataDir)) {
    throw new FakeUpstreamDataMissing(
      `The fake upstream replays the real USDA/Open Food Facts bodies in ${dataDir}, which does not exist here; it cannot start. ` +
        'Tests that need it are skipped (see ../shared/data/README.md for where the data comes from).',
    );
  }
  const rec = new Recordings(dataDir);
  const counts = Object.fromEntries([...FAKE_ROUTES, 'total'].map((r) => [r, 0])) as Record<FakeRoute | 'total', number>;
  let log: RecordedCall[] = [];
  let abortedCount = 0;
  const faults = new Map<FakeRoute | '*', Fault>();
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const takeFault = (route: FakeRoute | 'unknown'): Fault | null => {
    const key: FakeRoute | '*' | null = route !== 'unknown' && faults.has(route) ? route : faults.has('*') ? '*' : null;
    if (!key) return null;
    const fault = faults.get(key)!;
    if (fault.times !== undefined) {
      if (fault.times <= 1) faults.delete(key);
      else faults.set(key, { ...fault, times: fault.times - 1 });
    }
    return fault;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const { route, answer } = dispatch(rec, req.method ?? 'GET', url);
    const fault = takeFault(route);
    if (route !== 'unknown') counts[route]++;
    counts.total++;
    const { api_key: _key, ...shown } = query;
    log.push({ route, method: req.method ?? 'GET', path: url.pathname, query: shown, fault: fault?.kind ?? null });

    let finished = false;
    res.on('finish', () => (finished = true));
    res.on('close', () => {
      if (!finished) abortedCount++;
    });

    const send = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json; charset=utf-8', 'content-length': String(answer.body.length) });
      res.end(answer.body);
    };
    if (!fault) return send();
    switch (fault.kind) {
      case 'status': {
        const body = Buffer.from(fault.body ?? JSON.stringify({ error: { code: 'FAKE_FAULT', message: `injected HTTP ${fault.status}` } }));
        res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.end(body);
        return;
      }
      case 'malformed': {
        const body = Buffer.from('{"products": [{"code": "123", "product_name": "trunc');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
        res.end(body);
        return;
      }
      case 'delay': {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, fault.ms);
        timers.add(t);
        return;
      }
      case 'hang':
        return; // never answer; the client's timeout (or close()) ends it
      case 'reset':
        req.socket.destroy();
        return;
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;

  return {
    url,
    usdaBaseUrl: `${url}/usda/fdc/v1`,
    offBaseUrl: `${url}/off`,
    calls: () => ({ ...counts }),
    requests: () => log.map((r) => ({ ...r, query: { ...r.query } })),
    aborted: () => abortedCount,
    setFault(route, fault) {
      if (fault) faults.set(route, fault);
      else faults.delete(route);
    },
    resetCalls() {
      for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] = 0;
      log = [];
      abortedCount = 0;
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      }),
  };
}

interface Answer {
  status: number;
  body: Buffer;
  contentType?: string;
}

const json = (status: number, value: unknown): Answer => ({ status, body: Buffer.from(JSON.stringify(value)) });

function dispatch(rec: Recordings, method: string, url: URL): { route: FakeRoute | 'unknown'; answer: Answer } {
  const path = url.pathname.replace(/\/+$/, '');
  if (method !== 'GET' && method !== 'HEAD') return { route: 'unknown', answer: json(405, { error: 'method not allowed' }) };

  const usda = /^\/usda\/fdc\/v1(\/.*)$/.exec(path);
  if (usda) {
    const sub = usda[1]!;
    if (!url.searchParams.get('api_key')) {
      const route: FakeRoute = sub.startsWith('/food/') ? 'usda.food' : 'usda.search';
      return { route, answer: json(403, { error: { code: 'API_KEY_MISSING', message: 'No api_key was supplied. Get one at https://api.data.gov:443' } }) };
    }
    if (sub === '/foods/search') return { route: 'usda.search', answer: usdaSearch(rec, url) };
    const food = /^\/food\/(\d+)$/.exec(sub);
    if (food) return { route: 'usda.food', answer: usdaFood(rec, food[1]!, url.searchParams.get('format')) };
    return { route: 'unknown', answer: json(404, { error: 'Not Found' }) };
  }

  const off = /^\/off(\/.*)$/.exec(path);
  if (off) {
    const sub = off[1]!;
    const product = /^\/api\/(v0|v1|v2|v3)\/product\/([^/]+?)(?:\.json)?$/.exec(sub);
    if (product) return { route: 'off.product', answer: offProduct(rec, product[1]!, decodeURIComponent(product[2]!)) };
    if (sub === '/cgi/search.pl' || sub === '/api/v2/search') return { route: 'off.search', answer: offSearch(rec, url) };
    const facet = /^(\/[a-z]+\/[^/]+?)(?:\/\d+)?(?:\.json)$/.exec(sub);
    if (facet) {
      const body = rec.offFacets.get(facet[1]!);
      return { route: 'off.facet', answer: body ? { status: 200, body } : json(200, { count: 0, page: 1, page_size: 20, products: [], skip: 0 }) };
    }
    return { route: 'unknown', answer: json(404, { error: 'Not Found' }) };
  }
  return { route: 'unknown', answer: json(404, { error: 'Not Found' }) };
}

function usdaSearch(rec: Recordings, url: URL): Answer {
  const q = norm(url.searchParams.get('query') ?? url.searchParams.get('generalSearchInput') ?? '');
  const wanted = url.searchParams.get('dataType')?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  const pageSize = Math.max(1, Math.min(200, Number(url.searchParams.get('pageSize') ?? 50) || 50));
  const candidates = rec.usdaSearch
    .filter((r) => r.query === q)
    .map((r) => {
      const foods = (r.body.foods as { dataType?: string }[] | undefined) ?? [];
      const kept = wanted ? foods.filter((f) => f.dataType && wanted.includes(f.dataType)) : foods;
      const exactTypes = JSON.stringify(r.dataTypes ?? null) === JSON.stringify(wanted);
      return { r, foods, kept, exactTypes };
    })
    .filter((c) => c.kept.length > 0)
    .sort((a, b) => b.kept.length - a.kept.length || Number(b.exactTypes) - Number(a.exactTypes));
  const best = candidates[0];
  if (!best) {
    return json(200, {
      totalHits: 0,
      currentPage: 1,
      totalPages: 0,
      pageList: [],
      foodSearchCriteria: { query: q, generalSearchInput: q, pageNumber: 1, pageSize, requireAllWords: false, ...(wanted ? { dataType: wanted } : {}) },
      foods: [],
      aggregations: {},
    });
  }
  // Replay byte-for-byte when nothing needs cutting; otherwise the same values, re-serialised.
  if (best.kept.length === best.foods.length && pageSize >= best.foods.length) return { status: 200, body: best.r.raw };
  const foods = best.kept.slice(0, pageSize);
  return json(200, { ...best.r.body, totalHits: best.kept.length < best.foods.length ? best.kept.length : best.r.body.totalHits, foods });
}

function usdaFood(rec: Recordings, id: string, format: string | null): Answer {
  const entry = rec.usdaFood.get(id);
  if (!entry) return json(404, { error: 'Not Found', message: `No food with fdcId ${id}` });
  if (format === 'abridged') {
    const body = entry.abridged ?? entry.full;
    return { status: 200, body: body! };
  }
  // Recorded only in abridged form: FDC answered the full format with 404 and an empty body.
  if (!entry.full) return { status: 404, body: Buffer.alloc(0), contentType: 'text/plain' };
  return { status: 200, body: entry.full };
}

function offProduct(rec: Recordings, version: string, barcode: string): Answer {
  const body = /^\d{1,20}$/.test(barcode) ? rec.product(barcode) : undefined;
  if (body) return { status: 200, body };
  if (version === 'v3') {
    return json(404, {
      code: barcode,
      errors: [{ message: { id: 'product_not_found', name: 'Product not found' }, field: { id: 'code', value: barcode }, impact: { id: 'failure', name: 'Failure' } }],
      result: { id: 'product_not_found', name: 'Product not found', lc_name: 'Product not found' },
      status: 'failure',
      warnings: [],
    });
  }
  return json(404, { code: barcode, status: 0, status_verbose: 'product not found' });
}

function offSearch(rec: Recordings, url: URL): Answer {
  const raw = norm(url.searchParams.get('search_terms') ?? '');
  const terms = SEARCH_ALIASES[raw] ?? raw;
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const pageSize = Math.max(1, Math.min(100, Number(url.searchParams.get('page_size') ?? 20) || 20));
  const found = rec.offSearch.get(terms);
  if (!found) return json(200, { count: 0, page, page_count: 0, page_size: pageSize, products: [], skip: 0 });
  const recorded = found.pages.get(page);
  if (recorded && pageSize === found.pageSize) return { status: 200, body: recorded };
  const skip = (page - 1) * pageSize;
  const products = found.products.slice(skip, skip + pageSize);
  return json(200, { count: found.count, page, page_count: products.length, page_size: pageSize, products, skip });
}
