import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { validateExport } from '../../shared/schema';
import { expect, logDay, test, dayFoodItems } from './fixtures';
import { seededChoices as rng } from '../seeded';

/**
 * The app under bad input and a full disk:
 *  - import fuzzing: seeded random corruptions of a real export (truncation, wrong types, impossible and
 *    duplicate dates, huge strings, wrong format or version, bytes that are not JSON) are each refused whole
 *    through Settings → Import, and the database is exactly as before (a dump of the logs and symptoms
 *    tables before and after);
 *  - storage quota: a save that hits QuotaExceededError says so plainly, keeps what the person typed, and
 *    loses nothing saved before (checked after a reload).
 */

const SEED = 0x1a7e;
const CORRUPTIONS = 36;

/** Everything the diary holds that an import could touch, in a stable order. */
async function dump(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const req = indexedDB.open('aurea');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const out = { logs: await all('logs'), symptoms: await all('symptoms') };
    db.close();
    return out;
  });
}

type Export = { format: string; version: number; logs: Record<string, unknown>[]; [k: string]: unknown };

/** One corruption of a valid export: the name says what was done, the bytes are what the file holds. */
function corrupt(valid: Export, r: ReturnType<typeof rng>): { what: string; bytes: Buffer } {
  const json = JSON.stringify(valid, null, 1);
  const clone = () => JSON.parse(json) as Export;
  const rec = (f: Export) => f.logs[r.int(f.logs.length)]!;
  const asJson = (what: string, f: unknown) => ({ what, bytes: Buffer.from(JSON.stringify(f)) });
  const kinds: (() => { what: string; bytes: Buffer })[] = [
    () => {
      const at = 1 + r.int(json.length - 2);
      return { what: `truncated at byte ${at} of ${json.length}`, bytes: Buffer.from(json.slice(0, at)) };
    },
    () => {
      const f = clone();
      const field = r.pick(['date', 'ingredients', 'symptoms', 'notes', 'cycle_phase', 'created_at']);
      const bad = r.pick<unknown>(field === 'ingredients' ? ['milk, oats', 42, { 0: 'milk' }, [1, 2], [null]] : field === 'symptoms' ? [[], 'bloating 3', 7, { bloating: '3' }, { bloating: 6 }, { bloating: -1 }, { bloating: 2.5 }, { Bloating: 2 }] : field === 'cycle_phase' ? ['winter', 3, true] : [42, true, [], {}]);
      rec(f)[field] = bad;
      return asJson(`wrong type: ${field} = ${JSON.stringify(bad)}`, f);
    },
    () => {
      const f = clone();
      const bad = r.pick<unknown>(['2026-02-30', '2026-13-01', '2025-02-29', '26-01-01', '2026-1-1', '', 'yesterday', 20260101, null, '2026-01-01T00:00:00Z']);
      rec(f).date = bad;
      return asJson(`invalid date ${JSON.stringify(bad)}`, f);
    },
    () => {
      const f = clone();
      const { id: _id, ...copy } = rec(f);
      const dup: Record<string, unknown> = { ...copy, ingredients: ['duplicate'] };
      f.logs.splice(r.int(f.logs.length + 1), 0, dup);
      return asJson(`duplicate date ${String(dup.date)}`, f);
    },
    () => {
      const f = clone();
      const where = r.pick(['notes', 'ingredient', 'symptom key', 'ingredients list']);
      const l = rec(f);
      if (where === 'notes') l.notes = 'n'.repeat(5001 + r.int(500_000));
      else if (where === 'ingredient') l.ingredients = ['i'.repeat(81 + r.int(100_000))];
      else if (where === 'symptom key') l.symptoms = { ['k'.repeat(41 + r.int(1000))]: 2 };
      else l.ingredients = Array.from({ length: 201 + r.int(2000) }, (_, i) => `food ${i}`);
      return asJson(`huge ${where}`, f);
    },
    () => {
      const f = clone() as Record<string, unknown>;
      const change = r.pick(['format', 'version', 'both', 'logs']);
      if (change === 'format') f.format = r.pick(['aurea.backup', 'Aurea.export', '', 'aurea.export ']);
      else if (change === 'version') f.version = r.pick<unknown>([3, 0, '1', 1.5, null]);
      else if (change === 'both') {
        delete f.format;
        delete f.version;
      } else f.logs = r.pick<unknown>([{}, 'none', null, 3]);
      return asJson(`wrong ${change}`, f);
    },
    () => {
      // (UTF-16 with a byte-order mark is not damage: Chromium's File.text() reads it, and so does the app.)
      const which = r.pick(['random bytes', 'utf-16 without BOM', 'gzip', 'png', 'top-level array', 'null', 'empty', 'bom + garbage']);
      const bytes =
        which === 'random bytes'
          ? Buffer.from(Array.from({ length: 64 + r.int(4096) }, () => r.int(256)))
          : which === 'utf-16 without BOM'
            ? Buffer.from(json, 'utf16le')
            : which === 'gzip'
              ? gzipSync(json)
              : which === 'png'
                ? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
                : which === 'top-level array'
                  ? Buffer.from(JSON.stringify(valid.logs))
                  : which === 'null'
                    ? Buffer.from('null')
                    : which === 'empty'
                      ? Buffer.alloc(0)
                      : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"format": "aurea.export", "version": 1, "logs": [}')]);
      return { what: `not JSON: ${which}`, bytes };
    },
  ];
  return r.pick(kinds)();
}

/** The file as the app would read it: must be refused (so a corruption that happens to stay valid fails here). */
function expectInvalid(bytes: Buffer, what: string) {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return;
  }
  expect(validateExport(data).ok, `corruption "${what}" left the file valid`).toBe(false);
}

test('every corruption of an export is refused whole and leaves the database exactly as it was', async ({ page }) => {
  test.setTimeout(240_000);
  await logDay(page, { date: '2026-02-01', foods: ['oats', 'milk', 'coffee'], symptoms: { Bloating: 2, Energy: 4 }, notes: 'porridge' });
  await logDay(page, { date: '2026-02-02', foods: ['rye bread', 'cheddar cheese'], symptoms: { Bloating: 4, Focus: 2 } });
  await logDay(page, { date: '2026-02-03', foods: ['apple'], symptoms: { Energy: 5 } });

  // A real export from the app is the starting point for every corruption.
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const valid = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Export;
  expect(validateExport(valid).ok).toBe(true);
  // With new days in it, so an import that got through would visibly change the database.
  valid.logs.push({ date: '2026-02-10', ingredients: ['tea'], symptoms: { bloating: 1 } }, { date: '2026-02-11', ingredients: ['rice'], symptoms: { energy: 3 } });

  const before = await dump(page);
  const input = page.getByLabel('Import an Aurea export (JSON)');
  const r = rng(SEED);
  const seen = new Set<string>();
  for (let i = 0; i < CORRUPTIONS; i++) {
    const { what, bytes } = corrupt(valid, r);
    seen.add(what.split(/[:=\d"]/)[0]!.trim());
    expectInvalid(bytes, what);
    const name = `corrupt-${i}.json`;
    await input.setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
    const alert = page.getByRole('alert').filter({ hasText: name });
    await expect(alert, what).toContainText('Nothing was imported');
    await expect(page.getByRole('region', { name: 'Import preview' }), what).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Import', exact: true }), what).toHaveCount(0);
  }
  expect(await dump(page)).toEqual(before);
  // The run covered the different kinds of damage, not one kind many times.
  expect(seen.size).toBeGreaterThanOrEqual(8);

  // And the real file still imports: the refusals were about the damage, not the import itself.
  await input.setInputFiles({ name: 'valid.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(valid)) });
  await expect(page.getByRole('region', { name: 'Import preview' })).toContainText('2 new');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported: 2 new' })).toBeVisible();
  expect(((await dump(page)) as { logs: unknown[] }).logs).toHaveLength(5);
});

/**
 * Makes the next IndexedDB write fail with QuotaExceededError, the way a full disk does. (Chromium's own quota
 * override, CDP Storage.overrideQuotaForOrigin, is tried first, but IndexedDB commits in Chromium do not check
 * it: a 200 KB write completes under a 1 KB quota. So the write itself is made to fail.)
 */
async function failNextWriteWithQuota(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __quotaArmed?: boolean };
    w.__quotaArmed = true;
    for (const op of ['put', 'add'] as const) {
      const original = IDBObjectStore.prototype[op];
      IDBObjectStore.prototype[op] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (w.__quotaArmed && this.name === 'logs') {
          w.__quotaArmed = false;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return original.apply(this, args);
      } as IDBObjectStore['put'];
    }
  });
}

async function quotaOverrideWorks(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 });
  const outcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open('aurea-quota-probe', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('s');
        req.onsuccess = () => {
          const tx = req.result.transaction('s', 'readwrite');
          tx.objectStore('s').put('x'.repeat(200_000), 'k');
          tx.oncomplete = () => resolve('complete');
          tx.onabort = () => resolve(tx.error?.name ?? 'abort');
        };
        req.onerror = () => resolve(req.error?.name ?? 'error');
      }),
  );
  if (outcome !== 'QuotaExceededError') await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await cdp.detach();
  return outcome === 'QuotaExceededError';
}

test('a full disk while saving: a clear message, the entry kept on screen, nothing saved before is lost', async ({ page }) => {
  await logDay(page, { date: '2026-03-01', foods: ['oats', 'milk'], symptoms: { Bloating: 1 }, notes: 'first' });
  await logDay(page, { date: '2026-03-02', foods: ['coffee'], symptoms: { Energy: 4 } });
  const before = await dump(page);

  await page.goto('/today?date=2026-03-03');
  await expect(page.getByText('No log for this day yet')).toBeVisible();
  const real = await quotaOverrideWorks(page);
  if (!real) await failNextWriteWithQuota(page);
  const input = page.getByRole('combobox', { name: 'What did you eat and drink?' });
  await input.fill('lentils');
  await input.press('Enter');
  await page.getByLabel('Focus 3 of 5', { exact: true }).check();
  await page.getByLabel('Notes').fill(real ? 'n'.repeat(4900) : 'a day that will not fit');
  await page.getByRole('button', { name: 'Save day' }).click();

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('out of storage space');
  await expect(alert).toContainText('Everything saved before is safe');
  // What the person typed is still there to save again once there is room.
  await expect(page.getByLabel('Notes')).toHaveValue(real ? 'n'.repeat(4900) : 'a day that will not fit');
  await expect(dayFoodItems(page).filter({ hasText: 'lentil' }).first()).toBeVisible();
  expect(await dump(page)).toEqual(before);

  // With room again (the next write is not failed), the same entry saves.
  if (real) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin });
  }
  await page.getByRole('button', { name: 'Save day' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();

  // After a reload, the earlier days are exactly as they were and the new one is there.
  await page.reload();
  const after = (await dump(page)) as { logs: { date: string }[] };
  expect(after.logs.filter((l) => l.date !== '2026-03-03')).toEqual((before as { logs: unknown[] }).logs);
  expect(after.logs.map((l) => l.date)).toContain('2026-03-03');
});
