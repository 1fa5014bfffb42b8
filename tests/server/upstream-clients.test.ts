import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../sync-server/upstream/breaker';
import { UpstreamFailure } from '../../sync-server/upstream/errors';
import { OffClient } from '../../sync-server/upstream/off';
import { SingleFlight } from '../../sync-server/upstream/single-flight';
import { Upstream } from '../../sync-server/upstream/upstream';
import { UsdaClient } from '../../sync-server/upstream/usda';
import { FAKE_ROUTES, hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../fake-upstream/index';
import { TestClock } from '../fake-upstream/harness';

/** The upstream clients and their guards, against the fake upstream; the breaker and single-flight alone. */

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: the upstream client tests need the fake upstream`);

describe('CircuitBreaker', () => {
  it('opens after 5 consecutive failures, half-opens after 30 s, closes after 2 successes', () => {
    const clock = new TestClock();
    const b = new CircuitBreaker(() => clock.now());
    for (let i = 0; i < 5; i++) {
      const a = b.admit();
      if (!a.ok) throw new Error('refused too early');
      a.permit.failure();
    }
    expect(b.state).toBe('open');
    expect(b.admit()).toEqual({ ok: false, retryAfterMs: 30_000 });
    clock.advance(30_000);
    expect(b.state).toBe('half_open');
    const t1 = b.admit();
    const t2 = b.admit();
    expect(t1.ok && t2.ok).toBe(true);
    expect(b.admit().ok).toBe(false); // at most 2 trials in flight
    if (t1.ok) t1.permit.success();
    expect(b.state).toBe('half_open');
    if (t2.ok) t2.permit.success();
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(0);
  });

  it('a late success from before the circuit opened does not close it', () => {
    const clock = new TestClock();
    const b = new CircuitBreaker(() => clock.now());
    const slow = b.admit();
    for (let i = 0; i < 5; i++) {
      const a = b.admit();
      if (a.ok) a.permit.failure();
    }
    if (slow.ok) slow.permit.success();
    expect(b.state).toBe('open');
  });

  it('a released permit (refused locally) counts neither way', () => {
    const b = new CircuitBreaker(() => 0);
    for (let i = 0; i < 10; i++) {
      const a = b.admit();
      if (a.ok) a.permit.release();
    }
    expect(b.state).toBe('closed');
    expect(b.consecutiveFailures).toBe(0);
  });
});

describe('SingleFlight', () => {
  it('shares one run among concurrent callers, including its failure, then frees the key', async () => {
    const sf = new SingleFlight();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const work = async () => {
      runs++;
      await gate;
      return runs;
    };
    const all = Promise.all(Array.from({ length: 10 }, () => sf.run('k', work)));
    expect(sf.size).toBe(1);
    release();
    expect(await all).toEqual(Array(10).fill(1));
    expect(sf.size).toBe(0);
    expect(await sf.run('k', work)).toBe(2);

    const failing = Promise.allSettled([sf.run('f', () => Promise.reject(new Error('boom'))), sf.run('f', async () => 'other')]);
    expect((await failing).map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe.skipIf(!enabled)('upstream clients against the fake', () => {
  let fake: FakeUpstream;
  let clock: TestClock;
  const usdaUpstream = (key: string | null = 'TEST_KEY', timeoutMs = 2000) =>
    new Upstream({ name: 'usda', baseUrl: fake.usdaBaseUrl, fetch: globalThis.fetch, now: () => clock.now(), timeoutMs, fixedQuery: key ? { api_key: key } : undefined });
  const offUpstream = (timeoutMs = 2000) => new Upstream({ name: 'off', baseUrl: fake.offBaseUrl, fetch: globalThis.fetch, now: () => clock.now(), timeoutMs });

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
  });

  it('USDA search asks for Foundation and SR Legacy foods with the page size and api_key', async () => {
    const usda = new UsdaClient(usdaUpstream());
    const r = await usda.search('chicken breast cooked', 5);
    expect(r.foods.map((f) => f.fdcId)).toEqual([171514, 171075]);
    expect(fake.requests()[0]).toMatchObject({ route: 'usda.search', path: '/usda/fdc/v1/foods/search', query: { query: 'chicken breast cooked', dataType: 'Foundation,SR Legacy', pageSize: '5' } });
  });

  it('USDA food detail falls back to the abridged format when the full one is a bare 404', async () => {
    const usda = new UsdaClient(usdaUpstream());
    const cheddar = await usda.food(328637);
    expect(cheddar?.data.nutrients.energy_kcal).toBe(408);
    expect(fake.requests().map((r) => r.query.format ?? 'full')).toEqual(['full', 'abridged']);
    // A 404 is an answer: the circuit stays closed and no failure is counted.
    expect(usda.upstream.status()).toMatchObject({ circuit: 'closed', failures: 0 });

    fake.resetCalls();
    expect((await usda.food(170720))?.description).toBe("McDONALD'S, BIG MAC");
    expect(fake.calls()['usda.food']).toBe(1);
    expect(await usda.food(999999999)).toBeNull();
  });

  it('a missing API key is a failure (403), not "not found"', async () => {
    const usda = new UsdaClient(usdaUpstream(null));
    await expect(usda.search('apple')).rejects.toMatchObject({ kind: 'http_status', message: 'USDA FoodData Central answered HTTP 403' });
  });

  it('Open Food Facts product and search', async () => {
    const off = new OffClient(offUpstream());
    const beans = await off.product('0039400016014');
    expect(beans.found && beans.product.name).toBe('Onion baked beans');
    expect(await off.product('12345670')).toEqual({ found: false, reason: 'product not found' });
    const r = await off.search('coca', 5);
    expect(r.products).toHaveLength(5);
    expect(r.count).toBe(2448);
    expect(fake.requests().at(-1)).toMatchObject({ route: 'off.search', path: '/off/cgi/search.pl', query: { search_terms: 'coca', page_size: '5', json: '1' } });
  });

  it.each([
    [{ kind: 'status', status: 500 } as const, 'http_status'],
    [{ kind: 'status', status: 429 } as const, 'http_status'],
    [{ kind: 'malformed' } as const, 'malformed'],
    [{ kind: 'reset' } as const, 'network'],
  ])('fault %j is an UpstreamFailure of kind %s and counts against the breaker', async (fault, kind) => {
    const off = new OffClient(offUpstream());
    fake.setFault('off.product', fault);
    const err = await off.product('5000112576009').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamFailure);
    expect(err).toMatchObject({ upstream: 'off', kind });
    expect(off.upstream.breaker.consecutiveFailures).toBe(1);
  });

  it('a body of the wrong shape counts as malformed', async () => {
    const usda = new UsdaClient(usdaUpstream());
    fake.setFault('usda.search', { kind: 'status', status: 200, body: '{"foods": "not a list"}' });
    await expect(usda.search('apple')).rejects.toMatchObject({ kind: 'malformed' });
    expect(usda.upstream.breaker.consecutiveFailures).toBe(1);
  });

  it('the USDA bucket lets exactly 1000 calls an hour reach the upstream', async () => {
    const usda = new UsdaClient(usdaUpstream());
    const outcomes = { ok: 0, limited: 0 };
    for (let i = 0; i < 1005; i++) {
      try {
        await usda.search(`no such food ${i}`, 1);
        outcomes.ok++;
      } catch (e) {
        expect(e).toMatchObject({ kind: 'rate_limited' });
        expect((e as UpstreamFailure).retryAfterMs).toBeGreaterThan(0);
        outcomes.limited++;
      }
    }
    expect(outcomes).toEqual({ ok: 1000, limited: 5 });
    expect(fake.calls()['usda.search']).toBe(1000);
    clock.advance(3_600); // one token per 3.6 s
    await usda.search('one more', 1);
    await expect(usda.search('and another', 1)).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(fake.calls()['usda.search']).toBe(1001);
  });
});
