import { test, expect, logDay, expectNoAxeViolations, screenshot, dayFoodItems } from './fixtures';
import type { Page } from '@playwright/test';

/** Counts what a person does: taps (clicks/checks) and keystrokes, to state how fast logging is. */
function counter(page: Page) {
  const c = { taps: 0, keys: 0 };
  return {
    c,
    tap: async (locator: ReturnType<Page['getByRole']>) => {
      c.taps++;
      await locator.click();
    },
    type: async (text: string) => {
      c.keys += text.length;
      await page.keyboard.type(text);
    },
    press: async (key: string) => {
      c.keys++;
      await page.keyboard.press(key);
    },
  };
}

test('log a day with "same as yesterday" and a saved meal, counting taps and keystrokes', async ({ page }) => {
  await logDay(page, { date: '2026-06-01', foods: ['oats', 'milk', 'banana', 'coffee'], symptoms: { Bloating: 2 } });
  await logDay(page, { date: '2026-06-02', foods: ['rice', 'chicken', 'broccoli', 'tea'], symptoms: { Bloating: 1 } });

  // Save yesterday's breakfast as a meal.
  await page.goto('/today?date=2026-06-01');
  await page.getByRole('button', { name: 'Save Breakfast as a meal…' }).click();
  await page.getByLabel('Meal name').fill('usual breakfast');
  await page.getByRole('button', { name: 'Save meal' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved meal “usual breakfast”' })).toBeVisible();

  // "Same as yesterday" copies the previous day's food.
  await page.goto('/today?date=2026-06-03');
  await page.getByRole('button', { name: 'Same as yesterday' }).click();
  await expect(dayFoodItems(page).filter({ hasText: 'rice' }).first()).toBeVisible();
  await expect(dayFoodItems(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Save day' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // A typical day, counted: one meal, one frequent chip, one new food typed, three ratings, save.
  await page.goto('/today?date=2026-06-04');
  const p = counter(page);
  await p.tap(page.getByRole('button', { name: /^Add meal usual breakfast/ }));
  await expect(dayFoodItems(page)).toHaveCount(4);
  await p.tap(page.getByRole('button', { name: '+ rice' }));
  await p.tap(page.getByRole('combobox', { name: 'What did you eat and drink?' }));
  await p.type('kiwi');
  await p.press('Enter');
  await p.tap(page.getByLabel('Bloating 1 of 5', { exact: true }));
  await p.tap(page.getByLabel('Energy 4 of 5', { exact: true }));
  await p.tap(page.getByLabel('Focus 3 of 5', { exact: true }));
  await p.tap(page.getByRole('button', { name: 'Save day' }));
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  for (const f of ['oats', 'milk', 'banana', 'coffee', 'rice', 'kiwi']) await expect(dayFoodItems(page).filter({ hasText: f }).first()).toBeVisible();
  // 7 taps + 5 keystrokes: well under 15 seconds at a relaxed second per tap.
  expect(p.c).toEqual({ taps: 7, keys: 5 });
  console.log(`typical day logged with ${p.c.taps} taps and ${p.c.keys} keystrokes`);

  // Copy any day.
  await page.goto('/today?date=2026-06-05');
  await page.getByRole('button', { name: 'Copy a day…' }).click();
  await page.getByRole('button', { name: /^Copy .*1 Jun 2026/ }).click();
  await expect(dayFoodItems(page).filter({ hasText: 'banana' }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'today with meals');
});

test('first run: pick symptoms, cycle tracking, and a removable demo diary', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/');
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole('heading', { name: 'What would you like to track?' })).toBeVisible();
  await expectNoAxeViolations(page, 'welcome step 1');
  await page.getByLabel(/^Focus/).uncheck();
  await page.getByLabel('Add your own (optional)').fill('Headache');
  await page.getByRole('button', { name: 'Add symptom' }).click();
  await expect(page.getByRole('list', { name: 'Your own symptoms' })).toContainText('Headache');
  await screenshot(page, 'welcome-360');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Yes, track my cycle').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Explore with a demo diary' }).click();
  await expect(page.getByRole('region', { name: 'Demo diary' })).toBeVisible();

  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText(/^\d{2} logged days$/)).toBeVisible();
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Headache' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Focus' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Cycle phase' })).toBeVisible();

  // A day the person logs is theirs: removing the demo keeps it.
  await logDay(page, { foods: ['porridge'], symptoms: { Bloating: 1 } });
  await page.getByRole('button', { name: 'Remove demo data' }).click();
  await expect(page.getByRole('region', { name: 'Demo diary' })).toHaveCount(0);
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText('1 logged day', { exact: true })).toBeVisible();

  // The welcome steps do not come back once done.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Welcome to Aurea');
});

test('the in-app reminder nudges once a day after the chosen time when the day is not logged', async ({ page }) => {
  await page.clock.install({ time: new Date('2026-06-10T21:00:00') });
  await page.goto('/settings');
  await page.getByLabel('Remind me to log each day').check();
  await page.getByLabel('At', { exact: true }).fill('20:00');
  await page.goto('/history');
  await expect(page.getByText('Time to log today.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Time to log today.')).toHaveCount(0);
});
