import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type AureaServer } from '../../sync-server/app';
import { DATA_TTL_MS } from '../../sync-server/storage/cache';
import { DEFAULT_BREAKER } from '../../sync-server/upstream/breaker';
import { FAKE_ROUTES, hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type Fault, type FakeRoute, type FakeUpstream } from '../fake-upstream/index';
import { proxyConfig, TestClock } from '../fake-upstream/harness';
import { seededChoices as rng } from '../seeded';

/**
 * Upstream chaos over one minute of SIMULATED time: every simulated second a seeded random generator picks
 * what USDA and Open Food Facts do (answer, HTTP 500, hang, malformed JSON, answer slowly within or past the
 * timeout, reset the connection) and the proxy is asked for cached and uncached foods. The clock the server
 * runs on is driven by the test; only upstream timeouts take real time (UPSTREAM_TIMEOUT_MS is short).
 *
 * Checked throughout:
 *  - no request hangs: each one ends, and every hung or too-slow upstream call was cut off by the proxy;
 *  - each upstream's circuit breaker follows its rules (5 consecutive failures open it; open for 30 s with no
 *    call reaching the upstream; then half-open; 2 successes close it, a failure reopens it), checked against a
 *    reference model fed with the outcome of every upstream call as the server counted it;
 *  - foods cached before the chaos are always served (200), marked stale (with the reason) when they could
 *    not be refreshed, with the data they had; uncached ones get a 404 or a 503 with Retry-After, never a 500.
 */

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: the chaos test needs the fake upstream that replays it`);

const SEED = 0xc4a05;
const TIMEOUT_MS = 250;
const STEP_MS = 1000;
const STEPS = 60;
/** A request makes at most two upstream calls one after the other (USDA search, then the food). */
const SEQUENTIAL_CALLS = 2;
/**
 * Liveness bound for one request in real time: its sequential timeouts plus generous slack for a loaded test
 * machine. Not a performance figure: a request that hangs would exceed it by an unbounded amount.
 */
const HANG_BOUND_MS = SEQUENTIAL_CALLS * TIMEOUT_MS + 5000;

type Upstream = 'usda' | 'off';
const upstreamOf = (route: FakeRoute | 'unknown'): Upstream | null => (route.startsWith('usda') ? 'usda' : route.startsWith('off') ? 'off' : null);

const FAILURES: Fault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429 },
  { kind: 'hang' },
  { kind: 'malformed' },
  { kind: 'reset' },
  { kind: 'delay', ms: TIMEOUT_MS * 3 },
];
const SLOW_BUT_FINE: Fault = { kind: 'delay', ms: 30 };

/** The breaker's rules as a reference model (DESIGN §6): what the server's breaker must agree with. */
class BreakerModel {
  state: 'closed' | 'open' | 'half_open' = 'closed';
  failures = 0;
  successes = 0;
  openedAt = 0;
  readonly seen = new Set<string>();
  at(now: number): this {
    if (this.state === 'open' && now - this.openedAt >= DEFAULT_BREAKER.openMs) {
      this.state = 'half_open';
      this.successes = 0;
      this.seen.add('half_open');
    }
    return this;
  }
  outcome(ok: boolean, now: number): void {
    this.at(now);
    if (this.state === 'open') throw new Error('a call reached the upstream while its circuit was open');
    if (this.state === 'half_open') {
      if (!ok) return this.open(now);
      if (++this.successes >= DEFAULT_BREAKER.successThreshold) {
        this.state = 'closed';
        this.failures = 0;
        this.seen.add('closed_again');
      }
      return;
    }
    if (ok) this.failures = 0;
    else if (++this.failures >= DEFAULT_BREAKER.failureThreshold) this.open(now);
  }
  private open(now: number): void {
    this.state = 'open';
    this.openedAt = now;
    this.seen.add('open');
  }
}

type UpstreamHealth = { circuit: string; consecutive_failures: number; calls: number; failures: number };
type Health = { upstreams: Record<Upstream, UpstreamHealth> };
type Food = { stale: boolean; stale_reason?: string; ingredient: { nutrients: Record<string, unknown> }; warnings: string[] };

const CACHED_NAMES = ['cheddar%20cheese', 'apple', 'big%20mac', 'chicken%20breast%20cooked'];
const CACHED_BARCODES = ['5000112576009', '5449000000088', '90375323', '3029330003533', '7622210288257'];
/** Every recorded Open Food Facts product (its file name is its barcode), so many foods are cached. */
const recordedBarcodes = () => (enabled ? readdirSync(join(SHARED_DATA_DIR, 'off/product/openfoodfacts-go')).map((f) => f.split('.')[0]!).filter((b) => /^\d{8,14}$/.test(b)) : []);
const UNCACHED = ['/api/ingredients/raw%20apple', '/api/ingredients/coca%20cola', '/api/ingredients/quinoa%20salad', '/api/products/40111490', '/api/products/12345670'];

describe.skipIf(!enabled)('upstream chaos over a simulated minute', () => {
  let fake: FakeUpstream;
  let server: AureaServer;
  const clock = new TestClock();

  beforeAll(async () => {
    fake = await startFakeUpstream();
    server = createApp(proxyConfig(fake, { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) }), { clock });
  });
  afterAll(async () => {
    server?.close();
    await fake?.close();
  });

  const health = async () => (await (await server.app.request('/api/health')).json()) as Health;

  it('never hangs, trips and heals each breaker by its rules, and keeps serving what it has cached', { timeout: 240_000 }, async () => {
    // Before the chaos: a healthy upstream fills the cache; then a day passes, so every entry is past its TTL
    // and each request tries a refresh first (the case where serving stale data matters).
    const cached = new Map<string, Food>();
    for (const path of [...CACHED_NAMES.map((n) => `/api/ingredients/${n}`), ...CACHED_BARCODES.map((b) => `/api/products/${b}`)]) {
      const res = await server.app.request(path);
      expect(res.status, path).toBe(200);
      cached.set(path, (await res.json()) as Food);
    }
    for (const b of recordedBarcodes()) {
      const path = `/api/products/${b}`;
      const res = await server.app.request(path);
      if (res.status === 200) cached.set(path, (await res.json()) as Food);
    }
    expect(cached.size).toBeGreaterThan(20);
    clock.advance(DATA_TTL_MS + 3_600_000);
    fake.resetCalls();

    const random = rng(SEED);
    const model: Record<Upstream, BreakerModel> = { usda: new BreakerModel(), off: new BreakerModel() };
    let before = await health();
    let faultedSlowCalls = 0;
    let resets = 0;
    const served = { fresh: 0, stale: 0, uncached503: 0, uncached404: 0, uncached200: 0 };
    const longest = { ms: 0, path: '' };
    const staleWindows = new Set<number>();

    for (let step = 0; step < STEPS; step++) {
      // This second's weather: calm, a storm on every route, or each route on its own.
      const regime = random.next();
      const weather = new Map<FakeRoute | 'unknown', Fault | null>();
      for (const route of FAKE_ROUTES) {
        const fault = regime < 0.3 ? null : regime < 0.55 ? FAILURES[step % FAILURES.length]! : random.next() < 0.4 ? null : random.next() < 0.2 ? SLOW_BUT_FINE : random.pick(FAILURES);
        fake.setFault(route, fault);
        weather.set(route, fault);
      }
      const tooSlow = (route: FakeRoute | 'unknown') => {
        const f = weather.get(route);
        return f?.kind === 'hang' || (f?.kind === 'delay' && f.ms > TIMEOUT_MS);
      };
      // Cached foods, plus foods nobody asked for before (new names and barcodes keep calls reaching the upstream).
      const requests = Array.from({ length: 5 }, (_, i) => {
        const r = random.next();
        if (r < 0.45) return random.pick([...cached.keys()]);
        if (r < 0.6) return random.pick(UNCACHED);
        return r < 0.85 ? `/api/ingredients/chaos%20food%20${step}x${i}` : `/api/products/${String(20_000_000 + step * 10 + i)}`;
      });
      for (const path of requests) {
        const calls0 = fake.requests().length;
        const t = performance.now();
        const res = await server.app.request(path);
        const body = (await res.json()) as Food & { error?: { code: string; message: string } };
        const ms = performance.now() - t;
        if (ms > longest.ms) Object.assign(longest, { ms, path });
        expect(ms, `${path} took ${ms.toFixed(0)} ms`).toBeLessThan(HANG_BOUND_MS);

        // Feed the model with this request's upstream calls, in order, as the server counted them.
        const after = await health();
        for (const u of ['usda', 'off'] as const) {
          const calls = after.upstreams[u].calls - before.upstreams[u].calls;
          const failures = after.upstreams[u].failures - before.upstreams[u].failures;
          expect(failures).toBeLessThanOrEqual(calls);
          // USDA's second call (the food) only follows a successful search: success first, then the outcome.
          const outcomes = calls === 2 ? [true, failures === 0] : calls === 1 ? [failures === 0] : [];
          for (const ok of outcomes) model[u].outcome(ok, clock.now());
          model[u].at(clock.now());
          expect(after.upstreams[u].circuit, `${u} after ${path} at second ${step}`).toBe(model[u].state);
          if (model[u].state === 'closed') expect(after.upstreams[u].consecutive_failures).toBe(model[u].failures);
        }
        // What reached the fake agrees with what the server counted (open circuits and empty buckets send nothing).
        const reached = fake.requests().slice(calls0);
        for (const u of ['usda', 'off'] as const) {
          expect(reached.filter((r) => upstreamOf(r.route) === u).length).toBe(after.upstreams[u].calls - before.upstreams[u].calls);
        }
        faultedSlowCalls += reached.filter((r) => r.fault !== null && tooSlow(r.route)).length;
        // (The fake counts a connection it reset itself as closed before an answer, too.)
        resets += reached.filter((r) => r.fault === 'reset').length;
        before = after;

        if (cached.has(path)) {
          expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
          if (body.stale) {
            served.stale++;
            staleWindows.add(Math.floor(step / 10));
            expect(body.stale_reason, path).toBeTruthy();
            expect(body.ingredient.nutrients).toEqual(cached.get(path)!.ingredient.nutrients);
          } else served.fresh++;
        } else if (res.status === 503) {
          served.uncached503++;
          expect(['upstream_unavailable', 'upstream_rate_limited']).toContain(body.error?.code);
          expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        } else if (res.status === 404) {
          served.uncached404++;
          expect(body.error?.code).toBe('not_found');
        } else {
          expect(res.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
          served.uncached200++;
        }
      }
      clock.advance(STEP_MS);
    }

    // Every hung or too-slow call was cut off by the proxy (the fake saw its client hang up), none left open.
    for (const r of FAKE_ROUTES) fake.setFault(r, null);
    await vi.waitFor(() => expect(fake.aborted()).toBe(faultedSlowCalls + resets), { timeout: 5000 });
    expect(faultedSlowCalls).toBeGreaterThan(0);
    // The minute exercised every rule: each breaker opened, half-opened and closed again at least once.
    for (const u of ['usda', 'off'] as const) expect([...model[u].seen].sort(), u).toEqual(['closed_again', 'half_open', 'open']);
    // And cached foods were served stale during the failures, fresh once refreshed; uncached ones failed cleanly.
    expect(served.stale).toBeGreaterThan(10);
    // Not only at the start: in most ten-second stretches of the minute, some cached food was served stale.
    expect(staleWindows.size).toBeGreaterThanOrEqual(4);
    expect(served.uncached503).toBeGreaterThan(0);
    console.info(`chaos: ${JSON.stringify(served)}; ${faultedSlowCalls} hung or slow calls cut off; longest request ${longest.ms.toFixed(0)} ms (${longest.path})`);

    // After the storm, with the upstream healthy and the breakers' waits over, everything works again.
    clock.advance(DEFAULT_BREAKER.openMs);
    for (const path of cached.keys()) expect((await server.app.request(path)).status, path).toBe(200);
    const end = await health();
    for (const u of ['usda', 'off'] as const) expect(['closed', 'half_open']).toContain(end.upstreams[u].circuit);
  });
});
