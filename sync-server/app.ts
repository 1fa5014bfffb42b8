import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServerConfig } from './config';
import { openDatabase, type Db } from './storage/db';
import { createLogger, type Logger } from './log';
import { StaticSite } from './static';
import { BusyError, KeyedLimiter } from './rate-limit';
import { apiError, arrivedOverTls, clientAddress } from './http';
import { registerAccountsAndSync } from './sync';
import { registerIngredientRoutes } from './routes/ingredients';
import type { AppEnv, Clock, RouteHooks, ServerDeps } from './deps';

// The types route modules share live in deps.ts, so no route imports this file back.
export type { AppEnv, Clock, RouteHooks, ServerDeps };

export const systemClock: Clock = { now: () => Date.now() };


export interface CreateAppOptions {
  clock?: Clock;
  fetch?: typeof fetch;
  logger?: Logger;
  db?: Db;
}

export interface AureaServer {
  app: Hono<AppEnv>;
  deps: ServerDeps;
  /** Health of storage and of each upstream, as reported by /api/health. */
  health(): Record<string, unknown>;
  /** Resolves when background start-up work (brotli bodies of the app) is done. */
  ready(): Promise<void>;
  close(): void;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** Routes that check a session token (and limit per account); see routes/sync.ts. */
const AUTHENTICATED_PATH = /^\/api\/(keyring|account|sync\/.*)$/;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
/** Bodies of every other API route (sign-up, sign-in): a sign-up is about 1 KB, so a parser never sees megabytes from strangers. */
const MAX_OPEN_BODY_BYTES = 8 * 1024;

/** Answers that carry tokens, keyrings or ciphertext (and their errors): never stored by a browser or proxy cache. */
const NO_STORE_PATH = /^\/api\/(auth\/.*|keyring|account|sync\/.*)$/;
/** One year; only sent on answers that came over https, so a plain-http test setup never pins itself. */
const HSTS = 'max-age=31536000';

const SECURITY_HEADERS: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['permissions-policy', 'camera=(self), microphone=(), geolocation=()'],
];

/**
 * Adds the request id and security headers to the finished response in place. (c.header() after the handler
 * copies the whole Response once per header.) A response with immutable headers gets them through c.header.
 */
function setSecurityHeaders(c: Context, id: string, extra: [string, string][]): void {
  try {
    const h = c.res.headers;
    h.set('x-request-id', id);
    for (const [k, v] of SECURITY_HEADERS) h.set(k, v);
    for (const [k, v] of extra) h.set(k, v);
  } catch {
    c.header('x-request-id', id);
    for (const [k, v] of SECURITY_HEADERS) c.header(k, v);
    for (const [k, v] of extra) c.header(k, v);
  }
}


/**
 * Refuses bodies over `max` bytes. A declared Content-Length is checked without touching the body, so the
 * handler can still read it straight from the socket (hono's bodyLimit reads `req.body`, which makes the Node
 * adapter build a full WHATWG Request and stream every body through web streams). Chunked bodies, whose
 * size is only known while reading, go through hono's bodyLimit.
 */
function limitBody(max: number, onError: (c: Context) => Response): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize: max, onError });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && /^\d{1,15}$/.test(length) && !c.req.header('transfer-encoding')) return Number(length) > max ? onError(c) : next();
    return streamed(c, next);
  };
}

/**
 * Builds the Hono app without listening, so tests drive it with app.request() and main.ts serves it.
 */
export function createApp(config: ServerConfig, options: CreateAppOptions = {}): AureaServer {
  const clock = options.clock ?? systemClock;
  const log = options.logger ?? createLogger(config.LOG_LEVEL);
  const db = options.db ?? openDatabase(config.DATA_DIR);
  const deps: ServerDeps = { config, db, log, clock, fetch: options.fetch ?? globalThis.fetch };
  const site = new StaticSite(config.STATIC_DIR);
  const app = new Hono<AppEnv>();
  const closers: (() => void)[] = [];
  const healthParts: (() => Record<string, unknown>)[] = [];

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', id);
    const started = performance.now();
    await next();
    const path = c.req.path;
    const extra: [string, string][] = [];
    if (NO_STORE_PATH.test(path)) extra.push(['cache-control', 'no-store']);
    if (arrivedOverTls(c, config.TRUST_PROXY)) extra.push(['strict-transport-security', HSTS]);
    setSecurityHeaders(c, id, extra);
    if (path.startsWith('/api/')) {
      log.info('request', { request_id: id, method: c.req.method, path: c.req.routePath.includes(':') ? c.req.routePath : path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 });
    }
  });

  // Unauthenticated API calls are limited per client address; authenticated ones per account (sync routes),
  // which count requests with a bad token per address too. Any other route ignores Authorization, so a header
  // there must not lift the per-address limit.
  const perIp = new KeyedLimiter(config.RATE_LIMIT_PER_IP, 60_000, () => clock.now());
  app.use('/api/*', async (c, next) => {
    if (c.req.header('authorization') && AUTHENTICATED_PATH.test(c.req.path)) return next();
    const wait = perIp.take(clientAddress(c, config.TRUST_PROXY));
    if (wait > 0) return apiError(c, 429, 'rate_limited', 'Too many requests; try again shortly.', { 'retry-after': String(Math.ceil(wait / 1000)) });
    return next();
  });

  const authenticatedBody = limitBody(MAX_BODY_BYTES, (c) => apiError(c, 413, 'body_too_large', 'The request body is larger than 2 MB.'));
  const openBody = limitBody(MAX_OPEN_BODY_BYTES, (c) => apiError(c, 413, 'body_too_large', 'The request body is larger than 8 KB.'));
  app.use('/api/*', (c, next) => (AUTHENTICATED_PATH.test(c.req.path) ? authenticatedBody(c, next) : openBody(c, next)));

  app.get('/api/health', (c) => c.json(server.health()));

  app.onError((err, c) => {
    if (err instanceof BusyError) {
      const seconds = String(Math.max(1, Math.ceil(err.retryAfterMs / 1000)));
      return apiError(c, 503, 'busy', `The server is busy checking other sign-ins; nothing was changed. Try again in ${seconds} s.`, { 'retry-after': seconds });
    }
    log.error('unhandled error', { request_id: c.get('requestId'), error: err.message });
    return apiError(c, 500, 'internal', 'Something went wrong on the server; the request changed nothing.');
  });

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    if (path === '/api' || path.startsWith('/api/')) return apiError(c, 404, 'not_found', `No API endpoint ${c.req.method} ${path}.`);
    if ((c.req.method === 'GET' || c.req.method === 'HEAD') && site.available) {
      const res = site.serve(c);
      if (res) return res;
    }
    return c.text('Not found', 404);
  });

  const server: AureaServer = {
    app,
    deps,
    health() {
      let storage = 'ok';
      try {
        db.prepare('SELECT 1').get();
      } catch {
        storage = 'error';
      }
      const parts = Object.assign({}, ...healthParts.map((f) => f()));
      return { status: storage === 'ok' ? 'ok' : 'degraded', version: APP_VERSION, storage, app: site.available ? 'served' : 'not built', ...parts };
    },
    ready: () => site.compressed(),
    close() {
      for (const f of closers.splice(0)) f();
      if (!options.db) db.close();
    },
  };
  registerRoutes(app, deps, { onClose: (f) => closers.push(f), addHealth: (f) => healthParts.push(f) });
  return server;
}

export const APP_VERSION = '0.1.0';


/** Route modules register here; each owns its tables and in-process state. */
function registerRoutes(app: Hono<AppEnv>, deps: ServerDeps, hooks: RouteHooks): void {
  registerAccountsAndSync(app, deps);
  registerIngredientRoutes(app, deps, hooks);
}
