import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, ARTIFACTS, SHARED_DATA, expectNoAxeViolations, screenshot } from './fixtures';

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
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'report-lactose-desktop.pdf'), pdf); // to look at
});

/**
 * The printed report as a clinician receives it: the demo diary, opened from Insights on a 360 px
 * phone, printed with Chromium's own PDF printer (backgrounds on, the worst case of the print dialog)
 * and read back with poppler: page count, title with years, a filled first page, no coloured backgrounds.
 */

/** Runs a poppler-utils tool; a missing tool fails with the way to install it rather than a bare ENOENT. */
function poppler(tool: 'pdfinfo' | 'pdftotext' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`The printed-report test reads the PDF with ${tool}, which is missing: install poppler-utils (Debian/Ubuntu: sudo apt-get install -y poppler-utils).`);
    throw e;
  }
}

const RES = 50; // dpi of the pixel checks: A4 is 413 × 585 px

interface Raster {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** Reads a binary PPM (P6, maxval 255) as written by pdftoppm. */
function readPpm(path: string): Raster {
  const buf = readFileSync(path);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]!))) i++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[i]!))) s += String.fromCharCode(buf[i++]!);
    fields.push(s);
  }
  expect(fields[0]).toBe('P6');
  return { width: Number(fields[1]), height: Number(fields[2]), rgb: buf.subarray(i + 1) };
}

const isWhite = (r: number, g: number, b: number) => r >= 248 && g >= 248 && b >= 248;

/** The lowest pixel row with any ink, as a fraction of the page height. */
function lastInkRow(p: Raster): number {
  for (let y = p.height - 1; y >= 0; y--) {
    for (let x = 0; x < p.width; x++) {
      const o = 3 * (y * p.width + x);
      if (!isWhite(p.rgb[o]!, p.rgb[o + 1]!, p.rgb[o + 2]!)) return y / p.height;
    }
  }
  return 0;
}

/**
 * Background blocks: bands at least `minRows` pixel rows tall in which one non-white colour covers half
 * the page width or more. Text, table rules and chart bars never do; a painted panel or page does.
 */
function backgroundBands(p: Raster, minRows = 6): { fromY: number; rows: number; colour: string }[] {
  const bands: { fromY: number; rows: number; colour: string }[] = [];
  let run = 0;
  let colour = '';
  for (let y = 0; y <= p.height; y++) {
    let filled: string | null = null;
    if (y < p.height) {
      const counts = new Map<string, number>();
      for (let x = 0; x < p.width; x++) {
        const o = 3 * (y * p.width + x);
        const [r, g, b] = [p.rgb[o]!, p.rgb[o + 1]!, p.rgb[o + 2]!];
        if (isWhite(r, g, b)) continue;
        const key = `rgb(${r & ~7}, ${g & ~7}, ${b & ~7})`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [k, n] of counts) if (n >= p.width / 2) filled = k;
    }
    if (filled) {
      run++;
      colour = filled;
    } else {
      if (run >= minRows) bands.push({ fromY: y - run, rows: run, colour });
      run = 0;
    }
  }
  return bands;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the printed report (${colorScheme}): opened from Insights, titled with years, page 1 filled, no background colour`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.emulateMedia({ colorScheme });
    await page.goto('/');
    await expect(page).toHaveURL(/\/welcome$/);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Explore with a demo diary' }).click();
    await expect(page.getByRole('region', { name: 'Demo diary' })).toBeVisible();

    await page.getByRole('link', { name: 'Insights', exact: true }).click();
    await page.getByRole('link', { name: 'Make a report for your doctor' }).click();
    await expect(page.getByRole('heading', { name: 'Report for your clinician' })).toBeVisible();
    const report = page.getByRole('article', { name: 'Report' });
    // The title says the period with its years, whatever year it is today.
    const title = report.getByRole('heading', { level: 2 });
    await expect(title).toHaveText(/\b\d{1,2} [A-Z][a-z]+ \d{4} to \d{1,2} [A-Z][a-z]+ \d{4}\b/);
    const titleText = (await title.textContent())!;
    await expect(report).toContainText(/\d+ days logged of 90/);
    await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeEnabled();
    await expect(report.getByRole('heading', { name: 'Foods linked to worse symptoms' })).toBeVisible();
    // Charts are drawn (Chart.js sizes each canvas once it has drawn it).
    await page.waitForFunction(() => {
      const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.report-body canvas')];
      return canvases.length > 0 && canvases.every((c) => c.style.width !== '');
    });
    // Readable on the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const clippedTables = await page.evaluate(() => [...document.querySelectorAll('.report-body .table-scroll')].filter((box) => box.scrollWidth > box.clientWidth).map((box) => box.querySelector('caption')?.textContent));
    expect(clippedTables, 'tables wider than the phone').toEqual([]);
    await screenshot(page, `report-screen-360-${colorScheme}`);
    await expectNoAxeViolations(page, `report on screen, ${colorScheme}`);

    const dir = join(ARTIFACTS, `report-pdf-${colorScheme}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));

    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdfPath]))![1]);
    expect(pages, 'pages for 90 demo days').toBeGreaterThanOrEqual(2);
    expect(pages, 'pages for 90 demo days').toBeLessThanOrEqual(7);

    const page1Text = poppler('pdftotext', ['-layout', '-f', '1', '-l', '1', pdfPath, '-']).replace(/\s+/g, ' ');
    expect(page1Text).toContain(titleText.replace(/\s+/g, ' ').trim());
    expect(page1Text).toContain('Summary');

    poppler('pdftoppm', ['-r', String(RES), pdfPath, join(dir, 'page')]);
    poppler('pdftoppm', ['-png', '-r', '60', pdfPath, join(dir, 'look')]); // for a person to look at
    const rasters = readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith('.ppm'))
      .sort()
      .map((f) => readPpm(join(dir, f)));
    expect(rasters).toHaveLength(pages);

    // Page 1 carries content down to its bottom margin (16 mm of 297 mm): no section pushed to page 2 early.
    expect(lastInkRow(rasters[0]!), 'lowest ink on page 1, as a share of the page height').toBeGreaterThan(0.85);

    const bands = rasters.flatMap((r, i) => backgroundBands(r).map((b) => `page ${i + 1}: ${b.rows} rows of ${b.colour} from y=${b.fromY}`));
    expect(bands, 'painted background areas').toEqual([]);
  });
}
