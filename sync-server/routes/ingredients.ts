import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { normaliseIngredient } from '../../shared/ingredients/normalise';
import { scoreIngredient } from '../../shared/scoring';
import type { AppEnv, RouteHooks, ServerDeps } from '../deps';
import { apiError, clientAddress } from '../http';
import { KeyedLimiter } from '../rate-limit';
import { readOrCreateSecret } from '../secrets';
import { UpstreamJobs } from '../jobs/upstream-jobs';
import { UpstreamCache } from '../storage/cache';
import type { UpstreamName } from '../upstream/errors';
import { OffClient } from '../upstream/off';
import { IngredientService, LookupError } from '../upstream/service';
import { Upstream } from '../upstream/upstream';
import { UsdaClient } from '../upstream/usda';

/**
 * The nutrition proxy's HTTP face (DESIGN §6):
 *   GET /api/ingredients/:name        one ingredient, merged, scored, cached
 *   GET /api/ingredients?q=&limit=    search (limit 1–50, default 10)
 *   GET /api/products/:barcode        one packaged product (8–14 digits) from Open Food Facts
 * Parameters are checked with zod (400 with a plain message); 404 when nothing is found anywhere;
 * 503 with the reason (and Retry-After) when the upstreams cannot answer and nothing is cached.
 */

const MAX_NAME = 100;

const nameParam = z
  .string()
  .max(300, 'The ingredient name is too long (at most 100 characters).')
  .transform((s) => normaliseIngredient(s))
  .pipe(z.string().min(1, 'Give an ingredient name with at least one letter or digit.').max(MAX_NAME, `The ingredient name is too long (at most ${MAX_NAME} characters).`));

const searchQuery = z.object({
  q: z
    .string({ error: 'Give a search term as ?q=…' })
    .max(300, 'The search term is too long (at most 100 characters).')
    .transform((s) => normaliseIngredient(s))
    .pipe(z.string().min(2, 'The search term needs at least 2 letters or digits.').max(MAX_NAME, `The search term is too long (at most ${MAX_NAME} characters).`)),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 50.')
    .transform(Number)
    .pipe(z.number().int().min(1, 'limit must be a whole number from 1 to 50.').max(50, 'limit must be a whole number from 1 to 50.'))
    .default(10),
});

const barcodeParam = z.string().regex(/^\d{8,14}$/, 'A barcode is 8 to 14 digits (EAN-8, UPC-A, EAN-13 or GTIN-14).');

export interface IngredientModule {
  service: IngredientService;
  cache: UpstreamCache;
  upstreams: Record<UpstreamName, Upstream>;
  jobs: UpstreamJobs;
}

/** Hono leaves a malformed %-escape undecoded; say so instead of looking up "%E0%A4". */
function wellEncoded(c: Context<AppEnv>): boolean {
  const url = c.req.url;
  const at = url.indexOf('/api/');
  try {
    decodeURIComponent(url.slice(at).replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

function badEncoding(c: Context<AppEnv>) {
  return apiError(c, 400, 'invalid_request', 'The request URL has a malformed %-escape; encode names with encodeURIComponent.');
}

function badRequest(c: Context<AppEnv>, error: z.ZodError) {
  return apiError(c, 400, 'invalid_request', error.issues[0]?.message ?? 'Invalid request.');
}

function lookupFailed(c: Context<AppEnv>, e: unknown) {
  if (!(e instanceof LookupError)) throw e;
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (e.retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(e.retryAfterMs / 1000)));
  return apiError(c, e.status, e.code, e.message, headers);
}

export function registerIngredientRoutes(app: Hono<AppEnv>, deps: ServerDeps, hooks: RouteHooks): IngredientModule {
  const { config, clock, log } = deps;
  const now = () => clock.now();
  const common = { fetch: deps.fetch, now, timeoutMs: config.UPSTREAM_TIMEOUT_MS, log };
  const upstreams: Record<UpstreamName, Upstream> = {
    usda: new Upstream({ ...common, name: 'usda', baseUrl: config.USDA_BASE_URL, fixedQuery: { api_key: config.USDA_API_KEY } }),
    off: new Upstream({ ...common, name: 'off', baseUrl: config.OFF_BASE_URL }),
  };
  // The key behind the hashed request counts: kept in the data directory, so counts survive a restart.
  const demandKey = config.DATA_DIR === ':memory:' ? undefined : readOrCreateSecret(config.DATA_DIR, 'demand-secret', log);
  const cache = new UpstreamCache(deps.db, now, demandKey);
  const service = new IngredientService({ usda: new UsdaClient(upstreams.usda), off: new OffClient(upstreams.off), cache, now, score: scoreIngredient, log });
  const jobs = new UpstreamJobs({ service, cache, upstreams, now, log });

  // Each address's fair share of the upstream budgets: lookups that need an upstream call.
  const sharePerMinute = new KeyedLimiter(config.UPSTREAM_SHARE_PER_MINUTE, 60_000, now);
  const sharePerHour = new KeyedLimiter(config.UPSTREAM_SHARE_PER_HOUR, 3_600_000, now);
  const lookup = (c: Context<AppEnv>) => ({
    upstreamShare: () => {
      const address = clientAddress(c, config.TRUST_PROXY);
      return sharePerMinute.take(address) || sharePerHour.take(address);
    },
  });

  app.get('/api/ingredients/:name', async (c) => {
    if (!wellEncoded(c)) return badEncoding(c);
    const name = nameParam.safeParse(c.req.param('name'));
    if (!name.success) return badRequest(c, name.error);
    try {
      return c.json(await service.getIngredient(name.data, lookup(c)));
    } catch (e) {
      return lookupFailed(c, e);
    }
  });

  app.get('/api/ingredients', async (c) => {
    if (!wellEncoded(c)) return badEncoding(c);
    const query = searchQuery.safeParse({ q: c.req.query('q'), limit: c.req.query('limit') || undefined });
    if (!query.success) return badRequest(c, query.error);
    try {
      return c.json(await service.search(query.data.q, query.data.limit, lookup(c)));
    } catch (e) {
      return lookupFailed(c, e);
    }
  });

  app.get('/api/products/:barcode', async (c) => {
    const barcode = barcodeParam.safeParse(c.req.param('barcode'));
    if (!barcode.success) return badRequest(c, barcode.error);
    try {
      return c.json(await service.getProduct(barcode.data, lookup(c)));
    } catch (e) {
      return lookupFailed(c, e);
    }
  });

  hooks.addHealth(() => ({
    upstreams: Object.fromEntries((Object.keys(upstreams) as UpstreamName[]).map((n) => [n, { ...upstreams[n].status(), ...jobs.health(n) }])),
    ingredient_cache: cache.stats(),
    background_jobs: { enabled: config.BACKGROUND_JOBS === 'on', last_warm: jobs.lastWarm, last_refresh: jobs.lastRefresh },
  }));

  if (config.BACKGROUND_JOBS === 'on') jobs.start();
  hooks.onClose(() => {
    jobs.stop();
    cache.flushDemand();
  });
  return { service, cache, upstreams, jobs };
}
