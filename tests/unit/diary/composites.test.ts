import { describe, expect, it } from 'vitest';
import { cleanComposites, expandedIngredients, withComposite } from '../../../shared/diary/composites';
import { diaryForAnalysis } from '../../../shared/diary/for-analysis';
import { buildLog } from '../../../shared/diary/logs';
import { planImport } from '../../../shared/diary/import';
import { dailyLog, exportFile, type Composite, type DailyLog } from '../../../shared/schema';

const NOW = '2026-05-01T10:00:00.000Z';
const lasagna: Composite = { name: 'Lasagna', kind: 'dish', ingredients: ['wheat pasta', 'Beef', 'tomato', 'onion', 'milk'] };
const oatly: Composite = { name: 'oatly oat drink', kind: 'product', barcode: '7394376616037', ingredients: ['oats', 'rapeseed oil', 'salt'] };

describe('dishes and products within a day', () => {
  it('keeps the item by its name among the foods and records what it is made of, normalised', () => {
    const log = buildLog({ date: '2026-04-30', ingredients: ['lasagna', 'apple'], composites: [lasagna], symptoms: { bloating: 2 } }, undefined, NOW, () => 'id-1');
    expect(log.ingredients).toEqual(['lasagna', 'apple']);
    expect(log.composites).toEqual([{ name: 'lasagna', kind: 'dish', ingredients: ['wheat pasta', 'beef', 'tomato', 'onion', 'milk'] }]);
    expect(dailyLog.safeParse(log).success).toBe(true);
  });

  it('drops an item once its food is removed from the day, and keeps saved items when the form sends none', () => {
    const first = buildLog({ date: '2026-04-30', ingredients: ['lasagna', 'oatly oat drink'], composites: [lasagna, oatly], symptoms: {} }, undefined, NOW, () => 'id-1');
    const kept = buildLog({ date: '2026-04-30', ingredients: ['lasagna', 'oatly oat drink', 'tea'], symptoms: {} }, first, NOW, () => 'id-2');
    expect(kept.composites?.map((c) => c.name)).toEqual(['lasagna', 'oatly oat drink']);
    const removed = buildLog({ date: '2026-04-30', ingredients: ['tea'], symptoms: {} }, kept, NOW, () => 'id-3');
    expect(removed.composites).toBeUndefined();
  });

  it('expands items for the analysis and leaves a day without items exactly as it was', () => {
    const plain = { ingredients: ['rice', 'egg'] };
    expect(expandedIngredients(plain)).toBe(plain.ingredients);
    const day = { ingredients: ['lasagna', 'onion', 'oatly oat drink'], composites: cleanComposites([lasagna, oatly], ['lasagna', 'onion', 'oatly oat drink']) };
    expect(expandedIngredients(day)).toEqual(['lasagna', 'onion', 'oatly oat drink', 'wheat pasta', 'beef', 'tomato', 'milk', 'oats', 'rapeseed oil', 'salt']);
  });

  it('gives the analysis the expanded foods; a diary without items is returned as the same objects', () => {
    const plain: Pick<DailyLog, 'date' | 'ingredients' | 'symptoms' | 'cycle_phase'>[] = [{ date: '2026-04-01', ingredients: ['rice'], symptoms: { bloating: 1 }, cycle_phase: null }];
    expect(diaryForAnalysis(plain)[0]).toBe(plain[0]);
    const withDish = [{ date: '2026-04-01', ingredients: ['lasagna'], composites: [{ ...lasagna, name: 'lasagna' }], symptoms: { bloating: 1 }, cycle_phase: null }];
    expect(diaryForAnalysis(withDish)[0]!.ingredients).toContain('onion');
  });

  it('never lists an item as its own ingredient, and replaces an item of the same name', () => {
    expect(cleanComposites([{ name: 'milk', kind: 'product', ingredients: ['Milk', 'vitamin d'] }], ['milk'])[0]!.ingredients).toEqual(['vitamin d']);
    const list = withComposite(withComposite([], lasagna), { ...lasagna, ingredients: ['rice'] });
    expect(list).toEqual([{ ...lasagna, name: 'lasagna', ingredients: ['rice'] }]);
  });

  it('refuses a malformed barcode or a duplicated item with a clear message', () => {
    const bad = dailyLog.safeParse({ id: 'x', date: '2026-04-30', ingredients: ['oatly'], composites: [{ name: 'oatly', kind: 'product', barcode: '12ab', ingredients: [] }], symptoms: {}, created_at: NOW, updated_at: NOW });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/barcode of 8 to 14 digits/);
    const dup = dailyLog.safeParse({ id: 'x', date: '2026-04-30', ingredients: ['a'], composites: [{ name: 'a', kind: 'dish', ingredients: [] }, { name: 'a', kind: 'dish', ingredients: [] }], symptoms: {}, created_at: NOW, updated_at: NOW });
    expect(dup.error?.issues[0]?.message).toMatch(/listed once/);
  });

  it('survives an export and import round trip', () => {
    const file = exportFile.parse({ format: 'aurea.export', version: 2, exported_at: NOW, logs: [{ date: '2026-04-30', ingredients: ['lasagna'], composites: [lasagna], symptoms: { bloating: 3 } }] });
    const plan = planImport(file, new Map(), [], NOW, () => 'new-id');
    expect(plan.writes[0]!.composites).toEqual([{ name: 'lasagna', kind: 'dish', ingredients: ['wheat pasta', 'beef', 'tomato', 'onion', 'milk'] }]);
  });
});
