import { describe, expect, it } from 'vitest';
import { mergeIngredientData } from '../../../shared/ingredients/merge';
import type { IngredientData } from '../../../shared/ingredients/types';

const usda: IngredientData = {
  name: 'cheese, cheddar',
  nutrients: { energy_kcal: 408, protein_g: 23.3, fat_g: 34, carbohydrate_g: 2.44, omega3_g: 0.127 },
  flags: ['refined_sugar'],
  flag_reasons: { refined_sugar: 'from USDA text' },
  additives: ['e999'],
  category: 'Dairy and Egg Products',
  sources: [{ name: 'USDA FoodData Central', id: '328637', detail: 'Cheese, cheddar (Foundation)' }],
};

const off: IngredientData = {
  name: 'Cheddar',
  nutrients: { energy_kcal: 400, protein_g: 25, fiber_g: 0, sugars_g: 0.1 },
  glycemic_index: 0,
  flags: ['artificial_colour'],
  flag_reasons: { artificial_colour: 'additive E160b (annatto)' },
  additives: ['e160b'],
  allergens: ['milk'],
  category: 'cheddar',
  sources: [{ name: 'Open Food Facts', id: '3596710347643', detail: 'Cheddar' }],
};

describe('mergeIngredientData (ADR merge table)', () => {
  it('takes macronutrients from USDA and fills the gaps from Open Food Facts, recording each source', () => {
    const m = mergeIngredientData('cheddar cheese', usda, off)!;
    expect(m.data.name).toBe('cheddar cheese');
    expect(m.data.nutrients).toEqual({ energy_kcal: 408, protein_g: 23.3, fat_g: 34, carbohydrate_g: 2.44, omega3_g: 0.127, fiber_g: 0, sugars_g: 0.1 });
    expect(m.provenance.energy_kcal).toBe('USDA FoodData Central');
    expect(m.provenance.protein_g).toBe('USDA FoodData Central');
    expect(m.provenance.fiber_g).toBe('Open Food Facts');
    expect(m.provenance.sugars_g).toBe('Open Food Facts');
  });

  it('takes glycemic index from USDA when present, else Open Food Facts', () => {
    expect(mergeIngredientData('x', usda, off)!.data.glycemic_index).toBe(0);
    expect(mergeIngredientData('x', usda, off)!.provenance.glycemic_index).toBe('Open Food Facts');
    const withGi = mergeIngredientData('x', { ...usda, glycemic_index: 39, sources: [{ name: 'Glycemic index table', detail: 'Apple' }] }, { ...off, glycemic_index: 50 })!;
    expect(withGi.data.glycemic_index).toBe(39);
    expect(withGi.provenance.glycemic_index).toBe('Glycemic index table');
    // null means unknown and does not hide the fallback
    expect(mergeIngredientData('x', { ...usda, glycemic_index: null }, { ...off, glycemic_index: 50 })!.data.glycemic_index).toBe(50);
  });

  it('takes additives from Open Food Facts only', () => {
    expect(mergeIngredientData('x', usda, off)!.data.additives).toEqual(['e160b']);
    expect(mergeIngredientData('x', usda, null)!.data.additives).toBeUndefined();
    expect(mergeIngredientData('x', usda, null)!.provenance.additives).toBeUndefined();
  });

  it('takes allergens from Open Food Facts (even an empty list), else USDA', () => {
    expect(mergeIngredientData('x', { ...usda, allergens: ['soybeans'] }, off)!.data.allergens).toEqual(['milk']);
    expect(mergeIngredientData('x', { ...usda, allergens: ['soybeans'] }, { ...off, allergens: [] })!.data.allergens).toEqual([]);
    const fallback = mergeIngredientData('x', { ...usda, allergens: ['soybeans'] }, { ...off, allergens: undefined })!;
    expect(fallback.data.allergens).toEqual(['soybeans']);
    expect(fallback.provenance.allergens).toBe('USDA FoodData Central');
  });

  it('takes category from Open Food Facts, else USDA', () => {
    expect(mergeIngredientData('x', usda, off)!.data.category).toBe('cheddar');
    const fallback = mergeIngredientData('x', usda, { ...off, category: undefined })!;
    expect(fallback.data.category).toBe('Dairy and Egg Products');
    expect(fallback.provenance.category).toBe('USDA FoodData Central');
  });

  it('unites flags with their reasons and lists both sources once', () => {
    const m = mergeIngredientData('x', usda, off)!;
    expect([...m.data.flags].sort()).toEqual(['artificial_colour', 'refined_sugar']);
    expect(m.data.flag_reasons).toEqual({ artificial_colour: 'additive E160b (annatto)', refined_sugar: 'from USDA text' });
    expect(m.data.sources.map((s) => s.name)).toEqual(['USDA FoodData Central', 'Open Food Facts']);
    expect(mergeIngredientData('x', usda, { ...off, sources: [...usda.sources] })!.data.sources).toHaveLength(1);
  });

  it('works with one side and returns null with none', () => {
    const onlyOff = mergeIngredientData('coke zero', null, off)!;
    expect(onlyOff.data.nutrients).toEqual(off.nutrients);
    expect(onlyOff.provenance.energy_kcal).toBe('Open Food Facts');
    expect(mergeIngredientData('x', null, undefined)).toBeNull();
  });

  it('does not share arrays with its inputs', () => {
    const m = mergeIngredientData('x', usda, off)!;
    m.data.additives!.push('e100');
    expect(off.additives).toEqual(['e160b']);
  });
});
