import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFoodTable } from '../../../shared/ingredients/food-table';
import { normaliseIngredient, resolveIngredient } from '../../../shared/ingredients/normalise';
import { additiveByName } from '../../../shared/ingredients/additives';
import { MAX_PRODUCT_INGREDIENTS, parseOffIngredients, readOffIngredientNodes, textToNodes } from '../../../shared/ingredients/off-ingredients';
import { parseOffProductResponse } from '../../../sync-server/upstream/off-parse';
import { carriesComponent } from '../../../shared/ingredients/components';

const table = decodeFoodTable(JSON.parse(readFileSync(resolve(__dirname, '../../../shared/ingredients/foods.data.json'), 'utf8')));
const tableName = (n: string) => resolveIngredient(n, table)?.name;

describe('reading Open Food Facts’ structured ingredient list', () => {
  it('turns taxonomy ids into the diary’s names, through the food table where it knows them', () => {
    const r = parseOffIngredients(
      {
        ingredients: [
          { id: 'en:wheat-flour', text: 'farine de _blé_', percent_estimate: 60 },
          { id: 'en:whole-fresh-eggs', text: '_oeufs_ entiers frais' },
          { id: 'en:cooked-chickpeas', text: 'Cooked Chickpeas' },
          { id: 'en:onion', text: 'oignon' },
        ],
      },
      tableName,
    );
    expect(r).toEqual({ names: ['flour', 'egg', 'chickpea', 'onion'], from: 'list', unread: [] });
  });

  it('drops E-numbers and additive function words, but keeps additives the food table carries as foods', () => {
    const r = parseOffIngredients(
      {
        ingredients: [
          { id: 'en:acid', text: 'acidifiant', ingredients: [{ id: 'en:e330', text: 'acide citrique' }] },
          { id: 'en:sweetener', text: 'édulcorants', ingredients: [{ id: 'en:e951' }, { id: 'en:e420', text: 'sorbitol' }, { id: 'en:e950' }] },
          { id: 'en:emulsifier', ingredients: [{ id: 'en:e322', text: 'lécithines' }] },
          { id: 'en:natural-flavouring', text: 'arômes naturels' },
          { id: 'en:caffeine-flavour', text: 'Aroma Koffein' },
          { id: 'en:sugar' },
        ],
      },
      tableName,
    );
    expect(r.names).toEqual(['aspartame', 'sorbitol', 'acesulfame k', 'caffeine', 'sugar']);
    // Sorbitol is a polyol: the product carries the component the analysis looks for.
    expect(r.names.some((n) => carriesComponent(n, 'polyols'))).toBe(true);
  });

  it('drops plain water, keeps carbonated water and salt', () => {
    const r = parseOffIngredients({ ingredients: [{ id: 'en:water' }, { id: 'en:carbonated-water' }, { id: 'en:salt' }, { id: 'en:mineral-water' }] }, tableName);
    expect(r.names).toEqual(['sparkling water', 'salt']);
  });

  it('reads nested ingredients; a bracketed name is kept only when the table knows it as a food', () => {
    const r = parseOffIngredients(
      {
        ingredients: [
          { id: 'en:milk-chocolate', ingredients: [{ id: 'en:sugar' }, { id: 'en:cocoa-butter' }, { id: 'en:milk-powder' }] },
          { id: 'en:seasoning packet', ingredients: [{ id: 'en:peanut' }, { id: 'en:green-onion' }] },
        ],
      },
      tableName,
    );
    expect(r.names).toEqual(['milk chocolate', 'sugar', 'cocoa butter', 'milk powder', 'peanut', 'green onion']);
  });

  it('leaves names in another language out (they cannot match the diary) and reports them', () => {
    const r = parseOffIngredients({ ingredients: [{ id: 'fr:Radiatori cuits', text: 'Radiatori cuits', ingredients: [{ id: 'en:durum-wheat-semolina' }] }, { id: 'fr:feuille azyme', text: 'feuille azyme' }, { id: 'en:pork' }] }, tableName);
    expect(r.names).toEqual(['durum wheat semolina', 'pork']);
    expect(r.unread).toEqual(['feuille azyme']);
  });

  it('reads older bodies whose ids have no language prefix', () => {
    expect(parseOffIngredients({ ingredients: [{ id: 'sugar' }, { id: 'full-cream-milk-powder' }, { id: 'e171' }, { id: 'glazing-agent' }] }, tableName).names).toEqual(['sugar', 'full cream milk powder', 'titanium dioxide']);
  });

  it('is defensive about what it reads: no id, bad numbers, deep nesting and non-objects are skipped', () => {
    const deep = (n: number): unknown => (n === 0 ? [{ id: 'en:salt' }] : [{ id: `en:level-${n}`, ingredients: deep(n - 1) }]);
    expect(readOffIngredientNodes([null, 3, 'x', { text: 'no id' }, { id: 'en:sugar', percent: Number.NaN }])).toEqual([{ id: 'en:sugar' }]);
    expect(readOffIngredientNodes('not a list')).toEqual([]);
    expect(JSON.stringify(readOffIngredientNodes(deep(20)))).not.toContain('en:salt');
  });

  it('caps a product at the most ingredients one item holds', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ id: `en:food-number-${'abcdefghij'[i % 10]}${'abcdefghijkl'[Math.floor(i / 10)]}` }));
    expect(parseOffIngredients({ ingredients: many }).names).toHaveLength(MAX_PRODUCT_INGREDIENTS);
  });
});

describe('reading a printed ingredient list (when there is no structured one)', () => {
  it('splits at commas and semicolons, nests brackets, drops percentages, underscores and "contains" statements', () => {
    const r = parseOffIngredients(
      { ingredients_text: 'Wheat flour (72%), _milk_ chocolate 10.5% (sugar, cocoa butter, whole milk powder), water, salt; emulsifier: soy lecithin, citric acid, E330. Contains: milk, wheat. May contain nuts.', lang: 'en' },
      tableName,
    );
    expect(r.from).toBe('text');
    expect(r.names).toEqual(['flour', 'milk chocolate', 'sugar', 'cocoa butter', 'milk powder', 'salt', 'soy lecithin']);
  });

  it('keeps decimal commas inside numbers ("4,4 %") and bare label prefixes out', () => {
    expect(textToNodes('Ingredients: dill 4,4%, noodle: rice, water').map((n) => n.text)).toEqual(['dill', 'rice', 'water']);
  });

  it('does not read a text in another language: it is reported as unread instead', () => {
    const r = parseOffIngredients({ ingredients_text: 'Eau, orge, houblon', lang: 'fr' }, tableName);
    expect(r).toEqual({ names: [], from: 'none', unread: ['Eau, orge, houblon'] });
  });

  it('no list at all gives no names', () => {
    expect(parseOffIngredients({})).toEqual({ names: [], from: 'none', unread: [] });
  });

  it('knows additives by their English names', () => {
    expect(additiveByName('Citric acid')).toBe('e330');
    expect(additiveByName('potassium citrate')).toMatch(/^e332/);
    expect(additiveByName('wheat flour')).toBeNull();
  });
});

// Every real product body in ../shared/data/off/product, through the server's own reader (off-parse.ts).
const PRODUCT_DIR = resolve(__dirname, '../../../../shared/data/off/product');
const haveBodies = existsSync(PRODUCT_DIR);
if (!haveBodies) console.warn(`[skip] ${PRODUCT_DIR} is missing: the parser is not run on real Open Food Facts bodies`);
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : f.endsWith('.json') ? [join(d, f)] : []));

describe.skipIf(!haveBodies)('every real Open Food Facts product body', () => {
  const files = haveBodies ? walk(PRODUCT_DIR) : [];
  it('finds the recorded bodies', () => expect(files.length).toBeGreaterThanOrEqual(40));

  it.each(files.map((f) => [f.slice(PRODUCT_DIR.length + 1), f]))('%s: clean canonical names, no additive codes, nothing non-English', (_label, file) => {
    const body = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const lookup = parseOffProductResponse(body);
    if (!lookup.found) throw new Error(`${file} is not a product`);
    const p = lookup.product;
    const r = parseOffIngredients({ ingredients: p.ingredients, ingredients_text: p.ingredients_text ?? null, lang: p.ingredients_lang ?? null }, tableName);
    const raw = (body as { product?: { ingredients?: unknown[] } }).product?.ingredients ?? (body as { ingredients?: unknown[] }).ingredients;
    if (Array.isArray(raw) && raw.length) expect(r.from === 'list' || r.names.length === 0).toBe(true);
    for (const name of r.names) {
      expect(name, `${name} is normalised`).toBe(normaliseIngredient(name));
      expect(name).not.toMatch(/^e\d{3}/);
      expect(name).not.toMatch(/[^\x20-\x7e]/); // English ids only: no accented foreign words
      expect(['water', 'emulsifier', 'flavouring', 'acid', 'preservative', 'colour']).not.toContain(name);
    }
    expect(new Set(r.names).size).toBe(r.names.length);
  });

  it('reads what people would expect from a few labels', () => {
    const read = (name: string) => {
      const file = files.find((f) => f.includes(name))!;
      const lookup = parseOffProductResponse(JSON.parse(readFileSync(file, 'utf8')));
      if (!lookup.found) throw new Error('not found');
      const p = lookup.product;
      return parseOffIngredients({ ingredients: p.ingredients, ingredients_text: p.ingredients_text ?? null, lang: p.ingredients_lang ?? null }, tableName);
    };
    // Whole-wheat sliced bread: wheat flour is the table's flour (fructans, gluten).
    const bread = read('3029330003533');
    expect(bread.names).toEqual(expect.arrayContaining(['whole wheat flour', 'flour', 'yeast', 'salt']));
    expect(bread.names.some((n) => carriesComponent(n, 'gluten'))).toBe(true);
    // Onion baked beans (v3 envelope): onion and garlic carry fructans.
    const beans = read('0039400016014');
    expect(beans.names).toEqual(expect.arrayContaining(['white bean', 'onion', 'bacon', 'garlic']));
    // Coke Zero: sweeteners and caffeine, no water, no E-numbers.
    expect(read('5000112576009').names).toEqual(['acesulfame k', 'aspartame', 'caffeine', 'caramel color']);
    // Hummus: chickpeas (GOS) read from "Cooked Chickpeas".
    expect(read('9300601768226').names.slice(0, 3)).toEqual(['chickpea', 'canola oil', 'tahini']);
    // A product without any ingredient list.
    expect(read('5601077161035')).toEqual({ names: [], from: 'none', unread: [] });
  });
});
