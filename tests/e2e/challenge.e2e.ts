import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, logDay, expectNoAxeViolations, screenshot } from './fixtures';

test('a re-challenge over simulated dates ends with a verdict in plain words', async ({ page }) => {
  // Today is 2026-03-05: the plan started on 2026-03-01.
  await page.clock.install({ time: new Date('2026-03-05T09:00:00') });
  await page.goto('/challenge?food=milk&symptom=bloating');
  await expect(page.getByLabel('Food to test')).toHaveValue('milk');
  await page.getByLabel('Start', { exact: true }).fill('2026-03-01');
  await page.getByRole('button', { name: 'Start the test' }).click();
  await expect(page.getByRole('heading', { name: 'Testing milk and bloating' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Avoid milk today (day 5 of 7 without it).' })).toBeVisible();

  // The Today page shows the plan's instruction for the day.
  await page.goto('/today');
  await expect(page.getByRole('note')).toContainText('Avoid milk today (day 5 of 7 without it).');

  // The days are logged (imported here to keep the test short): calm days without milk, worse with it.
  const avoid = [1, 2, 1, 2, 1, 1, 2];
  const logs = [
    ...avoid.map((b, i) => ({ date: `2026-03-0${i + 1}`, ingredients: ['rice', 'chicken'], symptoms: { bloating: b } })),
    { date: '2026-03-08', ingredients: ['rice', 'milk'], symptoms: { bloating: 4 } },
    { date: '2026-03-09', ingredients: ['rice'], symptoms: { bloating: 3 } },
    { date: '2026-03-10', ingredients: ['oats', 'milk'], symptoms: { bloating: 4 } },
    { date: '2026-03-11', ingredients: ['rice'], symptoms: { bloating: 2 } },
    { date: '2026-03-12', ingredients: ['milk', 'bread'], symptoms: { bloating: 5 } },
    { date: '2026-03-13', ingredients: ['rice'], symptoms: { bloating: 2 } },
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'aurea-ch-')), 'days.json');
  writeFileSync(file, JSON.stringify({ format: 'aurea.export', version: 1, logs }));
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  // The simulated clock is at 5 March, so the later days are "after tomorrow": the import asks first.
  await page.getByLabel(/^Yes, import these 7 days with their dates as they are/).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 13 new' })).toBeVisible();

  // A challenge day, then the day after the plan ends.
  await page.clock.setFixedTime(new Date('2026-03-10T09:00:00'));
  await page.goto('/history');
  // On a planned challenge day the app reminds once, on whichever page it opens.
  await expect(page.getByRole('status').filter({ hasText: 'Re-challenge. Challenge day 2 of 3: have milk today, then log how you feel.' })).toBeVisible();
  await page.goto('/challenge');
  await expect(page.getByRole('status').filter({ hasText: 'Challenge day 2 of 3: have milk today, and log how you feel.' })).toBeVisible();
  await expect(page.getByText('Re-challenge. Challenge day')).toHaveCount(0);
  await page.clock.setFixedTime(new Date('2026-03-14T09:00:00'));
  await page.goto('/challenge');
  const finished = page.getByRole('region', { name: 'Your milk test is finished' });
  await expect(finished).toContainText('Bloating was 2.9 points higher on the 3 challenge days than on the 7 days without milk (4.3 vs 1.4); consistent with milk being a trigger for you (p = 0.017).');
  await expect(page.getByRole('heading', { name: 'Earlier tests' })).toBeVisible();
  await expectNoAxeViolations(page, 'challenge page');
  await page.setViewportSize({ width: 360, height: 780 });
  await screenshot(page, 'challenge-360');

  // Kept in the diary: a new test can start, the old verdict stays listed.
  await logDay(page, { date: '2026-03-14', foods: ['tea'], symptoms: { Bloating: 1 } });
  await page.goto('/challenge');
  await expect(page.getByRole('heading', { name: 'Start a test' })).toBeVisible();
  await expect(page.getByText(/consistent with milk being a trigger/).first()).toBeVisible();
});
