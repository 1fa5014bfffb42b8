#!/usr/bin/env node
// `npm run audit`: Lighthouse (mobile and desktop presets) on the built app served by a real server process,
// the same way `npm start` serves it, plus the checks that made up Lighthouse's old PWA category (Chromium's
// own installability verdict, the manifest, offline start from the service worker).
//
// Each page and preset is audited AUDIT_RUNS times and the median run (by performance) is judged.
// Fails (exit 1) when performance < 90, accessibility < 100 or best practices < 95 on any page and preset,
// or when a PWA check fails, printing every failing audit with its details so it can be fixed.
//
// Env: AUDIT_STATIC_DIR=<dir> audits an existing build (default: app/dist, built first when stale, as
// `npm start` does); AUDIT_PATHS=/,/today (pages); PLAYWRIGHT_CHROMIUM_EXECUTABLE (default /usr/bin/chromium);
// AUDIT_JSON=<dir> writes each Lighthouse report there; AUDIT_RUNS (5) runs per page and preset, the median judged.
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const THRESHOLDS = { performance: 90, accessibility: 100, 'best-practices': 95 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
// Five runs, the median judged: Lighthouse's own advice for scores that vary run to run on a busy machine.
const RUNS = Math.max(1, Number(process.env.AUDIT_RUNS ?? 5));
const PATHS = (process.env.AUDIT_PATHS ?? '/,/today').split(',').map((p) => p.trim()).filter(Boolean);
const chromePath = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!chromePath) {
  process.stderr.write('npm run audit needs Chromium: install it (Debian/Ubuntu: apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.\n');
  process.exit(1);
}

/** The production entry point on a free port; resolves with its URL once it listens. */
function startServer(dataDir) {
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, BACKGROUND_JOBS: 'off', LOG_LEVEL: 'warn' };
  delete env.STATIC_DIR;
  if (process.env.AUDIT_STATIC_DIR) env.STATIC_DIR = process.env.AUDIT_STATIC_DIR;
  const child = fork(join(root, 'sync-server/start.mjs'), [], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 10 minutes')), 600_000);
    child.on('message', (m) => {
      if (m?.type === 'listening') {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m.port}`, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM')))) });
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

const pct = (score) => (score === null || score === undefined ? 'n/a' : String(Math.round(score * 100)));

/** One line per failing audit of a category, with the items Lighthouse names (elements, URLs, values). */
function failingAudits(lhr, categoryId) {
  const out = [];
  for (const ref of lhr.categories[categoryId]?.auditRefs ?? []) {
    const a = lhr.audits[ref.id];
    if (!a || a.scoreDisplayMode === 'notApplicable' || a.scoreDisplayMode === 'informative' || a.scoreDisplayMode === 'manual') continue;
    if (a.score === null || a.score >= 0.9 || (categoryId === 'performance' && ref.weight === 0 && a.score >= 0.5)) continue;
    const ms = (v) => (typeof v === 'number' ? `${Math.round(v)} ms` : null);
    const items = (a.details?.items ?? []).slice(0, 6).map((it) => {
      const node = it.node?.snippet ?? it.node?.selector;
      const parts = [
        node,
        it.node?.nodeLabel && it.node.nodeLabel !== node ? `“${it.node.nodeLabel}”` : null,
        it.url,
        it.source?.url,
        it.groupLabel,
        it.description,
        it.label,
        it.total !== undefined ? `total ${ms(it.total)}` : null,
        it.scripting ? `scripting ${ms(it.scripting)}` : null,
        it.duration !== undefined && it.groupLabel ? ms(it.duration) : null,
        it.score !== undefined && a.id.includes('layout-shift') ? `shift ${Number(it.score).toFixed(3)}` : null,
        it.wastedMs ? `${Math.round(it.wastedMs)} ms` : null,
        it.wastedBytes ? `${Math.round(it.wastedBytes / 1024)} KB` : null,
      ].filter(Boolean);
      return `        · ${parts.join(' — ').slice(0, 260)}`;
    });
    out.push(`      ✗ ${a.id} (${pct(a.score)}${ref.weight ? `, weight ${ref.weight}` : ''}): ${a.title}${a.displayValue ? ` — ${a.displayValue}` : ''}`, ...items);
  }
  return out;
}

/** What Lighthouse's PWA category used to check, asked of Chromium directly. */
async function pwaChecks(url) {
  const { chromium } = await import('@playwright/test');
  // A persistent profile: Chromium never considers an app installable in an incognito-like context.
  const profile = mkdtempSync(join(tmpdir(), 'aurea-audit-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], serviceWorkers: 'allow' });
  const results = [];
  const check = (name, ok, detail) => results.push({ name, ok, detail });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/`, { waitUntil: 'load' });
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    check('manifest parses without errors', !!manifest.data && manifest.errors.length === 0, manifest.errors.map((e) => e.message).join('; ') || manifest.url);
    const m = JSON.parse(manifest.data || '{}');
    const icons = m.icons ?? [];
    check('manifest: name, start_url, display standalone, theme and background colour', !!m.name && !!m.short_name && !!m.start_url && m.display === 'standalone' && !!m.theme_color && !!m.background_color, JSON.stringify({ name: m.name, start_url: m.start_url, display: m.display, theme_color: m.theme_color }));
    check('manifest icons: 192 px and 512 px, and a 512 px maskable one', icons.some((i) => i.sizes === '192x192') && icons.some((i) => i.sizes === '512x512') && icons.some((i) => i.sizes === '512x512' && String(i.purpose).includes('maskable')), icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).join(', '));
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload({ waitUntil: 'load' });
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    check('a service worker controls the page after a reload', controlled, controlled ? 'yes' : 'no controller');
    const installability = await cdp.send('Page.getInstallabilityErrors');
    check('Chromium finds the app installable', installability.installabilityErrors.length === 0, installability.installabilityErrors.map((e) => e.errorId).join(', ') || 'no installability errors');
    await context.setOffline(true);
    await page.reload({ waitUntil: 'load' });
    const offline = await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 20_000 }).then(() => true, () => false);
    check('starts offline (app shell from the service worker)', offline, offline ? `h1: ${await page.getByRole('heading', { level: 1 }).first().textContent()}` : 'nothing rendered offline');
    await context.setOffline(false);
    const viewport = await page.evaluate(() => document.querySelector('meta[name="viewport"]')?.getAttribute('content') ?? '');
    check('viewport meta for mobile', /width=device-width/.test(viewport), viewport);
    const themeColor = await page.evaluate(() => document.querySelector('meta[name="theme-color"]')?.getAttribute('content') ?? '');
    check('theme-color meta', !!themeColor, themeColor);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

const { default: lighthouse, desktopConfig } = await import('lighthouse');
const { launch } = await import('chrome-launcher');

const dataDir = mkdtempSync(join(tmpdir(), 'aurea-audit-'));
let server;
let chrome;
let failed = false;
try {
  server = await startServer(dataDir);
  process.stdout.write(`Auditing ${server.url} (${process.env.AUDIT_STATIC_DIR ?? 'app/dist'}) with Lighthouse, Chromium at ${chromePath}\n`);
  chrome = await launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'error' });
  const summary = [];
  for (const preset of ['mobile', 'desktop']) {
    for (const path of PATHS) {
      const url = `${server.url}${path}`;
      // Lighthouse's scores vary from run to run (more so on a shared 2-core machine): judge the median run,
      // as Lighthouse CI does, and show every run's performance score.
      // A run that ends in a runtime error (no paint seen, a protocol timeout on a busy machine) measured
      // nothing: it is run again, up to RUNS more times, rather than judged as a score of 0.
      const runs = [];
      let errored = 0;
      while (runs.length < RUNS) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES }, preset === 'desktop' ? desktopConfig : undefined);
        if (!result?.lhr) throw new Error(`Lighthouse returned no report for ${url}`);
        if (result.lhr.runtimeError && errored < RUNS) {
          errored++;
          process.stdout.write(`  (${preset} ${path}: a run ended in ${result.lhr.runtimeError.code}; running it again)\n`);
          continue;
        }
        runs.push(result.lhr);
      }
      const ranked = [...runs].sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
      const lhr = ranked[Math.floor((ranked.length - 1) / 2)];
      if (process.env.AUDIT_JSON) {
        mkdirSync(process.env.AUDIT_JSON, { recursive: true });
        writeFileSync(join(process.env.AUDIT_JSON, `${preset}${path.replace(/\//g, '_') || '_'}.json`), JSON.stringify(lhr, null, 1));
      }
      if (lhr.runtimeError) {
        failed = true;
        process.stdout.write(`\n${preset} ${path}: Lighthouse could not audit the page: ${lhr.runtimeError.code} ${lhr.runtimeError.message}\n`);
        continue;
      }
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score]));
      const m = (id) => lhr.audits[id]?.displayValue ?? 'n/a';
      const perfRuns = runs.map((x) => pct(x.categories.performance?.score)).join(', ');
      process.stdout.write(`\n${preset} ${path}: ${CATEGORIES.map((c) => `${c} ${pct(scores[c])}`).join(', ')}${RUNS > 1 ? ` (median of ${RUNS} runs; performance ${perfRuns})` : ''}\n`);
      process.stdout.write(`    FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')}; benchmark index ${lhr.environment?.benchmarkIndex ?? 'n/a'}\n`);
      for (const [cat, min] of Object.entries(THRESHOLDS)) {
        const score = Math.round((scores[cat] ?? 0) * 100);
        const ok = score >= min;
        if (!ok) failed = true;
        const lines = failingAudits(lhr, cat);
        if (!ok || lines.length) process.stdout.write(`    ${ok ? '✓' : '✗'} ${cat} ${score} (needs ≥ ${min})${lines.length ? ':' : ''}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
      }
      summary.push({ preset, path, ...Object.fromEntries(CATEGORIES.map((c) => [c, pct(scores[c])])) });
    }
  }
  await chrome.kill();
  chrome = null;

  process.stdout.write('\nPWA checks (Chromium):\n');
  for (const r of await pwaChecks(server.url)) {
    if (!r.ok) failed = true;
    process.stdout.write(`    ${r.ok ? '✓' : '✗'} ${r.name}${r.detail ? ` — ${r.detail}` : ''}\n`);
  }
  process.stdout.write(`\nSummary: ${summary.map((s) => `${s.preset} ${s.path} P${s.performance}/A${s.accessibility}/BP${s['best-practices']}/SEO${s.seo}`).join('; ')}\n`);
  process.stdout.write(failed ? 'Audit FAILED: see the ✗ lines above.\n' : 'Audit passed.\n');
} catch (e) {
  failed = true;
  process.stderr.write(`audit: ${e instanceof Error ? e.stack : String(e)}\n`);
} finally {
  if (chrome) await chrome.kill();
  if (server) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
