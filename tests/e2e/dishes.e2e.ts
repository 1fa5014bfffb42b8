import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, waitForServiceWorker, expectNoAxeViolations, screenshot } from './fixtures';

/**
 * Dishes and personal recipes (issue 14) at 360 × 780, offline after the first load: a recipe made on
 * Foods, a bundled dish ("lasagna") and the recipe logged in a meal on Today, the day reopened, the export
 * carrying both items and the recipe, and the Foods card of a dish saying what it is made of.
 */

test.use({ viewport: { width: 360, height: 780 } });

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search foods' });
const combo = (page: Page) => page.getByRole('combobox', { name: 'What did you eat and drink?' });

async function noHorizontalOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
}

/** Full-page screenshots, light and dark, and one of what is in view (the part the test is about). */
async function shots(page: Page, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `${name}-${scheme}`);
    await page.screenshot({ path: `tests/e2e/artifacts/screenshots/${name}-${scheme}-view.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('offline: make a recipe, log a dish and the recipe in a meal, reopen the day, export both', async ({ page, context, browser }) => {
  await page.goto('/foods');
  await expect(page.getByRole('heading', { level: 1, name: 'Foods' })).toBeVisible();
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();

  // A recipe, defined once on Foods; the blank grams row is fine, bad grams are refused with a reason.
  const recipes = page.getByRole('region', { name: 'My recipes' });
  await recipes.getByRole('button', { name: '+ New recipe' }).click();
  const form = recipes.getByRole('form', { name: 'New recipe' });
  await form.getByLabel('Recipe name').fill('My Lasagna');
  await form.getByLabel('Ingredient 1', { exact: true }).fill('gluten free pasta');
  await form.getByLabel('Grams of ingredient 1', { exact: true }).fill('120');
  await form.getByLabel('Ingredient 2', { exact: true }).fill('ground turkey');
  await form.getByLabel('Grams of ingredient 2', { exact: true }).fill('lots');
  await form.getByLabel('Ingredient 3', { exact: true }).fill('tomato sauce');
  await form.getByRole('button', { name: 'Save recipe' }).click();
  await expect(form.getByRole('alert')).toHaveText('Grams of ground turkey must be a number from 1 to 5,000 (or left blank)');
  await form.getByLabel('Grams of ingredient 2', { exact: true }).fill('100');
  await screenshot(page, 'dishes-recipe-editor-360');
  await form.getByRole('button', { name: 'Save recipe' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'Saved your recipe my lasagna.' })).toBeVisible();
  await expect(recipes.getByRole('listitem').filter({ hasText: 'my lasagna' })).toContainText('Made of: gluten free pasta 120 g, ground turkey 100 g, tomato sauce');
  await noHorizontalOverflow(page);
  await expectNoAxeViolations(page, 'Foods with a recipe');
  await shots(page, 'dishes-recipes-360');

  // The Foods card of a dish says what it is made of, and scores it like any food.
  await search(page).fill('lasag');
  await page.getByRole('list', { name: 'Matches in the built-in list' }).getByRole('link', { name: /^lasagna/ }).first().click();
  const lasagna = page.getByRole('article', { name: 'lasagna' });
  await expect(lasagna.locator('.food-made-of')).toContainText('Made of: pasta 100 g, ground beef 70 g');
  await expect(lasagna.getByText(/^For most people: /)).toBeVisible();
  await search(page).fill('tzatziki');
  await page.getByRole('list', { name: 'Matches in the built-in list' }).getByRole('link', { name: /^tzatziki/ }).first().click();
  const tzatziki = page.getByRole('article', { name: 'tzatziki' });
  await expect(tzatziki.locator('.food-made-of')).toContainText('Made of: greek yogurt 70 g, cucumber 25 g');
  await expect(tzatziki.getByRole('region', { name: 'Sources' })).toContainText('the rows of its ingredients, weighted by grams');
  await noHorizontalOverflow(page);
  await tzatziki.scrollIntoViewIfNeeded();
  await page.getByRole('heading', { level: 2, name: 'tzatziki' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await shots(page, 'dishes-card-360');

  // Today, offline: the dish and the recipe are offered and marked; both go into Dinner.
  await page.goto('/today?date=2026-06-10');
  await page.getByRole('radio', { name: /^Dinner/ }).check();
  await combo(page).click();
  await page.keyboard.type('lasag');
  const dishOption = page.getByRole('option', { name: /^lasagna/ });
  await expect(dishOption).toContainText('dish');
  const recipeOption = page.getByRole('option', { name: /^my lasagna/ });
  await expect(recipeOption).toContainText('my recipe');
  await shots(page, 'dishes-picker-360');
  await expectNoAxeViolations(page, 'Today with dish suggestions');
  await dishOption.click();
  // Typing the recipe's exact name works as well as picking it.
  await combo(page).fill('my lasagna');
  await combo(page).press('Enter');
  await combo(page).fill('apple');
  await combo(page).press('Enter');
  const dinner = page.getByRole('list', { name: 'Dinner foods' }).getByRole('listitem');
  await expect(dinner).toHaveText([/lasagna/, /my lasagna/, /apple/]);
  await page.getByRole('button', { name: 'Save day' }).click();
  await expect(page.locator('.toast').filter({ hasText: /^Saved / })).toBeVisible();

  await page.reload();
  await expect(page.getByText('Editing the saved log for this day')).toBeVisible();
  await page.getByRole('radio', { name: /^Dinner/ }).check();
  await expect(page.getByRole('list', { name: 'Dinner foods' }).getByRole('listitem')).toHaveText([/lasagna/, /my lasagna/, /apple/]);

  // The export carries the day's items and the recipe.
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  const day = file.logs.find((l: { date: string }) => l.date === '2026-06-10');
  expect(day.ingredients).toEqual(['lasagna', 'my lasagna', 'apple']);
  expect(day.composites).toEqual([
    { name: 'lasagna', kind: 'dish', ingredients: ['pasta', 'ground beef', 'pasta sauce', 'ricotta', 'mozzarella', 'parmesan', 'onion'] },
    { name: 'my lasagna', kind: 'recipe', ingredients: ['gluten free pasta', 'ground turkey', 'tomato sauce'] },
  ]);
  expect(file.recipes).toEqual([
    expect.objectContaining({ name: 'my lasagna', ingredients: [{ name: 'gluten free pasta', grams: 120 }, { name: 'ground turkey', grams: 100 }, { name: 'tomato sauce' }] }),
  ]);
  await context.setOffline(false);

  // Another device takes the file: the import preview names the recipe, and Foods then lists it.
  const fresh = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page2 = await fresh.newPage();
  await page2.goto('/settings');
  await page2.getByLabel('Import an Aurea export (JSON)').setInputFiles((await download.path())!);
  await expect(page2.getByRole('region', { name: 'Import preview' })).toContainText('Also: 1 recipe.');
  await page2.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page2.getByRole('status').filter({ hasText: 'Imported: 1 new' })).toBeVisible();
  await page2.goto('/foods');
  await expect(page2.getByRole('region', { name: 'My recipes' }).getByRole('listitem')).toContainText('my lasagna');

  // A dish added from its Foods card brings its ingredients too, as when it is logged on Today.
  await search(page2).fill('tzatziki');
  await page2.getByRole('list', { name: 'Matches in the built-in list' }).getByRole('link', { name: /^tzatziki/ }).first().click();
  const card = page2.getByRole('article', { name: 'tzatziki' });
  await card.getByRole('button', { name: 'Another day…' }).click();
  await card.getByLabel('Day').fill('2026-06-11');
  await card.getByLabel('Meal').selectOption('Lunch');
  await card.getByRole('button', { name: /^Add to / }).click();
  await expect(page2.locator('.toast').filter({ hasText: 'Added tzatziki to Lunch' })).toBeVisible();
  const added = await page2.evaluate(
    () =>
      new Promise<{ composites?: unknown[] } | undefined>((resolve, reject) => {
        const open = indexedDB.open('aurea');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('logs').objectStore('logs').get('2026-06-11');
          get.onsuccess = () => {
            resolve(get.result);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
  expect(added?.composites).toEqual([{ name: 'tzatziki', kind: 'dish', ingredients: ['greek yogurt', 'cucumber', 'garlic', 'olive oil', 'dill', 'lemon juice'] }]);
  await fresh.close();
});

test('the recipes section and a dish card at 1280 px, light and dark', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/foods?name=pad%20thai');
  await expect(page.getByRole('article', { name: 'pad thai' }).locator('.food-made-of')).toContainText('Made of: rice noodle 200 g');
  const recipes = page.getByRole('region', { name: 'My recipes' });
  await shots(page, 'dishes-card-1280');
  await recipes.getByRole('button', { name: '+ New recipe' }).click();
  await recipes.getByLabel('Recipe name').fill('pad thai');
  // A recipe named like a dish can start from the dish's usual ingredients.
  await recipes.getByRole('button', { name: 'Start from the usual pad thai' }).click();
  await expect(recipes.getByLabel('Ingredient 1', { exact: true })).toHaveValue('rice noodle');
  await expect(recipes.getByLabel('Grams of ingredient 1', { exact: true })).toHaveValue('200');
  await noHorizontalOverflow(page);
  await expectNoAxeViolations(page, 'recipe editor');
  await recipes.scrollIntoViewIfNeeded();
  await shots(page, 'dishes-foods-1280');
});
