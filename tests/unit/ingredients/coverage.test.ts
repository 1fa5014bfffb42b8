import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFoodTable, lookup } from '../../../shared/ingredients/food-table';
import { scoreIngredient } from '../../../shared/scoring';

/**
 * Issue 14, coverage: the held-out list of everyday names (tests/golden/everyday-names.txt, written
 * before the dishes were added; 309 of 467 = 66.2 % resolved then) must resolve offline to a food, a dish
 * or a product kind, each with the scorer's reasons.
 */
const table = decodeFoodTable(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/ingredients/foods.data.json'), 'utf8')));
const names = readFileSync(resolve(import.meta.dirname, '../../golden/everyday-names.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

describe('offline coverage of everyday names', () => {
  it('resolves at least 98 % of the held-out list, each with the scorer\'s reasons', () => {
    expect(names.length).toBeGreaterThanOrEqual(390);
    const misses: string[] = [];
    for (const n of names) {
      const data = lookup(table, n);
      if (!data) {
        misses.push(n);
        continue;
      }
      expect(scoreIngredient(data).reasons.length, n).toBeGreaterThan(0);
    }
    const share = (names.length - misses.length) / names.length;
    console.info(`coverage: ${names.length - misses.length}/${names.length} (${(100 * share).toFixed(1)} %); misses: ${misses.join(', ') || 'none'}`);
    expect(share).toBeGreaterThanOrEqual(0.98);
  });
});
