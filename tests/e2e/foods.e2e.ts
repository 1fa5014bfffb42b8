import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, waitForServiceWorker, expectNoAxeViolations, screenshot, SHARED_DATA } from './fixtures';
import { CHROMIUM_ARGS } from './playwright.config';
import { startServerProcess } from './server-process';

/**
 * The Foods page against the real server. With ../shared/data present, playwright.config.ts starts
 * the fake USDA / Open Food Facts upstream (real recorded bodies) and points the server at it; the
 * tests that need it skip with a notice when it is missing.
 */

const hasData = existsSync(SHARED_DATA);
if (!hasData) console.warn(`[skip] ${SHARED_DATA} is missing: the Foods tests that need the fake USDA / Open Food Facts upstream are skipped`);

const DIST = fileURLToPath(new URL('../../app/dist', import.meta.url));
const COKE_ZERO = '5000112576009';
const SPARKLING_WATER = '3248652962117';

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search foods' });
const card = (page: Page, name: string | RegExp) => page.getByRole('article', { name });
const dimension = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name} \\(`) });
async function scoreOf(page: Page, name: string): Promise<number> {
  return Number(await dimension(page, name).locator('.dim-value strong').textContent());
}
/** A full-page screenshot with the viewport as tall as the page, so the sticky tab bar sits at the bottom. */
async function screenshotWhole(page: Page, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 360, height });
  await screenshot(page, name);
  await page.setViewportSize({ width: 360, height: 780 });
}
async function lookUpBarcode(page: Page, code: string) {
  await page.getByLabel('Barcode', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Look up' }).click();
}

test('offline: search the bundled table and open a food card with its scores and reasons', async ({ page, context }) => {
  await page.goto('/foods');
  await expect(page.getByRole('heading', { level: 1, name: 'Foods' })).toBeVisible();
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();

  await search(page).fill('oat');
  const matches = page.getByRole('list', { name: 'Matches in the built-in list' });
  await expect(matches.getByRole('link').first()).toContainText('oats');
  await expect(page.getByText('You are offline: more foods are looked up when you are back online.')).toBeVisible();
  await matches.getByRole('link', { name: /^oats/ }).first().click();

  const oats = card(page, 'oats');
  await expect(oats).toBeVisible();
  await expect(page).toHaveURL(/\/foods\?q=oat&name=oats$/);
  await expect(oats.getByText('Built into Aurea (works offline)')).toBeVisible();
  await expect(page.getByText('You are offline: showing the built-in list.')).toBeVisible();
  // The four scores with their calm labels, each scale's direction spelled out, and the rules behind them.
  await expect(oats.getByRole('heading', { name: 'In general (not about you)' })).toBeVisible();
  await expect(dimension(page, 'Blood sugar')).toContainText('(higher is gentler)');
  await expect(dimension(page, 'Blood sugar')).toContainText('Gentle on blood sugar');
  await expect(dimension(page, 'Inflammation')).toContainText('(higher means more impact)');
  await expect(dimension(page, 'Gut')).toContainText('Gut-friendly');
  await expect(dimension(page, 'Hormonal')).toContainText('Little hormonal relevance');
  expect(await scoreOf(page, 'Blood sugar')).toBe(75);
  expect(await scoreOf(page, 'Gut')).toBe(90);
  await expect(oats.getByRole('list', { name: 'Why blood sugar is 75' })).toContainText('glycemic index 55 (low): +10');
  await expect(oats.getByRole('list', { name: 'Why blood sugar is 75' })).toContainText('fiber 10.6 g/100 g: +15');
  await expect(oats.getByRole('list', { name: 'Why gut is 90' })).toContainText('fiber 10.6 g/100 g: +25');
  await expect(oats.getByRole('list', { name: 'How the overall score adds up' })).toContainText('Total 81, rounded: 81');
  await expect(oats.getByText('High confidence')).toBeVisible();
  // Sources: the SR28 row, the GI table row, the knowledge table.
  const sources = oats.getByRole('region', { name: 'Sources' });
  await expect(sources).toContainText('NDB 20038');
  await expect(sources).toContainText('Atkinson 2008 Table 1 row 22');
  await expect(sources).toContainText('Aurea knowledge table');
  // What the diary shows is kept apart, and says so when there is nothing yet.
  await expect(oats.getByRole('region', { name: 'For you' })).toContainText('Your diary has not been analysed for this yet');

  // Back returns to the results that were typed.
  await page.goBack();
  await expect(search(page)).toHaveValue('oat');
  await expect(page.getByRole('list', { name: 'Matches in the built-in list' })).toBeVisible();

  // Barcode lookups need the server, and say so.
  await lookUpBarcode(page, COKE_ZERO);
  await expect(page.getByText('Looking up a barcode needs a connection, and you are offline.')).toBeVisible();
  await context.setOffline(false);
});

test.describe('with the fake USDA / Open Food Facts upstream', () => {
  test.skip(!hasData, `${SHARED_DATA} is missing`);

  test('a diet cola shows its sweeteners, and they lower its gut score below plain sparkling water', async ({ page }) => {
    await page.goto('/foods');
    await lookUpBarcode(page, COKE_ZERO);
    const coke = card(page, 'Coke Zero');
    await expect(coke).toBeVisible();
    await expect(coke).toContainText('Coca Cola');
    const additives = coke.getByRole('list', { name: 'Additives' });
    await expect(additives).toContainText('E951 aspartame — sweetener');
    await expect(additives).toContainText('E950 acesulfame K — sweetener');
    await expect(additives).toContainText('E150d sulphite ammonia caramel — colour');
    await expect(coke.getByRole('list', { name: 'Why gut is 20' })).toContainText('E951 (aspartame)');
    await expect(coke.getByRole('list', { name: 'Why gut is 20' })).toContainText('−20');
    const cokeGut = await scoreOf(page, 'Gut');

    await lookUpBarcode(page, SPARKLING_WATER);
    const water = card(page, /Eau gazeuse/);
    await expect(water).toBeVisible();
    await expect(water.getByText('No additives listed.')).toBeVisible();
    const waterGut = await scoreOf(page, 'Gut');
    expect(cokeGut).toBe(20);
    expect(waterGut).toBe(50);
    expect(cokeGut).toBeLessThan(waterGut);

    // Back to the cola: the saved copy answers, and it is there offline too.
    await page.goBack();
    await expect(card(page, 'Coke Zero')).toBeVisible();
  });

  test('a food the built-in list lacks is found on the food server, and kept for offline use', async ({ page, context }) => {
    await page.goto('/foods');
    await waitForServiceWorker(page);
    await search(page).fill('big mac');
    await expect(page.getByText('No food in the built-in list matches “big mac”.')).toBeVisible();
    const usda = page.getByRole('list', { name: 'USDA FoodData Central · generic foods' });
    await expect(usda).toContainText("McDONALD'S, BIG MAC");
    await usda.getByRole('link', { name: /^McDONALD'S, BIG MAC SR Legacy/ }).click();

    const bigMac = card(page, 'big mac');
    await expect(bigMac).toBeVisible();
    await expect(bigMac.getByText(/^Looked up online/)).toBeVisible();
    await expect(bigMac.getByRole('region', { name: 'Sources' })).toContainText('FDC 170720');
    await expect(dimension(page, 'Blood sugar')).toContainText('glycemic index unknown');

    await context.setOffline(true);
    await page.reload();
    await expect(card(page, 'big mac')).toBeVisible();
    await expect(card(page, 'big mac').getByText(/^Looked up online, saved on this device/)).toBeVisible();
    await context.setOffline(false);
  });

  test('the server answer upgrades the offline card, and both stay one tap apart; a 404 is quiet', async ({ page }) => {
    await page.goto('/foods?name=cheddar%20cheese');
    const cheddar = card(page, 'cheddar cheese');
    await expect(cheddar.getByText(/^Looked up online/)).toBeVisible();
    await expect(cheddar.getByRole('region', { name: 'Sources' })).toContainText('FDC 328637');
    await expect(cheddar.getByRole('list', { name: /^Why inflammation is/ })).toContainText('trans fat 1.14 g/100 g: +30');
    await page.getByLabel('Offline table').check();
    await expect(page.getByRole('article').getByText('Built into Aurea (works offline)')).toBeVisible();
    await expect(page.getByRole('article').getByRole('region', { name: 'Sources' })).toContainText('NDB');

    // USDA and Open Food Facts know no "milk" here: the offline table's card stands, with no alarm.
    await page.goto('/foods?name=milk');
    await expect(card(page, 'milk').getByText('Built into Aurea (works offline)')).toBeVisible();
    await expect(page.locator('.food-notice')).toHaveCount(0);
  });

  test('a barcode that is not in Open Food Facts says so, pointing at a likely typo', async ({ page }) => {
    await page.goto('/foods');
    await lookUpBarcode(page, '12345678');
    await expect(page.getByText('No product with barcode 12345678 is in Open Food Facts. Its last digit does not match the others, so a digit may be mistyped.')).toBeVisible();
  });
});

test('a malformed barcode gets a clear message and no lookup', async ({ page }) => {
  await page.goto('/foods');
  const requests: string[] = [];
  page.on('request', (r) => r.url().includes('/api/products/') && requests.push(r.url()));
  await lookUpBarcode(page, '12345');
  await expect(page.getByRole('alert')).toHaveText('A barcode has 8 to 14 digits; this one has 5.');
  await expect(page.getByLabel('Barcode', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await lookUpBarcode(page, '50001125x6009');
  await expect(page.getByRole('alert')).toHaveText('A barcode has digits only; check for letters or symbols.');
  await lookUpBarcode(page, '');
  await expect(page.getByRole('alert')).toHaveText('Type the digits under the barcode (8 to 14 of them).');
  expect(requests).toEqual([]);
  await expect(page).toHaveURL(/\/foods$/);
});

test.describe('when the food server cannot help', () => {
  // A server process of its own, cut off from USDA and Open Food Facts, and then stopped.
  test.use({ serviceWorkers: 'block' });

  test('an unreachable server, or one that cannot reach its sources, falls back to the built-in list with a small note', async ({ page }) => {
    // Nothing listens on port 9: every upstream call fails, so the server answers 503.
    // Its own copy of the built app (source maps left out: they only slow its start-up).
    const dist = mkdtempSync(join(tmpdir(), 'aurea-foods-dist-'));
    cpSync(DIST, dist, { recursive: true, filter: (src) => !src.endsWith('.map') });
    const server = await startServerProcess({ PORT: '0', STATIC_DIR: dist, USDA_BASE_URL: 'http://127.0.0.1:9/fdc/v1', OFF_BASE_URL: 'http://127.0.0.1:9/off', UPSTREAM_TIMEOUT_MS: '2000' });
    try {
      await test.step('the server cannot reach USDA or Open Food Facts (503)', async () => {
        await page.goto(`${server.url}/foods?name=salmon`);
        await expect(card(page, 'salmon').getByText('Built into Aurea (works offline)')).toBeVisible();
        await expect(page.getByText('Showing the built-in list; Aurea cannot reach USDA or Open Food Facts right now.')).toBeVisible();

        await page.goto(`${server.url}/foods?name=dragon%20fruit`);
        await expect(page.getByText('“dragon fruit” is not in the built-in list, and Aurea cannot reach USDA or Open Food Facts right now. Try again in a minute.')).toBeVisible();

        await lookUpBarcode(page, COKE_ZERO);
        await expect(page.getByText('Aurea cannot reach Open Food Facts right now. Try again in a minute.')).toBeVisible();

        await page.goto(`${server.url}/foods`);
        await search(page).fill('milk');
        await expect(page.getByRole('list', { name: 'Matches in the built-in list' })).toBeVisible();
        await search(page).fill('');
      });
    } finally {
      await server.stop();
    }
    await test.step('the server is gone: the loaded app keeps working from the bundled table', async () => {
      await page.getByRole('link', { name: 'milk', exact: true }).click();
      const milk = card(page, 'milk');
      await expect(milk).toBeVisible();
      await expect(milk.getByText('Built into Aurea (works offline)')).toBeVisible();
      await expect(page.getByText('Showing the built-in list; Aurea’s server cannot be reached.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();

      await search(page).fill('big mac');
      await expect(page.getByText('No food in the built-in list matches “big mac”.')).toBeVisible();
      await expect(page.getByRole('group', { name: 'Found online' })).toContainText('Showing the built-in list; Aurea’s server cannot be reached.');

      await lookUpBarcode(page, COKE_ZERO);
      await expect(page.getByText('Aurea’s server cannot be reached, and barcode lookups need it.')).toBeVisible();
    });
  });
});

test('no axe violations on the Foods page with a card open, light and dark; screenshots at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/foods');
    await search(page).fill('yog');
    await expect(page.getByRole('list', { name: 'Matches in the built-in list' })).toBeVisible();
    await expectNoAxeViolations(page, `/foods search results (${scheme})`);
    await page.goto('/foods?name=oats');
    await expect(card(page, 'oats')).toBeVisible();
    await page.locator('.nutrients summary').click();
    await expectNoAxeViolations(page, `/foods oats card (${scheme})`);
    if (hasData) {
      await page.goto(`/foods?barcode=${COKE_ZERO}`);
      await expect(card(page, 'Coke Zero')).toBeVisible();
      await expectNoAxeViolations(page, `/foods Coke Zero card (${scheme})`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/foods?name=oats');
  await expect(dimension(page, 'Gut')).toBeVisible();
  await screenshotWhole(page, 'foods-card-360');
  if (hasData) {
    await page.goto(`/foods?barcode=${COKE_ZERO}`);
    await expect(card(page, 'Coke Zero')).toBeVisible();
    await screenshotWhole(page, 'foods-product-360');
  }
});

test('the search works from the keyboard', async ({ page }) => {
  await page.goto('/foods');
  await search(page).fill('salmo');
  await expect(page.getByRole('list', { name: 'Matches in the built-in list' })).toBeVisible();
  await search(page).press('ArrowDown');
  await expect(page.getByRole('list', { name: 'Matches in the built-in list' }).getByRole('link').first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(search(page)).toBeFocused();
  await search(page).press('Enter');
  await expect(card(page, 'salmon')).toBeVisible();
  await expect(card(page, 'salmon').getByRole('heading', { level: 2 })).toBeFocused();
});

test('camera scanning is offered only where the browser has a BarcodeDetector', async ({ page }) => {
  await page.goto('/foods');
  await expect(page.getByLabel('Barcode', { exact: true })).toBeVisible();
  const has = await page.evaluate(() => 'BarcodeDetector' in window);
  await expect(page.getByRole('button', { name: 'Scan with camera' })).toHaveCount(has ? 1 : 0);
});

/**
 * Chromium on Linux has no BarcodeDetector, so these tests give the page a stand-in for that browser
 * API (it "reads" a code once real frames arrive from Chromium's fake camera). Everything else is
 * real: getUserMedia, the video preview, the detection loop, the lookup, and stopping the camera.
 */
const detectorStandIn = (code: string | null) => {
  const w = window as unknown as { __streams: MediaStream[]; __code: string | null; BarcodeDetector: unknown };
  w.__streams = [];
  w.__code = code;
  const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (c) => {
    const s = await gum(c);
    w.__streams.push(s);
    return s;
  };
  w.BarcodeDetector = class {
    static async getSupportedFormats() {
      return ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'qr_code'];
    }
    frames = 0;
    async detect(source: HTMLVideoElement) {
      if (!(source instanceof HTMLVideoElement) || source.videoWidth === 0 || !w.__code) return [];
      return ++this.frames >= 3 ? [{ rawValue: w.__code, format: 'ean_13' }] : [];
    }
  };
};
const cameraStopped = (page: Page) =>
  page.evaluate(() => {
    const streams = (window as unknown as { __streams: MediaStream[] }).__streams;
    return streams.length > 0 && streams.every((s) => s.getTracks().every((t) => t.readyState === 'ended'));
  });

/** A browser with Chromium's fake camera (a test pattern), and a page in a context with or without camera permission. */
async function withFakeCamera(playwright: PlaywrightLike, baseURL: string | undefined, permissions: string[], run: (page: Page) => Promise<void>) {
  const browser = await playwright.chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream'] });
  try {
    const context = await browser.newContext({ baseURL, permissions, locale: 'en-GB', timezoneId: 'UTC', serviceWorkers: 'block' });
    await run(await context.newPage());
  } finally {
    await browser.close();
  }
}
type PlaywrightLike = Parameters<Parameters<typeof test>[2]>[0]['playwright'];

test('camera: a scanned code is looked up, and the camera stops', async ({ playwright, baseURL }) => {
  await withFakeCamera(playwright, baseURL, ['camera'], async (page) => {
    await page.addInitScript(detectorStandIn, COKE_ZERO);
    await page.goto('/foods');
    await page.getByRole('button', { name: 'Scan with camera' }).click();
    await expect(page).toHaveURL(new RegExp(`barcode=${COKE_ZERO}`));
    await expect(page.getByRole('dialog', { name: 'Scan a barcode' })).toBeHidden();
    await expect(page.getByLabel('Barcode', { exact: true })).toHaveValue(COKE_ZERO);
    expect(await cameraStopped(page)).toBe(true);
    if (hasData) await expect(card(page, 'Coke Zero')).toBeVisible();
  });
});

test('camera: closing the scanner stops the camera', async ({ playwright, baseURL }) => {
  await withFakeCamera(playwright, baseURL, ['camera'], async (page) => {
    await page.addInitScript(detectorStandIn, null);
    await page.goto('/foods');
    await page.getByRole('button', { name: 'Scan with camera' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scan a barcode' });
    await expect(dialog.getByText('Hold the barcode inside the frame')).toBeVisible();
    await expect(dialog.getByLabel('Camera preview')).toBeVisible();
    expect(await cameraStopped(page)).toBe(false);
    await dialog.getByRole('button', { name: 'Stop scanning' }).click();
    await expect(dialog).toBeHidden();
    expect(await cameraStopped(page)).toBe(true);
  });
});

test('camera: a refused permission is explained, and typing stays available', async ({ playwright, baseURL }) => {
  await withFakeCamera(playwright, baseURL, [], async (page) => {
    await page.addInitScript(detectorStandIn, COKE_ZERO);
    await page.goto('/foods');
    await page.getByRole('button', { name: 'Scan with camera' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scan a barcode' });
    await expect(dialog.getByRole('alert')).toHaveText(/^Camera access was not allowed\. To scan, allow the camera for this site in your browser settings\./);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    // Focus returns to the button that opened the scanner; the barcode field is right above it.
    await expect(page.getByRole('button', { name: 'Scan with camera' })).toBeFocused();
    await expect(page.getByLabel('Barcode', { exact: true })).toBeEditable();
  });
});
