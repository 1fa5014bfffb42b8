import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasPairs, cleanName, normaliseIngredient, singularWord } from '../../../shared/ingredients/normalise';

describe('normaliseIngredient', () => {
  it.each([
    ['  Blueberries! ', 'blueberry'],
    ['Tomatoes', 'tomato'],
    ['POTATOES', 'potato'],
    ['Bay Leaves', 'bay leaf'],
    ['Eggs', 'egg'],
    ['chickpeas', 'chickpea'],
    ['Almonds', 'almond'],
    ['cherries', 'cherry'],
    ['anchovies', 'anchovy'],
    ['peaches', 'peach'],
    ['radishes', 'radish'],
    ['quiches', 'quiche'],
    ['olives', 'olive'],
    ['cloves', 'clove'],
    ['cookies', 'cookie'],
    ['pies', 'pie'],
    ['avocados', 'avocado'],
    ['glasses', 'glass'],
    ['cheeses', 'cheese'],
    ['geese', 'goose'],
    ['Brussels Sprouts', 'brussels sprout'],
    ['green beans', 'green bean'],
  ])('singularises the last word: %j → %j', (raw, expected) => {
    expect(normaliseIngredient(raw)).toBe(expected);
  });

  it.each(['oats', 'hummus', 'asparagus', 'couscous', 'molasses', 'swiss chard', 'grits', 'collard greens', 'french fries', 'cornflakes', 'rice', 'lettuce', 'fish and chips', 'citrus', 'bass'])(
    'keeps plural-only and mass nouns: %j',
    (name) => {
      expect(normaliseIngredient(name)).toBe(name);
    },
  );

  it('only singularises the head (last) word', () => {
    expect(normaliseIngredient('peas and carrots')).toBe('peas and carrot');
    expect(normaliseIngredient('chia seeds')).toBe('chia seed');
  });

  it.each([
    ['Jalapeño', 'jalapeno'],
    ['Crème Fraîche', 'creme fraiche'],
    ["M&M's", 'm and ms'],
    ['2% milk', '2 percent milk'],
    ['stir-fry', 'stir fry'],
    ["lamb's lettuce", 'lambs lettuce'],
    ['  extra   virgin\tolive  oil ', 'extra virgin olive oil'],
    ['', ''],
    ['!!! ...', ''],
  ])('cleans case, accents and punctuation: %j → %j', (raw, expected) => {
    expect(normaliseIngredient(raw)).toBe(expected);
  });

  it('keeps letters of other scripts intact', () => {
    expect(normaliseIngredient('豆腐')).toBe('豆腐');
    expect(normaliseIngredient('Ελιές')).toBe('ελιές');
  });

  it.each([
    ['Scallions', 'green onion'],
    ['spring onion', 'green onion'],
    ['Whole Milk', 'milk'],
    ['Coke Zero', 'diet soda'],
    ['diet coke', 'diet soda'],
    ['garbanzo beans', 'chickpea'],
    ['curd', 'yogurt'],
    ['Yoghurt', 'yogurt'],
    ['Greek yoghurt', 'greek yogurt'],
    ['chillies', 'chili'],
    ['soya sauce', 'soy sauce'],
    ['aubergine', 'eggplant'],
    ['courgettes', 'zucchini'],
    ['prawns', 'shrimp'],
  ])('applies the alias table: %j → %j', (raw, expected) => {
    expect(normaliseIngredient(raw)).toBe(expected);
  });

  it('does not rewrite phrases that only contain an alias', () => {
    expect(normaliseIngredient('lemon curd')).toBe('lemon curd');
    expect(normaliseIngredient('skim milk')).toBe('skim milk');
  });

  it('every alias target is a fixed point and no alias maps to itself', () => {
    for (const [alias, target] of aliasPairs()) {
      expect(alias).not.toBe(target);
      expect(normaliseIngredient(target)).toBe(target);
      expect(normaliseIngredient(alias)).toBe(target);
    }
  });

  const foodWords = ['apple', 'Berries', 'TOMATOES', 'leaves', 'oats', 'peaches', 'cookie', 'pies', 'whole', 'milk', 'coke', 'zero', 'spring', 'onion', 'chillies', 'yoghurt', 'garbanzo', 'beans', 'curd', 'glasses', 'quiches', 'geese', 'crème', "m&m's", '2%', 'bass', 'hummus', 'fish', 'and', 'chips', 'soya', 'ss', 'us', 'ies', 'es', 's'];
  const punctuation = fc.constantFrom(' ', '  ', '-', ', ', '!', "'", '&', '%', '.', '\t', '/');
  const foodish = fc.array(fc.tuple(fc.constantFrom(...foodWords), punctuation), { maxLength: 6 }).map((parts) => parts.map(([w, p]) => w + p).join(''));

  it('is idempotent on food-like names (property)', () => {
    fc.assert(
      fc.property(foodish, (s) => {
        const once = normaliseIngredient(s);
        expect(normaliseIngredient(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const once = normaliseIngredient(s);
        expect(normaliseIngredient(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const once = normaliseIngredient(s);
        expect(normaliseIngredient(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('produces lowercase, single-spaced, trimmed names (property)', () => {
    fc.assert(
      fc.property(fc.oneof(foodish, fc.string({ maxLength: 30 })), (s) => {
        const n = normaliseIngredient(s);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s{2}/);
        expect(n).not.toMatch(/[A-Z]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('singularWord is idempotent on words (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{0,12}$/), (w) => {
        expect(singularWord(singularWord(w))).toBe(singularWord(w));
      }),
      { numRuns: 5000 },
    );
  });

  it('cleanName keeps plurals and aliases (for type-ahead)', () => {
    expect(cleanName('Scallions!')).toBe('scallions');
  });
});
