import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, screenshot } from './fixtures';

/** Imports days through Settings, as a person moving a diary would. */
async function importDays(page: Page, logs: unknown[]) {
  const file = join(mkdtempSync(join(tmpdir(), 'aurea-13c-')), 'days.json');
  writeFileSync(file, JSON.stringify({ format: 'aurea.export', version: 1, logs }));
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported: ${logs.length} new` })).toBeVisible();
}

const iso = (start: string, offset: number) => new Date(Date.parse(`${start}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

test('stool form: offered at first run, logged per bowel movement on Today, analysed and predicted as loose-stool days (360 px)', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/');
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByRole('button', { name: 'Next' }).click();
  // Off by default.
  await expect(page.getByLabel('Track stool form')).not.toBeChecked();
  await page.getByLabel('Track stool form').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Start my diary' }).click();

  // Two bowel movements on one day: a normal one and a watery one.
  await page.goto('/today?date=2026-12-01');
  await expect(page.getByRole('heading', { name: 'Stool form' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a bowel movement' }).click();
  await page.getByRole('button', { name: /^Type 4 / }).click();
  await page.getByRole('button', { name: 'Add a bowel movement' }).click();
  await expect(page.getByRole('group', { name: 'Choose the stool type' })).toBeVisible();
  await screenshot(page, 'stool-types-360-light');
  await page.getByRole('button', { name: /^Type 7 / }).click();
  const list = page.getByRole('list', { name: 'Bowel movements this day' });
  await expect(list.getByRole('listitem')).toHaveText([/Type 4 · Smooth and soft/, /Type 7 · Watery/]);
  await page.getByRole('combobox', { name: 'What did you eat and drink?' }).fill('toast');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Save day' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.reload();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  // Nothing widens the page at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  await expectNoAxeViolations(page, 'today with stool form');
  await screenshot(page, 'stool-today-360-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'stool-today-360-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Removing one keeps the other.
  await page.getByRole('button', { name: 'Remove type 7 (2 of 2)' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved|Updated/ })).toBeVisible();

  // Seven weeks in which milk goes with loose stools (type 6–7) and nothing else does.
  const logs = Array.from({ length: 49 }, (_, i) => {
    const milk = i % 3 === 0;
    return { date: iso('2026-09-01', i), ingredients: milk ? ['rice', 'milk'] : ['rice', i % 2 ? 'apple' : 'bread'], symptoms: { bloating: i % 4 }, stool_types: milk ? [4, 6 + (i % 2)] : [i % 5 === 0 ? 2 : 4] };
  });
  await importDays(page, logs);

  await page.goto('/insights');
  await expect(page.getByText(/loose stool/i).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('main')).toContainText(/milk/);
  // Named as the person reads it, with a yes/no scale rather than the 0–5 of a rating.
  await expect(page.getByRole('main')).toContainText('where 1 is a day with a loose stool and 0 a day without');
  await expect(page.getByRole('main')).not.toContainText('stool_');
  await screenshot(page, 'stool-insights-360-light');

  await page.goto('/predict');
  // Planning milk: the personal model (trained in the background) gives a loose stool a high chance.
  await page.getByRole('button', { name: '+ milk' }).click();
  const looseChance = page.getByRole('meter', { name: 'Loose stool (type 6 or 7)' });
  await expect(looseChance).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number(await looseChance.getAttribute('aria-valuenow')), { timeout: 120_000 }).toBeGreaterThanOrEqual(60);
  await expect(page.getByRole('main')).toContainText(/Loose stool \(type 6 or 7\)\d+\s%More likely than usual/);
  await expect(page.getByRole('heading', { name: 'Loose stool', exact: true })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(/milk( that day)? raises tomorrow's loose stool risk by about \d+ in 100/);
  await screenshot(page, 'stool-predict-360-light');

  // The choice is in Settings too, and turning it off hides the form on new days (saved days keep theirs).
  await page.goto('/settings');
  await page.getByLabel('Track stool form').uncheck();
  await page.goto('/today?date=2026-12-02');
  await expect(page.getByRole('heading', { name: 'Stool form' })).toHaveCount(0);
  await page.goto('/today?date=2026-12-01');
  await expect(page.getByRole('list', { name: 'Bowel movements this day' }).getByRole('listitem')).toHaveCount(1);
});

test('cycle from period days: marked on Today, estimated for other days, overridable, used by the analysis and named in the report (360 px)', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/settings');
  await page.getByLabel('Track my cycle phase').check();

  // Three cycles of 30 days marked as period days (5 days each), no phase picked by hand; bloating is
  // worse in the last two weeks before each period.
  const starts = [0, 30, 60];
  const logs = Array.from({ length: 89 }, (_, i) => {
    const inCycle = i % 30;
    const period = starts.includes(i - inCycle) && inCycle < 5;
    return { date: iso('2026-06-01', i), ingredients: ['rice', i % 2 ? 'apple' : 'bread'], symptoms: { bloating: inCycle >= 16 ? 4 : 1 }, ...(period ? { period: true } : {}) };
  });
  // The fourth period's first day is marked on Today, like a person would.
  await importDays(page, logs);
  await page.goto('/today?date=2026-08-30');
  const periodBox = page.getByLabel('Period day');
  await expect(periodBox).not.toBeChecked();
  await periodBox.check();
  await expect(page.getByTestId('estimated-phase')).toHaveText(/^Menstrual phase \(period day\)/);
  await page.getByRole('button', { name: /^Save (day|changes)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved|Updated/ })).toBeVisible();

  // A day with no phase picked shows the estimate from the person's own 30-day cycles: ovulation is
  // counted back 14 days from the next period (2026-07-01), so 2026-06-17 is ovulatory.
  await page.goto('/today?date=2026-06-17');
  await expect(page.getByTestId('estimated-phase')).toHaveText(/^Ovulatory phase \(estimated\)\. From your own cycles of about 30 days\./);
  await expect(page.getByRole('group', { name: 'Cycle phase' }).getByLabel('Not set')).toBeChecked();
  await expectNoAxeViolations(page, 'today with an estimated phase');
  await screenshot(page, 'cycle-today-360-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'cycle-today-360-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // Picking a phase overrides the estimate.
  await page.getByRole('group', { name: 'Cycle phase' }).getByLabel('Luteal').check();
  await expect(page.getByTestId('estimated-phase')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved|Updated/ })).toBeVisible();

  // The report analyses the estimated phases (no phase was picked on the other days) and says so.
  await page.goto('/report?from=2026-06-01&to=2026-08-30');
  await expect(page.getByRole('heading', { name: 'Cycle phase' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('estimated-phases')).toHaveText(
    'Cycle phases: 73 days estimated from period days, from this person\'s own cycles of about 30 days; 16 marked period days; 1 day with the phase picked by hand.',
  );
  await expect(page.getByRole('main')).toContainText(/worst phase Luteal/);
  await screenshot(page, 'cycle-report-360-light');
});
