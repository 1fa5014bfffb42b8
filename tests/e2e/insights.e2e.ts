import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, SHARED_DATA, waitForServiceWorker, expectNoAxeViolations, screenshot, dayFoodItems } from './fixtures';

/**
 * The Insights page on the sample diaries: 365 days with milk, cheese and yogurt planted as bloating
 * triggers, and 120 days with delayed effects and a cycle pattern. Expected numbers come from
 * scipy's reference answers beside each diary (ref.json), so the page is checked against an
 * independent computation rather than against itself.
 */

const DIARY = join(SHARED_DATA, 'diaries/lactose-365d');
const EXPORT_FILE = join(DIARY, 'export.json');
const REF_FILE = join(DIARY, 'ref.json');
const available = existsSync(EXPORT_FILE) && existsSync(REF_FILE);
if (!available) console.warn(`[insights e2e] SKIPPED: the sample diary is missing (${DIARY}); it ships in ../shared/data beside the checkout.`);
const MIXED = join(SHARED_DATA, 'diaries/mixed-120d');
const mixedAvailable = existsSync(join(MIXED, 'export.json')) && existsSync(join(MIXED, 'ref.json'));
if (!mixedAvailable) console.warn(`[insights e2e] SKIPPED: the sample diary is missing (${MIXED}); it ships in ../shared/data beside the checkout.`);

interface RefTest {
  ingredient: string;
  symptom: string;
  n_present: number;
  n_absent: number;
  mean_present: number;
  mean_absent: number;
  p_adjusted: number;
}
interface ExportLog {
  date: string;
  ingredients: string[];
  symptoms: Record<string, number>;
}

const ref = available ? (JSON.parse(readFileSync(REF_FILE, 'utf8')) as { log_count: number; triggers: RefTest[] }) : null;
const diary = available ? (JSON.parse(readFileSync(EXPORT_FILE, 'utf8')) as { logs: ExportLog[] }) : null;

/** DESIGN §4 strength words for a corrected p-value. */
const strengthOf = (p: number) => (p < 0.001 ? 'Strong evidence' : p < 0.01 ? 'Moderate evidence' : 'Weak evidence');
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function refTrigger(food: string, symptom: string): RefTest {
  const t = ref!.triggers.find((x) => x.ingredient === food && x.symptom === symptom);
  if (!t) throw new Error(`ref.json has no ${food} → ${symptom} trigger`);
  return t;
}

/** Days that rate bloating but have no milk, latest first (each test edits a different one). */
function daysWithoutMilk(): string[] {
  return diary!.logs
    .filter((l) => !l.ingredients.includes('milk') && l.symptoms.bloating !== undefined)
    .map((l) => l.date)
    .reverse();
}

/** Calendar weeks (Monday to Sunday) with at least one rating of the symptom: one chart point each. */
function calendarWeeks(symptom: string): number {
  const mondays = new Set<number>();
  for (const l of diary!.logs) {
    if (l.symptoms[symptom] === undefined) continue;
    const day = Date.parse(`${l.date}T00:00:00Z`) / 86_400_000;
    mondays.add(day - ((new Date(day * 86_400_000).getUTCDay() + 6) % 7));
  }
  return mondays.size;
}

async function importDiary(page: Page, file = EXPORT_FILE, logCount = ref!.log_count) {
  await page.goto('/settings');
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(file);
  const n = logCount.toLocaleString('en-GB');
  await expect(page.getByRole('region', { name: 'Import preview' })).toContainText(`${n} new`);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Imported: ${n} new` })).toBeVisible();
}

async function openInsights(page: Page) {
  await page.getByRole('link', { name: 'Insights', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
}

const upToDate = (page: Page) => page.getByRole('status').filter({ hasText: 'Up to date' });

/** The list item of a same-day trigger, found by its headline. */
function triggerItem(page: Page, food: string, symptom: string): Locator {
  return page
    .getByRole('region', { name: 'Foods linked to worse symptoms' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `${capital(food)}: linked to more ${symptom}` }) });
}

/** Adds a food to a saved day on the Today page, in a second tab that closes right after saving. */
async function addFoodInAnotherTab(context: BrowserContext, date: string, food: string) {
  const other = await context.newPage();
  await other.goto(`/today?date=${date}`);
  await expect(other.getByText('Editing the saved log for this day')).toBeVisible();
  const input = other.getByRole('combobox', { name: 'What did you eat and drink?' });
  await input.fill(food);
  await input.press('Enter');
  await expect(dayFoodItems(other).filter({ hasText: food }).first()).toBeVisible();
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Updated' })).toBeVisible();
  // Closed before its own background refresh starts, so the tab under test is the one that analyses.
  await other.close();
}

/** Records every text the Insights status line shows, so a brief "Updating…" is not missed. */
async function recordStatus(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __statusSeen: string[] };
    w.__statusSeen = [];
    const note = () => {
      const text = document.querySelector('.insights-status')?.textContent ?? '';
      if (w.__statusSeen[w.__statusSeen.length - 1] !== text) w.__statusSeen.push(text);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    note();
  });
}
/** What the responsiveness test records in the page. */
interface Probe {
  __analyses: { start: number; end: number; unchanged: boolean }[];
  __longtasks: { start: number; duration: number }[];
  __scripts: { start: number; duration: number; source: string; invoker: string }[];
  __observedFrom: number;
}

const statusSeen = (page: Page) => page.evaluate(() => (window as unknown as { __statusSeen: string[] }).__statusSeen);

test.describe('Insights', () => {
  test.skip(!available, 'the lactose-365d sample diary (../shared/data) is not available');

  test('the lactose diary names milk as a bloating trigger, with its numbers, evidence and a way to test it', async ({ page }) => {
    await importDiary(page);
    await openInsights(page);
    await expect(upToDate(page)).toBeVisible();

    // Correlation is never called cause, and the page says how to read the numbers.
    await expect(page.getByText('These are patterns in your own diary, not proof of cause')).toBeVisible();
    await page.getByText('How to read this').click();
    await expect(page.getByText('each p-value is corrected for the number of foods tested')).toBeVisible();
    await expect(page.getByText('leave it out for a week, then bring it back')).toBeVisible();

    for (const food of ['milk', 'cheese', 'yogurt']) {
      const t = refTrigger(food, 'bloating');
      const item = triggerItem(page, food, 'bloating');
      await expect(item).toBeVisible();
      await expect(item).toContainText(`On days you had ${food}, your bloating averaged ${t.mean_present.toFixed(1)} vs ${t.mean_absent.toFixed(1)} without it`);
      await expect(item).toContainText(`${t.n_present} days with, ${t.n_absent} without`);
      await expect(item).toContainText(strengthOf(t.p_adjusted));
      const link = item.getByRole('link', { name: 'Test this food' });
      await expect(link).toHaveAttribute('href', `/challenge?food=${food}&symptom=bloating`);
    }

    // Symptoms without a standout food say so instead of staying silent.
    await expect(page.getByRole('region', { name: 'Foods linked to worse symptoms' })).toContainText('No food stands out for your energy yet');

    // Charts: each canvas is an image with a summary; the numbers are also in a table.
    const milk = refTrigger('milk', 'bloating');
    const compare = page.getByRole('img', { name: /^Bar chart\. Average bloating: with milk/ });
    await expect(compare).toBeVisible();
    await expect(compare).toHaveAttribute('aria-label', new RegExp(`with milk ${milk.mean_present.toFixed(1)} \\(${milk.n_present} days\\), without ${milk.mean_absent.toFixed(1)} \\(${milk.n_absent} days\\)`));
    await page.getByLabel('Finding', { exact: true }).selectOption({ label: 'cheese and bloating' });
    const cheese = refTrigger('cheese', 'bloating');
    await expect(page.getByRole('img', { name: new RegExp(`with cheese ${cheese.mean_present.toFixed(1)} \\(${cheese.n_present} days\\)`) })).toBeVisible();

    const overTime = page.getByRole('region', { name: 'Over time' });
    await expect(overTime.getByRole('img', { name: /^Line chart\. Weekly average bloating over \d+ weeks/ })).toBeVisible();
    await overTime.locator('figure').getByText('Show the numbers').click();
    const weeks = overTime.getByRole('table', { name: 'Weekly average bloating' });
    await expect(weeks).toBeVisible();
    await expect(weeks.locator('tbody tr')).toHaveCount(calendarWeeks('bloating'));
    await overTime.getByLabel('Symptom', { exact: true }).selectOption('energy');
    await expect(overTime.getByRole('img', { name: /Weekly average energy/ })).toBeVisible();

    // What is still missing, in plain words: a food seen on too few days.
    const counts = new Map<string, number>();
    for (const l of diary!.logs) for (const f of new Set(l.ingredients)) counts.set(f, (counts.get(f) ?? 0) + 1);
    const [rare, n] = [...counts].filter(([, c]) => c > 0 && c < 4).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    const missing = page.getByRole('region', { name: 'Not enough data yet' });
    await expect(missing).toContainText(`Log ${4 - n} more day${4 - n === 1 ? '' : 's'} with ${rare} to test it (${n} day${n === 1 ? '' : 's'} so far).`);
  });

  test('editing a day refreshes the insight: "Updating…", then the new day counts', async ({ page, context }) => {
    const milk = refTrigger('milk', 'bloating');
    await importDiary(page);
    await openInsights(page);
    const item = triggerItem(page, 'milk', 'bloating');
    await expect(item).toContainText(`${milk.n_present} days with, ${milk.n_absent} without`);
    await expect(upToDate(page)).toBeVisible();
    await recordStatus(page);

    await addFoodInAnotherTab(context, daysWithoutMilk()[0]!, 'milk');

    await expect(item).toContainText(`${milk.n_present + 1} days with, ${milk.n_absent - 1} without`);
    await expect(upToDate(page)).toBeVisible();
    const seen = await statusSeen(page);
    expect(seen).toContain('Updating…');
    expect(seen.indexOf('Updating…')).toBeLessThan(seen.lastIndexOf('Up to date'));

    // The same tab: edit on Today, come back, and the numbers move again.
    await page.goto(`/today?date=${daysWithoutMilk()[1]!}`);
    const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
    await input.fill('milk');
    await input.press('Enter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toBeVisible();
    await openInsights(page);
    await expect(item).toContainText(`${milk.n_present + 2} days with, ${milk.n_absent - 2} without`);
    await expect(upToDate(page)).toBeVisible();
  });

  test('offline: insights show from the cache, and the worker still recomputes after an edit', async ({ page, context }) => {
    const milk = refTrigger('milk', 'bloating');
    await importDiary(page);
    await openInsights(page);
    await expect(triggerItem(page, 'milk', 'bloating')).toContainText(`${milk.n_present} days with`);
    await expect(upToDate(page)).toBeVisible();
    await expect(page.getByRole('img', { name: /^Line chart\./ })).toBeVisible();
    await waitForServiceWorker(page);

    await context.setOffline(true);
    await page.reload();
    await expect(triggerItem(page, 'milk', 'bloating')).toContainText(`${milk.n_present} days with, ${milk.n_absent} without`);
    await expect(upToDate(page)).toBeVisible();
    await expect(page.getByRole('img', { name: /^Line chart\./ })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);

    await page.goto(`/today?date=${daysWithoutMilk()[2]!}`);
    const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
    await input.fill('milk');
    await input.press('Enter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toBeVisible();
    await openInsights(page);
    await expect(triggerItem(page, 'milk', 'bloating')).toContainText(`${milk.n_present + 1} days with, ${milk.n_absent - 1} without`);
    await expect(upToDate(page)).toBeVisible();
    await context.setOffline(false);
  });

  test('the main thread stays free while the worker analyses the 365-day diary', async ({ page, context }) => {
    // Times every analyse call sent to the insights worker, from the page's side.
    await page.addInitScript(() => {
      const w = window as unknown as Probe;
      w.__analyses = [];
      const Native = window.Worker;
      window.Worker = class extends Native {
        #sent = new Map<unknown, number>();
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          if (options?.name !== 'aurea-insights') return;
          this.addEventListener('message', (e: MessageEvent) => {
            const data = e.data as { id?: unknown; value?: { unchanged?: boolean } } | null;
            const start = this.#sent.get(data?.id);
            if (start === undefined) return;
            this.#sent.delete(data?.id);
            w.__analyses.push({ start, end: performance.now(), unchanged: data?.value?.unchanged === true });
          });
        }
        override postMessage(message: unknown, options?: Transferable[] | StructuredSerializeOptions) {
          const m = message as { id?: unknown; type?: string; path?: string[] } | null;
          if (m?.type === 'APPLY' && m.path?.[0] === 'analyse') this.#sent.set(m.id, performance.now());
          return super.postMessage(message, options as StructuredSerializeOptions);
        }
      };
    });
    await importDiary(page);
    await openInsights(page);
    await expect(upToDate(page)).toBeVisible();
    await expect(page.getByRole('img', { name: /^Line chart\./ })).toBeVisible();

    // Long tasks from here on (initial render and chart set-up are behind us). Long animation frames
    // name the scripts that ran in them: that is what makes a long task attributable to the app's
    // code rather than to painting, garbage collection or the test harness.
    await page.evaluate(() => {
      const w = window as unknown as Probe;
      w.__longtasks = [];
      w.__scripts = [];
      w.__observedFrom = performance.now();
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask' });
      new PerformanceObserver((list) => {
        for (const frame of list.getEntries() as unknown as { scripts: { startTime: number; duration: number; sourceURL: string; invoker: string }[] }[])
          for (const x of frame.scripts) w.__scripts.push({ start: x.startTime, duration: x.duration, source: x.sourceURL, invoker: x.invoker });
      }).observe({ type: 'long-animation-frame' });
    });

    await addFoodInAnotherTab(context, daysWithoutMilk()[3]!, 'milk');
    // Wait with a cheap predicate: locator polling scans the DOM in the page and would itself show
    // up as main-thread work inside the window being measured.
    await page.waitForFunction(
      () => {
        const w = window as unknown as Probe;
        return w.__analyses.some((a) => !a.unchanged && a.start > w.__observedFrom);
      },
      null,
      { polling: 250, timeout: 30_000 },
    );
    const milk = refTrigger('milk', 'bloating');
    await expect(triggerItem(page, 'milk', 'bloating')).toContainText(`${milk.n_present + 1} days with`);

    const probe = await page.evaluate(() => {
      const w = window as unknown as Probe;
      return { analyses: w.__analyses, longtasks: w.__longtasks, scripts: w.__scripts, from: w.__observedFrom, origin: location.origin };
    });
    const runs = probe.analyses.filter((a) => !a.unchanged && a.start > probe.from);
    test.info().annotations.push({ type: 'analysis windows (ms)', description: runs.map((r) => (r.end - r.start).toFixed(0)).join(', ') });
    expect(runs.length, 'a full analysis of the edited diary ran in the worker').toBeGreaterThan(0);
    // Long tasks that ended while the worker computed (from posting the diary to the result arriving;
    // the task that receives the result renders it, it does not analyse), with the time the app's own
    // scripts ran inside each.
    const during = probe.longtasks
      .filter((t) => t.duration > 50 && runs.some((r) => t.start + t.duration > r.start && t.start + t.duration < r.end))
      .map((t) => {
        const scripts = probe.scripts.filter((x) => x.source.startsWith(probe.origin) && x.start < t.start + t.duration && x.start + x.duration > t.start);
        return { ...t, appScriptMs: scripts.reduce((sum, x) => sum + x.duration, 0), scripts };
      });
    test.info().annotations.push({ type: 'long tasks in the window', description: JSON.stringify(during) });
    expect(
      during.filter((t) => t.appScriptMs > 50),
      `long tasks running the app's scripts while the worker analysed (windows ${JSON.stringify(runs)})`,
    ).toEqual([]);

    // The instruments themselves work: a 150 ms busy loop on the main thread is seen by both.
    await page.evaluate(
      () =>
        new Promise<void>((done) =>
          setTimeout(() => {
            const until = performance.now() + 150;
            while (performance.now() < until);
            done();
          }),
        ),
    );
    await expect
      .poll(() =>
        page.evaluate(() => {
          const w = window as unknown as Probe;
          return w.__longtasks.some((t) => t.duration >= 100) && w.__scripts.some((x) => x.duration >= 100);
        }),
      )
      .toBe(true);
  });

  test('no axe violations on Insights with the lactose diary, light and dark; screenshot at 360 px', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await importDiary(page);
    await openInsights(page);
    await expect(upToDate(page)).toBeVisible();
    await expect(page.getByRole('img', { name: /^Line chart\./ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^Bar chart\./ })).toBeVisible();
    // The page must not scroll sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.goto('/insights'); // a fresh load: no import toast over the findings
    await expect(upToDate(page)).toBeVisible();
    await expect(page.getByRole('img', { name: /^Line chart\./ })).toBeVisible();
    await screenshot(page, 'insights-360');

    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/insights');
      await expect(upToDate(page)).toBeVisible();
      await expect(page.getByRole('img', { name: /^Line chart\./ })).toBeVisible();
      // Open every disclosure so the data tables and the reading guide are checked too.
      await page.locator('details:not([open]) > summary').evaluateAll((els) => els.forEach((el) => (el as HTMLElement).click()));
      await page.getByRole('button', { name: /^Show all \d+ foods$/ }).click();
      await expectNoAxeViolations(page, `/insights (${scheme})`);
      if (scheme === 'dark') {
        await page.goto('/insights');
        await expect(page.getByRole('img', { name: /^Line chart\./ })).toBeVisible();
        await screenshot(page, 'insights-360-dark');
      }
    }
  });
});

test.describe('Insights: delayed effects and the cycle', () => {
  test.skip(!mixedAvailable, 'the mixed-120d sample diary (../shared/data) is not available');

  test('delayed effects are worded by their lag, and the cycle chart shows the phase means', async ({ page }) => {
    const mixedRef = JSON.parse(readFileSync(join(MIXED, 'ref.json'), 'utf8')) as { log_count: number; cycle: { symptom: string; phase_means: Record<string, number> }[] };
    await importDiary(page, join(MIXED, 'export.json'), mixedRef.log_count);
    await openInsights(page);
    await expect(upToDate(page)).toBeVisible();

    // Planted: onion → bloating and coffee → lower energy, both the next day.
    const delayed = page.getByRole('region', { name: 'Delayed effects' });
    const onion = delayed.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Onion: linked to more bloating the next day' }) });
    await expect(onion).toContainText('Next day');
    await expect(onion).toContainText('The day after you have onion, your bloating averages');
    await expect(onion.getByRole('link', { name: 'Test this food' })).toHaveAttribute('href', '/challenge?food=onion&symptom=bloating');
    await expect(delayed.getByRole('heading', { name: 'Coffee: linked to lower energy the next day' })).toBeVisible();

    const cycle = page.getByRole('region', { name: 'Your cycle' });
    await expect(cycle.getByRole('heading', { name: 'Bloating is worst in your luteal phase' })).toBeVisible();
    for (const symptom of ['bloating', 'energy']) {
      const means = mixedRef.cycle.find((c) => c.symptom === symptom)!.phase_means;
      const list = ['menstrual', 'follicular', 'ovulatory', 'luteal'].map((p) => `${p} ${means[p]!.toFixed(1)}`).join(', ');
      await cycle.getByLabel('Symptom', { exact: true }).selectOption(symptom);
      await expect(cycle.getByRole('img', { name: new RegExp(`^Bar chart\\. Average ${symptom} by cycle phase.*: ${list}\\.`) })).toBeVisible();
    }
  });
});

test.describe('Insights: a new diary', () => {
  test('with a few days logged, the page says what will appear and what is missing', async ({ page }) => {
    await page.goto('/insights');
    await expect(page.getByRole('heading', { name: 'Your insights will appear here' })).toBeVisible();
    await expect(page.getByText('0 of 8 days')).toBeVisible();

    const file = join(mkdtempSync(join(tmpdir(), 'aurea-few-')), 'few.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'aurea.export',
        version: 1,
        logs: [
          { date: '2026-03-01', ingredients: ['milk', 'oats'], symptoms: { bloating: 2, energy: 3 } },
          { date: '2026-03-02', ingredients: ['milk'], symptoms: { bloating: 3 } },
          { date: '2026-03-03', ingredients: ['rice'], symptoms: { bloating: 1, energy: 4 } },
        ],
      }),
    );
    await importDiary(page, file, 3);
    await openInsights(page);
    await expect(page.getByText('You have logged 3 days. Log 5 more days and Aurea starts looking for patterns.')).toBeVisible();
    await expect(page.getByText('3 of 8 days')).toBeVisible();
    const missing = page.getByRole('region', { name: 'Not enough data yet' });
    await expect(missing).toContainText('Rate your bloating on 5 more days to start looking for foods linked to it (3 days so far).');
    await expect(missing).toContainText('Rate your energy on 6 more days');
    await expect(page.getByRole('region', { name: 'Foods linked to worse symptoms' })).toHaveCount(0);
    await expectNoAxeViolations(page, '/insights (new diary)');
  });
});

test.describe('Insights: when a refresh fails', () => {
  test('the last result stays, the problem is shown calmly, and "Try again" recovers', async ({ page }) => {
    const logs = Array.from({ length: 12 }, (_, i) => ({
      date: `2026-02-${String(i + 1).padStart(2, '0')}`,
      ingredients: i % 2 ? ['milk', 'oats'] : ['rice'],
      symptoms: { bloating: i % 2 ? 4 : 1 },
    }));
    const file = join(mkdtempSync(join(tmpdir(), 'aurea-fail-')), 'twelve.json');
    writeFileSync(file, JSON.stringify({ format: 'aurea.export', version: 1, logs }));
    await importDiary(page, file, 12);
    await openInsights(page);
    await expect(upToDate(page)).toBeVisible();
    const findings = page.getByRole('region', { name: 'Foods linked to worse symptoms' });
    await expect(findings).toBeVisible();

    // A damaged record written past the app's validation: the worker refuses the whole diary.
    const raw = (action: 'put' | 'delete') =>
      page.evaluate(async (action) => {
        const req = indexedDB.open('aurea');
        const db: IDBDatabase = await new Promise((res, rej) => {
          req.onsuccess = () => res(req.result);
          req.onerror = () => rej(req.error);
        });
        const store = db.transaction('logs', 'readwrite').objectStore('logs');
        const done = action === 'put'
          ? store.put({ id: 'damaged', date: '2026-02-30', ingredients: ['milk'], symptoms: { bloating: 3 }, cycle_phase: null, created_at: '2026-03-01T00:00:00Z', updated_at: '2026-03-01T00:00:00Z' })
          : store.delete('2026-02-30');
        await new Promise((res) => (done.onsuccess = res));
        db.close();
      }, action);
    await raw('put');
    await page.reload();

    const problem = page.getByRole('alert').filter({ hasText: 'Your insights could not be updated just now' });
    await expect(problem).toBeVisible();
    await expect(problem).toContainText('Your diary itself is safe');
    await expect(findings).toBeVisible(); // the last result stays on screen
    await expect(page.getByText('Updating…')).toHaveCount(0);

    await raw('delete');
    await problem.getByRole('button', { name: 'Try again' }).click();
    await expect(problem).toHaveCount(0);
    await expect(upToDate(page)).toBeVisible();
  });
});
