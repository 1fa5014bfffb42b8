import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISHES, MEASURED_DISHES } from '../../../shared/ingredients/dishes';
import { DISH_FLAG_SHARE, NUTRIENT_COLUMNS, decodeFoodTable, dishKnowledge, lookup, searchFoods, toIngredientData, type FoodEntry } from '../../../shared/ingredients/food-table';
import { knowledgeFor } from '../../../shared/ingredients/knowledge';
import { resolveIngredient } from '../../../shared/ingredients/normalise';
import { scoreIngredient } from '../../../shared/scoring';

const table = decodeFoodTable(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/ingredients/foods.data.json'), 'utf8')));

describe('bundled dishes (shared/ingredients/dishes.ts, built into foods.data.json)', () => {
  const computed = table.entries.filter((e) => e.made_of && !e.ndb);

  it('has at least 150 dishes computed from their parts, each part an SR28 food of the table', () => {
    expect(computed.length).toBeGreaterThanOrEqual(150);
    expect(computed.length).toBe(DISHES.length);
    for (const d of computed) {
      expect(d.made_of!.length, d.name).toBeGreaterThan(0);
      for (const p of d.made_of!) {
        const part = table.entries[table.index.get(p.name)!];
        expect(part?.ndb, `${d.name}: ${p.name}`).toMatch(/^\d{5}$/);
        expect(p.grams).toBeGreaterThan(0);
      }
    }
  });

  it('includes the everyday dishes and drinks the issue names', () => {
    for (const n of ['pizza', 'lasagna', 'latte', 'cappuccino', 'smoothie', 'tzatziki', 'gnocchi', 'burrito', 'curry', 'sushi', 'kombucha', 'oat milk', 'guacamole', 'hummus', 'samosa', 'tiramisu', 'pad thai', 'ramen', 'falafel wrap', 'porridge', 'pancakes', 'sweet potato fries', 'string cheese', 'matcha latte', 'chai latte', 'bubble tea', 'shakshuka']) {
      const e = resolveIngredient(n, table);
      expect(e?.made_of?.length, n).toBeGreaterThan(0);
    }
  });

  it('gives a dish the gram-weighted mean of its parts per 100 g', () => {
    const latte = resolveIngredient('latte', table)!;
    const parts = latte.made_of!.map((p) => ({ ...p, e: resolveIngredient(p.name, table)! }));
    const total = parts.reduce((s, p) => s + p.grams, 0);
    for (const c of ['energy_kcal', 'protein_g', 'fat_g', 'sugars_g', 'caffeine_mg'] as const) {
      const expected = parts.reduce((s, p) => s + (p.e.nutrients[c] ?? 0) * p.grams, 0) / total;
      expect(latte.nutrients[c], c).toBeCloseTo(expected, 2);
    }
    expect(latte.curated.energy_kcal).toMatch(/gram-weighted/);
  });

  it('leaves a value unknown when parts over 5 % of the serving lack it', () => {
    for (const d of computed) {
      for (const c of NUTRIENT_COLUMNS) {
        const unknown = (e: FoodEntry | undefined) => e!.nutrients[c] === undefined && (c !== 'caffeine_mg' || e!.flags.includes('caffeine'));
        const missing = d.made_of!.filter((p) => unknown(resolveIngredient(p.name, table))).reduce((s, p) => s + p.grams, 0);
        const total = d.made_of!.reduce((s, p) => s + p.grams, 0);
        if (missing / total > 0.05) expect(d.nutrients[c], `${d.name} ${c}`).toBeUndefined();
        else expect(d.nutrients[c], `${d.name} ${c}`).toBeTypeOf('number');
      }
    }
  });

  it('inherits a flag only from parts making up at least a tenth of the serving', () => {
    const k = dishKnowledge([{ name: 'yogurt', grams: 50 }, { name: 'garlic', grams: 2 }, { name: 'cucumber', grams: 48 }]);
    expect(knowledgeFor('garlic').flags).toContain('prebiotic');
    expect(k.flags).toContain('fermented');
    expect(k.flag_reasons.fermented).toMatch(/^yogurt: /);
    expect(k.flags).not.toContain('prebiotic');
    expect(DISH_FLAG_SHARE).toBe(0.1);
    expect(resolveIngredient('tzatziki', table)!.flags).toContain('fermented');
  });

  it('scores a dish with reasons naming what it is made of', () => {
    const gnocchi = lookup(table, 'gnocchi')!;
    expect(gnocchi.sources.map((s) => s.name)).toContain('USDA SR28');
    expect(gnocchi.sources.find((s) => s.name === 'Aurea knowledge table')?.detail).toMatch(/made of potato 80 g, flour 25 g/);
    const s = scoreIngredient(gnocchi);
    expect(s.reasons.length).toBeGreaterThan(0);
    expect(s.scores.overall_score).toBeGreaterThan(0);
  });

  it('is searchable by name and alias like any table food', () => {
    expect(searchFoods(table, 'lasag')[0]?.name).toBe('lasagna');
    expect(searchFoods(table, 'tzatz')[0]?.name).toBe('tzatziki');
    expect(resolveIngredient('Spag Bol', table)?.name).toBe('spaghetti bolognese');
    expect(resolveIngredient('boba', table)?.name).toBe('bubble tea');
  });

  it('keeps SR28 values for dishes measured as a whole and records their parts', () => {
    for (const name of Object.keys(MEASURED_DISHES)) {
      const e = resolveIngredient(name, table)!;
      expect(e.ndb, name).toMatch(/^\d{5}$/);
      expect(e.made_of?.length, name).toBeGreaterThan(0);
      expect(toIngredientData(e).sources[0]).toMatchObject({ name: 'USDA SR28', id: e.ndb });
    }
  });
});
