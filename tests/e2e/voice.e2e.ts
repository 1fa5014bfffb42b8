import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot, dayFoodItems } from './fixtures';

/**
 * One voice (issue 12, points 3–5), on the demo diary at 360 px: every significant trigger Insights
 * shows is named by Predict with the same strength and a link back; the food card and Today lead
 * with the person's own finding; default text carries no statistics jargon or internal names, and
 * the numbers are one tap away.
 */

/** Words a patient should not meet in a page's default text (statistics, and the app's internal names). */
const JARGON = [
  /\bp\s*[<=]\s*0?\.\d/i,
  /\bp-values?\b/i,
  /Mann[- ]Whitney/i,
  /Bonferroni/i,
  /percentage points?/i,
  /point-biserial/i,
  /\bANOVA\b/,
  /\bAUC\b/,
  /\bBrier\b/,
  /food table/i,
  /food server/i,
  /offline table/i,
];

async function startDemo(page: Page) {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/');
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Explore with a demo diary' }).click();
  await expect(page.getByRole('region', { name: 'Demo diary' })).toBeVisible();
}

interface ShownFinding {
  ingredient: string;
  headline: string;
  strength: string;
}

/** The significant same-day triggers as Insights shows them. */
async function insightsTriggers(page: Page): Promise<ShownFinding[]> {
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  const triggers = page.locator('#insights-triggers li.finding-trigger');
  await expect(triggers.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Up to date')).toBeVisible({ timeout: 60_000 });
  return triggers.evaluateAll((els) =>
    els.map((el) => {
      const headline = el.querySelector('.finding-title')!.textContent!.trim();
      const name = headline.split(':')[0]!;
      return { ingredient: name.charAt(0).toLowerCase() + name.slice(1), headline, strength: el.querySelector('.strength')!.textContent!.trim() };
    }),
  );
}

async function planOnly(page: Page, food: string) {
  const clear = page.getByRole('button', { name: 'Clear the plan' });
  if (await clear.isVisible()) await clear.click();
  const input = page.getByRole('combobox', { name: 'What do you plan to eat and drink?' });
  await input.fill(food);
  await input.press('Enter');
}

test('Predict names every significant Insights trigger with the same strength, and links to it', async ({ page }) => {
  test.setTimeout(180_000);
  await startDemo(page);
  const triggers = await insightsTriggers(page);
  expect(triggers.length, 'the demo diary has triggers').toBeGreaterThan(0);
  for (const t of triggers) expect(t.strength).toMatch(/^(Strong|Moderate|Weak) evidence$/);

  // The sentence is plain; the numbers are one tap away.
  const first = page.locator('#insights-triggers li.finding-trigger').first();
  await expect(first.locator('.finding-sentence')).not.toContainText(/p\s*[<=]/);
  await first.getByText('Show the numbers').click();
  await expect(first.getByText(/^Adjusted p \(Bonferroni, \d+ foods\)$/)).toBeVisible();
  await expect(first.getByText('Mann-Whitney U, two-sided')).toBeVisible();

  await page.getByRole('link', { name: 'Predict', exact: true }).click();
  for (const t of triggers) {
    await planOnly(page, t.ingredient);
    const shown = page.locator('.p-findings li').filter({ hasText: t.headline });
    await expect(shown, `Predict names ${t.ingredient}`).toBeVisible();
    await expect(shown.locator('.strength')).toHaveText(t.strength);
  }
  // Predict never calls a food with a significant finding "only a hint".
  await expect(page.getByText(/only a hint/)).toHaveCount(0);
  await screenshot(page, 'voice-predict-findings-360');

  // "See the finding" goes to that finding on Insights.
  const last = triggers[triggers.length - 1]!;
  await page.locator('.p-findings li').filter({ hasText: last.headline }).getByRole('link', { name: /See the finding/ }).click();
  await expect(page).toHaveURL(/\/insights#finding-trigger-/);
  const target = page.locator('li.finding-trigger').filter({ hasText: last.headline });
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
});

test('the food card and Today lead with the person’s own finding, and Today warns during an avoid phase', async ({ page }) => {
  test.setTimeout(180_000);
  await startDemo(page);
  const triggers = await insightsTriggers(page);
  const milk = triggers.find((t) => t.ingredient === 'milk');
  expect(milk, 'the demo diary links milk to bloating').toBeTruthy();

  // Foods: "For you" comes before the general scores, in the same words and strength.
  await page.goto('/foods?name=milk');
  const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'milk', level: 2 }) });
  const mine = card.getByRole('region', { name: 'For you' });
  await expect(mine).toContainText(`Linked to more bloating (${milk!.strength.toLowerCase()})`);
  const general = card.getByRole('heading', { name: 'In general (not about you)' });
  await expect(general).toBeVisible();
  const order = await card.evaluate((el) => {
    const headings = [...el.querySelectorAll('h3')].map((h) => h.textContent);
    return { mine: headings.indexOf('For you'), general: headings.indexOf('In general (not about you)') };
  });
  expect(order.mine).toBeLessThan(order.general);
  await expect(card.getByText('Your own diary says otherwise for you: see above.')).toBeVisible();
  await expect(card.getByText('Generally flagged')).toHaveCount(0);
  await screenshot(page, 'voice-foodcard-360');

  // Today: the chip's badges are explained, and milk is marked as the person's own trigger.
  await page.goto('/today');
  const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
  await input.fill('milk');
  await input.press('Enter');
  const chip = dayFoodItems(page).filter({ hasText: 'milk' });
  await expect(chip.getByLabel(/^for you: linked to more bloating/)).toBeVisible();
  await expect(page.getByText('a general score out of 100 (higher is gentler), not about you.')).toBeVisible();
  await expect(page.getByText('your own diary links this food to worse symptoms.')).toBeVisible();
  await page.getByRole('button', { name: 'Discard' }).click();

  // A re-challenge of milk: on an avoid day Today accepts milk but says so, without blocking.
  await page.goto('/challenge?food=milk&symptom=bloating');
  await page.getByRole('button', { name: 'Start the test' }).click();
  await page.goto('/today');
  await input.fill('milk');
  await input.press('Enter');
  await expect(page.getByText(/Your re-challenge asks you to leave out milk today \(day 1 of \d+ without it\)/)).toBeVisible();
  await expect(chip.getByLabel('on your avoid list today')).toBeVisible();
  await screenshot(page, 'voice-today-avoid-360');
  await page.getByRole('button', { name: 'Save day' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
  await expectNoAxeViolations(page, 'today with personal badges');
});

test('default text on every page is in a patient’s words, and custom symptoms take any name', async ({ page }) => {
  test.setTimeout(180_000);
  await startDemo(page);
  await insightsTriggers(page);

  // Any letters, accents and emoji name a symptom.
  await page.goto('/settings');
  for (const name of ['Maux de tête', 'Migraine 🤕', '😴']) {
    await page.getByLabel('Add your own symptom').fill(name);
    await page.getByRole('button', { name: 'Add symptom' }).click();
    await expect(page.getByRole('list', { name: 'Tracked symptoms' })).toContainText(name);
  }
  await page.goto('/today');
  await expect(page.getByRole('group', { name: 'Migraine 🤕' })).toBeVisible();

  const pages: [string, () => Promise<void>][] = [
    ['/today', async () => {}],
    ['/history', async () => {}],
    ['/foods?name=milk', async () => void (await expect(page.getByRole('heading', { name: 'milk', level: 2 })).toBeVisible())],
    ['/insights', async () => void (await expect(page.locator('li.finding-trigger').first()).toBeVisible())],
    ['/predict', async () => {
      await planOnly(page, 'milk');
      await expect(page.getByRole('meter', { name: /^Bloating/ })).toBeVisible({ timeout: 60_000 });
    }],
    ['/settings', async () => void (await expect(page.getByRole('region', { name: 'Model status' })).toBeVisible())],
    ['/challenge', async () => {}],
  ];
  for (const [path, ready] of pages) {
    await page.goto(path);
    await ready();
    const text = await page.evaluate(() => document.body.innerText);
    for (const word of JARGON) expect(text, `${path} shows "${text.match(word)?.[0]}"`).not.toMatch(word);
  }
  // The numbers are there for whoever asks.
  await page.goto('/settings');
  const status = page.getByRole('region', { name: 'Model status' });
  if (await status.getByText('Show the numbers').isVisible()) {
    await status.getByText('Show the numbers').click();
    await expect(status.getByRole('columnheader', { name: 'AUC' })).toBeVisible();
  }
});
