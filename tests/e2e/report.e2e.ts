import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, SHARED_DATA, expectNoAxeViolations, screenshot } from './fixtures';

const LACTOSE = join(SHARED_DATA, 'diaries/lactose-365d/export.json');
if (!existsSync(LACTOSE)) console.warn(`[report e2e] SKIPPED: the sample diary is missing (${LACTOSE}); it ships in ../shared/data beside the checkout.`);

test('the report for the lactose sample names milk with its numbers, prints cleanly, and offers the CSV', async ({ page }) => {
  test.skip(!existsSync(LACTOSE), `reference data missing: ${LACTOSE} (the report test needs the lactose sample diary)`);
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(LACTOSE);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 353 new' })).toBeVisible();

  await page.getByRole('link', { name: 'Report for your clinician' }).click();
  await expect(page.getByRole('heading', { name: 'Report for your clinician' })).toBeVisible();
  await page.getByLabel('From').fill('2025-03-21');
  await page.getByLabel('To', { exact: true }).fill('2026-03-20');
  const report = page.getByRole('article', { name: 'Report' });
  await expect(report).toContainText('353 days logged of 365');
  const milk = report.getByRole('row', { name: /milk → bloating/ });
  await expect(milk).toContainText('115 / 238');
  await expect(milk).toContainText('3.4 / 1.8');
  await expect(milk).toContainText('< 0.001');
  await expect(report.getByRole('row', { name: /cheese → bloating/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /yogurt → bloating/ })).toBeVisible();
  await expect(report).toContainText('Appendix: how these findings were made');
  await expect(report).toContainText('not proof that the food causes the symptom');
  await expectNoAxeViolations(page, 'report');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of these days' }).click()]);
  expect(csv.suggestedFilename()).toBe('aurea-logs-2025-03-21-to-2026-03-20.csv');

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await screenshot(page, 'report-print');
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(20_000);
});
