import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const SHARED_DATA = join(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');

/** Waits until a service worker controls the page or is at least active (offline-ready). */
export async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
}

/** Axe on the current page: no violations (WCAG A/AA and best-practice rules). */
export async function expectNoAxeViolations(page: Page, context = '') {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `axe violations ${context}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
  const path = join(ARTIFACTS, 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await base.info().attach(name, { path, contentType: 'image/png' });
  return path;
}

/** Logs a day through the Today page like a person would. */
export async function logDay(page: Page, day: { date?: string; foods: string[]; symptoms?: Record<string, number>; notes?: string }) {
  await page.goto(day.date ? `/today?date=${day.date}` : '/today');
  const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
  for (const f of day.foods) {
    await input.fill(f);
    await input.press('Enter');
  }
  for (const [label, v] of Object.entries(day.symptoms ?? {})) await page.getByLabel(`${label} ${v} of 5`, { exact: true }).check();
  if (day.notes) await page.getByLabel('Notes').fill(day.notes);
  await page.getByRole('button', { name: /^Save (day|changes)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved|Updated/ })).toBeVisible();
}

export const test = base;
export { expect };

/** Every food chip of the day on Today, across its meals (each meal's list is named "<meal> foods"). */
export function dayFoodItems(page: Page) {
  return page.locator('main').getByRole('list', { name: /^.+ foods$/ }).getByRole('listitem');
}
