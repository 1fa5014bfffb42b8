import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildApp, firstLoadScripts, tfjsPlacement } from './load/app';
import { repoRoot, startBenchServer, type BenchServer } from './load/server';
import type { Report } from './runner';
import { median, quantile } from './percentiles';

/**
 * The PWA in Chromium (Playwright), served by a real server process from a fresh production build:
 *  - saving a day: 500 saves through the Today page, timed in the page from the form's submit to the commit of
 *    the IndexedDB transaction that wrote the log (p95 ≤ 10 ms), and to the "Saved" confirmation on screen;
 *  - first load of the app shell: cold (new profile, empty cache, no service worker) and with the service
 *    worker installed (a reload it serves from its cache): load event and first contentful paint;
 *  - first-load JavaScript: gzip size of the entry chunk and its static imports (≤ 150 KB; lazy chunks not
 *    counted), and TensorFlow.js found only in Web Worker chunks;
 *  - opening Predict with the 1,095-day sample diary (../shared/data; skipped with a notice when absent) and its
 *    trained model: from the tap on "Predict" in a freshly opened app (new workers, nothing in memory) to the
 *    person's own model's chances on screen (p95 ≤ 1,000 ms).
 *
 * BENCH_STATIC_DIR=<dir> uses an existing build instead of building one into a temporary directory;
 * BROWSER_SAVES (500), BROWSER_LOADS (7), BROWSER_SAVE_GAP_MS (0: pause between saves, for diagnosis),
 * BROWSER_DIAG_SAVES (100: saves with Chromium's after-input task deferral off; 0 skips them), BROWSER_PREDICT_OPENS (20),
 * BROWSER_SECTIONS (load,saves,predict: which parts to run).
 * Chromium: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium.
 */

const SAVES = Number(process.env.BROWSER_SAVES ?? 500);
const LOADS = Number(process.env.BROWSER_LOADS ?? 7);
/** Pause between saves (diagnostics: background work a save sets off has settled before the next). */
const SAVE_GAP_MS = Number(process.env.BROWSER_SAVE_GAP_MS ?? 0);
/** Saves repeated with Chromium's deferral of tasks after input turned off, to show what limits the figure. */
const DIAG_SAVES = Number(process.env.BROWSER_DIAG_SAVES ?? 100);
const PREDICT_OPENS = Number(process.env.BROWSER_PREDICT_OPENS ?? 20);
const SECTIONS = new Set((process.env.BROWSER_SECTIONS ?? 'load,saves,predict').split(',').map((x) => x.trim()));
const PREDICT_DIARY = join(repoRoot, '../shared/data/diaries/mixed-1095d-vocab300/export.json');
const CHROMIUM = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];


/**
 * Installed before the app's own scripts: marks each form submit, and the `complete` event (the commit) of the
 * next read-write IndexedDB transaction that includes the `logs` store; and when the "Saved"/"Updated"
 * confirmation appears. Measurement only: the app is not changed and exposes nothing. (Plain JavaScript in a
 * string: a function compiled by tsx would carry helpers the page does not have.)
 */
const SAVE_PROBE = `(() => {
  window.__saves = [];
  let submitAt = null;
  let before = new Map();
  const statuses = () => [...document.querySelectorAll('[role="status"]')];
  document.addEventListener('submit', () => {
    submitAt = performance.now();
    before = new Map(statuses().map((el) => [el, el.textContent || '']));
  }, true);
  const open = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = open.call(this, stores, mode, options);
    const names = typeof stores === 'string' ? [stores] : [...stores];
    if (mode === 'readwrite' && names.includes('logs') && submitAt !== null) {
      const t0 = submitAt;
      const was = before;
      const opened = performance.now() - t0;
      submitAt = null;
      tx.addEventListener('complete', () => {
        const rec = { commit: performance.now() - t0, opened };
        window.__saves.push(rec);
        // The confirmation the person reads: a "Saved …" / "Updated …" status not on screen at submit.
        const seen = () => statuses().some((el) => /^(Saved|Updated)\\b/.test(el.textContent || '') && was.get(el) !== el.textContent);
        if (seen()) { rec.shown = performance.now() - t0; return; }
        const obs = new MutationObserver(() => {
          if (!seen()) return;
          obs.disconnect();
          rec.shown = performance.now() - t0;
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    }
    return tx;
  };
})();`;

async function timedLoad(page: Page, url: string, reload = false): Promise<{ load: number; fcp: number; fromServiceWorker: boolean }> {
  if (reload) await page.reload({ waitUntil: 'load' });
  else await page.goto(url, { waitUntil: 'load' });
  // FCP is reported shortly after it happens; wait for the entry rather than racing it.
  await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 30_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]!;
    return { load: nav.loadEventEnd - nav.startTime, fcp: fcp.startTime, fromServiceWorker: nav.workerStart > 0 && navigator.serviceWorker.controller !== null };
  });
}

/** Runs one step of the save loop; on failure keeps a screenshot and says what the page showed. */
async function stepOrExplain(page: Page, i: number, pageErrors: string[], step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (e) {
    const shot = join(tmpdir(), `aurea-bench-save-${i + 1}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    const state = await page.evaluate(() => ({ url: location.href, h1: document.querySelector('h1')?.textContent, status: [...document.querySelectorAll('[role="status"],[role="alert"],dialog[open]')].map((el) => el.textContent) })).catch(() => null);
    throw new Error(`save ${i + 1}: ${(e as Error).message}\npage: ${JSON.stringify(state)?.slice(0, 1500)}\nscreenshot: ${shot}\npage errors: ${pageErrors.join(' | ')}`);
  }
}

/** Saves `n` new days through the Today page in a fresh profile and returns the timings the page recorded. */
async function timeSaves(browser: Browser, url: string, n: number) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  // A step that cannot happen fails the bench with a picture instead of waiting forever.
  context.setDefaultTimeout(30_000);
  await context.addInitScript({ content: SAVE_PROBE });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(`${url}/today?date=2026-01-01`, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1 }).waitFor();
  const prev = page.getByRole('button', { name: 'Previous day' });
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0 && process.env.BROWSER_PROGRESS) console.error(`  save ${i}/${n} ${new Date().toISOString()}`);
    // Each save is a new day (a create, the common case), with symptoms and a note: a realistic entry.
    if (i > 0) await stepOrExplain(page, i, pageErrors, async () => {
      if (SAVE_GAP_MS) await page.waitForTimeout(SAVE_GAP_MS);
      await prev.click();
      await page.getByText('No log for this day yet').waitFor();
    });
    await stepOrExplain(page, i, pageErrors, async () => {
      await page.getByLabel(`Bloating ${i % 6} of 5`, { exact: true }).check();
      await page.getByLabel(`Energy ${(i * 2) % 6} of 5`, { exact: true }).check();
      await page.getByLabel('Notes').fill(`Day ${i}: slept well, long walk after lunch.`);
      await page.getByRole('button', { name: 'Save day' }).click();
    });
    await page.waitForFunction((n) => (window as unknown as { __saves: { shown?: number }[] }).__saves.filter((s) => s.shown !== undefined).length >= n, i + 1, { timeout: 30_000 }).catch(async (e: Error) => {
      const state = await page.evaluate(() => ({ saves: (window as unknown as { __saves: unknown[] }).__saves, status: [...document.querySelectorAll('[role="status"],[role="alert"]')].map((el) => el.textContent), h1: document.querySelector('h1')?.textContent }));
      throw new Error(`save ${i + 1} was not confirmed: ${e.message}\n${JSON.stringify(state).slice(0, 2000)}\npage errors: ${pageErrors.join(' | ')}`);
    });
  }
  if (process.env.BROWSER_PROGRESS) console.error('  saves done; reading timings');
  const saves = await page.evaluate(() => (window as unknown as { __saves: { commit: number; opened: number; shown?: number }[] }).__saves);
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('aurea');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction('logs').objectStore('logs').count();
          r.onsuccess = () => {
            req.result.close();
            resolve(r.result);
          };
        };
      }),
  );
  await context.close();
  return {
    count: saves.length,
    commits: saves.map((s) => s.commit),
    opened: saves.map((s) => s.opened),
    transactions: saves.map((s) => s.commit - s.opened),
    shown: saves.map((s) => s.shown ?? Number.NaN),
    stored,
  };
}

/**
 * Started just before the tap on "Predict": resolves with the time until the result card shows the personal
 * model's chances (a string: a function compiled by tsx would carry helpers the page does not have).
 */
const PREDICT_OPEN_PROBE = `(() => {
  const t0 = performance.now();
  window.__predictOpen = new Promise((resolve) => {
    const done = () => document.querySelector('section.p-result[data-predictor="personal"] [role="meter"]') !== null;
    const obs = new MutationObserver(() => {
      if (!done()) return;
      obs.disconnect();
      resolve(performance.now() - t0);
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
})()`;

/**
 * Imports the 1,095-day sample through Settings, waits for the model the import trains in the background,
 * then opens the app afresh `n` times and times the tap on "Predict" until the personal model's chances show
 * (the result card says which predictor answered; the first bar is drawn).
 */
async function timePredictOpens(browser: Browser, url: string, n: number) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto(`${url}/settings`, { waitUntil: 'load' });
  await page.getByLabel('Import an Aurea export (JSON)').setInputFiles(PREDICT_DIARY);
  await page.getByRole('region', { name: 'Import preview' }).waitFor();
  // The sample's dates run past tomorrow: the import asks before writing them.
  const confirm = page.getByLabel(/^Yes, import (this day|these [\d,]+ days) with/);
  if (await confirm.isVisible()) await confirm.check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Imported:' }).waitFor();
  const status = page.getByRole('region', { name: 'Model status' });
  await status.getByText('Model v1:').waitFor({ timeout: 300_000 });
  const logs = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('aurea');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const r = req.result.transaction('logs').objectStore('logs').count();
          r.onsuccess = () => {
            req.result.close();
            resolve(r.result);
          };
        };
      }),
  );
  const opens: number[] = [];
  for (let i = 0; i < n; i++) {
    await page.goto(`${url}/today`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(PREDICT_OPEN_PROBE);
    await page.getByRole('link', { name: 'Predict', exact: true }).click();
    opens.push(await page.evaluate('window.__predictOpen'));
  }
  await context.close();
  return { opens, logs };
}

export default async function (report: Report) {
  if (!CHROMIUM) {
    console.warn('browser bench skipped: no Chromium found (set PLAYWRIGHT_CHROMIUM_EXECUTABLE or install chromium)');
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'aurea-browser-bench-'));
  let server: BenchServer | null = null;
  let browser: Browser | null = null;
  try {
    let dist = process.env.BENCH_STATIC_DIR;
    if (!dist) {
      dist = join(tmp, 'dist');
      const t = performance.now();
      await buildApp(dist);
      report({ name: 'build_s', value: (performance.now() - t) / 1000, unit: 's', note: 'vite build of the app (not a target)' });
    }

    // ---------------------------------------------------------------- what the first load fetches
    const first = firstLoadScripts(dist);
    report({ name: 'first_load_js_gzip_kb', value: first.gzipBytes / 1024, unit: 'KB', target: { op: '<=', value: 150 }, note: `${first.files.length} chunks: ${first.entry} and its static imports; brotli ${(first.brotliBytes / 1024).toFixed(1)} KB` });
    const unpreloaded = first.files.filter((f) => f !== first.entry && !first.preloaded.includes(f));
    report({ name: 'first_load_chunks_not_preloaded', value: unpreloaded.length, unit: 'chunks', target: { op: '<=', value: 0 }, note: unpreloaded.join(', ') || 'index.html preloads every static import' });
    const tf = tfjsPlacement(dist);
    report({ name: 'tfjs_outside_workers', value: tf.outsideWorkers.length, unit: 'chunks', target: { op: '<=', value: 0 }, note: `TensorFlow.js in ${tf.withTfjs.join(', ') || 'no chunk'}; worker code: ${tf.workers.join(', ')}${tf.outsideWorkers.length ? `; OUTSIDE: ${tf.outsideWorkers.join(', ')}` : ''}` });
    report({ name: 'tfjs_chunks', value: tf.withTfjs.length, unit: 'chunks', target: { op: '>=', value: 1 }, note: 'the model worker must still carry it (guards the scan itself)' });

    server = await startBenchServer({ dataDir: join(tmp, 'data'), env: { STATIC_DIR: dist, LOG_LEVEL: 'warn', RATE_LIMIT_PER_IP: '1000000' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });

    // ---------------------------------------------------------------- opening Predict on the 1,095-day diary
    if (SECTIONS.has('predict')) {
      if (!existsSync(PREDICT_DIARY)) console.warn(`browser bench: predict_open skipped: the 1,095-day sample diary is missing (${PREDICT_DIARY}); it ships in ../shared/data beside the checkout.`);
      else {
        const p = await timePredictOpens(browser, server.url, PREDICT_OPENS);
        report({ name: 'predict_open_ms_p50', value: quantile(p.opens, 0.5), unit: 'ms', note: `${p.opens.length} opens of a freshly loaded app, ${p.logs} logs: tap on Predict → own model's chances on screen` });
        report({ name: 'predict_open_ms_p95', value: quantile(p.opens, 0.95), unit: 'ms', target: { op: '<=', value: 1000 } });
        report({ name: 'predict_open_ms_max', value: Math.max(...p.opens), unit: 'ms' });
      }
    }

    // ---------------------------------------------------------------- first load, cold and warm
    if (SECTIONS.has('load')) {
      const cold: { load: number; fcp: number }[] = [];
      const warm: { load: number; fcp: number }[] = [];
      let servedBySw = 0;
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext({ serviceWorkers: 'allow' });
        const page = await context.newPage();
        cold.push(await timedLoad(page, `${server.url}/today`));
        await page.evaluate(async () => {
          await navigator.serviceWorker.ready;
        });
        // The worker precaches the shell when it installs; a reload is then answered from its cache.
        await page.reload({ waitUntil: 'load' });
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
        const w = await timedLoad(page, `${server.url}/today`, true);
        warm.push(w);
        if (w.fromServiceWorker) servedBySw++;
        await context.close();
      }
      report({ name: 'cold_load_ms', value: median(cold.map((x) => x.load)), unit: 'ms', note: `median of ${LOADS} fresh profiles: navigation start to load event end` });
      report({ name: 'cold_fcp_ms', value: median(cold.map((x) => x.fcp)), unit: 'ms', note: 'first contentful paint' });
      report({ name: 'warm_sw_load_ms', value: median(warm.map((x) => x.load)), unit: 'ms', note: `median of ${LOADS}; ${servedBySw}/${LOADS} navigations answered by the service worker` });
      report({ name: 'warm_sw_fcp_ms', value: median(warm.map((x) => x.fcp)), unit: 'ms' });
      report({ name: 'warm_vs_cold_load_ratio', value: median(warm.map((x) => x.load)) / median(cold.map((x) => x.load)), unit: 'x', note: 'same run' });
    }
    if (!SECTIONS.has('saves')) return;

    // ---------------------------------------------------------------- saving a day, 500 times
    const saves = await timeSaves(browser, server.url, SAVES);
    report({ name: 'save_commit_p50', value: quantile(saves.commits, 0.5), unit: 'ms', note: `${saves.count} saves: form submit → IndexedDB commit of the log` });
    report({ name: 'save_commit_p95', value: quantile(saves.commits, 0.95), unit: 'ms', target: { op: '<=', value: 10 } });
    report({ name: 'save_commit_max', value: Math.max(...saves.commits), unit: 'ms' });
    report({ name: 'save_until_transaction_p50', value: quantile(saves.opened, 0.5), unit: 'ms', note: 'of which: submit → the write transaction opens (React handler, validation, Dexie)' });
    report({ name: 'save_transaction_p50', value: quantile(saves.transactions, 0.5), unit: 'ms', note: 'of which: transaction open → committed (reads, put, sync hooks, IndexedDB commit)' });
    report({ name: 'save_confirmed_p95', value: quantile(saves.shown, 0.95), unit: 'ms', note: 'form submit → "Saved" shown on screen' });
    report({ name: 'saves_stored', value: saves.stored, unit: 'logs', target: { op: '>=', value: SAVES }, note: 'every save is in IndexedDB' });
    await browser.close();

    // Diagnosis of what limits the figure above: after a click, Chromium holds back the page's other tasks
    // (IndexedDB replies included) until the next frame is drawn (its DeferRendererTasksAfterInput policy).
    // The same saves with that policy off show the app's own cost of a save.
    if (DIAG_SAVES > 0) {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, '--disable-features=DeferRendererTasksAfterInput'] });
      const diag = await timeSaves(browser, server.url, DIAG_SAVES);
      report({ name: 'save_commit_p50_no_input_deferral', value: quantile(diag.commits, 0.5), unit: 'ms', note: `${diag.count} saves with Chromium's deferral of tasks after input turned off (diagnosis, not the target)` });
      report({ name: 'save_commit_p95_no_input_deferral', value: quantile(diag.commits, 0.95), unit: 'ms', note: 'the app\'s own cost: handler, validation, Dexie, IndexedDB commit' });
    }
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
