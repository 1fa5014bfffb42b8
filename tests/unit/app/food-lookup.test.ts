import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AureaDb } from '../../../app/db/db';
import { loadFoodKnowledge, type FoodKnowledge } from '../../../app/src/state/foods';
import { checkBarcode, gtinCheckDigitOk } from '../../../shared/ingredients/barcode';
import { pruneFoodCache, readCachedFood } from '../../../app/src/state/food-lookup/cache';
import { cachedProducts } from '../../../app/src/state/food-lookup/known-products';
import { recallSearchPick, rememberSearchPick, resolveFood, resolveProduct, type LookupDeps } from '../../../app/src/state/food-lookup/resolve';
import { searchFoodServer } from '../../../app/src/state/food-lookup/server';
import { FOOD_CACHE_TTL_MS } from '../../../app/src/state/food-lookup/types';
import { createApp, type AureaServer } from '../../../sync-server/app';
import { hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../../fake-upstream/index';
import { HOUR, proxyConfig, TestClock } from '../../fake-upstream/harness';

/**
 * The Foods page's lookup order (DESIGN §3) against the real server (createApp) and the fake upstream
 * replaying real USDA / Open Food Facts bodies, with the Dexie foodCache on fake-indexeddb.
 */

describe('barcodes', () => {
  it('accepts 8 to 14 digits, ignoring spaces and dashes, and reports the check digit', () => {
    expect(checkBarcode('5000112576009')).toEqual({ ok: true, barcode: '5000112576009', checkDigitOk: true });
    expect(checkBarcode(' 5 000112-576009 ')).toEqual({ ok: true, barcode: '5000112576009', checkDigitOk: true });
    expect(checkBarcode('90375323')).toEqual({ ok: true, barcode: '90375323', checkDigitOk: true });
    expect(checkBarcode('12345678')).toEqual({ ok: true, barcode: '12345678', checkDigitOk: false });
  });
  it('refuses anything else with a message saying what is wrong', () => {
    expect(checkBarcode('')).toEqual({ ok: false, message: 'Type the digits under the barcode (8 to 14 of them).' });
    expect(checkBarcode('12345')).toEqual({ ok: false, message: 'A barcode has 8 to 14 digits; this one has 5.' });
    expect(checkBarcode('123456789012345')).toEqual({ ok: false, message: 'A barcode has 8 to 14 digits; this one has 15.' });
    expect(checkBarcode('5000112x76009')).toEqual({ ok: false, message: 'A barcode has digits only; check for letters or symbols.' });
  });
  it('computes the GS1 check digit for EAN-8, UPC-A, EAN-13 and GTIN-14', () => {
    for (const ok of ['40111490', '036000291452', '0049000042566', '3248652962117', '10012345678902']) expect(gtinCheckDigitOk(ok), ok).toBe(true);
    for (const bad of ['40111491', '036000291453', '3248652962118']) expect(gtinCheckDigitOk(bad), bad).toBe(false);
  });
});

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: the food lookup tests need the fake upstream's recorded bodies`);

describe.skipIf(!enabled)('looking foods up: device cache → food server → offline table', () => {
  let fake: FakeUpstream;
  let knowledge: FoodKnowledge;
  let server: AureaServer;
  let clock: TestClock;
  let db: AureaDb;
  let calls: string[];
  let n = 0;

  // The app's fetch, pointed at the real Hono app; every call is recorded.
  const serverFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    return server.app.request(url, init);
  };
  const deps = (over: Partial<LookupDeps> = {}): LookupDeps => ({ db, knowledge, online: true, now: () => clock.now(), server: { fetch: serverFetch }, ...over });
  // Nothing listens on port 9: a real connection refusal.
  const unreachable = { baseUrl: 'http://127.0.0.1:9', timeoutMs: 3000 };

  beforeAll(async () => {
    fake = await startFakeUpstream();
    knowledge = await loadFoodKnowledge();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake.resetCalls();
    fake.setFault('*', null);
    clock = new TestClock();
    server = createApp(proxyConfig(fake), { clock });
    db = new AureaDb(`food-lookup-${++n}`);
    calls = [];
  });
  afterEach(async () => {
    server.close();
    db.close();
    await Dexie.delete(db.name);
  });

  it('asks the server when online, keeps its answer, and serves it from the device for 24 h', async () => {
    const first = await resolveFood('Cheddar Cheese', deps());
    expect(first.note).toBeNull();
    expect(first.food).toMatchObject({ key: 'cheddar cheese', name: 'cheddar cheese', origin: 'server', stale: false, fetched_at: '2026-11-26T12:00:00.000Z' });
    expect(first.food!.ingredient.sources).toEqual([{ name: 'USDA FoodData Central', id: '328637', detail: 'Cheese, cheddar (Foundation)' }]);
    expect(first.food!.score.reasons.map((r) => r.text)).toContain('trans fat 1.14 g/100 g: +30');
    expect(first.food!.provenance.energy_kcal).toBe('USDA FoodData Central');
    // The offline table's own version comes along, for the card's source switch.
    expect(first.bundled).toMatchObject({ origin: 'bundled', name: 'cheddar' });
    expect(calls).toEqual(['/api/ingredients/cheddar%20cheese']);

    clock.advance(23 * HOUR);
    const cached = await resolveFood('cheddar cheese', deps());
    expect(calls).toHaveLength(1);
    expect(cached.food).toMatchObject({ origin: 'cache', stale: false, name: 'cheddar cheese' });
    expect(cached.food!.score).toEqual(first.food!.score);

    clock.advance(2 * HOUR);
    const again = await resolveFood('cheddar cheese', deps());
    expect(calls).toHaveLength(2);
    expect(again.food!.origin).toBe('server');
  });

  it('keeps the built-in list’s card, quietly, when the server knows nothing more (404)', async () => {
    const r = await resolveFood('milk', deps());
    expect(calls).toEqual(['/api/ingredients/milk']);
    expect(r.note).toBeNull();
    expect(r.food).toMatchObject({ origin: 'bundled', name: 'milk' });
    expect(r.food!.ingredient.sources.map((s) => `${s.name} ${s.id ?? ''}`.trim())).toEqual(['USDA SR28 01077', 'Glycemic index table Atkinson 2008 Table 1 row 53', 'Aurea knowledge table']);
    expect(r.food!.table!.references).toHaveLength(3);
    expect((await resolveFood('zzqx', deps())).note).toEqual({ kind: 'not_found', text: 'No food called “zzqx” was found in the built-in list, USDA FoodData Central or Open Food Facts.' });
  });

  it('an unreachable server: the built-in list with a note, else the older saved copy, else a clear message', async () => {
    await resolveFood('big mac', deps());
    clock.advance(FOOD_CACHE_TTL_MS + HOUR);

    const oats = await resolveFood('oats', deps({ server: unreachable }));
    expect(oats.food).toMatchObject({ origin: 'bundled', name: 'oats' });
    expect(oats.note).toEqual({ kind: 'unreachable', text: 'Showing the built-in list; Aurea’s server cannot be reached.' });

    const bigMac = await resolveFood('big mac', deps({ server: unreachable }));
    expect(bigMac.food).toMatchObject({ origin: 'cache', stale: true, name: 'big mac' });
    expect(bigMac.note!.kind).toBe('unreachable');
    expect(bigMac.note!.text).toMatch(/^Showing the copy saved on .*2026; Aurea’s server cannot be reached\.$/);

    expect((await resolveFood('zzqx', deps({ server: unreachable }))).note).toEqual({
      kind: 'unreachable',
      text: '“zzqx” is not in the built-in list, and Aurea’s server cannot be reached. Try again later.',
    });
  });

  it('offline: never calls the server; the device cache and the built-in list answer', async () => {
    await resolveFood('big mac', deps());
    calls = [];
    const offline = deps({ online: false });
    expect((await resolveFood('big mac', offline)).food!.origin).toBe('cache');
    const oats = await resolveFood('oats', offline);
    expect(oats.food!.origin).toBe('bundled');
    expect(oats.note).toEqual({ kind: 'offline', text: 'You are offline: showing the built-in list.' });
    expect((await resolveFood('zzqx', offline)).note!.text).toBe('“zzqx” is not in the built-in list. Connect to the internet to look it up online.');
    expect(calls).toEqual([]);
  });

  it('a server that cannot reach USDA or Open Food Facts (503) gets its own calm note', async () => {
    fake.setFault('*', { kind: 'status', status: 500 });
    const r = await resolveFood('salmon', deps());
    expect(r.food!.origin).toBe('bundled');
    expect(r.note).toEqual({ kind: 'unavailable', text: 'Showing the built-in list; Aurea cannot reach USDA or Open Food Facts right now.' });
  });

  it('something that is not an Aurea food server counts as unreachable', async () => {
    const r = await resolveFood('oats', deps({ server: { baseUrl: fake.url } }));
    expect(r.food!.origin).toBe('bundled');
    expect(r.note!.kind).toBe('unreachable');
  });

  it('ignores a stored row that no longer validates, and asks the server', async () => {
    await db.foodCache.put({ name: 'cheddar cheese', fetched_at: new Date(clock.now()).toISOString(), data: { v: 1, name: 'cheddar cheese', score: 'garbage' } });
    expect(await readCachedFood(db, 'cheddar cheese', clock.now())).toBeUndefined();
    const r = await resolveFood('cheddar cheese', deps());
    expect(r.food!.origin).toBe('server');
    expect((await readCachedFood(db, 'cheddar cheese', clock.now()))!.view.origin).toBe('cache');
  });

  it('drops saved answers older than 60 days', async () => {
    await resolveFood('cheddar cheese', deps());
    expect(await pruneFoodCache(db, clock.now() + 59 * 24 * HOUR)).toBe(0);
    expect(await pruneFoodCache(db, clock.now() + 61 * 24 * HOUR)).toBe(1);
    expect(await db.foodCache.count()).toBe(0);
  });

  it('a food picked from the server’s search is kept under its name and recalled by its FDC id', async () => {
    const found = await searchFoodServer('big mac', 12, { fetch: serverFetch });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    const hit = found.value.results.find((h) => h.id === '170720')!;
    expect(hit).toMatchObject({ kind: 'ingredient', source: 'USDA FoodData Central', description: "McDONALD'S, BIG MAC", suggested_name: 'big mac' });
    const view = await rememberSearchPick(db, hit, found.value.fetched_at, clock.now());
    expect(view).toMatchObject({ key: 'big mac', name: 'big mac', origin: 'server' });
    expect(await recallSearchPick(db, 'big mac', '170720', clock.now())).toBe(view);
    expect((await readCachedFood(db, 'big mac', clock.now()))!.view.ingredient.sources[0]).toMatchObject({ id: '170720' });
    expect(await recallSearchPick(db, 'big mac', '172067', clock.now())).toBeUndefined();
  });

  describe('products by barcode', () => {
    it('names and classes the additives, and the sweeteners lower the gut score below sparkling water', async () => {
      const coke = await resolveProduct('5000112576009', deps());
      expect(coke.note).toBeNull();
      const c = coke.food!;
      expect(c).toMatchObject({ key: 'product:5000112576009', name: 'Coke Zero', origin: 'server' });
      expect(c.product).toMatchObject({ barcode: '5000112576009', brand: 'Coca Cola' });
      const lines = c.additives.map((a) => `${a.code} ${a.name} — ${a.classes.join(', ')}`);
      expect(lines).toContain('E951 Aspartame — sweetener');
      expect(lines).toContain('E950 Acesulfame K — sweetener');
      expect(c.additives.find((a) => a.code === 'E951')!.flag).toBe('artificial_sweetener');
      expect(c.score.reasons.filter((r) => r.dimension === 'gut').map((r) => r.points)).toEqual([50, -20, -10]);

      const water = await resolveProduct('3248652962117', deps());
      expect(water.food!.additives).toEqual([]);
      expect(c.score.scores.gut_impact).toBeLessThan(water.food!.score.scores.gut_impact);
    });

    it('offline: a saved copy is shown with a note; without one, the lookup says it needs the server', async () => {
      await resolveProduct('5000112576009', deps());
      calls = [];
      clock.advance(FOOD_CACHE_TTL_MS + HOUR);
      const saved = await resolveProduct('5000112576009', deps({ online: false }));
      expect(saved.food).toMatchObject({ origin: 'cache', stale: true, name: 'Coke Zero' });
      expect(saved.food!.additives.map((a) => a.code)).toContain('E951');
      expect(saved.note!.text).toMatch(/^You are offline: showing the copy saved on /);
      const none = await resolveProduct('3248652962117', deps({ online: false }));
      expect(none).toEqual({ food: null, bundled: null, note: { kind: 'offline', text: 'Looking up a barcode needs a connection, and you are offline. You can still search foods by name.' } });
      expect(calls).toEqual([]);
    });

    it('keeps the label’s ingredients as diary names on the device, so the product can be logged offline later', async () => {
      const online = await resolveProduct('3029330003533', deps());
      expect(online.food!.product!.ingredients?.length).toBeGreaterThan(0);
      expect(online.food!.product!.parsed).toMatchObject({ from: 'list', unread: [] });
      expect(online.food!.product!.parsed.names).toEqual(expect.arrayContaining(['whole wheat flour', 'flour', 'yeast']));
      calls = [];
      clock.advance(FOOD_CACHE_TTL_MS + HOUR);
      const offline = await resolveProduct('3029330003533', deps({ online: false }));
      expect(offline.food!.product!.parsed).toEqual(online.food!.product!.parsed);
      const known = await cachedProducts(db);
      expect(known).toEqual([{ name: online.food!.name, barcode: '3029330003533', brand: online.food!.product!.brand, ingredients: online.food!.product!.parsed.names, fetched_at: online.food!.fetched_at }]);
      expect(calls).toEqual([]);
    });

    it('a row saved before labels were parsed gets its ingredients worked out when read', async () => {
      const online = await resolveProduct('3029330003533', deps());
      const row = await db.foodCache.get('product:3029330003533');
      const data = row!.data as { product: Record<string, unknown> };
      delete data.product.parsed;
      delete data.product.ingredients;
      await db.foodCache.put(row!);
      const back = await readCachedFood(db, 'product:3029330003533', clock.now());
      // Only the printed (French) text is left: nothing is guessed from it, and it is reported unread.
      expect(back!.view.product!.parsed.names).toEqual([]);
      expect(back!.view.product!.parsed.unread).toEqual([online.food!.product!.ingredients_text]);
    });

    it('not found: says so, and points at a likely typo when the check digit is off; bad input never reaches the server', async () => {
      expect((await resolveProduct('12345678', deps())).note).toEqual({
        kind: 'not_found',
        text: 'No product with barcode 12345678 is in Open Food Facts. Its last digit does not match the others, so a digit may be mistyped.',
      });
      expect((await resolveProduct('0000000000000', deps())).note!.text).toBe('No product with barcode 0000000000000 is in Open Food Facts.');
      calls = [];
      expect((await resolveProduct('12-34', deps())).note).toEqual({ kind: 'invalid', text: 'A barcode has 8 to 14 digits; this one has 4.' });
      expect(calls).toEqual([]);
    });

    it('an unreachable server: a clear sentence, no error wall', async () => {
      const r = await resolveProduct('5000112576009', deps({ server: unreachable }));
      expect(r).toEqual({ food: null, bundled: null, note: { kind: 'unreachable', text: 'Aurea’s server cannot be reached, and barcode lookups need it. Try again when you are connected.' } });
    });
  });
});
