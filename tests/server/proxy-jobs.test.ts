import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type AppEnv, type AureaServer, type ServerDeps } from '../../sync-server/app';
import type { JobRun } from '../../sync-server/jobs/upstream-jobs';
import { createLogger } from '../../sync-server/log';
import { registerIngredientRoutes, type IngredientModule } from '../../sync-server/routes/ingredients';
import { openDatabase, type Db } from '../../sync-server/storage/db';
import type { IngredientResult } from '../../sync-server/upstream/service';
import { FAKE_ROUTES, hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../fake-upstream/index';
import { HOUR, proxyConfig, TestClock } from '../fake-upstream/harness';

/** Background jobs: health checks feeding /api/health, warming at start, the weekly refresh. */

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: the background job tests need the fake upstream`);

type Health = {
  upstreams: Record<'usda' | 'off', { circuit: string; last_check: string | null; last_check_ok: boolean | null; last_check_error: string | null }>;
  background_jobs: { enabled: boolean; last_warm: JobRun | null; last_refresh: JobRun | null };
};

const DAY = 24 * HOUR;

describe.skipIf(!enabled)('upstream background jobs', () => {
  let fake: FakeUpstream;
  let clock: TestClock;
  let db: Db;
  const servers: AureaServer[] = [];

  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake.resetCalls();
    fake.setFault('*', null);
    for (const r of FAKE_ROUTES) fake.setFault(r, null);
    clock = new TestClock();
    db = openDatabase(':memory:');
  });
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
    db.close();
  });

  const app = (jobs: 'on' | 'off') => {
    const s = createApp(proxyConfig(fake, { BACKGROUND_JOBS: jobs }), { clock, db });
    servers.push(s);
    return s;
  };
  const health = async (s: AureaServer) => (await (await s.app.request('/api/health')).json()) as Health;
  const searched = (query: string) => fake.requests().filter((r) => r.route === 'usda.search' && r.query.query === query).length;

  it('are off unless BACKGROUND_JOBS is on', async () => {
    const s = app('off');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls().total).toBe(0);
    expect((await health(s)).background_jobs).toEqual({ enabled: false, last_warm: null, last_refresh: null });
  });

  it('check each upstream at start and report it in /api/health', async () => {
    const s = app('on');
    await vi.waitFor(async () => expect((await health(s)).upstreams.off.last_check).not.toBeNull(), { timeout: 3000 });
    const h = await health(s);
    expect(h.upstreams.usda).toMatchObject({ circuit: 'closed', last_check: '2026-11-26T12:00:00.000Z', last_check_ok: true, last_check_error: null });
    expect(h.upstreams.off).toMatchObject({ circuit: 'closed', last_check_ok: true });
    expect(fake.calls()['usda.search']).toBeGreaterThanOrEqual(1);
    expect(fake.calls()['off.product']).toBeGreaterThanOrEqual(1);
  });

  it('record a failing upstream with its error', async () => {
    fake.setFault('usda.search', { kind: 'status', status: 500 });
    const s = app('on');
    await vi.waitFor(async () => expect((await health(s)).upstreams.usda.last_check).not.toBeNull(), { timeout: 3000 });
    const h = await health(s);
    expect(h.upstreams.usda).toMatchObject({ last_check_ok: false, last_check_error: 'http_status: USDA FoodData Central answered HTTP 500' });
    expect(h.upstreams.off.last_check_ok).toBe(true);
  });

  it('warm the cache at start with the most requested names, bounded', async () => {
    const a = app('off');
    for (let i = 0; i < 3; i++) await a.app.request('/api/ingredients/cheddar%20cheese');
    for (let i = 0; i < 2; i++) await a.app.request('/api/ingredients/big%20mac');
    for (let i = 0; i < 2; i++) await a.app.request('/api/products/5000112576009');
    for (let i = 0; i < 30; i++) await a.app.request(`/api/ingredients/rare%20thing%20${i}`);
    a.close();
    servers.splice(0);

    clock.advance(25 * HOUR); // everything expired
    fake.resetCalls();
    const b = app('on');
    await vi.waitFor(async () => expect((await health(b)).background_jobs.last_warm).not.toBeNull(), { timeout: 5000 });
    const run = (await health(b)).background_jobs.last_warm!;
    expect(run).toEqual({ attempted: 25, refreshed: 25, failed: 0, stopped_early: null });
    expect(searched('cheddar cheese')).toBe(1);
    expect(searched('big mac')).toBe(1);
    expect(fake.requests().some((r) => r.route === 'off.product' && r.path.includes('5000112576009'))).toBe(true);

    // Warmed data is fresh: a person asking now gets it without an upstream call.
    const before = fake.calls().total;
    const r = (await (await b.app.request('/api/ingredients/cheddar%20cheese')).json()) as IngredientResult;
    expect(r.stale).toBe(false);
    expect(r.fetched_at).toBe(new Date(clock.now()).toISOString());
    expect(fake.calls().total).toBe(before);
  });

  describe('weekly refresh', () => {
    let module: IngredientModule;
    beforeEach(() => {
      const config = proxyConfig(fake);
      const deps: ServerDeps = { config, db, log: createLogger('silent'), clock, fetch: globalThis.fetch };
      module = registerIngredientRoutes(new Hono<AppEnv>(), deps, { onClose: () => {}, addHealth: () => {} });
    });

    it('refreshes expired entries that were requested in the last week or so, not the forgotten ones', async () => {
      await module.service.getIngredient('big mac');
      clock.advance(13 * DAY);
      await module.service.getIngredient('cheddar cheese');
      await module.service.getProduct('5000112576009');
      // big mac last asked 15 days ago; cheddar and the cola 2 days ago. Counts keep only the week of the
      // latest request, so "still requested" means within the last one to two weeks.
      clock.advance(2 * DAY);
      fake.resetCalls();

      const run = await module.jobs.refreshExpired();
      expect(run).toEqual({ attempted: 2, refreshed: 2, failed: 0, stopped_early: null });
      expect(searched('cheddar cheese')).toBe(1);
      expect(searched('big mac')).toBe(0);
      expect(fake.calls()['off.product']).toBe(1);
      const fresh = await module.service.getIngredient('cheddar cheese', { record: false });
      expect(fresh.fetched_at).toBe(new Date(clock.now()).toISOString());
    });

    it('leaves half of each budget to people and stops when a circuit is open', async () => {
      await module.service.getProduct('5000112576009');
      clock.advance(2 * DAY);
      for (let i = 0; i < 60; i++) await module.service.getProduct(String(30000000 + i)).catch(() => undefined);
      const spent = await module.jobs.refreshExpired();
      expect(spent.attempted).toBe(0);
      expect(spent.stopped_early).toBe('Open Food Facts budget reserved for live requests');

      clock.advance(60_000); // bucket full again
      fake.setFault('off.product', { kind: 'status', status: 500 });
      for (let i = 0; i < 5; i++) await module.service.getProduct(String(31000000 + i)).catch(() => undefined);
      expect(module.upstreams.off.breaker.state).toBe('open');
      const blocked = await module.jobs.refreshExpired();
      expect(blocked.stopped_early).toBe('Open Food Facts circuit open');
    });
  });
});
