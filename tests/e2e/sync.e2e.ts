import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { ARTIFACTS, expect, expectNoAxeViolations, test, waitForServiceWorker } from './fixtures';
import { startServerProcess, type ServerProcess } from './server-process';

/**
 * Two devices (two browser contexts, each with its own IndexedDB) syncing through a real server process on
 * a fresh data directory: sign-up with the recovery key shown once, sign-in on the second device, offline
 * edits on both that merge per field, a delete that propagates, the exact wrong-passphrase and unreachable
 * messages, and a scan of the server's SQLite file and WAL for anything readable.
 */

const EMAIL = 'robin.sync@example.org';
const PASSPHRASE = 'quiet harbour lantern seven';

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'aurea-sync-e2e-'));
  // Serve a private copy of the built app, so a rebuild of app/dist during the test cannot pull it away.
  const staticDir = mkdtempSync(join(tmpdir(), 'aurea-sync-e2e-app-'));
  cpSync(fileURLToPath(new URL('../../app/dist', import.meta.url)), staticDir, { recursive: true });
  server = await startServerProcess({
    DATA_DIR: dataDir,
    STATIC_DIR: staticDir,
    // Two devices syncing after every save in a short test: keep the per-account limit out of the way.
    RATE_LIMIT_PER_USER: '1000',
    // No upstream traffic from this test.
    USDA_BASE_URL: 'http://127.0.0.1:9',
    OFF_BASE_URL: 'http://127.0.0.1:9',
  });
});
test.afterAll(async () => {
  await server?.stop();
});

async function device(browser: import('@playwright/test').Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url, permissions: ['clipboard-read', 'clipboard-write'] });
  // The food proxy is a separate feature (it sees names typed into food search by design); keep it out of
  // this test so the database scan below is about what sync stores.
  await context.route(/\/api\/(ingredients|products)/, (route) => route.abort());
  const page = await context.newPage();
  return { context, page };
}

const pill = (page: Page) => page.getByRole('link', { name: /^Sync status:/ });
const syncSection = (page: Page) => page.locator('section#sync');

/** A 360 px wide screenshot of one section; the viewport grows for it so the sticky tab bar does not cover it. */
async function capture(page: Page, section: Locator, name: string) {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 2400 });
  await section.screenshot({ path: join(ARTIFACTS, 'screenshots', `${name}.png`) });
  await page.setViewportSize(size);
}

/** In-app navigation (History API), which works offline without asking the network. */
async function go(page: Page, url: string) {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, url);
}

/** Saves a day through the Today page like a person would (works offline). */
async function editDay(page: Page, day: { date: string; foods?: string[]; symptoms?: Record<string, number>; notes?: string }) {
  await go(page, `/today?date=${day.date}`);
  const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
  await expect(input).toBeVisible();
  for (const f of day.foods ?? []) {
    await input.fill(f);
    await input.press('Enter');
  }
  for (const [label, v] of Object.entries(day.symptoms ?? {})) await page.getByLabel(`${label} ${v} of 5`, { exact: true }).check();
  if (day.notes) await page.getByLabel('Notes').fill(day.notes);
  await page.getByRole('button', { name: /^Save (day|changes)$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved|Updated/ }).first()).toBeVisible();
}

/** Logs as stored on the device (IndexedDB), updated_at aside, by date. */
function readLogs(page: Page) {
  return page.evaluate(async () => {
    const req = indexedDB.open('aurea');
    const db: IDBDatabase = await new Promise((res, rej) => {
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const logs: Record<string, unknown>[] = await new Promise((res) => {
      const r = db.transaction('logs').objectStore('logs').getAll();
      r.onsuccess = () => res(r.result);
    });
    const account: unknown = await new Promise((res) => {
      const r = db.transaction('syncAccount').objectStore('syncAccount').count();
      r.onsuccess = () => res(r.result);
    });
    db.close();
    return {
      logs: logs.map(({ updated_at: _u, ...rest }) => rest).sort((a, b) => String(a.date).localeCompare(String(b.date))),
      accounts: account as number,
    };
  });
}

/** The device's sync bookkeeping, read from IndexedDB: when it last synced, and what is still pending. */
function syncState(page: Page) {
  return page.evaluate(async () => {
    const req = indexedDB.open('aurea');
    const db: IDBDatabase = await new Promise((res, rej) => {
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const get = <T,>(store: string, fn: (s: IDBObjectStore) => IDBRequest<T>) =>
      new Promise<T>((res) => {
        const r = fn(db.transaction(store).objectStore(store));
        r.onsuccess = () => res(r.result);
      });
    const status = await get<{ value?: { lastSyncAt?: string | null } } | undefined>('syncMeta', (s) => s.get('status'));
    const outbox = await get<number>('syncOutbox', (s) => s.count());
    const docs = await get<{ dirty: number }[]>('syncDocs', (s) => s.getAll());
    db.close();
    return { lastSyncAt: status?.value?.lastSyncAt ?? null, pending: outbox + docs.filter((d) => d.dirty === 1).length };
  });
}

const clock = (page: Page) => page.evaluate(() => Date.now());

/** Waits until the device has synced everything after `since` (ms), and the pill says so. */
async function waitSynced(page: Page, since: number) {
  await expect
    .poll(
      async () => {
        const s = await syncState(page);
        return s.pending === 0 && s.lastSyncAt !== null && Date.parse(s.lastSyncAt) >= since;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect(pill(page)).toHaveText('Synced');
}

/** "Sync now" in Settings (reached through the pill), waiting for that sync to finish. */
async function syncNow(page: Page) {
  await pill(page).click();
  const since = await clock(page);
  await syncSection(page).getByRole('button', { name: 'Sync now' }).click();
  await waitSynced(page, since);
}

test('two devices sync end to end through a real server, which never sees the diary', async ({ browser }) => {
  test.setTimeout(300_000);
  const A = await device(browser);
  const a = A.page;

  // ---- Device A: Settings → Sync is off; create an account at 360 px ----
  await a.setViewportSize({ width: 360, height: 780 });
  await a.goto('/settings');
  await waitForServiceWorker(a);
  const sa = syncSection(a);
  await expect(sa.getByRole('heading', { name: 'Sync', exact: true })).toBeVisible();
  await expect(sa).toContainText('the server only ever sees encrypted data');
  await expect(pill(a)).toHaveCount(0);
  // A custom symptom that exists before sync is turned on (the existing diary is uploaded).
  await a.getByLabel('Add your own symptom').fill('Jaw tension');
  await a.getByRole('button', { name: 'Add symptom' }).click();
  await expect(a.getByRole('list', { name: 'Tracked symptoms' })).toContainText('Jaw tension');

  await sa.getByRole('button', { name: 'Create a sync account' }).click();
  await expect(sa.getByLabel('Sync server')).toHaveValue(server.url);
  await sa.getByLabel('Email', { exact: true }).fill(EMAIL);
  await sa.getByLabel('Passphrase', { exact: true }).fill('short');
  await expect(sa.getByText('Too short. At least 10 characters: 5 more to go.')).toBeVisible();
  await sa.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await expect(sa.getByText(/^(Good|Strong)\./)).toBeVisible();
  await sa.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
  for (const scheme of ['light', 'dark'] as const) {
    await a.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(a, `sync create form (${scheme})`);
  }
  await a.emulateMedia({ colorScheme: 'light' });
  mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
  await capture(a, sa, 'sync-settings-360');

  await sa.getByRole('button', { name: 'Create account and turn on sync' }).click();
  const region = sa.getByRole('region', { name: 'Your recovery key' });
  await expect(region).toBeVisible({ timeout: 60_000 });
  await expect(region).toContainText('Store this; without it and your passphrase your data cannot be recovered.');
  const recoveryKey = (await region.getByTestId('recovery-key').innerText()).trim();
  expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await region.getByRole('button', { name: 'Copy recovery key' }).click();
  expect(await a.evaluate(() => navigator.clipboard.readText())).toBe(recoveryKey);
  await expectNoAxeViolations(a, 'recovery key step');
  await capture(a, sa, 'sync-recovery-key-360');
  const next = region.getByRole('button', { name: 'Continue' });
  await expect(next).toBeDisabled();
  await region.getByLabel('I have stored it').check();
  await next.click();
  await expect(sa.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(pill(a)).toHaveText('Synced');
  // Shown once: it is nowhere on the page any more, nor after a reload.
  await expect(a.getByText(recoveryKey)).toHaveCount(0);
  await a.reload();
  await expect(syncSection(a).getByRole('button', { name: 'Sync now' })).toBeVisible();
  expect(await a.content()).not.toContain(recoveryKey);
  for (const scheme of ['light', 'dark'] as const) {
    await a.emulateMedia({ colorScheme: scheme });
    await expectNoAxeViolations(a, `sync signed in (${scheme})`);
  }
  await a.emulateMedia({ colorScheme: 'light' });
  await capture(a, syncSection(a), 'sync-settings-signed-in-360');
  await a.evaluate(() => scrollTo(0, 0));
  await a.screenshot({ path: join(ARTIFACTS, 'screenshots', 'sync-header-360.png'), clip: { x: 0, y: 0, width: 360, height: 64 } });
  await a.setViewportSize({ width: 1000, height: 800 });

  // ---- A logs two days; they sync in the background shortly after each save ----
  let since = await clock(a);
  await editDay(a, { date: '2026-03-02', foods: ['quinoa', 'kohlrabi'], symptoms: { Bloating: 2, 'Jaw tension': 3 }, notes: 'Zanzibar trip' });
  await editDay(a, { date: '2026-03-03', foods: ['sauerkraut'], symptoms: { Energy: 4 } });
  await waitSynced(a, since);
  await expect(pill(a)).toHaveAttribute('aria-label', /^Sync status: Synced\./);

  // ---- Device B: a day of its own, a wrong passphrase (refused, nothing changes), then the right one ----
  const B = await device(browser);
  const b = B.page;
  await b.goto('/settings');
  await waitForServiceWorker(b);
  await editDay(b, { date: '2026-03-04', foods: ['lentils'], symptoms: { Focus: 1 } });
  const before = await readLogs(b);
  await go(b, '/settings');
  const sb = syncSection(b);
  await sb.getByRole('button', { name: 'Sign in', exact: true }).click();
  await sb.getByLabel('Email', { exact: true }).fill(EMAIL);
  await sb.getByLabel('Passphrase', { exact: true }).fill('not my passphrase at all');
  await sb.getByRole('button', { name: 'Sign in and turn on sync' }).click();
  await expect(sb.getByRole('alert')).toHaveText('That passphrase does not unlock this account.', { timeout: 60_000 });
  expect(await readLogs(b)).toEqual(before);
  expect(before.accounts).toBe(0);
  await expect(pill(b)).toHaveCount(0);

  await sb.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  since = await clock(b);
  await sb.getByRole('button', { name: 'Sign in and turn on sync' }).click();
  await expect(sb.getByRole('button', { name: 'Sync now' })).toBeVisible({ timeout: 60_000 });
  await waitSynced(b, since);
  await syncNow(a); // A picks up B's own day
  const together = await readLogs(a);
  expect(together.logs.map((l) => l.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
  expect((await readLogs(b)).logs).toEqual(together.logs);
  await go(b, '/settings');
  await expect(b.getByRole('list', { name: 'Tracked symptoms' })).toContainText('Jaw tension');

  // ---- Both offline: the same day in different fields, and different days ----
  await waitForServiceWorker(a);
  await A.context.setOffline(true);
  await B.context.setOffline(true);
  await expect(pill(a)).toHaveText('Offline');
  await expect(pill(b)).toHaveText('Offline');
  await editDay(a, { date: '2026-03-02', foods: ['kefir'] });
  await editDay(a, { date: '2026-03-05', foods: ['tofu'] });
  await editDay(b, { date: '2026-03-02', symptoms: { Bloating: 4 }, notes: 'Zanzibar trip, bloated after lunch' });
  await editDay(b, { date: '2026-03-06', foods: ['rye bread'] });
  await expect(pill(a)).toHaveText('Offline');
  await expect(pill(a)).toHaveAttribute('aria-label', /2 changes will sync then/);

  // Reconnect: each syncs on the `online` event; A once more to receive B's merge.
  since = await clock(a);
  await A.context.setOffline(false);
  await waitSynced(a, since);
  since = await clock(b);
  await B.context.setOffline(false);
  await waitSynced(b, since);
  await syncNow(a);
  const merged = await readLogs(a);
  expect((await readLogs(b)).logs).toEqual(merged.logs);
  expect(merged.logs.map((l) => l.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
  expect(merged.logs[0]).toMatchObject({ ingredients: ['quinoa', 'kohlrabi', 'kefir'], symptoms: { bloating: 4, jaw_tension: 3 }, notes: 'Zanzibar trip, bloated after lunch' });

  // ---- A delete on A disappears on B ----
  await go(a, '/history');
  since = await clock(a);
  await a.getByRole('button', { name: /^Delete .*\b3 Mar/ }).click();
  await a.getByRole('dialog').getByRole('button', { name: 'Delete day' }).click();
  await expect(a.getByRole('button', { name: 'Undo' })).toBeVisible();
  await waitSynced(a, since);
  await syncNow(b);
  await go(b, '/history');
  const rowsB = b.getByRole('list', { name: 'Logged days, newest first' }).getByRole('listitem');
  await expect(rowsB).toHaveCount(4);
  await expect(b.getByRole('list', { name: 'Logged days, newest first' })).not.toContainText('sauerkraut');
  expect((await readLogs(b)).logs).toEqual((await readLogs(a)).logs);

  // ---- "Delete all data" on B wipes B only: it signs B out and pushes no deletions ----
  await go(b, '/settings');
  await b.getByRole('button', { name: 'Delete all data…' }).click();
  await b.getByLabel('Type DELETE to confirm').fill('DELETE');
  await b.getByRole('button', { name: 'Delete all data', exact: true }).click();
  await expect(b.getByRole('status').filter({ hasText: 'All data on this device was deleted.' })).toBeVisible();
  await expect(pill(b)).toHaveCount(0);
  await expect(syncSection(b).getByRole('button', { name: 'Create a sync account' })).toBeVisible();
  expect(await readLogs(b)).toEqual({ logs: [], accounts: 0 });
  const onA = await readLogs(a);
  await syncNow(a);
  expect(await readLogs(a)).toEqual(onA);
  expect(onA.logs).toHaveLength(4);

  // ---- The server's SQLite file and WAL hold nothing readable of the diary ----
  const files = ['aurea.sqlite', 'aurea.sqlite-wal'].map((f) => join(dataDir, f));
  expect(existsSync(files[0]!)).toBe(true);
  const bytes = Buffer.concat(files.filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  expect(bytes.includes(Buffer.from(EMAIL)), 'the scan reads the account table').toBe(true);
  const secrets = ['quinoa', 'kohlrabi', 'sauerkraut', 'kefir', 'lentils', 'tofu', 'rye bread', 'Jaw tension', 'jaw_tension', 'bloating', 'Bloating', 'Zanzibar', 'bloated after lunch'];
  const dates = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '20260302', '2026-03'];
  for (const s of [...secrets, ...dates]) expect(bytes.includes(Buffer.from(s, 'utf8')), `"${s}" in the server's database`).toBe(false);

  // ---- Unreachable server: a sign-in elsewhere, and A when its server is gone; local data untouched ----
  const C = await device(browser);
  const c = C.page;
  await c.goto('/settings');
  const sc = syncSection(c);
  await sc.getByRole('button', { name: 'Sign in', exact: true }).click();
  await sc.getByLabel('Sync server').fill('http://127.0.0.1:9');
  await sc.getByLabel('Email', { exact: true }).fill(EMAIL);
  await sc.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await sc.getByRole('button', { name: 'Sign in and turn on sync' }).click();
  await expect(sc.getByRole('alert')).toContainText("Can't reach your sync server");
  await C.context.close();

  const kept = await readLogs(a);
  await server.stop();
  await go(a, '/settings');
  await syncSection(a).getByRole('button', { name: 'Sync now' }).click();
  await expect(pill(a)).toHaveText("Error: can't reach server");
  await expect(syncSection(a)).toContainText("Can't reach your sync server. Your diary is saved on this device and will sync when the server is back.");
  expect(await readLogs(a)).toEqual(kept);

  await A.context.close();
  await B.context.close();
});
