import { describe, expect, it } from 'vitest';
import { cleanMeals, dayIngredients, mealForTime, mealIdFor, mealLabel, mealPatterns, mealsLine, mealsOfLog, sortMeals } from '../../../shared/diary/meals';
import { analyseDiary } from '../../../shared/insights';

describe('meals of a day', () => {
  it('derives ids from names, so one name is one meal on every device', () => {
    expect(mealIdFor('Lunch')).toBe('lunch');
    expect(mealIdFor('  Late snack ')).toBe('late-snack');
    expect(mealIdFor('Goûter 🍪')).toBe('goûter');
    expect(mealIdFor('')).toBe('day');
  });

  it('orders meals by time, and meals without a time where their name usually falls', () => {
    const sorted = sortMeals([
      { id: 'snacks', name: 'Snacks', time: null, ingredients: ['nuts'] },
      { id: 'dinner', name: 'Dinner', time: null, ingredients: ['rice'] },
      { id: 'brunch', name: 'Brunch', time: '10:30', ingredients: ['egg'] },
      { id: 'breakfast', name: 'Breakfast', time: null, ingredients: ['oats'] },
      { id: 'lunch', name: 'Lunch', time: '13:15', ingredients: ['soup'] },
    ]);
    expect(sorted.map((m) => m.name)).toEqual(['Breakfast', 'Brunch', 'Lunch', 'Dinner', 'Snacks']);
  });

  it('cleans meals: names trimmed, foods normalised, same-named meals joined, empty meals dropped', () => {
    expect(
      cleanMeals([
        { id: 'a', name: ' Lunch ', time: '12:00', ingredients: ['Eggs', 'eggs'] },
        { id: 'b', name: 'lunch', time: null, ingredients: ['Toast'] },
        { id: 'c', name: 'Snacks', time: null, ingredients: [] },
      ]),
    ).toEqual([{ id: 'lunch', name: 'Lunch', time: '12:00', ingredients: ['egg', 'toast'] }]);
  });

  it("keeps the ADR's daily model: a day's foods are the union of its meals, and the analysis reads only those", () => {
    const meals = [
      { id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk'] },
      { id: 'lunch', name: 'Lunch', time: '12:00', ingredients: ['milk', 'bread'] },
    ];
    expect(dayIngredients(meals)).toEqual(['oats', 'milk', 'bread']);
    // The same days with and without meals give the same analysis, number for number.
    const days = Array.from({ length: 30 }, (_, i) => ({
      date: `2026-04-${String(i + 1).padStart(2, '0')}`,
      ingredients: i % 2 ? ['oats', 'milk', 'bread'] : ['rice'],
      symptoms: { bloating: i % 2 ? 3 + (i % 3) : i % 3 },
    }));
    const withMeals = days.map((d) => ({ ...d, meals: [{ id: 'day', name: '', time: null, ingredients: d.ingredients }] }));
    expect(analyseDiary(withMeals)).toEqual(analyseDiary(days));
  });

  it('reads a day logged before meals as one meal without a name, and says so in one line', () => {
    expect(mealsOfLog({ ingredients: ['milk'] })).toEqual([{ id: 'day', name: '', time: null, ingredients: ['milk'] }]);
    expect(mealsOfLog({ ingredients: [] })).toEqual([]);
    expect(mealsLine({ ingredients: ['milk', 'oats'] })).toBe('milk, oats');
    expect(mealsLine({ ingredients: [], meals: [{ id: 'lunch', name: 'Lunch', time: '12:30', ingredients: ['soup'] }] })).toBe('Lunch 12:30: soup');
    expect(mealLabel({ name: '', time: null })).toBe('Food');
  });

  it('suggests the meal of the hour', () => {
    expect([7, 12, 18, 23].map(mealForTime)).toEqual(['Breakfast', 'Lunch', 'Dinner', 'Snacks']);
  });
});

describe('meal patterns for the report', () => {
  it('counts each meal and its usual time, in the order of the day', () => {
    const day = (b: string | null, d: string | null) => ({
      ingredients: ['x'],
      meals: [
        { id: 'dinner', name: 'Dinner', time: d, ingredients: ['x'] },
        { id: 'breakfast', name: 'Breakfast', time: b, ingredients: ['x'] },
      ],
    });
    expect(mealPatterns([day('08:00', '19:00'), day('07:30', null), day('09:00', '20:00'), { ingredients: ['y'] }])).toEqual([
      { name: 'Breakfast', days: 3, usualTime: '08:00' },
      { name: 'Dinner', days: 3, usualTime: '19:00' },
    ]);
  });
});
