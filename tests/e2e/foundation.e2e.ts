import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, logDay, waitForServiceWorker, expectNoAxeViolations, screenshot, dayFoodItems } from './fixtures';

test('a logged day survives a reload, and the app works offline from the service worker', async ({ page, context }) => {
  await logDay(page, { date: '2026-03-02', foods: ['Milk', 'oats', 'Eggs'], symptoms: { Bloating: 3, Energy: 4 }, notes: 'first day' });
  await page.reload();
  await expect(dayFoodItems(page).filter({ hasText: 'milk' }).first()).toBeVisible();
  await expect(dayFoodItems(page).filter({ hasText: 'oats' }).first()).toBeVisible();
  await expect(page.getByLabel('Bloating 3 of 5', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Notes')).toHaveValue('first day');

  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await logDay(page, { date: '2026-03-03', foods: ['rice'], symptoms: { Focus: 2 } });
  await page.reload();
  await page.getByRole('link', { name: 'History', exact: true }).click();
  const list = page.getByRole('list', { name: 'Logged days, newest first' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('rice');
  await expect(list.getByRole('listitem').nth(1)).toContainText('milk, oats, egg');
  await context.setOffline(false);
});

test('saving a date that already has a log updates it; delete has undo', async ({ page }) => {
  await logDay(page, { date: '2026-03-05', foods: ['bread'], symptoms: { Bloating: 1 } });
  await page.goto('/today?date=2026-03-05');
  await expect(page.getByText('Editing the saved log for this day')).toBeVisible();
  await page.getByLabel('Bloating 4 of 5', { exact: true }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toBeVisible();

  await page.getByRole('link', { name: 'History', exact: true }).click();
  const rows = page.getByRole('list', { name: 'Logged days, newest first' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Bloating 4');
  await rows.first().getByRole('button', { name: /^Delete/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete day' }).click();
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('bread');
});

test('export, then import into a fresh browser profile, gives identical logs', async ({ page, browser }) => {
  await logDay(page, { date: '2026-04-01', foods: ['milk', 'coffee'], symptoms: { Bloating: 2, Energy: 3, Focus: 4 } });
  await logDay(page, { date: '2026-04-02', foods: ['yogurt'], symptoms: { Bloating: 4 }, notes: 'after lunch' });
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const path = await download.path();
  const exported = JSON.parse(readFileSync(path!, 'utf8'));
  expect(exported.format).toBe('aurea.export');
  expect(exported.logs).toHaveLength(2);

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await page2.goto('/settings');
  await page2.getByLabel('Import an Aurea export (JSON)').setInputFiles(path!);
  await expect(page2.getByRole('region', { name: 'Import preview' })).toContainText('2 new');
  await page2.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page2.getByRole('status').filter({ hasText: 'Imported: 2 new' })).toBeVisible();
  const read = (p: typeof page) => p.evaluate(async () => {
    const req = indexedDB.open('aurea');
    const db: IDBDatabase = await new Promise((res, rej) => { req.onsuccess = () => res(req.result); req.onerror = () => rej(req.error); });
    const logs: unknown[] = await new Promise((res) => { const r = db.transaction('logs').objectStore('logs').getAll(); r.onsuccess = () => res(r.result); });
    db.close();
    return logs.map((l) => { const { updated_at: _u, ...rest } = l as Record<string, unknown>; return rest; });
  });
  expect(await read(page2)).toEqual(await read(page));
  await fresh.close();
});

test('a malformed import is refused whole with the record and field named, changing nothing', async ({ page }) => {
  await logDay(page, { date: '2026-05-01', foods: ['tea'], symptoms: { Energy: 3 } });
  const dir = mkdtempSync(join(tmpdir(), 'aurea-bad-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ format: 'aurea.export', version: 1, logs: [
    { date: '2026-05-02', ingredients: ['milk'], symptoms: { bloating: 2 } },
    { date: '2026-05-03', ingredients: ['milk'], symptoms: { bloating: 9 } },
  ] }));
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(bad);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was imported');
  await expect(alert).toContainText('record 2 (2026-05-03), symptoms.bloating: must be from 0 to 5');
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Logged days, newest first' }).getByRole('listitem')).toHaveCount(1);

  writeFileSync(bad, '{"format": "aurea.export", "version": 1, "logs": [');
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('not valid JSON');
});

test('custom symptoms with polarity appear on the Today page', async ({ page }) => {
  await page.goto('/settings');
  await page.getByLabel('Add your own symptom').fill('Headache');
  await page.getByLabel('worse (like pain)').check();
  await page.getByRole('button', { name: 'Add symptom' }).click();
  await expect(page.getByRole('list', { name: 'Tracked symptoms' })).toContainText('Headache');
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await page.getByLabel('Headache 2 of 5', { exact: true }).check();
  await page.getByRole('combobox', { name: 'What did you eat and drink?' }).fill('wine');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Save day' }).click();
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Logged days, newest first' })).toContainText('Headache 2');
});

test('no axe violations on any page, light and dark; screenshots at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await logDay(page, { foods: ['milk', 'oats', 'banana', 'coffee'], symptoms: { Bloating: 2, Energy: 4, Focus: 3 } });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of ['/today', '/history', '/settings']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page, `${path} (${scheme})`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/today');
  await screenshot(page, 'today-360');
  await page.goto('/history');
  await screenshot(page, 'history-360');
});

test('the app is installable: manifest with icons incl. maskable, start_url, standalone, and a service worker', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toContain('Aurea');
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.some((i: { purpose?: string; sizes: string }) => i.purpose === 'maskable' && i.sizes === '512x512')).toBe(true);
  expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '192x192')).toBe(true);
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
  await waitForServiceWorker(page);
  const persisted = await page.evaluate(() => typeof navigator.storage.persist === 'function');
  expect(persisted).toBe(true);
});
