import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, dayFoodItems, expectNoAxeViolations, screenshot } from './fixtures';

/**
 * Meals with times on Today at 360 × 780 (issue 13, point 2): a new three-meal day of 13 foods and a
 * repeat day, with every tap and keystroke counted; "Save as meal" keeps one meal, saved meals go
 * into the meal chosen, "Copy a day" shows foods, and the export (format version 2) carries it all.
 */

test.use({ viewport: { width: 360, height: 780 } });

const BREAKFAST = ['oats', 'milk', 'banana', 'coffee'];
const LUNCH = ['bread', 'cheese', 'tomato', 'apple'];
const DINNER = ['rice', 'chicken', 'broccoli', 'onion', 'yogurt'];

/** Five earlier days with the same three meals, imported as a version 2 file. */
async function importHistory(page: Page) {
  const logs = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'].map((date) => ({
    date,
    ingredients: [...BREAKFAST, ...LUNCH, ...DINNER],
    meals: [
      { id: 'breakfast', name: 'Breakfast', time: '08:00', ingredients: BREAKFAST },
      { id: 'lunch', name: 'Lunch', time: '12:30', ingredients: LUNCH },
      { id: 'dinner', name: 'Dinner', time: null, ingredients: DINNER },
    ],
    symptoms: { bloating: 1, energy: 3, focus: 3 },
  }));
  const file = join(mkdtempSync(join(tmpdir(), 'aurea-meals-')), 'meals.json');
  writeFileSync(file, JSON.stringify({ format: 'aurea.export', version: 2, logs }));
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 5 new' })).toBeVisible();
}

function counter(page: Page) {
  const c = { taps: 0, keys: 0 };
  return {
    c,
    tap: async (locator: Locator) => {
      c.taps++;
      await locator.click();
    },
    type: async (text: string) => {
      c.keys += text.length;
      await page.keyboard.type(text);
    },
  };
}

/** The meal chooser's option for a meal (its label adds the number of foods once there are some). */
const mealRadio = (page: Page, meal: string) => page.getByRole('radio', { name: new RegExp(`^${meal}(\\s·\\s\\d+)?$`) });

const mealFoods = (page: Page, meal: string) => page.getByRole('list', { name: `${meal} foods` }).getByRole('listitem');

test('a new three-meal day of 13 foods and a repeat day, counted', async ({ page }) => {
  await importHistory(page);

  await page.goto('/today?date=2026-06-10');
  await expect(page.getByText('No log for this day yet')).toBeVisible();
  const p = counter(page);
  // A past day starts on Breakfast; its frequent foods come first.
  await expect(mealRadio(page, 'Breakfast')).toBeChecked();
  for (const f of BREAKFAST) await p.tap(page.getByRole('button', { name: `+ ${f}`, exact: true }));
  await p.tap(mealRadio(page, 'Lunch'));
  for (const f of LUNCH) await p.tap(page.getByRole('button', { name: `+ ${f}`, exact: true }));
  await p.tap(mealRadio(page, 'Dinner'));
  for (const f of DINNER.slice(0, 4)) await p.tap(page.getByRole('button', { name: `+ ${f}`, exact: true }));
  // The thirteenth from the type-ahead: two letters and a tap on the suggestion.
  await p.tap(page.getByRole('combobox', { name: 'What did you eat and drink?' }));
  await p.type('yo');
  // The person's own yogurt comes first ("yogurt parfait", a dish, further down).
  await p.tap(page.getByRole('option', { name: /^yogurt/ }).first());
  for (const label of ['Bloating 2 of 5', 'Energy 3 of 5', 'Focus 4 of 5']) await p.tap(page.getByLabel(label, { exact: true }));
  await screenshot(page, 'meals-new-day-360');
  await p.tap(page.getByRole('button', { name: 'Save day' }));
  await expect(page.locator('.toast').filter({ hasText: /^Saved (?!meal)/ })).toBeVisible();
  expect(p.c.taps + p.c.keys).toBeLessThanOrEqual(30);
  console.log(`new three-meal day of 13 foods: ${p.c.taps} taps and ${p.c.keys} keystrokes`);

  await page.reload();
  await expect(mealFoods(page, 'Dinner')).toHaveCount(5);
  await expect(page.getByRole('region', { name: 'Breakfast' })).toContainText('oats');
  await expect(page.getByRole('region', { name: 'Lunch' })).toContainText('cheese');
  await expect(dayFoodItems(page)).toHaveCount(13);

  // The next day, as a repeat: five taps.
  await page.goto('/today?date=2026-06-11');
  const r = counter(page);
  await r.tap(page.getByRole('button', { name: 'Same as yesterday' }));
  for (const label of ['Bloating 1 of 5', 'Energy 4 of 5', 'Focus 4 of 5']) await r.tap(page.getByLabel(label, { exact: true }));
  await r.tap(page.getByRole('button', { name: 'Save day' }));
  await expect(page.locator('.toast').filter({ hasText: /^Saved (?!meal)/ })).toBeVisible();
  expect(r.c).toEqual({ taps: 5, keys: 0 });
  console.log(`repeat day: ${r.c.taps} taps`);
  await page.reload();
  await expect(dayFoodItems(page)).toHaveCount(13);
  await expect(mealFoods(page, 'Breakfast')).toHaveCount(4);
});

test('times, a meal of your own, saving one meal, copying a day with its foods, and the version 2 export', async ({ page }) => {
  await importHistory(page);
  await page.goto('/today?date=2026-06-12');

  // A meal of the person's own, with a time.
  await page.getByRole('button', { name: '+ Other…' }).click();
  await page.getByLabel('Name of the meal').fill('Late snack');
  await page.getByRole('button', { name: 'Add meal' }).click();
  await expect(mealRadio(page, 'Late snack')).toBeChecked();
  const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
  await input.fill('crackers');
  await input.press('Enter');
  await page.getByLabel('Late snack time').fill('22:15');

  // Lunch, then "Save Lunch as a meal" keeps only Lunch's foods.
  await mealRadio(page, 'Lunch').click();
  for (const f of ['soup', 'bread']) {
    await input.fill(f);
    await input.press('Enter');
  }
  await page.getByRole('button', { name: 'Save Lunch as a meal…' }).click();
  await expect(page.getByRole('dialog')).toContainText('Lunch: soup, bread');
  await page.getByLabel('Meal name').fill('work lunch');
  await page.getByRole('button', { name: 'Save meal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved meal “work lunch”' })).toBeVisible();
  await page.getByRole('button', { name: 'Save day' }).click();
  await expect(page.locator('.toast').filter({ hasText: /^Saved (?!meal)/ })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Late snack time')).toHaveValue('22:15');
  await expect(mealFoods(page, 'Late snack')).toHaveCount(1);

  // A saved meal goes into the meal chosen.
  await page.goto('/today?date=2026-06-13');
  await mealRadio(page, 'Dinner').click();
  await page.getByRole('button', { name: /^Add meal work lunch/ }).click();
  await expect(mealFoods(page, 'Dinner')).toHaveCount(2);

  // "Copy a day" shows each day's foods, by meal.
  await page.getByRole('button', { name: 'Copy a day…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: /^Copy .*12 Jun/ })).toContainText('Lunch: soup, bread');
  await expect(dialog.getByRole('button', { name: /^Copy .*12 Jun/ })).toContainText('Late snack 22:15: cracker');
  await screenshot(page, 'meals-copy-day-360');
  await expectNoAxeViolations(page, 'copy a day');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'meals-today-dark-360');
  await page.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(page, 'today with meals');

  // The export carries meals and saved meals (format version 2).
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(file.version).toBe(2);
  const day = file.logs.find((l: { date: string }) => l.date === '2026-06-12');
  expect(day.meals).toEqual([
    { id: 'lunch', name: 'Lunch', time: null, ingredients: ['soup', 'bread'] },
    { id: 'late-snack', name: 'Late snack', time: '22:15', ingredients: ['cracker'] },
  ]);
  expect(day.ingredients).toEqual(['soup', 'bread', 'cracker']);
  expect(file.saved_meals.map((m: { name: string }) => m.name)).toEqual(['work lunch']);
});
