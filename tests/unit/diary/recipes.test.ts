import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compositesForFoods, dayComposites } from '../../../shared/diary/composites';
import { buildExportFile } from '../../../shared/diary/export';
import { planExtras } from '../../../shared/diary/import-extras';
import { cleanRecipe, planRecipes, recipeFields, recipesFromFields } from '../../../shared/diary/recipes';
import { decodeFoodTable, dishIngredientsOf } from '../../../shared/ingredients/food-table';
import { validateExport, type Recipe } from '../../../shared/schema';

const table = decodeFoodTable(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/ingredients/foods.data.json'), 'utf8')));
const dishes = (name: string) => dishIngredientsOf(table, name);
const myLasagna: Recipe = {
  id: 'r1',
  name: 'lasagna',
  ingredients: [{ name: 'gluten free pasta', grams: 120 }, { name: 'ground turkey', grams: 100 }, { name: 'tomato sauce' }],
  created_at: '2026-05-01T10:00:00.000Z',
  updated_at: '2026-05-01T10:00:00.000Z',
};

describe('cleanRecipe', () => {
  it('tidies names like any food, drops empty rows, adds up a food listed twice and keeps grams optional', () => {
    const r = cleanRecipe({
      name: '  My Lasagna ',
      ingredients: [
        { name: 'Tomatoes', grams: '100' },
        { name: '', grams: '' },
        { name: 'tomato', grams: 50 },
        { name: 'Garlic', grams: '' },
        { name: 'Olive oil', grams: '7,5' },
      ],
    });
    expect(r).toEqual({ ok: true, name: 'my lasagna', ingredients: [{ name: 'tomato', grams: 150 }, { name: 'garlic' }, { name: 'olive oil', grams: 7.5 }] });
  });

  it('refuses input a person can fix, saying what to fix', () => {
    expect(cleanRecipe({ name: ' ', ingredients: [{ name: 'egg' }] })).toEqual({ ok: false, message: 'Give the recipe a name' });
    expect(cleanRecipe({ name: 'soup', ingredients: [{ name: '', grams: '' }] })).toEqual({ ok: false, message: 'Add at least one ingredient' });
    expect(cleanRecipe({ name: 'soup', ingredients: [{ name: 'leek', grams: 'lots' }] })).toMatchObject({ ok: false, message: expect.stringMatching(/Grams of leek must be a number/) });
    expect(cleanRecipe({ name: 'soup', ingredients: [{ name: 'leek', grams: -3 }] })).toMatchObject({ ok: false });
    expect(cleanRecipe({ name: 'soup', ingredients: [{ name: '', grams: '20' }] })).toEqual({ ok: false, message: 'An ingredient has grams but no name' });
    expect(cleanRecipe({ name: 'Soup', ingredients: [{ name: 'soups' }] })).toEqual({ ok: false, message: 'A recipe cannot contain itself (soup)' });
  });
});

describe('compositesForFoods: the one rule for dishes and recipes in a day', () => {
  it('makes a bundled dish a dish item with its parts, and leaves single foods alone', () => {
    const out = compositesForFoods(['latte', 'apple', 'oat milk'], dishes, []);
    expect(out).toEqual([
      { name: 'latte', kind: 'dish', ingredients: ['espresso', 'milk'] },
      // Water is left out: it says nothing about a trigger.
      { name: 'oat milk', kind: 'dish', ingredients: ['oats', 'canola oil', 'salt'] },
    ]);
  });

  it("lets the person's recipe win over a bundled dish of the same name", () => {
    const out = compositesForFoods(['lasagna', 'tiramisu'], dishes, [myLasagna]);
    expect(out[0]).toEqual({ name: 'lasagna', kind: 'recipe', ingredients: ['gluten free pasta', 'ground turkey', 'tomato sauce'] });
    expect(out[1]).toMatchObject({ name: 'tiramisu', kind: 'dish' });
    expect(compositesForFoods(['lasagna'], dishes, [])[0]).toMatchObject({ name: 'lasagna', kind: 'dish', ingredients: expect.arrayContaining(['pasta', 'ground beef']) });
  });

  it('works without the food table (recipes only) and resolves dish aliases', () => {
    expect(compositesForFoods(['lasagna', 'latte'], null, [myLasagna]).map((c) => c.name)).toEqual(['lasagna']);
    expect(compositesForFoods(['spag bol'], dishes, [])[0]).toMatchObject({ name: 'spag bol', kind: 'dish', ingredients: expect.arrayContaining(['spaghetti']) });
  });

  it("keeps a day's saved items (a product, a dish as logged) and adds items only for foods without one", () => {
    const saved = [
      { name: 'latte', kind: 'dish' as const, ingredients: ['espresso', 'skim milk'] },
      { name: 'granola bar', kind: 'product' as const, barcode: '0123456789012', ingredients: ['oats', 'honey'] },
      { name: 'pizza', kind: 'dish' as const, ingredients: ['flour'] },
    ];
    const out = dayComposites(['latte', 'granola bar', 'lasagna', 'apple'], saved, dishes, [myLasagna]);
    expect(out.map((c) => [c.name, c.kind])).toEqual([
      ['latte', 'dish'],
      ['granola bar', 'product'],
      ['lasagna', 'recipe'],
    ]);
    expect(out[0]!.ingredients).toEqual(['espresso', 'skim milk']);
  });
});

describe('recipes in sync and export files', () => {
  it('round-trips through the settings:recipes fields, one per recipe, skipping a damaged one', () => {
    const other: Recipe = { id: 'r2', name: 'green smoothie', ingredients: [{ name: 'kale', grams: 40 }], created_at: 'x', updated_at: 'y' };
    const fields = recipeFields([myLasagna, other]);
    expect(Object.keys(fields)).toEqual(['r1', 'r2']);
    expect(recipesFromFields({ ...fields, r3: { name: 'broken', ingredients: 'nope' }, r4: null })).toEqual([other, myLasagna]);
  });

  it('exports recipes and reads a file with or without them', () => {
    const file = buildExportFile([], [], '2026-06-01T00:00:00.000Z', { recipes: [myLasagna] });
    expect(file.recipes).toEqual([myLasagna]);
    expect(validateExport(JSON.parse(JSON.stringify(file))).ok).toBe(true);
    expect(buildExportFile([], [], '2026-06-01T00:00:00.000Z', {}).recipes).toBeUndefined();
    const bad = validateExport({ ...file, recipes: [{ ...myLasagna, ingredients: [] }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ field: 'recipes[0].ingredients', message: 'add at least one ingredient' });
  });

  it("imports recipes by name: the file's content, the device's id", () => {
    const mine = { ...myLasagna, id: 'device-id', ingredients: [{ name: 'pasta' }] };
    expect(planRecipes([myLasagna], [mine], 'now')).toEqual([{ ...myLasagna, id: 'device-id' }]);
    const file = buildExportFile([], [], 'now', { recipes: [myLasagna] });
    const plan = planExtras(file, { savedMeals: [], challenges: [], recipes: [] }, () => false, 'now');
    expect(plan.recipes).toEqual([myLasagna]);
  });
});
