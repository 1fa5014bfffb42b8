import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, waitForServiceWorker, expectNoAxeViolations, screenshot, SHARED_DATA } from './fixtures';

/**
 * Products in the diary (issue 14): a product looked up by barcode (the fake upstream replays a real Open
 * Food Facts body) is added to today's Lunch from Foods, shows on Today as a product with its label
 * ingredients, and is logged again offline — from Foods' saved copy and from Today's food picker — with
 * its ingredients stored for the analysis.
 */

test.use({ viewport: { width: 360, height: 780 } });

const hasData = existsSync(SHARED_DATA);
if (!hasData) console.warn(`[skip] ${SHARED_DATA} is missing: the products e2e needs the fake Open Food Facts upstream`);

// Whole-wheat sliced bread (v2 body, French label): OFF's structured list reads as flour, yeast, salt …
const BREAD = '3029330003533';
const ITEM = 'crousti moelleux complet sans sucre ajoute 730gr';

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The day as stored in IndexedDB (the app's own database), read in the page. */
async function storedDay(page: Page, date: string): Promise<{ ingredients: string[]; meals?: { name: string; ingredients: string[] }[]; composites?: { name: string; kind: string; barcode?: string; ingredients: string[] }[] } | undefined> {
  return page.evaluate(
    (d) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('aurea');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('logs').objectStore('logs').get(d);
          get.onsuccess = () => {
            resolve(get.result);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    date,
  );
}

test.describe('products in the diary', () => {
  test.skip(!hasData, 'needs ../shared/data for the fake Open Food Facts upstream');

  test('look up by barcode, add to today’s Lunch, see it on Today; log it again offline from Foods and the picker', async ({ page, context }) => {
    await page.goto('/foods');
    await waitForServiceWorker(page);
    await page.getByLabel('Barcode', { exact: true }).fill(BREAD);
    await page.getByRole('button', { name: 'Look up' }).click();
    const card = page.getByRole('article', { name: /Crousti Moelleux Complet/i });
    await expect(card).toBeVisible();
    // What Aurea reads from the label: canonical names, wheat flour as the table's flour.
    await expect(card.locator('.product-ingredients')).toContainText('whole wheat flour, flour');
    await expect(card.getByText('Logged as a product:')).toBeVisible();

    await card.getByLabel('Meal').selectOption('Lunch');
    await card.getByRole('button', { name: 'Add to today' }).click();
    const toast = page.locator('.toast').filter({ hasText: `Added ${ITEM} to Lunch, today.` });
    await expect(toast).toBeVisible();
    await screenshot(page, 'products-added-toast-360');
    await toast.getByRole('button', { name: 'Open Today' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    const lunch = page.getByRole('region', { name: 'Lunch', exact: true });
    await expect(lunch.getByText(ITEM, { exact: true })).toBeVisible();
    await lunch.getByRole('button', { name: `${ITEM} is a product: show its ingredients` }).click();
    // Titled with the label's own name; the day's tidied name is said beside the barcode.
    const dialog = page.getByRole('dialog', { name: /^Crousti Moelleux Complet Sans Sucre/ });
    await expect(dialog.getByText(`barcode ${BREAD}`)).toBeVisible();
    await expect(dialog.getByRole('list', { name: `Ingredients of ${ITEM}` }).getByRole('listitem').filter({ hasText: /^flour$/ })).toBeVisible();
    await screenshot(page, 'products-today-dialog-360');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('button', { name: 'Saved' })).toBeDisabled();

    const today = await storedDay(page, isoDay(0));
    expect(today?.meals?.find((m) => m.name === 'Lunch')?.ingredients).toEqual([ITEM]);
    expect(today?.composites).toEqual([{ name: ITEM, kind: 'product', barcode: BREAD, label: expect.stringMatching(/^Crousti Moelleux Complet/), ingredients: expect.arrayContaining(['whole wheat flour', 'flour', 'yeast', 'salt']) }]);

    // Offline from here on: the product comes from this device only.
    await context.setOffline(true);

    // 1. Foods: the saved copy, added to yesterday's Dinner.
    const yesterday = isoDay(-1);
    await page.goto(`/foods?barcode=${BREAD}`);
    // The copy saved on this device answers (within its 24 h it is shown without asking the server).
    await expect(page.getByText(/^Showing Crousti Moelleux Complet .* as saved on this device\.$/)).toBeAttached();
    const saved = page.getByRole('article', { name: /Crousti Moelleux Complet/i });
    await saved.getByRole('button', { name: 'Another day…' }).click();
    await saved.getByLabel('Day').fill(yesterday);
    await saved.getByLabel('Meal').selectOption('Dinner');
    await saved.getByRole('button', { name: /^Add to / }).click();
    await expect(page.locator('.toast').filter({ hasText: `Added ${ITEM} to Dinner,` })).toBeVisible();
    const y = await storedDay(page, yesterday);
    expect(y?.meals?.map((m) => [m.name, m.ingredients])).toEqual([['Dinner', [ITEM]]]);
    expect(y?.composites?.[0]).toMatchObject({ name: ITEM, kind: 'product', barcode: BREAD });
    expect(y?.composites?.[0]?.ingredients).toContain('flour');

    // 2. Today's picker, two days ago: typing part of the name offers the known product.
    const twoDaysAgo = isoDay(-2);
    await page.goto(`/today?date=${twoDaysAgo}`);
    const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
    await input.fill('crous');
    const option = page.getByRole('option', { name: new RegExp(`^${ITEM}\\s*product`) });
    await expect(option).toBeVisible();
    await screenshot(page, 'products-picker-360');
    await option.click();
    await expect(page.locator('main').getByRole('button', { name: `${ITEM} is a product: show its ingredients` })).toBeVisible();
    await page.getByRole('button', { name: 'Save day' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
    const d2 = await storedDay(page, twoDaysAgo);
    expect(d2?.ingredients).toEqual([ITEM]);
    expect(d2?.composites?.[0]).toMatchObject({ name: ITEM, kind: 'product', barcode: BREAD });
    expect(d2?.composites?.[0]?.ingredients).toEqual(today?.composites?.[0]?.ingredients);

    // History marks the days with a product, and says what it holds to a screen reader.
    await page.goto('/history');
    const row = page.getByRole('button', { name: new RegExp(`with product: ${ITEM} \\(whole wheat flour, flour`) });
    await expect(row).toHaveCount(3);
    await expect(page.locator('.vlist-row .product-mark').first()).toHaveText('product');
    await screenshot(page, 'products-history-360');
  });

  test('product UI: no axe violations, light and dark, at 360 and 1280', async ({ page }) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: 780 });
        await page.goto(`/foods?barcode=${BREAD}`);
        const card = page.getByRole('article', { name: /Crousti Moelleux Complet/i });
        await expect(card.getByRole('button', { name: 'Add to today' })).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow at ${width} ${scheme}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `tests/e2e/artifacts/screenshots/products-foods-${width}-${scheme}.png`, clip: { x: 0, y: 0, width, height: 780 } });
        if (width === 360) await expectNoAxeViolations(page, `/foods product card (${scheme})`);
        await card.getByRole('button', { name: 'Add to today' }).click();
        await expect(page.locator('.toast').filter({ hasText: `Added ${ITEM} to` })).toBeVisible();
        await page.goto('/today');
        const mark = page.locator('main').getByRole('button', { name: `${ITEM} is a product: show its ingredients` });
        await expect(mark).toBeVisible();
        await page.screenshot({ path: `tests/e2e/artifacts/screenshots/products-today-${width}-${scheme}.png`, fullPage: true });
        if (width === 360) await expectNoAxeViolations(page, `/today with a product (${scheme})`);
      }
    }
  });
});
