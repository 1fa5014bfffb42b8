import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, screenshot } from './fixtures';
import { diaryToExport, generateDiary } from '../../shared/demo';
import { analyseComponents } from '../../shared/insights/components';

/**
 * Findings by food component on a 360 px phone: a generated diary whose bloating follows fructans
 * spread over many foods, a day later, imported like any export. The foods named in the sentence are
 * the diary's own fructan foods, most eaten first.
 */
test('a fructan diary shows "Fructans (…) are linked to more bloating the next day" with its numbers', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const diary = generateDiary({ persona: 'fructans', seed: 2, days: 90 });
  const file = join(mkdtempSync(join(tmpdir(), 'aurea-components-')), 'fructans.json');
  writeFileSync(file, JSON.stringify(diaryToExport(diary)));
  const hit = analyseComponents(diary.logs).find((t) => t.component === 'fructans' && t.symptom === 'bloating' && t.lag_days === 1)!;
  expect(hit.significant).toBe(true);
  const named = `Fructans (${hit.foods.slice(0, 3).join(', ')}…) are linked to more bloating the next day`;

  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  const n = diary.logs.length.toLocaleString('en-GB');
  await expect(page.getByRole('region', { name: 'Import preview' })).toContainText(`${n} new`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported: ${n} new` })).toBeVisible();

  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Up to date' })).toBeVisible({ timeout: 30_000 });
  const section = page.getByRole('region', { name: 'Food groups' });
  await expect(section).toBeVisible({ timeout: 30_000 });
  const item = section.getByRole('listitem').filter({ hasText: named });
  await expect(item).toBeVisible();
  await item.getByText('Show the numbers').click();
  const daysWith = item.locator('dl > div').filter({ has: page.getByText('Days with any of these foods', { exact: true }) });
  await expect(daysWith).toBeVisible();
  await expect(daysWith.locator('dd')).toHaveText(String(hit.n_present));
  // The sentence fits the phone: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'insights-components-360');
});
