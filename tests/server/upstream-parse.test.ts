import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UpstreamFormatError } from '../../sync-server/upstream/errors';
import { parseOffProductResponse, parseOffSearch } from '../../sync-server/upstream/off-parse';
import { parseUsdaSearch, readNutrientRows, usdaFoodToIngredient } from '../../sync-server/upstream/usda-parse';

/** Every real recorded USDA / Open Food Facts body in ../shared/data must parse, with sensible values. */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const DATA = resolve(repoRoot, '../shared/data');
const hasData = existsSync(join(DATA, 'usda')) && existsSync(join(DATA, 'off'));
if (!hasData) console.warn(`[skip] ${DATA} is missing: the real-body parsing tests are skipped`);

const load = (rel: string): unknown => JSON.parse(readFileSync(join(DATA, rel), 'utf8'));
const list = (rel: string) =>
  readdirSync(join(DATA, rel))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${rel}/${f}`);

describe.skipIf(!hasData)('parsing every real body in ../shared/data', () => {
  const usdaFoods = hasData ? list('usda/food') : [];
  const usdaSearches = hasData ? list('usda/search') : [];
  const offProducts = hasData ? ['off/product/misc', 'off/product/openfoodfacts-go', 'off/product/from-search-results'].flatMap(list) : [];
  const offSearches = hasData ? list('off/search') : [];

  it('finds the recorded files', () => {
    expect(usdaFoods.length).toBeGreaterThanOrEqual(9);
    expect(usdaSearches.length).toBeGreaterThanOrEqual(7);
    expect(offProducts.length).toBeGreaterThanOrEqual(43);
    expect(offSearches.length).toBeGreaterThanOrEqual(4);
  });

  it.each(usdaFoods)('USDA food %s', (file) => {
    const food = usdaFoodToIngredient(load(file));
    expect(food.fdcId).toBe(Number(file.split('/').pop()!.split('.')[0]));
    for (const v of Object.values(food.data.nutrients)) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(food.data.sources[0]).toMatchObject({ name: 'USDA FoodData Central', id: String(food.fdcId) });
  });

  it.each(usdaSearches)('USDA search %s', (file) => {
    const result = parseUsdaSearch(load(file));
    expect(result.foods.length).toBe((load(file) as { foods: unknown[] }).foods.length);
    expect(result.totalHits).toBeGreaterThan(0);
  });

  it.each(offProducts)('Open Food Facts product %s', (file) => {
    const barcode = file.split('/').pop()!.split('.')[0]!;
    const r = parseOffProductResponse(load(file), barcode);
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.product.name.length).toBeGreaterThan(0);
    for (const v of Object.values(r.product.data.nutrients)) expect(Number.isFinite(v) && v >= 0).toBe(true);
    for (const a of r.product.data.additives ?? []) expect(a).toMatch(/^e[0-9]{2,4}[a-z]*$/);
  });

  it.each(offSearches)('Open Food Facts listing %s', (file) => {
    const r = parseOffSearch(load(file));
    expect(r.products.length).toBe((load(file) as { products: unknown[] }).products.length);
    expect(r.count).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasData)('known values from the real bodies', () => {
  it('cheddar 328637 (abridged, numbers only, no ids): per-100 g values and omega-3 = ALA + EPA + DHA', () => {
    const { data, dataType } = usdaFoodToIngredient(load('usda/food/328637.foundation.cheese-cheddar.abridged.json'));
    expect(dataType).toBe('Foundation');
    expect(data.nutrients).toMatchObject({
      energy_kcal: 408, // 1008 (number "208"), not the kJ row 1710
      protein_g: 23.3,
      fat_g: 34,
      carbohydrate_g: 2.44,
      sugars_g: 0.33, // 1063 "269.3"
      saturated_fat_g: 19.2,
      trans_fat_g: 1.14,
      omega3_g: 0.127, // 0.116 + 0.01 + 0.001
      omega6_g: 0.772, // 1316 "675"
      sodium_mg: 654,
      vitamin_e_mg: 0.75,
    });
  });

  it('the same cheddar from a Foundation search hit reads the same', () => {
    const hit = parseUsdaSearch(load('usda/search/cheddar-cheese.foundation.pagesize10.2026-07-03.json')).foods.find((f) => f.fdcId === 328637)!;
    expect(hit.data.nutrients).toMatchObject({ energy_kcal: 408, omega3_g: 0.127, omega6_g: 0.772, trans_fat_g: 1.14 });
    expect(hit.data.category).toBe('Dairy and Egg Products');
  });

  it('apple 1750340 (Foundation, no nutrient 1008): energy from Atwater general factors', () => {
    const apple = parseUsdaSearch(load('usda/search/apple.foundation.pagesize1.json')).foods[0]!;
    expect(apple.fdcId).toBe(1750340);
    expect(apple.data.nutrients.energy_kcal).toBe(64.7);
    expect(apple.data.nutrients).toMatchObject({ carbohydrate_g: 15.7, sugars_g: 13.3, fiber_g: 2.08 });
  });

  it('Big Mac 170720 (2019 full detail): group-header rows without amount are skipped', () => {
    const body = load('usda/food/170720.sr-legacy.mcdonalds-big-mac.full.2019.json') as { foodNutrients: { amount?: number }[] };
    const rows = readNutrientRows(body.foodNutrients);
    expect(rows.size).toBe(body.foodNutrients.filter((n) => n.amount !== undefined).length);
    expect(rows.has(2045)).toBe(false); // "Proximates"
    const { data } = usdaFoodToIngredient(body);
    expect(data.nutrients).toMatchObject({ energy_kcal: 257, protein_g: 11.82, fat_g: 14.96, carbohydrate_g: 20.08, fiber_g: 1.6, sugars_g: 3.97 });
    expect(data.category).toBe('Fast Foods');
  });

  it('Big Mac 2019 search: hits without nutrients parse, flagged as needing a detail call', () => {
    const r = parseUsdaSearch(load('usda/search/big-mac.legacy-2019-format.json'));
    expect(r.foods.length).toBe(50);
    expect(r.foods.every((f) => !f.hasNutrients)).toBe(true);
    expect(r.foods.find((f) => f.fdcId === 170720)?.description).toBe("McDONALD'S, BIG MAC");
  });

  it('SR Legacy imitation cheddar 169901: total 18:3 stands in for ALA, total 18:2 for linoleic', () => {
    const { data } = usdaFoodToIngredient(load('usda/food/169901.sr-legacy.cheese-american-cheddar-imitation.full.json'));
    expect(data.nutrients.omega3_g).toBe(0.145);
    expect(data.nutrients.omega6_g).toBe(0.264);
    expect(data.nutrients.caffeine_mg).toBe(0);
  });

  it('Abba-Zaba 426798 (Branded): foodNutrients are per 100 g, not the per-serving label values', () => {
    const food = usdaFoodToIngredient(load('usda/food/426798.branded.abba-zaba-snack-size-bites.full.json'));
    // Label: 160 kcal and 21 g sugars per 40 g serving → 400 kcal and 52.5 g per 100 g.
    expect(food.data.nutrients).toMatchObject({ energy_kcal: 400, sugars_g: 52.5, fat_g: 7.5, saturated_fat_g: 6.25, sodium_mg: 525 });
    expect(food.data.flags).toContain('refined_sugar'); // "CORN SYRUP, SUGAR, …"
    expect(food.data.category).toBe('Candy');
  });

  it('Abba-Zaba with emptied nutrients and label parses to "nothing known", not zeros', () => {
    const food = usdaFoodToIngredient(load('usda/food/426798.branded.abba-zaba.EDITED-empty-foodNutrients.json'));
    expect(food.data.nutrients).toEqual({});
    expect(food.hasNutrients).toBe(false);
  });

  it('a Branded label-only body is scaled from the serving to 100 g', () => {
    const body = load('usda/food/426798.branded.abba-zaba-snack-size-bites.full.json') as Record<string, unknown>;
    const food = usdaFoodToIngredient({ ...body, foodNutrients: [] });
    expect(food.data.nutrients).toMatchObject({ energy_kcal: 400, sugars_g: 52.5, fat_g: 7.5, protein_g: 2.5 });
  });

  it('sparkling water beverage 480814: sweeteners read from the ingredient text', () => {
    const food = usdaFoodToIngredient(load('usda/food/480814.branded.sparkling-water-beverage.full.json'));
    expect(food.data.flags).toContain('artificial_sweetener');
    expect(food.data.flag_reasons?.artificial_sweetener).toContain('aspartame');
  });

  it('Coke Zero 5000112576009 (bare product object): sweeteners and colour flagged from additives_tags', () => {
    const r = parseOffProductResponse(load('off/product/from-search-results/5000112576009.product-object-only.coke-zero.json'), '5000112576009');
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.product.code).toBe('5000112576009');
    expect(r.product.data.additives).toEqual(['e150d', 'e290', 'e331', 'e338', 'e950', 'e951', 'e960c']);
    expect(r.product.data.flags).toEqual(expect.arrayContaining(['artificial_sweetener', 'artificial_colour']));
    expect(r.product.data.flag_reasons?.artificial_sweetener).toMatch(/E950 \(acesulfame K\), E951 \(aspartame\)/);
    expect(r.product.additives.find((a) => a.tag === 'e951')).toMatchObject({ name: 'Aspartame', classes: ['sweetener'], flag: 'artificial_sweetener' });
    expect(r.product.data.category).toBe('diet cola soft drink');
    expect(r.product.data.nutrients).toMatchObject({ energy_kcal: 0.2, sugars_g: 0 });
  });

  it('US Coke Zero 0049000042566 (per serving): caffeine g → mg, added sugars read', () => {
    const r = parseOffProductResponse(load('off/product/from-search-results/0049000042566.product-object-only.coca-cola-zero.json'));
    if (!r.found) throw new Error('not found');
    expect(r.product.nutrition_data_per).toBe('serving');
    expect(r.product.data.nutrients).toMatchObject({ caffeine_mg: 9.58, added_sugars_g: 0, energy_kcal: 0 });
    expect(r.product.data.flags).toContain('caffeine');
  });

  it('Bush beans (v3 envelope): found, kcal not kJ, trans fat, allergen mustard, additive E150c', () => {
    const r = parseOffProductResponse(load('off/product/misc/0039400016014.api-v3.2025-04.bushs-onion-baked-beans.json'), '0039400016014');
    if (!r.found) throw new Error('not found');
    expect(r.warnings).toContain('different_normalized_product_code');
    expect(r.product.data.nutrients).toMatchObject({ energy_kcal: 123.077, trans_fat_g: 0, fiber_g: 3.846, sugars_g: 9.231, sodium_mg: 415.385 });
    expect(r.product.data.allergens).toEqual(['mustard']);
    expect(r.product.data.additives).toEqual(['e150c']);
    expect(r.product.data.flags).toContain('artificial_colour');
  });

  it('torrone: asked as 8711200859306, answered with code 20633387', () => {
    const r = parseOffProductResponse(load('off/product/misc/20633387.v0.torrone-raisins-rhum.json'), '8711200859306');
    if (!r.found) throw new Error('not found');
    expect(r.product.code).toBe('20633387');
    expect(r.warnings).toContain('Open Food Facts answered barcode 8711200859306 with product 20633387');
    expect(r.product.data.additives).toEqual(['e322']);
    expect(r.product.data.allergens).toEqual(['eggs', 'nuts', 'soybeans']);
  });

  it("m&m's (v0, energy as a string in kJ, many colours)", () => {
    const r = parseOffProductResponse(load('off/product/misc/40111490.v0.mms-chocolate.json'));
    if (!r.found) throw new Error('not found');
    expect(r.product.data.nutrients.energy_kcal).toBeCloseTo(2050 / 4.184, 2);
    expect(r.product.data.flags).toEqual(expect.arrayContaining(['artificial_colour', 'emulsifier', 'refined_sugar']));
    expect(r.product.data.flag_reasons?.artificial_colour).toContain('E133');
  });

  it('vitamin C given in "% DV" is still grams in _100g', () => {
    const r = parseOffProductResponse(load('off/product/openfoodfacts-go/0849092103196.json'));
    if (!r.found) throw new Error('not found');
    expect(r.product.data.nutrients.vitamin_c_mg).toBe(2.22);
  });

  it('no_nutrition_data "on" means nutrients unknown', () => {
    const r = parseOffProductResponse(load('off/product/openfoodfacts-go/3033610048398.json'));
    if (!r.found) throw new Error('not found');
    expect(r.product.data.nutrients).toEqual({});
  });

  it('numeric strings with float noise in the 2020 facet listings', () => {
    const monoprix = parseOffSearch(load('off/search/facet.brand-monoprix.page1.2020.json'));
    expect(monoprix.products[0]).toMatchObject({ code: '3350030167509', name: 'Guacamole' });
    expect(monoprix.products[0]!.data.nutrients.sugars_g).toBe(2.7); // "2.7000000476837"
    const auchan = parseOffSearch(load('off/search/facet.code-3596710xxxxxx.page1.2020.json'));
    expect(auchan.products[0]!.data.nutrients.sugars_g).toBe(0.5); // "0.5"
    expect(auchan.count).toBe(8025);
  });

  it('search listing with products lacking names and additives', () => {
    const r = parseOffSearch(load('off/search/search.pl.coca.page1.pagesize20.2025-06-15.json'));
    const bare = r.products.find((p) => p.code === '0402004014227')!;
    expect(bare.name).toBe('product 0402004014227');
    expect(bare.data.additives).toEqual([]);
  });
});

describe('envelopes and shapes that are not products', () => {
  it('reads not-found in v0/v2 and v3 envelopes', () => {
    expect(parseOffProductResponse({ code: '12345678', status: 0, status_verbose: 'product not found' })).toEqual({ found: false, reason: 'product not found' });
    expect(parseOffProductResponse({ code: '1', status: 'failure', result: { id: 'product_not_found', name: 'Product not found' }, errors: [], product: null })).toEqual({ found: false, reason: 'Product not found' });
  });

  it('refuses bodies of the wrong shape with UpstreamFormatError', () => {
    expect(() => parseOffProductResponse([])).toThrow(UpstreamFormatError);
    expect(() => parseOffProductResponse({ hello: 'world' })).toThrow(UpstreamFormatError);
    expect(() => parseOffSearch({ count: 1 })).toThrow(UpstreamFormatError);
    expect(() => parseUsdaSearch('nope')).toThrow(UpstreamFormatError);
    expect(() => usdaFoodToIngredient({ description: 'no id' })).toThrow(UpstreamFormatError);
  });

  it('reads all three FDC nutrient row shapes and kJ energy', () => {
    const rows = [
      { nutrientId: 1003, nutrientNumber: '203', unitName: 'G', value: 3 },
      { type: 'FoodNutrient', nutrient: { id: 1004, number: '204', unitName: 'g' }, amount: '1.5' },
      { number: '268', name: 'Energy', amount: 418.4, unitName: 'kJ' },
      { number: '401', amount: '0E-8', unitName: 'MG' },
      { nutrient: { id: 2045, name: 'Proximates' } },
    ];
    const food = usdaFoodToIngredient({ fdcId: 1, description: 'Test', foodNutrients: rows });
    expect(food.data.nutrients).toEqual({ protein_g: 3, fat_g: 1.5, energy_kcal: 100, vitamin_c_mg: 0 });
  });
});
