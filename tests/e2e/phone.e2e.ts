import type { Locator, Page } from '@playwright/test';
import { test, expect, logDay, screenshot, dayFoodItems } from './fixtures';

/**
 * No traps on a phone (issue 13, point 1), at 360 × 780: the field being typed into is never under
 * the Save bar, toasts never take a tap meant for Save, long names never widen the page, the tab bar
 * sits at the bottom of the viewport on short pages, and every control is visible and labelled.
 */

test.use({ viewport: { width: 360, height: 780 } });

const foodInput = (page: Page) => page.getByRole('combobox', { name: 'What did you eat and drink?' });

/** What a tap at the centre of `target` would hit. */
async function hitAtCentre(page: Page, target: Locator): Promise<{ hit: boolean; what: string }> {
  const box = (await target.boundingBox())!;
  const handle = await target.elementHandle();
  return page.evaluate(
    ([x, y, el]) => {
      const at = document.elementFromPoint(x as number, y as number);
      return { hit: at === el || (el as Element).contains(at), what: at ? `${at.tagName}.${at.className}` : 'nothing' };
    },
    [box.x + box.width / 2, box.y + box.height / 2, handle] as const,
  );
}

async function pageWidth(page: Page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
}

test('after 12 foods the food field is still the thing under your thumb', async ({ page }) => {
  await page.goto('/today');
  const input = foodInput(page);
  for (const f of ['oats', 'milk', 'banana', 'coffee', 'wheat bread', 'butter', 'cheese', 'apple', 'chicken', 'rice', 'broccoli', 'yogurt']) {
    await input.fill(f);
    await input.press('Enter');
    // Every step, not just the last: the edge of the field was what got tapped.
    const at = await hitAtCentre(page, input);
    expect(at.hit, `after ${f}, a tap on the field hits ${at.what}`).toBe(true);
  }
  await expect(dayFoodItems(page)).toHaveCount(12);
  await expect(input).toBeFocused();
  await screenshot(page, 'phone-12-foods-360');
});

test('a name that is too long is refused beside the field, and long words never widen the page', async ({ page }) => {
  await page.goto('/today');
  const input = foodInput(page);
  await input.fill('x'.repeat(200));
  await expect(page.getByRole('alert')).toHaveText('That name has 200 characters; a food name can have at most 80. Shorten it to add it.');
  await input.press('Enter');
  await expect(dayFoodItems(page)).toHaveCount(0);
  expect(await pageWidth(page)).toEqual({ scroll: 360, viewport: 360 });

  // The longest name a day can hold, with no space to break at, wraps inside its chip.
  await input.fill('y'.repeat(80));
  await input.press('Enter');
  await expect(dayFoodItems(page).filter({ hasText: 'y'.repeat(80) }).first()).toBeVisible();
  expect(await pageWidth(page)).toEqual({ scroll: 360, viewport: 360 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeInViewport();
  await page.getByRole('button', { name: 'Save day' }).click();
  await expect(page.locator('.toast').filter({ hasText: /^Saved (?!meal)/ })).toBeVisible();

  // History and Insights show it without overflow too.
  for (const path of ['/history', '/foods?name=' + 'y'.repeat(80)]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await pageWidth(page), path).toEqual({ scroll: 360, viewport: 360 });
  }
});

test('a tap on Save while toasts show saves the day', async ({ page }) => {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await logDay(page, { date: yesterday, foods: ['oats', 'milk', 'banana'], symptoms: { Bloating: 1 } });
  await page.goto('/today');
  await page.getByRole('button', { name: 'Same as yesterday' }).click();
  await page.getByRole('button', { name: 'Same as yesterday' }).click();
  const toasts = page.locator('.toast');
  await expect(toasts.first()).toBeVisible();
  const save = page.getByRole('button', { name: 'Save day' });
  // A real tap at Save's centre, while the toasts are up (not a click that waits for them to go).
  expect((await hitAtCentre(page, save)).hit).toBe(true);
  const box = (await save.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(toasts.filter({ hasText: /^Saved/ })).toBeVisible();
  expect(await toasts.filter({ hasText: /^Added/ }).count()).toBeGreaterThan(0);
  await screenshot(page, 'phone-toasts-360');
  // The toasts sit above the Save bar, not on it.
  const bar = (await page.locator('.savebar').boundingBox())!;
  for (const t of await toasts.all()) expect((await t.boundingBox())!.y + (await t.boundingBox())!.height).toBeLessThanOrEqual(bar.y + 1);
});

test('the tab bar sits at the bottom of the screen on short pages, and every control is visible and labelled', async ({ page }) => {
  const tabsAtBottom = async (where: string) => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeVisible();
    const box = (await nav.boundingBox())!;
    expect(Math.round(box.y + box.height), where).toBe(780);
  };
  await page.goto('/welcome');
  await page.getByRole('button', { name: 'Next' }).click();
  await tabsAtBottom('welcome step 2');
  await page.getByRole('button', { name: 'Next' }).click();
  await tabsAtBottom('welcome step 3');
  await page.goto('/today');
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await tabsAtBottom('today');

  // Clearing a rating: a visible, labelled control, not hidden behind the 4 and 5 buttons.
  await page.getByLabel('Bloating 4 of 5', { exact: true }).check();
  const clear = page.getByRole('button', { name: 'Clear Bloating' });
  await expect(clear).toBeVisible();
  expect((await hitAtCentre(page, clear)).hit).toBe(true);
  await clear.click();
  await expect(page.getByLabel('Bloating 4 of 5', { exact: true })).not.toBeChecked();

  // Discard fits beside Save.
  await page.getByLabel('Bloating 2 of 5', { exact: true }).check();
  const discard = page.getByRole('button', { name: 'Discard' });
  const d = (await discard.boundingBox())!;
  expect(d.x + d.width).toBeLessThanOrEqual(360);
  expect((await hitAtCentre(page, discard)).hit).toBe(true);
  await screenshot(page, 'phone-controls-360');
});
