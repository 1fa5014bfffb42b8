import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type AureaServer } from '../../sync-server/app';
import type { IngredientResult, ProductResult } from '../../sync-server/upstream/service';
import { FAKE_ROUTES, hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../fake-upstream/index';
import { proxyConfig, TestClock } from '../fake-upstream/harness';

/** Single-flight, circuit breaker, token buckets and timeouts, counted at the fake upstream. */

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: the proxy resilience tests need the fake upstream`);

type ErrorBody = { error: { code: string; message: string } };
type Health = { upstreams: Record<'usda' | 'off', { circuit: string; consecutive_failures: number; failures: number; last_error: string | null }> };

describe.skipIf(!enabled)('nutrition proxy resilience', () => {
  let fake: FakeUpstream;
  let clock: TestClock;
  let server: AureaServer;

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
    server = createApp(proxyConfig(fake), { clock });
  });
  afterEach(() => server.close());

  const get = (path: string) => server.app.request(path);
  const health = async () => (await (await get('/api/health')).json()) as Health;

  describe('single-flight (real listening server)', () => {
    let http: ServerType;
    let base: string;
    beforeEach(async () => {
      await new Promise<void>((ok) => {
        http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
          base = `http://127.0.0.1:${info.port}`;
          ok();
        });
      });
    });
    afterEach(async () => {
      await new Promise<void>((ok) => http.close(() => ok()));
    });

    it('100 concurrent identical product requests make exactly 1 upstream call', async () => {
      // A slow upstream keeps the first call in flight while the other 99 arrive.
      fake.setFault('off.product', { kind: 'delay', ms: 300 });
      const responses = await Promise.all(Array.from({ length: 100 }, () => fetch(`${base}/api/products/5000112576009`)));
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<ProductResult>));
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(fake.calls()['off.product']).toBe(1);
      expect(fake.calls().total).toBe(1);
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(bodies[0]!.ingredient.flags).toContain('artificial_sweetener');
    });

    it('100 concurrent identical ingredient requests make one call per upstream route', async () => {
      fake.setFault('*', { kind: 'delay', ms: 300 });
      const responses = await Promise.all(Array.from({ length: 100 }, () => fetch(`${base}/api/ingredients/cheddar%20cheese`)));
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<IngredientResult>));
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(fake.calls()).toMatchObject({ 'usda.search': 1, 'off.search': 1, 'usda.food': 0, total: 2 });
      expect(bodies.every((b) => b.ingredient.nutrients.energy_kcal === 408)).toBe(true);
    });

    it('different names are not merged', async () => {
      fake.setFault('*', { kind: 'delay', ms: 100 });
      await Promise.all(['cheddar%20cheese', 'big%20mac', 'apple'].map((n) => fetch(`${base}/api/ingredients/${n}`)));
      expect(fake.calls()['usda.search']).toBe(3);
    });
  });

  describe('circuit breaker', () => {
    it('opens after 5 consecutive failures, then fails fast without touching the upstream', async () => {
      fake.setFault('off.product', { kind: 'status', status: 500 });
      for (let i = 0; i < 5; i++) {
        const res = await get(`/api/products/${40000000 + i}`);
        expect(res.status).toBe(503);
      }
      expect(fake.calls()['off.product']).toBe(5);
      expect((await health()).upstreams.off).toMatchObject({ circuit: 'open', consecutive_failures: 5 });

      for (let i = 0; i < 20; i++) {
        const res = await get(`/api/products/${50000000 + i}`);
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('30');
        const body = (await res.json()) as ErrorBody;
        expect(body.error.code).toBe('upstream_unavailable');
        expect(body.error.message).toContain('circuit is open');
      }
      expect(fake.calls()['off.product']).toBe(5);
      // USDA has its own breaker, still closed.
      expect((await health()).upstreams.usda.circuit).toBe('closed');
    });

    it('half-opens after 30 s and closes after 2 successes', async () => {
      fake.setFault('off.product', { kind: 'status', status: 500 });
      for (let i = 0; i < 5; i++) await get(`/api/products/${40000000 + i}`);
      expect((await health()).upstreams.off.circuit).toBe('open');

      clock.advance(29_999);
      expect((await get('/api/products/5000112576009')).status).toBe(503);
      expect(fake.calls()['off.product']).toBe(5);

      clock.advance(1);
      expect((await health()).upstreams.off.circuit).toBe('half_open');
      fake.setFault('off.product', null);
      expect((await get('/api/products/5000112576009')).status).toBe(200);
      expect((await health()).upstreams.off.circuit).toBe('half_open');
      expect((await get('/api/products/5449000000088')).status).toBe(200);
      expect((await health()).upstreams.off).toMatchObject({ circuit: 'closed', consecutive_failures: 0 });
      expect(fake.calls()['off.product']).toBe(7);
    });

    it('a failure while half-open opens it again for another 30 s', async () => {
      fake.setFault('off.product', { kind: 'status', status: 500 });
      for (let i = 0; i < 5; i++) await get(`/api/products/${40000000 + i}`);
      clock.advance(30_000);
      expect((await get('/api/products/5000112576009')).status).toBe(503); // the trial call fails
      expect(fake.calls()['off.product']).toBe(6);
      expect((await health()).upstreams.off.circuit).toBe('open');
      clock.advance(15_000);
      await get('/api/products/5449000000088');
      expect(fake.calls()['off.product']).toBe(6);
    });

    it('a success in between resets the count: only consecutive failures open it', async () => {
      for (const [round, known] of ['5000112576009', '5449000000088', '90375323'].entries()) {
        fake.setFault('off.product', { kind: 'status', status: 500, times: 4 });
        for (let i = 0; i < 4; i++) await get(`/api/products/${40000000 + round * 10 + i}`);
        expect((await get(`/api/products/${known}`)).status).toBe(200);
      }
      expect(fake.calls()['off.product']).toBe(15);
      expect((await health()).upstreams.off.circuit).toBe('closed');
    });

    it('404s are answers, not failures', async () => {
      for (let i = 0; i < 8; i++) expect((await get(`/api/products/${70000000 + i}`)).status).toBe(404);
      expect((await health()).upstreams.off).toMatchObject({ circuit: 'closed', failures: 0 });
    });
  });

  describe('outbound token buckets', () => {
    it('Open Food Facts: never more than 100 calls a minute reach it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 130; i++) {
        const res = await get(`/api/products/${10000000 + i}`);
        statuses.push(res.status);
        if (res.status === 503) {
          const body = (await res.json()) as ErrorBody;
          expect(body.error.code).toBe('upstream_rate_limited');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        }
      }
      expect(fake.calls()['off.product']).toBe(100);
      expect(statuses.filter((s) => s === 404)).toHaveLength(100);
      expect(statuses.filter((s) => s === 503)).toHaveLength(30);
      // Refused calls are not upstream failures: the circuit stays closed.
      expect((await health()).upstreams.off.circuit).toBe('closed');

      // Six seconds refill 10 tokens (100 per 60 s), and no more.
      clock.advance(6_000);
      for (let i = 0; i < 15; i++) await get(`/api/products/${20000000 + i}`);
      expect(fake.calls()['off.product']).toBe(110);
    });

    it('USDA: never more than 1000 calls an hour reach it', async () => {
      for (let i = 0; i < 1010; i++) await get(`/api/ingredients/unknown%20food%20${i}`);
      expect(fake.calls()['usda.search']).toBe(1000);
      expect(fake.calls()['off.search']).toBe(100);
      clock.advance(36_000); // 1000 per 3600 s → 10 tokens
      for (let i = 0; i < 20; i++) await get(`/api/ingredients/more%20food%20${i}`);
      expect(fake.calls()['usda.search']).toBe(1010);
    });

    it('a cached answer is served even when the budget is spent', async () => {
      expect((await get('/api/products/5000112576009')).status).toBe(200);
      for (let i = 0; i < 100; i++) await get(`/api/products/${10000000 + i}`);
      const res = await get('/api/products/5000112576009');
      expect(res.status).toBe(200);
      expect(((await res.json()) as ProductResult).stale).toBe(false);
    });
  });

  describe('timeouts', () => {
    it('cuts off a hung upstream at UPSTREAM_TIMEOUT_MS and says so', async () => {
      server.close();
      server = createApp(proxyConfig(fake, { UPSTREAM_TIMEOUT_MS: '200' }), { clock });
      fake.setFault('off.product', { kind: 'hang' });
      const res = await get('/api/products/5000112576009');
      expect(res.status).toBe(503);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.message).toContain('did not answer within 200 ms');
      // The proxy hung up on the fake: the connection was closed before any answer was sent.
      await vi.waitFor(() => expect(fake.aborted()).toBe(1), { timeout: 2000 });
      expect((await health()).upstreams.off).toMatchObject({ consecutive_failures: 1, last_error: 'Open Food Facts did not answer within 200 ms' });
    });

    it('a slow but timely upstream is fine', async () => {
      server.close();
      server = createApp(proxyConfig(fake, { UPSTREAM_TIMEOUT_MS: '2000' }), { clock });
      fake.setFault('off.product', { kind: 'delay', ms: 150 });
      expect((await get('/api/products/5000112576009')).status).toBe(200);
    });

    it('serves stale data when the refresh times out', async () => {
      server.close();
      server = createApp(proxyConfig(fake, { UPSTREAM_TIMEOUT_MS: '200' }), { clock });
      expect((await get('/api/products/5000112576009')).status).toBe(200);
      clock.advance(25 * 3_600_000);
      fake.setFault('off.product', { kind: 'hang' });
      const r = (await (await get('/api/products/5000112576009')).json()) as ProductResult;
      expect(r.stale).toBe(true);
      expect(r.stale_reason).toContain('did not answer within 200 ms');
    });
  });
});
