import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';

/** A long diary: 3,000 consecutive days ending 2026-10-31. */
function longDiary(n: number) {
  const foods = ['milk', 'oats', 'coffee', 'rice', 'chicken', 'apple', 'bread', 'cheese', 'onion', 'tea'];
  const end = Date.parse('2026-10-31T00:00:00Z');
  const logs = Array.from({ length: n }, (_, i) => ({
    date: new Date(end - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    ingredients: foods.filter((_, k) => (i * 7 + k * 3) % 4 === 0),
    symptoms: { bloating: i % 6, energy: (i * 5) % 6, focus: (i * 3) % 6 },
  }));
  return { format: 'aurea.export', version: 1, logs };
}

test('History stays virtualised and navigable with 3,000 logs', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'aurea-long-'));
  const file = join(dir, 'long.json');
  const diary = longDiary(3000);
  writeFileSync(file, JSON.stringify(diary));
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  await expect(page.getByRole('region', { name: 'Import preview' })).toContainText('3,000 new');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 3,000 new' })).toBeVisible();

  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText('3,000 logged days')).toBeVisible();
  const items = page.getByRole('list', { name: 'Logged days, newest first' }).getByRole('listitem');
  await expect(items.first()).toContainText('31 Oct 2026');
  const rendered = await items.count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(60);

  // Scroll to the very end: the oldest day is reachable and still only a window of rows exists.
  const region = page.getByRole('region', { name: 'Logged days, newest first' });
  await region.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(items.last()).toContainText(new Date(Date.parse(diary.logs[0]!.date + 'T12:00:00Z')).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }));
  expect(await items.count()).toBeLessThan(60);

  // Filtering narrows the list and opening a day edits it.
  await page.getByLabel('Find a day or food').fill('2020-02-29');
  await expect(items).toHaveCount(1);
  await items.first().getByRole('button', { name: /^Open/ }).click();
  await expect(page).toHaveURL(/\/today\?date=2020-02-29$/);
  await expect(page.getByText('Editing the saved log for this day')).toBeVisible();
});
