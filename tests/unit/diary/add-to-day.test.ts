import { describe, expect, it } from 'vitest';
import { addFoodToLog, dayFoodName, productComposite } from '../../../shared/diary/add-to-day';
import { buildLog } from '../../../shared/diary/logs';
import { expandedIngredients } from '../../../shared/diary/composites';
import { matchKnownProducts, mergeKnownProducts, productsFromLogs, productsFromLookups, withKnownProducts } from '../../../shared/diary/known-products';
import type { DailyLog } from '../../../shared/schema';

const NOW = '2026-03-02T12:00:00.000Z';
let ids = 0;
const save = (input: Parameters<typeof buildLog>[0], existing?: DailyLog) => buildLog(input, existing, NOW, () => `id-${++ids}`);

const bread = productComposite({ name: 'Crousti Moelleux Complet', barcode: '3029330003533', ingredients: ['whole wheat flour', 'flour', 'yeast', 'salt'] });

describe('a product as a day’s item', () => {
  it('keeps the name (normalised, with the label’s own beside it), the barcode and the canonical ingredients', () => {
    expect(bread).toEqual({ name: 'crousti moelleux complet', kind: 'product', barcode: '3029330003533', label: 'Crousti Moelleux Complet', ingredients: ['whole wheat flour', 'flour', 'yeast', 'salt'] });
    // A name the normaliser turns into a common food still says which product it was.
    expect(productComposite({ name: 'Coca-Cola Zero', barcode: '5449000131805', ingredients: ['carbonated water', 'aspartame'] })).toMatchObject({ name: 'diet soda', label: 'Coca-Cola Zero' });
  });

  it('without an ingredient list it is still a product, contributing nothing beyond its name', () => {
    const plain = productComposite({ name: 'Fuze Tea', barcode: '5449000179661', ingredients: [] });
    expect(plain).toEqual({ name: 'fuze tea', kind: 'product', barcode: '5449000179661', label: 'Fuze Tea', ingredients: [] });
    const day = save(addFoodToLog(undefined, { date: '2026-03-02', meal: 'Lunch', name: 'Fuze Tea', composite: plain }));
    expect(day.composites).toEqual([plain]);
    expect(expandedIngredients(day)).toEqual(['fuze tea']);
  });

  it('drops a barcode that is not 8 to 14 digits rather than refusing the product', () => {
    expect(productComposite({ name: 'x bar', barcode: '12', ingredients: ['oats'] })).toEqual({ name: 'x bar', kind: 'product', ingredients: ['oats'] });
  });

  it('cuts a very long product name to what a day holds', () => {
    const long = 'a'.repeat(50) + ' ' + 'b'.repeat(50);
    expect([...dayFoodName(long)].length).toBeLessThanOrEqual(80);
  });
});

describe('adding a food to a day', () => {
  it('an empty day: the food in the chosen meal, the product’s ingredients in the analysis', () => {
    const input = addFoodToLog(undefined, { date: '2026-03-02', meal: 'Lunch', name: bread.name, composite: bread });
    const day = save(input);
    expect(day.meals).toEqual([{ id: 'lunch', name: 'Lunch', time: null, ingredients: ['crousti moelleux complet'] }]);
    expect(day.ingredients).toEqual(['crousti moelleux complet']);
    expect(day.composites).toEqual([bread]);
    expect(expandedIngredients(day)).toEqual(['crousti moelleux complet', 'whole wheat flour', 'flour', 'yeast', 'salt']);
  });

  it('keeps everything already saved: other meals, symptoms, notes, marks, other items', () => {
    const before = save({
      date: '2026-03-02',
      ingredients: [],
      meals: [{ id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk'] }],
      symptoms: { bloating: 3 },
      cycle_phase: 'luteal',
      notes: 'slept badly',
      period: true,
      stool_types: [4],
      composites: [],
    });
    const after = save(addFoodToLog(before, { date: '2026-03-02', meal: 'Breakfast', name: bread.name, composite: bread }), before);
    expect(after.meals).toEqual([{ id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk', 'crousti moelleux complet'] }]);
    expect(after.symptoms).toEqual({ bloating: 3 });
    expect(after.notes).toBe('slept badly');
    expect(after.cycle_phase).toBe('luteal');
    expect(after.period).toBe(true);
    expect(after.stool_types).toEqual([4]);
    expect(after.id).toBe(before.id);
    expect(after.created_at).toBe(before.created_at);
  });

  it('a plain food joins the meal without an item; adding it twice keeps one', () => {
    const once = save(addFoodToLog(undefined, { date: '2026-03-02', meal: 'Dinner', name: 'Salmon' }));
    const twice = save(addFoodToLog(once, { date: '2026-03-02', meal: 'Dinner', name: 'salmon' }), once);
    expect(twice.meals?.[0]?.ingredients).toEqual(['salmon']);
    expect(twice.composites).toBeUndefined();
  });

  it('a day logged as one list before meals existed keeps its list; the food joins it', () => {
    const old = save({ date: '2026-03-01', ingredients: ['rice', 'egg'], symptoms: {} });
    const after = save(addFoodToLog(old, { date: '2026-03-01', meal: 'Lunch', name: bread.name, composite: bread }), old);
    expect(after.meals).toBeUndefined();
    expect(after.ingredients).toEqual(['rice', 'egg', 'crousti moelleux complet']);
    expect(after.composites).toEqual([bread]);
  });

  it('no meal chosen on a day without meals: the food joins the day', () => {
    const day = save(addFoodToLog(undefined, { date: '2026-03-02', meal: null, name: 'kombucha' }));
    expect(day.meals).toBeUndefined();
    expect(day.ingredients).toEqual(['kombucha']);
  });

  it('the same product logged again updates its item (the newer label wins) and keeps one entry', () => {
    const first = save(addFoodToLog(undefined, { date: '2026-03-02', meal: 'Lunch', name: bread.name, composite: { ...bread, ingredients: ['flour'] } }));
    const again = save(addFoodToLog(first, { date: '2026-03-02', meal: 'Dinner', name: bread.name, composite: bread }), first);
    expect(again.composites).toEqual([bread]);
    expect(again.ingredients).toEqual(['crousti moelleux complet']);
  });

  it('refuses a name without a letter or digit', () => {
    expect(() => addFoodToLog(undefined, { date: '2026-03-02', meal: 'Lunch', name: '  ?! ' })).toThrow(/letter or digit/);
  });
});

describe('products known on this device', () => {
  const lookups = productsFromLookups([
    { name: 'Crousti Moelleux Complet', barcode: '3029330003533', brand: 'Harrys', ingredients: ['whole wheat flour', 'flour'], fetched_at: '2026-03-01T10:00:00.000Z' },
    { name: 'Oatly Oat Drink', barcode: '7394376616037', ingredients: ['oats', 'rapeseed oil'], fetched_at: '2026-02-01T10:00:00.000Z' },
  ]);
  const logged = productsFromLogs([{ date: '2026-03-02', composites: [{ ...bread }, { name: 'lasagna', kind: 'dish', ingredients: ['pasta'] }] }]);

  it('come from lookups and from the diary (dishes are not products), one per name', () => {
    const known = mergeKnownProducts(lookups, logged);
    expect(known.map((k) => k.composite.name).sort()).toEqual(['crousti moelleux complet', 'oatly oat drink']);
    // The brand from the lookup stays with the newer diary entry.
    expect(known.find((k) => k.composite.name === 'crousti moelleux complet')?.brand).toBe('Harrys');
  });

  it('match what is typed: name start, then a word, then the brand', () => {
    const known = mergeKnownProducts(lookups, logged);
    expect(matchKnownProducts('oat', known).map((k) => k.composite.name)).toEqual(['oatly oat drink']);
    expect(matchKnownProducts('Moëlleux', known).map((k) => k.composite.name)).toEqual(['crousti moelleux complet']);
    expect(matchKnownProducts('harr', known).map((k) => k.composite.name)).toEqual(['crousti moelleux complet']);
    expect(matchKnownProducts('o', known)).toEqual([]);
    expect(matchKnownProducts('pizza', known)).toEqual([]);
  });

  it('a known product’s name added to a day brings its item; foods already described keep theirs', () => {
    const known = mergeKnownProducts(lookups);
    const mine = { name: 'oatly oat drink', kind: 'product' as const, ingredients: ['oats'] };
    expect(withKnownProducts([], ['rice', 'crousti moelleux complet'], known)).toEqual([known.find((k) => k.composite.name === 'crousti moelleux complet')!.composite]);
    expect(withKnownProducts([mine], ['oatly oat drink'], known)).toEqual([mine]);
  });
});
