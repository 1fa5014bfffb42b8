import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectNoAxeViolations, screenshot } from './fixtures';
import { diaryToExport, generateDiary } from '../../shared/demo';
import { analyseDiary, describeInsights } from '../../shared/insights';

/**
 * "Explained by" (issue 16) on a phone: a year of the generator's decoy persona, where coconut milk
 * and rice come in the onion curry and only onion brings bloating the next day. Insights must say
 * coconut milk only looks linked, name onion, and offer onion (not coconut milk) for a test.
 */
test.use({ viewport: { width: 360, height: 780 } });

const diary = generateDiary({ persona: 'decoy', seed: 1, endDate: '2026-11-30' });
const file = join(mkdtempSync(join(tmpdir(), 'aurea-explained-')), 'decoy.json');
writeFileSync(file, JSON.stringify(diaryToExport(diary)));
// The sentence the page must show, from the same shared engine and wording.
const item = describeInsights(analyseDiary(diary.logs)).find((i) => i.kind === 'explained' && i.ingredient === 'coconut milk');

test('Insights says a food eaten with the real trigger only looks linked, and names the trigger', async ({ page }) => {
  expect(item?.explained_by?.ingredient).toBe('onion');
  const n = diary.logs.length.toLocaleString('en-GB');
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  await expect(page.getByRole('region', { name: 'Import preview' })).toContainText(`${n} new`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported: ${n} new` })).toBeVisible();

  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Up to date' })).toBeVisible();
  const explained = page.getByRole('region', { name: 'Foods that only look linked' });
  await expect(explained).toBeVisible();
  const decoy = explained.getByRole('listitem').filter({ has: page.getByRole('heading', { name: item!.headline }) });
  await expect(decoy).toContainText(item!.sentence);
  await expect(decoy).toContainText('Coconut milk looks linked to more bloating the next day, but it is');
  await expect(decoy).toContainText('on days without onion it makes no clear difference.');
  // The numbers are one tap away, not in the default text.
  const numbers = decoy.getByRole('group').filter({ hasText: 'Show the numbers' });
  await expect(decoy.getByText('p without onion (Mann-Whitney U)')).toBeHidden();
  await numbers.getByText('Show the numbers').click();
  await expect(decoy.getByText('p without onion (Mann-Whitney U)')).toBeVisible();
  await expect(decoy.getByText('Its days that are also onion days')).toBeVisible();

  // Not a trigger to avoid: coconut milk is neither among the triggers nor the delayed effects; onion is.
  await expect(page.getByRole('region', { name: 'Foods linked to worse symptoms' })).not.toContainText('Coconut milk');
  const delayed = page.getByRole('region', { name: 'Delayed effects' });
  await expect(delayed).not.toContainText('Coconut milk');
  await expect(delayed.getByRole('heading', { name: 'Onion: linked to more bloating the next day' })).toBeVisible();
  // Nothing spills past a 360 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page, 'insights with an explained finding');
  await screenshot(page, 'insights-explained-360');

  // The test it offers is of onion, and the re-challenge page suggests onion, never coconut milk.
  await decoy.getByRole('link', { name: 'Test onion instead' }).click();
  await expect(page.getByLabel('Food to test')).toHaveValue('onion');
  await expect(page.getByRole('button', { name: 'onion → bloating' })).toBeVisible();
  await expect(page.getByRole('button', { name: /coconut milk/ })).toHaveCount(0);
  await page.getByLabel('Food to test').fill('coconut milk');
  await expect(page.getByRole('status').filter({ hasText: 'mostly eaten with onion' }).or(page.getByRole('status').filter({ hasText: 'eaten with onion' }))).toContainText(item!.sentence);
  await page.getByRole('button', { name: 'Test onion instead' }).click();
  await expect(page.getByLabel('Food to test')).toHaveValue('onion');

  // The report over the whole diary says the same, apart from the foods linked to worse symptoms.
  await page.goto(`/report?from=${diary.logs[0]!.date}&to=${diary.logs.at(-1)!.date}`);
  const report = page.getByRole('article', { name: 'Report' });
  await expect(report.getByText(item!.sentence)).toBeVisible();
  await expect(report.locator('table').filter({ hasText: 'coconut milk' })).toHaveCount(0);
  await expect(report.getByRole('listitem').filter({ hasText: 'The day after you have onion' })).toBeVisible();
  await expect(report.getByRole('listitem').filter({ hasText: 'The day after you have coconut milk' })).toHaveCount(0);
});
