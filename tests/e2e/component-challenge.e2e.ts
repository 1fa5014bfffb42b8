import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, ARTIFACTS, expectNoAxeViolations, screenshot } from './fixtures';
import { diaryToExport, generateDiary } from '../../shared/demo';
import { analyseComponents } from '../../shared/insights/components';
import { COMPONENT_TABLE } from '../../shared/ingredients/components';
import { evaluateChallenge } from '../../shared/challenge/evaluate';

/**
 * A food-group re-challenge on a 360 px phone (issue 14): a generated diary whose bloating follows
 * fructans a day later shows the food-group finding on Insights; from it the person starts "leave out
 * every food high in fructans", logs onion on Today during the avoidance days and is warned by name;
 * the report carries a "Food groups" section with the finding's numbers.
 */
/** The lowest row with ink on a page rendered by `pdftoppm -gray` (binary PGM), as a share of its height. */
function lastInkRow(path: string): number {
  const buf = readFileSync(path);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]!))) i++;
    let f = '';
    while (!/\s/.test(String.fromCharCode(buf[i]!))) f += String.fromCharCode(buf[i++]!);
    fields.push(f);
  }
  expect(fields[0]).toBe('P5');
  const [w, h] = [Number(fields[1]), Number(fields[2])];
  const px = buf.subarray(i + 1);
  for (let y = h - 1; y >= 0; y--) for (let x = 0; x < w; x++) if (px[y * w + x]! < 248) return y / h;
  return 0;
}

const END = '2026-03-31';
const TODAY = '2026-04-01';

test('from the fructan finding to a food-group test: Today warns about onion, the report has Food groups', async ({ page }) => {
  await page.clock.install({ time: new Date(`${TODAY}T09:00:00`) });
  await page.setViewportSize({ width: 360, height: 780 });
  const diary = generateDiary({ persona: 'fructans', seed: 2, days: 90, endDate: END });
  const file = join(mkdtempSync(join(tmpdir(), 'aurea-group-ch-')), 'fructans.json');
  writeFileSync(file, JSON.stringify(diaryToExport(diary)));
  const hit = analyseComponents(diary.logs).find((t) => t.component === 'fructans' && t.symptom === 'bloating' && t.lag_days === 1)!;
  expect(hit.significant, 'the generated diary carries the fructan finding').toBe(true);
  const named = `Fructans (${hit.foods.slice(0, 3).join(', ')}…) are linked to more bloating the next day`;
  const first = diary.logs[0]!.date;

  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  const n = diary.logs.length.toLocaleString('en-GB');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported: ${n} new` })).toBeVisible();

  // Insights: the finding, and "Test this food group" under it.
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Up to date' })).toBeVisible({ timeout: 30_000 });
  const finding = page.getByRole('region', { name: 'Food groups' }).getByRole('listitem').filter({ hasText: named });
  await expect(finding).toBeVisible({ timeout: 30_000 });
  await finding.getByRole('link', { name: 'Test this food group' }).click();

  // The plan: every food high in fructans, the diary's own first; the moderate ones "go easy".
  await expect(page).toHaveURL(/\/challenge\?component=fructans&symptom=bloating$/);
  await expect(page.getByLabel('A food group')).toBeChecked();
  await expect(page.getByLabel('Food group to test')).toHaveValue('fructans');
  const ownHigh = hit.foods.filter((f) => COMPONENT_TABLE.some((e) => e.component === 'fructans' && e.level === 'high' && e.food === f));
  const foods = page.getByRole('group', { name: 'Foods in this fructans test' });
  await expect(foods).toContainText(`Leave out (high in fructans): ${ownHigh.slice(0, 3).join(', ')}`);
  await expect(foods).toContainText('Go easy on (a small serving is fine):');
  await expect(page.getByLabel('Symptom to watch')).toHaveValue('bloating');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'component-challenge-start-360');
  await page.getByRole('button', { name: 'Start the test' }).click();
  await expect(page.getByRole('heading', { name: 'Testing foods high in fructans and bloating' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Avoid foods high in fructans today (day 1 of 7 without them).' })).toBeVisible();
  await expectNoAxeViolations(page, 'food-group test running');

  // Today: onion during the avoidance days is named as high in fructans, and the day can still be saved.
  await page.goto('/today');
  await expect(page.getByRole('note')).toContainText('Avoid foods high in fructans today (day 1 of 7 without them).');
  const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
  await input.fill('rice');
  await input.press('Enter');
  await expect(page.locator('.avoid-note')).toHaveCount(0);
  await input.fill('onion');
  await input.press('Enter');
  const warning = page.getByRole('status').filter({ hasText: 'Onion is high in fructans' });
  await expect(warning).toHaveText('Onion is high in fructans: your re-challenge asks you to leave out foods high in fructans today (day 1 of 7 without them). You can still save it: an honest diary matters most, and the test will take it into account.');
  await expect(page.getByLabel('on your avoid list today')).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await screenshot(page, 'component-challenge-today-360');
  await expectNoAxeViolations(page, 'Today with the food-group warning');
  await page.getByLabel('Bloating 2 of 5', { exact: true }).check();
  await page.getByRole('button', { name: /^Save (day|changes)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
  // The plan shows the slip by the food eaten.
  await page.goto('/challenge');
  await expect(page.getByRole('list', { name: 'Plan, day by day' }).getByRole('listitem').first()).toContainText('had onion');

  // The report of the diary's days and today's (with the running test): the finding in the words of
  // Insights, its foods and numbers, computed here from the same days.
  const reported = analyseComponents([...diary.logs, { date: TODAY, ingredients: ['rice', 'onion'], symptoms: { bloating: 2 } }]);
  const row1 = reported.find((t) => t.component === 'fructans' && t.symptom === 'bloating' && t.lag_days === 1)!;
  expect(row1.significant).toBe(true);
  await page.goto(`/report?from=${first}&to=${TODAY}`);
  const report = page.getByRole('article', { name: 'Report' });
  const section = report.getByRole('region', { name: 'Food groups' });
  await expect(section.getByRole('listitem').filter({ hasText: named })).toContainText(`Foods of this group in the diary: ${row1.foods.join(', ')}.`, { timeout: 30_000 });
  await expect(report.getByRole('heading', { name: 'In brief' }).locator('..')).toContainText(`Food groups: ${named} (`);
  const numbers = section.getByRole('table', { name: 'Fructans → bloating (the next day)*' });
  const value = (label: string) => numbers.getByRole('row', { name: label, exact: false }).filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell');
  await expect(value('Days with any of these foods')).toHaveText(String(row1.n_present));
  await expect(value('Days without')).toHaveText(String(row1.n_absent));
  await expect(value('Average after days with it')).toHaveText(row1.mean_present!.toFixed(2));
  await expect(value('Average otherwise')).toHaveText(row1.mean_absent!.toFixed(2));
  await expect(value('U statistic')).toHaveText(String(row1.u_statistic));
  await expect(section).toContainText(`Mann-Whitney U, two-sided, asymptotic with continuity correction; Bonferroni within the component family of ${reported.length} tests`);
  await expect(section).toContainText('not a diagnosis');
  await expect(section).toContainText('best planned with a dietitian');
  await expect(report.getByRole('heading', { name: 'Deliberate re-challenges' }).locator('..')).toContainText(/foods high in fructans and bloating .*in progress\. Left out: [a-z ,]+ and \d+ more; \d+ moderate foods in small servings\./);
  await page.waitForFunction(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('.report-body canvas')];
    return canvases.length > 0 && canvases.every((c) => c.style.width !== '');
  });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const clipped = await page.evaluate(() => [...document.querySelectorAll('.report-body .table-scroll')].filter((box) => box.scrollWidth > box.clientWidth).map((box) => box.querySelector('caption')?.textContent));
  expect(clipped, 'tables wider than the phone').toEqual([]);
  await section.screenshot({ path: join(ARTIFACTS, 'screenshots', 'component-report-section-360-light.png') });
  await expectNoAxeViolations(page, 'report with food groups');

  // The same pages at 360 and 1280, light and dark, to look at.
  await page.emulateMedia({ media: 'screen' });
  for (const [width, colorScheme] of [[360, 'dark'], [1280, 'light'], [1280, 'dark']] as const) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await page.emulateMedia({ colorScheme });
    await page.goto('/today');
    await expect(page.getByRole('status').filter({ hasText: 'Onion is high in fructans' })).toBeVisible();
    await screenshot(page, `component-challenge-today-${width}-${colorScheme}`);
    await page.goto('/challenge');
    await expect(page.getByRole('group', { name: 'Foods in this fructans test' })).toBeVisible();
    await screenshot(page, `component-challenge-plan-${width}-${colorScheme}`);
    await page.goto('/insights#insights-components');
    await expect(page.getByRole('region', { name: 'Food groups' }).getByRole('link', { name: 'Test this food group' }).first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('region', { name: 'Food groups' }).scrollIntoViewIfNeeded();
    await screenshot(page, `component-insights-${width}-${colorScheme}`);
    await page.goto(`/report?from=${first}&to=${TODAY}`);
    await expect(section.getByRole('table').first()).toBeVisible({ timeout: 30_000 });
    await section.screenshot({ path: join(ARTIFACTS, 'screenshots', `component-report-section-${width}-${colorScheme}.png`) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Printed at A4: pages to look at (pdftoppm), and the section's text is in the PDF.
  const dir = join(ARTIFACTS, 'component-report-pdf');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pdfPath = join(dir, 'report.pdf');
  await page.emulateMedia({ media: 'print' });
  writeFileSync(pdfPath, await page.pdf({ format: 'A4' }));
  try {
    const pages = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
      .split('\f')
      .map((t) => t.replace(/\s+/g, ' '));
    const from = pages.findIndex((t) => t.includes('Foods of this group in the diary'));
    const to = pages.findIndex((t) => t.includes('a re-introduction of each group tells them apart') || t.includes('Which foods count'));
    expect(from, 'the Food groups section is printed').toBeGreaterThanOrEqual(0);
    expect(pages.join(' ')).toContain('Bonferroni within the component family');
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfPath, join(dir, 'look')]); // for a person to look at
    execFileSync('pdftoppm', ['-gray', '-r', '50', pdfPath, join(dir, 'page')]);
    const rasters = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.pgm')).sort();
    // No page left half-empty by the section: the page before it and each page it runs over are filled.
    for (let p = Math.max(0, from - 1); p < Math.max(from, to); p++) expect(lastInkRow(join(dir, rasters[p]!)), `lowest ink on page ${p + 1}`).toBeGreaterThan(0.8);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    console.warn('[component-challenge e2e] poppler-utils missing: the printed report was not read back (install poppler-utils).');
  }

  // The test runs its course (days imported to keep it short): calm days without high-fructan foods
  // (a croissant is "go easy", not a slip), worse on challenge days with garlic, a lasagna (pasta inside)
  // and onion. The verdict is the single-food test's, on "any food high in fructans".
  await page.emulateMedia({ media: 'screen' });
  const avoid = [1, 2, 1, 2, 1, 1];
  const later = [
    ...avoid.map((b, i) => ({ date: `2026-04-0${i + 2}`, ingredients: i === 2 ? ['rice', 'croissant'] : ['rice', 'chicken'], symptoms: { bloating: b } })),
    { date: '2026-04-08', ingredients: ['rice', 'garlic'], symptoms: { bloating: 4 } },
    { date: '2026-04-09', ingredients: ['rice'], symptoms: { bloating: 3 } },
    { date: '2026-04-10', ingredients: ['lasagna'], composites: [{ name: 'lasagna', kind: 'dish', ingredients: ['pasta', 'beef', 'tomato'] }], symptoms: { bloating: 4 } },
    { date: '2026-04-11', ingredients: ['rice'], symptoms: { bloating: 2 } },
    { date: '2026-04-12', ingredients: ['onion', 'rice'], symptoms: { bloating: 5 } },
    { date: '2026-04-13', ingredients: ['rice'], symptoms: { bloating: 2 } },
  ];
  const laterFile = join(mkdtempSync(join(tmpdir(), 'aurea-group-ch-')), 'days.json');
  writeFileSync(laterFile, JSON.stringify({ format: 'aurea.export', version: 2, logs: later }));
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(laterFile);
  await page.getByLabel(/^Yes, import these \d+ days with their dates as they are/).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported: ${later.length} new` })).toBeVisible();
  await page.clock.setFixedTime(new Date('2026-04-14T09:00:00'));
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto('/challenge');
  const finished = page.getByRole('region', { name: 'Your fructans test is finished' });
  // The expected verdict: the single-food evaluation on the same two groups of days (6 avoid, 3 challenge).
  const expected = evaluateChallenge(
    { ingredient: 'foods high in fructans', symptom: 'bloating', start: TODAY, avoidDays: 7, challengeDates: ['2026-04-08', '2026-04-10', '2026-04-12'], end: '2026-04-13' },
    [...avoid.map((b, i) => ({ date: `2026-04-0${i + 2}`, ingredients: [], symptoms: { bloating: b } })), ...['2026-04-08', '2026-04-10', '2026-04-12'].map((date, i) => ({ date, ingredients: ['foods high in fructans'], symptoms: { bloating: [4, 4, 5][i]! } }))],
    'higher_is_worse',
    'Bloating',
  );
  expect(expected.verdict).toBe('consistent');
  await expect(finished).toContainText(expected.sentence);
  await expect(finished).toContainText('Bloating was 3.0 points higher on the 3 challenge days than on the 6 days without foods high in fructans');
  await screenshot(page, 'component-challenge-finished-360');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'component-challenge-finished-1280');
  // Starting another food-group test offers the diary's strongest group first.
  await page.getByLabel('A food group').check();
  await expect(page.getByLabel('Food group to test')).toHaveValue('fructans');
});
