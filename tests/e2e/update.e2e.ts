import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, waitForServiceWorker, dayFoodItems } from './fixtures';
import { startServerProcess } from './server-process';

const dist = fileURLToPath(new URL('../../app/dist', import.meta.url));

test('a new version is offered by a prompt that never reloads over unsaved input', async ({ page }) => {
  // Two builds on the same origin: B's service worker differs by a byte, like a real release.
  const a = mkdtempSync(join(tmpdir(), 'aurea-build-a-'));
  const b = mkdtempSync(join(tmpdir(), 'aurea-build-b-'));
  cpSync(dist, a, { recursive: true });
  cpSync(dist, b, { recursive: true });
  appendFileSync(join(b, 'sw.js'), '\n// next release\n');
  const port = '8796';

  let server = await startServerProcess({ PORT: port, STATIC_DIR: a });
  try {
    await page.goto(`${server.url}/today`);
    await waitForServiceWorker(page);
    await expect(page.getByText('A new version of Aurea is ready.')).toHaveCount(0);
    await server.stop();
    server = await startServerProcess({ PORT: port, STATIC_DIR: b });

    // The person is typing when the update arrives.
    await page.getByRole('combobox', { name: 'What did you eat and drink?' }).fill('rice');
    await page.keyboard.press('Enter');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(page.getByText('A new version of Aurea is ready.')).toBeVisible();

    await page.getByRole('button', { name: 'Update now' }).click();
    await expect(page.getByText('Save or discard your unsaved entry first')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await expect(dayFoodItems(page).filter({ hasText: 'rice' }).first()).toBeVisible();

    // Once the entry is saved, updating reloads into the new version.
    await page.getByRole('button', { name: 'Save day' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    await expect(dayFoodItems(page).filter({ hasText: 'rice' }).first()).toBeVisible();
    await expect(page.getByText('A new version of Aurea is ready.')).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
