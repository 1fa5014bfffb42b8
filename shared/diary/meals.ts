/**
 * Meals within a day. The analysis keeps the ADR's daily model: a day's foods are the union of its
 * meals' foods (`dayIngredients`), so every insight number is the same whether a day was logged with
 * meals or as one list. Meals add when and with what a food was eaten, for the person and the report.
 */
import { cleanIngredients } from './ingredients';
import type { DailyLog, Meal } from '../schema';

/** The meals a day offers by default, in the order of a day. */
export const STANDARD_MEALS = ['Breakfast', 'Lunch', 'Dinner', 'Snacks'] as const;

/** The id of the foods of a day logged before meals existed (a meal without a name). */
export const UNNAMED_MEAL_ID = 'day';

/** A meal's id from its name: "Lunch" → "lunch", "Late snack" → "late-snack", "" → "day". */
export function mealIdFor(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .trim()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || UNNAMED_MEAL_ID;
}

/** Where a meal sits in the day: by time when it has one, else where its name usually falls. */
function sortKey(m: Meal): [number, string] {
  const slot = STANDARD_MEALS.findIndex((s) => s.toLowerCase() === m.name.trim().toLowerCase());
  // Typical times for meals without one, so "Lunch" without a time still sorts between 08:00 and 19:00.
  const typical = ['08:00', '12:30', '19:00', '23:58'];
  const time = m.time ?? (slot >= 0 ? typical[slot]! : m.id === UNNAMED_MEAL_ID ? '00:00' : '23:59');
  return [Number(time.slice(0, 2)) * 60 + Number(time.slice(3)), m.name.toLowerCase()];
}

/** Meals in the order of the day. */
export function sortMeals(meals: readonly Meal[]): Meal[] {
  return [...meals].sort((a, b) => {
    const [ta, na] = sortKey(a);
    const [tb, nb] = sortKey(b);
    return ta - tb || (na < nb ? -1 : na > nb ? 1 : 0);
  });
}

/** Cleans meals as stored: names trimmed, ids from names, foods normalised, empty meals dropped. */
export function cleanMeals(meals: readonly Meal[]): Meal[] {
  const byId = new Map<string, Meal>();
  for (const m of meals) {
    const name = m.name.trim();
    const id = mealIdFor(name);
    const ingredients = cleanIngredients(m.ingredients);
    const prev = byId.get(id);
    // Two meals of the same name are one meal.
    if (prev) byId.set(id, { ...prev, ingredients: cleanIngredients([...prev.ingredients, ...ingredients]), time: prev.time ?? m.time ?? null });
    else byId.set(id, { id, name, time: m.time ?? null, ingredients });
  }
  return sortMeals([...byId.values()].filter((m) => m.ingredients.length > 0));
}

/** The day's foods: every meal's foods, de-duplicated, in the order of the day. */
export function dayIngredients(meals: readonly Meal[]): string[] {
  return cleanIngredients(sortMeals(meals).flatMap((m) => m.ingredients));
}

/** A day's meals; a day logged as one list reads as one meal without a name. */
export function mealsOfLog(log: Pick<DailyLog, 'ingredients' | 'meals'>): Meal[] {
  if (log.meals) return sortMeals(log.meals);
  return log.ingredients.length ? [{ id: UNNAMED_MEAL_ID, name: '', time: null, ingredients: [...log.ingredients] }] : [];
}

/** The meal a person is most likely logging at a given local time (for the default on Today). */
export function mealForTime(hour: number): (typeof STANDARD_MEALS)[number] {
  if (hour < 11) return 'Breakfast';
  if (hour < 16) return 'Lunch';
  if (hour < 22) return 'Dinner';
  return 'Snacks';
}

/** "Breakfast 08:30", "Lunch", or "Food" for a day logged before meals. */
export function mealLabel(m: Pick<Meal, 'name' | 'time'>): string {
  const name = m.name || 'Food';
  return m.time ? `${name} ${m.time}` : name;
}

/** One line per day for lists and the CSV: "Breakfast 08:30: oats, milk | Lunch: soup". */
export function mealsLine(log: Pick<DailyLog, 'ingredients' | 'meals'>): string {
  const meals = mealsOfLog(log);
  if (meals.length === 1 && meals[0]!.id === UNNAMED_MEAL_ID) return meals[0]!.ingredients.join(', ');
  return meals.map((m) => `${mealLabel(m)}: ${m.ingredients.join(', ')}`).join(' | ');
}

export interface MealPattern {
  name: string;
  /** Days with this meal logged. */
  days: number;
  /** The median logged time ("08:15"), or null when no time was given. */
  usualTime: string | null;
}

/** How the person's days are made up of meals, for the report: each meal, on how many days, at what time. */
export function mealPatterns(logs: readonly Pick<DailyLog, 'ingredients' | 'meals'>[]): MealPattern[] {
  const byId = new Map<string, { meal: Meal; days: number; minutes: number[] }>();
  for (const log of logs) {
    for (const m of log.meals ?? []) {
      if (m.id === UNNAMED_MEAL_ID) continue;
      const e = byId.get(m.id) ?? { meal: m, days: 0, minutes: [] };
      e.days++;
      if (m.time) e.minutes.push(Number(m.time.slice(0, 2)) * 60 + Number(m.time.slice(3)));
      byId.set(m.id, e);
    }
  }
  return sortMeals([...byId.values()].map((e) => e.meal)).map((meal) => {
    const e = byId.get(meal.id)!;
    const sorted = [...e.minutes].sort((a, b) => a - b);
    // The lower median: an actual logged time, never an average between two.
    const mid = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : null;
    return { name: meal.name, days: e.days, usualTime: mid === null ? null : `${String(Math.floor(mid / 60)).padStart(2, '0')}:${String(mid % 60).padStart(2, '0')}` };
  });
}
