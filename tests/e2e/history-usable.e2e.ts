import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { ARTIFACTS, test, expect, expectNoAxeViolations, screenshot } from './fixtures';

/**
 * Issue 13, points 5–7 at 360 px: a History you can search the way the list reads and people type,
 * a month calendar coloured by a chosen symptom, deletes that ask first, severity coloured on each
 * symptom's own scale; imports that name implausible dates and write nothing until the person agrees;
 * and the fit-and-finish details (storage wording, plurals, the delete-everything word, the file picker,
 * the dark header, the desktop sidebar, the barcode placeholder).
 */

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** 1 October – 30 November 2026; 30 November (a Monday) is a bad bloating day with full energy and kimchi. */
function autumnDiary() {
  const start = Date.parse('2026-10-01T00:00:00Z');
  const logs = Array.from({ length: 61 }, (_, i) => ({
    date: iso(start + i * DAY_MS),
    ingredients: i === 60 ? ['kimchi', 'rice'] : ['oats', i % 2 ? 'coffee' : 'tea'],
    symptoms: i === 60 ? { bloating: 5, energy: 5 } : { bloating: i % 3, energy: 2 + (i % 4) },
  }));
  return { format: 'aurea.export', version: 1, logs };
}

function writeJson(name: string, data: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aurea-h13-')), name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

async function importFile(page: Page, file: string, expectNew: string) {
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  await expect(page.getByRole('region', { name: 'Import preview' })).toContainText(expectNew);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported:' })).toBeVisible();
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
}

/** Screenshots at 360 and 1280 px, light and dark, of the window with `focus` scrolled into view. */
async function fourShots(page: Page, name: string, focus?: Locator) {
  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
  for (const width of [360, 1280]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
      await page.emulateMedia({ colorScheme: scheme });
      if (focus) await focus.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(ARTIFACTS, 'screenshots', `${name}-${width}-${scheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 360, height: 780 });
}

/** The colour of one screen pixel, read from a 1×1 PNG screenshot (8-bit RGB or RGBA, one row). */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  const chunks: Buffer[] = [];
  let colourType = 6;
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    if (type === 'IHDR') colourType = png[at + 8 + 9]!;
    if (type === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  expect([2, 6]).toContain(colourType);
  return [raw[1]!, raw[2]!, raw[3]!]; // raw[0] is the row's filter byte; one pixel has nothing to filter against
}

/** A CSS colour (such as var(--surface)) as the browser resolves it, in RGB. */
async function resolvedRgb(page: Page, css: string): Promise<[number, number, number]> {
  const s = await page.evaluate((c) => {
    const probe = document.createElement('div');
    probe.style.color = c;
    document.body.append(probe);
    const out = getComputedStyle(probe).color;
    probe.remove();
    return out;
  }, css);
  return s.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const c = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

test('History: search as shown and typed, severity on each scale, a delete that asks, a calendar by symptom', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await importFile(page, writeJson('autumn.json', autumnDiary()), '61 new');
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText('61 logged days')).toBeVisible();

  const rows = page.getByRole('list', { name: 'Logged days, newest first' }).getByRole('listitem');
  const search = page.getByLabel('Find a day or food');
  // What the list shows, and what people type.
  for (const q of ['Mon, 30 Nov 2026', 'Nov 30', '30 Nov', '11/30', '30/11', '2026-11-30', 'kimchi']) {
    await search.fill(q);
    await expect(rows, q).toHaveCount(1);
    await expect(rows.first(), q).toContainText('30 Nov 2026');
  }
  await search.fill('Monday');
  await expect(page.getByText('9 days match')).toBeVisible();
  await expect(rows.first()).toContainText('Mon');
  await search.fill('October');
  await expect(page.getByText('31 days match')).toBeVisible();
  await search.fill('March');
  await expect(page.getByText('0 days match')).toBeVisible();
  await expect(page.getByText('No day matches “March”.')).toBeVisible();
  await search.fill('');
  await expect(page.getByText('61 logged days')).toBeVisible();

  // Severity is coloured and worded on each symptom's own scale: bloating 5 is bad, energy 5 is good.
  const nov30 = rows.first();
  await expect(nov30.getByRole('button', { name: /^Open/ })).toHaveAccessibleName(/Bloating 5 of 5, bad; Energy 5 of 5, good/);
  const pillColours = await nov30.locator('.level').evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
  expect(pillColours).toHaveLength(2);
  expect(pillColours[0]).not.toBe(pillColours[1]);
  await noSidewaysScroll(page);
  await expectNoAxeViolations(page, 'history list');
  await fourShots(page, 'history-list');

  // Delete asks first; Cancel keeps the day; confirming deletes it, with Undo.
  await nov30.getByRole('button', { name: /^Delete Mon, 30 Nov 2026/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Mon, 30 Nov 2026?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('2 foods');
  await screenshot(page, 'history-delete-dialog-360');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('61 logged days')).toBeVisible();
  await nov30.getByRole('button', { name: /^Delete Mon, 30 Nov 2026/ }).click();
  await dialog.getByRole('button', { name: 'Delete day' }).click();
  await expect(page.getByText('60 logged days')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('61 logged days')).toBeVisible();

  // The calendar: November 2026 coloured by bloating, then by energy; every day a labelled button.
  await page.getByLabel('Calendar').check();
  await expect(page).toHaveURL(/\/history\?view=calendar$/);
  await expect(page.getByRole('table', { name: 'November 2026, coloured by Bloating' })).toBeVisible();
  const calendar = page.getByRole('table', { name: /^November 2026/ });
  await expect(calendar.getByRole('button')).toHaveCount(30);
  await expect(calendar.getByRole('button', { name: 'Mon 30 Nov: Bloating 5 of 5, bad' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'What the colours mean for Bloating' })).toContainText('Bad (4–5)');
  await page.getByLabel('Colour days by').selectOption({ label: 'Energy' });
  const day30 = calendar.getByRole('button', { name: 'Mon 30 Nov: Energy 5 of 5, good' });
  await expect(day30).toBeVisible();
  await expect(page.getByRole('list', { name: 'What the colours mean for Energy' })).toContainText('Good (4–5)');
  await expect(page.getByText('For Energy, higher is better: 5 is a good day.')).toBeVisible();
  const dayBox = await day30.boundingBox();
  expect(dayBox!.width).toBeGreaterThanOrEqual(36);
  expect(dayBox!.height).toBeGreaterThanOrEqual(44);
  await noSidewaysScroll(page);
  await expectNoAxeViolations(page, 'history calendar');
  await fourShots(page, 'history-calendar', calendar);

  // Keyboard: arrows move a single tab stop between days and across months; Enter opens the day.
  await page.getByRole('table', { name: /November 2026/ }).getByRole('button', { name: /^Mon 30 Nov/ }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('button', { name: /^Sun 29 Nov/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('button', { name: /^Sun 22 Nov/ })).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(page.getByRole('heading', { name: 'October 2026' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Thu 22 Oct/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/today\?date=2026-10-22$/);
  await page.goBack();
  await expect(page.getByRole('table', { name: /coloured by/ })).toBeVisible();
  // A month with nothing logged says so.
  await page.getByRole('button', { name: 'Previous month' }).click();
  await page.getByRole('button', { name: 'Previous month' }).click();
  await expect(page.getByText('No days logged this month.')).toBeVisible();
});

test('Import names days after tomorrow and over 20 years back and writes nothing until the person agrees', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const future = iso(Date.now() + 40 * DAY_MS);
  const file = writeJson('odd-dates.json', {
    format: 'aurea.export',
    version: 1,
    logs: [
      { date: '1899-05-01', ingredients: ['bread'], symptoms: { bloating: 1 } },
      { date: '2026-06-01', ingredients: ['oats'], symptoms: { bloating: 2 } },
      { date: '2026-06-02', ingredients: ['milk'], symptoms: { bloating: 3 } },
      { date: '2026-06-03', ingredients: ['rice'], symptoms: { bloating: 0 } },
      { date: future, ingredients: ['tea'], symptoms: { bloating: 1 } },
    ],
  });
  await page.goto('/settings');
  const picker = page.getByLabel('Import an Aurea export (JSON)');
  await picker.setInputFiles(file);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('5 new');
  const check = preview.getByRole('group', { name: 'Dates to check' });
  await expect(check).toContainText(`1 day is after tomorrow: ${future}.`);
  await expect(check).toContainText('1 day is more than 20 years ago: 1899-05-01.');
  const importAll = preview.getByRole('button', { name: 'Import', exact: true });
  await expect(importAll).toBeDisabled();
  await noSidewaysScroll(page);
  await fourShots(page, 'import-odd-dates', preview);

  // Cancel: nothing was written.
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText('No days logged yet.')).toBeVisible();

  // "Import without those 2 days" writes only the plausible ones.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await picker.setInputFiles(file);
  await preview.getByRole('button', { name: 'Import without those 2 days' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 3 new' })).toBeVisible();

  // The explicit "yes" imports the rest, dates as they are.
  await picker.setInputFiles(file);
  await expect(preview).toContainText('2 new');
  await expect(importAll).toBeDisabled();
  await preview.getByLabel('Yes, import these 2 days with their dates as they are').check();
  await importAll.click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 2 new' })).toBeVisible();
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText('5 logged days')).toBeVisible();
});

test('Fit and finish: storage in plain units, plurals, the delete word, the file picker, dark header, sidebar, barcode hint', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await importFile(page, writeJson('one.json', { format: 'aurea.export', version: 1, logs: [{ date: '2026-11-02', ingredients: ['oats'], symptoms: { bloating: 1 } }] }), '1 new');

  // Storage reads like "6.9 MB of about 10 GB", not "0.0 MB of about 10240.0 MB".
  await expect(page.getByText(/^Using [\d.,]+ (bytes|KB|MB|GB) of about \d+ (MB|GB|TB)\. Version /)).toBeVisible();

  // Plurals: one day is "1 logged day".
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText('1 logged day', { exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();

  // The file picker looks like the app's buttons, not the browser's grey default.
  const picker = page.getByLabel('Import an Aurea export (JSON)');
  const pickerButton = await picker.evaluate((el) => {
    const s = getComputedStyle(el, '::file-selector-button');
    return { bg: s.backgroundColor, height: parseFloat(s.height) || el.getBoundingClientRect().height };
  });
  expect(pickerButton.bg).toBe(`rgb(${(await resolvedRgb(page, 'var(--primary)')).join(', ')})`);
  expect((await picker.boundingBox())!.height).toBeGreaterThanOrEqual(44);

  // The delete-everything word: a wrong word says so beside the box and deletes nothing.
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete everything on this device?' });
  await expect(dialog).toContainText('This erases your 1 logged day,');
  await dialog.getByLabel('Type DELETE to confirm').fill('delet');
  await dialog.getByRole('button', { name: 'Delete all data' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('“delet” is not DELETE. Nothing was deleted; type DELETE to confirm.');
  await expect(dialog.getByLabel('Type DELETE to confirm')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'settings-delete-wrong-word-360');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'History', exact: true }).click();
  await expect(page.getByText('1 logged day', { exact: true })).toBeVisible();

  // Dark mode: the header is a deep bar, not a bright mint one, and its text stays readable.
  await page.emulateMedia({ colorScheme: 'dark' });
  const header = await page.locator('header.topbar').evaluate((el) => {
    const s = getComputedStyle(el);
    return { bg: s.backgroundColor, fg: s.color };
  });
  const rgb = (s: string) => s.match(/\d+/g)!.slice(0, 3).map(Number) as [number, number, number];
  expect(luminance(rgb(header.bg))).toBeLessThan(0.1);
  expect((luminance(rgb(header.fg)) + 0.05) / (luminance(rgb(header.bg)) + 0.05)).toBeGreaterThan(7);
  await page.emulateMedia({ colorScheme: 'light' });

  // Desktop: the sidebar reaches the bottom of the window on a long page scrolled to its end.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const surface = await resolvedRgb(page, 'var(--surface)');
    const [r, g, b] = await pixelAt(page, 100, 795);
    expect([r, g, b], `sidebar colour at the bottom (${scheme})`).toEqual(surface);
    await screenshot(page, `settings-bottom-1280-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The barcode example fits inside its box at 360 px.
  await page.setViewportSize({ width: 360, height: 780 });
  await page.getByRole('link', { name: 'Foods', exact: true }).click();
  const barcode = page.getByLabel('Barcode', { exact: true });
  await barcode.scrollIntoViewIfNeeded();
  const fit = await barcode.evaluate((el: HTMLInputElement) => {
    const s = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    return { text: ctx.measureText(el.placeholder).width, box: el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) };
  });
  expect(fit.text).toBeLessThanOrEqual(fit.box);
  await fourShots(page, 'foods-barcode', barcode);
});
