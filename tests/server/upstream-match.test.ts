import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { everydayName, offConsensus, pickUsdaFood, productNameMatches, words } from '../../sync-server/upstream/match';
import { parseOffSearch } from '../../sync-server/upstream/off-parse';
import { parseUsdaSearch } from '../../sync-server/upstream/usda-parse';

/** Which upstream record is "the" food: strict enough never to attach a random brand to a generic food. */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const DATA = resolve(repoRoot, '../shared/data');
const hasData = existsSync(join(DATA, 'off/search'));
if (!hasData) console.warn(`[skip] ${DATA} is missing: matching tests on real listings are skipped`);
const load = (rel: string): unknown => JSON.parse(readFileSync(join(DATA, rel), 'utf8'));

describe('words', () => {
  it('folds case and accents, drops stopwords, singularises', () => {
    expect(words('Apples, Fuji, with skin, raw')).toEqual(['apple', 'fuji', 'skin', 'raw']);
    expect(words('Crème brûlée')).toEqual(['creme', 'brulee']);
    expect(words('Berries and tomatoes')).toEqual(['berry', 'tomato']);
    expect(words('Coca-Cola')).toEqual(['coca', 'cola']);
  });
});

describe('everydayName', () => {
  it.each([
    ['Cheese, cheddar', 'cheddar cheese'],
    ['Milk, whole, 3.25% milkfat, with added vitamin D', 'whole milk'],
    ['Rose-apples, raw', 'rose-apples'],
    ["McDONALD'S, BIG MAC", 'big mac'],
    ['Carrots, raw', 'carrots'],
  ])('%s → %s', (d, n) => expect(everydayName(d)).toBe(n));
});

describe.skipIf(!hasData)('on the real recorded listings', () => {
  it('picks the USDA food holding every word, fewest extra words first', () => {
    const mac = parseUsdaSearch(load('usda/search/big-mac.legacy-2019-format.json')).foods;
    expect(pickUsdaFood('big mac', mac)?.food.fdcId).toBe(170720);
    const cheddar = parseUsdaSearch(load('usda/search/cheddar-cheese.foundation.pagesize10.2026-07-03.json')).foods;
    expect(pickUsdaFood('cheddar cheese', cheddar)?.food.fdcId).toBe(328637);
    expect(pickUsdaFood('swiss cheese', cheddar)?.food.fdcId).toBe(746767);
    expect(pickUsdaFood('gouda', cheddar)).toBeNull(); // no hit mentions it: not found, not "a cheese"
  });

  it('takes Open Food Facts products only when named exactly like the food', () => {
    const products = parseOffSearch(load('off/search/search.pl.coca.page1.pagesize20.2025-06-15.json')).products;
    const cola = offConsensus('coca cola', products)!;
    expect(cola.products.map((p) => p.code)).toEqual(['54491472', '42105220', '5000112546415', '5000112558272', '5000112557664']);
    expect(cola.data.additives).toEqual(['e150d', 'e290', 'e338']);
    expect(cola.data.nutrients.sugars_g).toBe(10.6);

    const juice = offConsensus('orange juice', products)!;
    expect(juice.products).toEqual([{ code: '5449000147417', name: 'Orange juice' }]);

    // Products that merely contain the word, or are named after their brand, are other foods.
    expect(offConsensus('coca', products)).toBeNull();
    expect(offConsensus('cola', products)).toBeNull();
    expect(offConsensus('lemon', products)).toBeNull();
    expect(offConsensus('cheddar cheese', products)).toBeNull();
  });

  it('keeps only what most matching products agree on', () => {
    const page2 = parseOffSearch(load('off/search/search.pl.coca.page2.pagesize20.2025-06-15.json')).products;
    const zero = offConsensus('coca cola zero', page2)!;
    // "Coca cola zero sugar" has an extra word and is left out; accents and pack sizes do not matter.
    expect(zero.products.map((p) => p.code)).toEqual(['50112579', '5000112558265', '0049000042566', '5000112519945', '5000112554359']);
    // E150c/E212 appear in one of five (the US can) and E290 in none: only the majority stays.
    expect(zero.data.additives).toEqual(['e150d', 'e331', 'e338', 'e950', 'e951']);
    expect(zero.data.flags).toEqual(expect.arrayContaining(['artificial_sweetener', 'artificial_colour']));
    expect(zero.data.flag_reasons?.artificial_sweetener).toContain('in most Open Food Facts products named "coca cola zero"');
    expect(zero.data.sources[0]).toMatchObject({ name: 'Open Food Facts', detail: '5 products named "coca cola zero"' });
  });

  it('ignores brand words and pack sizes in product names', () => {
    const products = parseOffSearch(load('off/search/search.pl.coca.page1.pagesize20.2025-06-15.json')).products;
    const slim = products.find((p) => p.code === '5449000214911')!; // "BTE 33CL SLIM COCA COLA"
    expect(productNameMatches('slim coca cola', slim)).toBe(true);
    expect(productNameMatches('coca cola', slim)).toBe(false);
  });
});
