import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type AureaServer } from '../../sync-server/app';
import type { IngredientResult, ProductResult, SearchResult } from '../../sync-server/upstream/service';
import { hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../fake-upstream/index';
import { HOUR, proxyConfig, TestClock } from '../fake-upstream/harness';

/** The nutrition proxy through HTTP, against the fake upstream replaying the real bodies. */

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: the proxy tests need the fake upstream's recorded bodies`);

type ErrorBody = { error: { code: string; message: string } };

describe.skipIf(!enabled)('nutrition proxy', () => {
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
    for (const r of ['usda.search', 'usda.food', 'off.product', 'off.search'] as const) fake.setFault(r, null);
    clock = new TestClock();
    server = createApp(proxyConfig(fake), { clock });
  });
  afterEach(() => server.close());

  const get = (path: string) => server.app.request(path);
  const json = async <T>(path: string, status = 200): Promise<T> => {
    const res = await get(path);
    const body = (await res.json()) as T;
    expect(res.status, JSON.stringify(body)).toBe(status);
    return body;
  };

  describe('GET /api/ingredients/:name', () => {
    it('resolves a generic food from USDA, scores it, and says where each value came from', async () => {
      const r = await json<IngredientResult>('/api/ingredients/Cheddar%20Cheese');
      expect(r.name).toBe('cheddar cheese');
      expect(r.match.usda).toEqual({ fdc_id: 328637, description: 'Cheese, cheddar', data_type: 'Foundation' });
      expect(r.ingredient.name).toBe('cheddar cheese');
      expect(r.ingredient.nutrients).toMatchObject({ energy_kcal: 408, protein_g: 23.3, saturated_fat_g: 19.2, trans_fat_g: 1.14, omega3_g: 0.127, omega6_g: 0.772 });
      expect(r.provenance.energy_kcal).toBe('USDA FoodData Central');
      expect(r.sources).toEqual([{ name: 'USDA FoodData Central', id: '328637', detail: 'Cheese, cheddar (Foundation)' }]);
      expect(r.stale).toBe(false);
      expect(r.fetched_at).toBe('2026-11-26T12:00:00.000Z');
      expect(r.score.evidence_confidence).toMatch(/^(high|medium|low)$/);
      for (const k of ['blood_sugar_impact', 'inflammation_potential', 'gut_impact', 'overall_score'] as const) {
        expect(r.score.scores[k]).toBeGreaterThanOrEqual(0);
        expect(r.score.scores[k]).toBeLessThanOrEqual(100);
      }
      expect(r.score.reasons.length).toBeGreaterThan(0);
      // Open Food Facts has no product named "cheddar cheese" here, so nothing of a brand is attached.
      expect(r.match.off).toBeNull();
      expect(r.ingredient.additives).toBeUndefined();
    });

    it('serves a cached ingredient without calling upstream again within 24 h', async () => {
      await json('/api/ingredients/cheddar%20cheese');
      const before = fake.calls().total;
      clock.advance(23 * HOUR);
      const again = await json<IngredientResult>('/api/ingredients/CHEDDAR%20cheese!');
      expect(fake.calls().total).toBe(before);
      expect(again.stale).toBe(false);
      expect(again.fetched_at).toBe('2026-11-26T12:00:00.000Z');
    });

    it('refetches after the 24 h data TTL', async () => {
      await json('/api/ingredients/cheddar%20cheese');
      const before = fake.calls()['usda.search'];
      clock.advance(24 * HOUR + 1);
      const r = await json<IngredientResult>('/api/ingredients/cheddar%20cheese');
      expect(fake.calls()['usda.search']).toBe(before + 1);
      expect(r.fetched_at).toBe(new Date(clock.now()).toISOString());
    });

    it('fetches the food detail when the search hits carry no nutrients (2019 shape)', async () => {
      const r = await json<IngredientResult>('/api/ingredients/big%20mac');
      expect(r.match.usda?.fdc_id).toBe(170720); // "McDONALD'S, BIG MAC": fewer extra words than "(without Big Mac Sauce)"
      expect(r.ingredient.nutrients).toMatchObject({ energy_kcal: 257, protein_g: 11.82 });
      expect(fake.calls()['usda.food']).toBe(1);
    });

    it('falls back to Open Food Facts products named exactly like the food, keeping what most agree on', async () => {
      const r = await json<IngredientResult>('/api/ingredients/coca%20cola');
      expect(r.match.usda).toBeNull();
      expect(r.match.off!.products.length).toBeGreaterThanOrEqual(3);
      for (const p of r.match.off!.products) expect(p.name.toLowerCase().replace(/[^a-z]+/g, ' ').trim()).toMatch(/coca cola/);
      expect(r.ingredient.additives).toEqual(expect.arrayContaining(['e150d', 'e338']));
      expect(r.ingredient.additives).not.toContain('e951'); // the zero-sugar variants are other products
      expect(r.ingredient.flags).toContain('artificial_colour');
      expect(r.ingredient.flags).not.toContain('artificial_sweetener');
      expect(r.ingredient.nutrients.sugars_g).toBeCloseTo(10.6, 1);
      expect(r.provenance.sugars_g).toBe('Open Food Facts');
      expect(r.provenance.additives).toBe('Open Food Facts');
    });

    it('answers 404 with a JSON error when no source knows the name, and remembers it for an hour', async () => {
      const body = await json<ErrorBody>('/api/ingredients/xyzzy%20plugh', 404);
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain('xyzzy plugh');
      const calls = fake.calls().total;
      await json<ErrorBody>('/api/ingredients/xyzzy%20plugh', 404);
      expect(fake.calls().total).toBe(calls);
      clock.advance(HOUR + 1);
      await json<ErrorBody>('/api/ingredients/xyzzy%20plugh', 404);
      expect(fake.calls().total).toBeGreaterThan(calls);
    });

    it.each([
      ['/api/ingredients/%20%20%21', 'at least one letter'],
      [`/api/ingredients/${'a'.repeat(101)}`, 'too long'],
      ['/api/ingredients/%E0%A4%A', 'malformed %-escape'],
    ])('400 for a bad name: %s', async (path, text) => {
      const body = await json<ErrorBody>(path, 400);
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.message).toContain(text);
      expect(fake.calls().total).toBe(0);
    });
  });

  describe('GET /api/ingredients?q=&limit=', () => {
    it('lists generic USDA foods first, each scored, with a diary name', async () => {
      const r = await json<SearchResult>('/api/ingredients?q=cheddar%20cheese&limit=5');
      expect(r.query).toBe('cheddar cheese');
      expect(r.results).toHaveLength(5);
      expect(r.results[0]).toMatchObject({ kind: 'ingredient', source: 'USDA FoodData Central', id: '328637', description: 'Cheese, cheddar', suggested_name: 'cheddar cheese', data_type: 'Foundation' });
      for (const hit of r.results) expect(hit.score.scores.overall_score).toBeGreaterThanOrEqual(0);
      expect(r.stale).toBe(false);
    });

    it('defaults to 10 results and serves other limits from the same cached search', async () => {
      const r = await json<SearchResult>('/api/ingredients?q=coca');
      expect(r.results).toHaveLength(10);
      expect(r.results.every((h) => h.kind === 'product' && h.source === 'Open Food Facts')).toBe(true);
      const calls = fake.calls().total;
      const more = await json<SearchResult>('/api/ingredients?q=coca&limit=50');
      expect(more.results.length).toBeGreaterThan(10);
      expect(more.results.length).toBeLessThanOrEqual(50);
      expect(fake.calls().total).toBe(calls);
      const zero = more.results.find((h) => h.id === '5000112576009')!;
      expect(zero.ingredient.flags).toContain('artificial_sweetener');
    });

    it('an unknown term is an empty list, not an error', async () => {
      const r = await json<SearchResult>('/api/ingredients?q=qwertyuiop');
      expect(r.results).toEqual([]);
    });

    it.each([
      ['/api/ingredients', 'search term'],
      ['/api/ingredients?q=a', 'at least 2'],
      ['/api/ingredients?q=milk&limit=0', 'limit'],
      ['/api/ingredients?q=milk&limit=51', 'limit'],
      ['/api/ingredients?q=milk&limit=abc', 'limit'],
      ['/api/ingredients?q=milk&limit=2.5', 'limit'],
      [`/api/ingredients?q=${'x'.repeat(400)}`, 'too long'],
      ['/api/ingredients?q=%FF', 'malformed %-escape'],
    ])('400 for %s', async (path, text) => {
      const body = await json<ErrorBody>(path, 400);
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.message).toContain(text);
    });
  });

  describe('GET /api/products/:barcode', () => {
    it('diet cola: artificial sweetener flagged and a lower gut score than plain sparkling water', async () => {
      const cola = await json<ProductResult>('/api/products/5000112576009');
      expect(cola.barcode).toBe('5000112576009');
      expect(cola.product).toMatchObject({ code: '5000112576009', name: 'Coke Zero', brand: 'Coca Cola' });
      expect(cola.ingredient.flags).toEqual(expect.arrayContaining(['artificial_sweetener', 'artificial_colour']));
      expect(cola.ingredient.flag_reasons?.artificial_sweetener).toContain('aspartame');
      expect(cola.product.additives.map((a) => a.tag)).toEqual(['e150d', 'e290', 'e331', 'e338', 'e950', 'e951', 'e960c']);
      expect(cola.sources[0]).toMatchObject({ name: 'Open Food Facts', id: '5000112576009' });
      expect(cola.score.reasons.some((r) => r.dimension === 'gut' && r.points < 0)).toBe(true);

      // A real plain sparkling mineral water from the recorded Open Food Facts listings.
      const water = await json<ProductResult>('/api/products/3248652962117');
      expect(water.product.name).toMatch(/^Eau gazeuse/);
      expect(water.ingredient.flags).not.toContain('artificial_sweetener');
      expect(cola.score.scores.gut_impact).toBeLessThan(water.score.scores.gut_impact);
    });

    it('reads the v3 envelope', async () => {
      const r = await json<ProductResult>('/api/products/0039400016014');
      expect(r.product.name).toBe('Onion baked beans');
      expect(r.ingredient.allergens).toEqual(['mustard']);
      expect(r.ingredient.nutrients.energy_kcal).toBeCloseTo(123.08, 2);
      expect(r.warnings).toEqual([]);
    });

    it('says so when Open Food Facts answers with another code', async () => {
      const r = await json<ProductResult>('/api/products/8711200859306');
      expect(r.barcode).toBe('8711200859306');
      expect(r.product.code).toBe('20633387');
      expect(r.warnings).toContain('Open Food Facts answered barcode 8711200859306 with product 20633387');
    });

    it('404 for an unknown barcode', async () => {
      const body = await json<ErrorBody>('/api/products/12345670', 404);
      expect(body.error).toEqual({ code: 'not_found', message: 'No product with barcode 12345670 in Open Food Facts.' });
    });

    it.each(['1234567', '123456789012345', '12345abc', '5000112576009.json'])('400 for barcode %s', async (barcode) => {
      const body = await json<ErrorBody>(`/api/products/${barcode}`, 400);
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.message).toContain('8 to 14 digits');
      expect(fake.calls().total).toBe(0);
    });
  });

  describe('when upstreams fail', () => {
    it('serves an expired cached product marked stale while the upstream is down', async () => {
      await json('/api/products/5000112576009');
      clock.advance(25 * HOUR);
      fake.setFault('off.product', { kind: 'status', status: 500 });
      const r = await json<ProductResult>('/api/products/5000112576009');
      expect(r.stale).toBe(true);
      expect(r.stale_reason).toContain('HTTP 500');
      expect(r.fetched_at).toBe('2026-11-26T12:00:00.000Z');
      expect(r.ingredient.flags).toContain('artificial_sweetener');
      expect(fake.calls()['off.product']).toBe(2);
    });

    it('serves a cached ingredient (stale) while both upstreams are down', async () => {
      await json('/api/ingredients/cheddar%20cheese');
      clock.advance(48 * HOUR);
      fake.setFault('*', { kind: 'status', status: 503 });
      const r = await json<IngredientResult>('/api/ingredients/cheddar%20cheese');
      expect(r.stale).toBe(true);
      expect(r.ingredient.nutrients.energy_kcal).toBe(408);
    });

    it('503 with the reason and Retry-After when the upstream is down and nothing is cached', async () => {
      fake.setFault('*', { kind: 'status', status: 500 });
      const res = await get('/api/products/5449000000088');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('upstream_unavailable');
      expect(body.error.message).toContain('Open Food Facts');
      expect(body.error.message).toContain('HTTP 500');

      const ing = await get('/api/ingredients/cheddar%20cheese');
      expect(ing.status).toBe(503);
      const ingBody = (await ing.json()) as ErrorBody;
      expect(ingBody.error.message).toContain('USDA FoodData Central');
    });

    it('503 on malformed JSON from the upstream', async () => {
      fake.setFault('off.product', { kind: 'malformed' });
      const body = await json<ErrorBody>('/api/products/5449000000088', 503);
      expect(body.error.message).toContain('malformed JSON');
    });

    it('still answers from USDA when Open Food Facts is down, with a warning, and retries sooner', async () => {
      fake.setFault('off.search', { kind: 'status', status: 502 });
      const r = await json<IngredientResult>('/api/ingredients/cheddar%20cheese');
      expect(r.ingredient.nutrients.energy_kcal).toBe(408);
      expect(r.warnings.join(' ')).toContain('Open Food Facts was unavailable');
      fake.setFault('off.search', null);
      clock.advance(5 * 60_000 + 1); // partial answers live 5 minutes, not 24 h
      const again = await json<IngredientResult>('/api/ingredients/cheddar%20cheese');
      expect(again.warnings).toEqual([]);
    });
  });

  describe('GET /api/health', () => {
    it('reports each upstream circuit, budget and the cache', async () => {
      await json('/api/ingredients/cheddar%20cheese');
      const h = await json<{ upstreams: Record<string, Record<string, unknown>>; ingredient_cache: Record<string, number> }>('/api/health');
      expect(h.upstreams.usda).toMatchObject({ name: 'USDA FoodData Central', circuit: 'closed', rate: '1000/h', tokens_available: 999, last_check: null });
      expect(h.upstreams.off).toMatchObject({ name: 'Open Food Facts', circuit: 'closed', rate: '100/60s', tokens_available: 99 });
      expect(h.ingredient_cache).toMatchObject({ entries: 1, fresh: 1, tracked_requests: 1 });
    });
  });
});
