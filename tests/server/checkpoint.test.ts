import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../sync-server/storage/db';

const dirs: string[] = [];
const dbs: Db[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function fresh(): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aurea-ckpt-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, file: join(dir, 'aurea.sqlite') };
}

const until = async (ok: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return ok();
};

test('commits never checkpoint on the request path; the checkpoint thread moves the WAL into the file', async () => {
  const { db, file } = fresh();
  expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const put = db.prepare('INSERT INTO blobs (body) VALUES (?)');
  const batch = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) put.run(Buffer.alloc(1000, i % 251));
  });
  const before = statSync(file).size;
  for (let b = 0; b < 60; b++) batch(100); // ~6 MB: past SQLite's default 1,000-page automatic checkpoint
  // The database file grows only when pages are checkpointed, and this connection never does it.
  expect(await until(() => statSync(file).size > before + 5_000_000, 5_000)).toBe(true);
  expect(db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 6000 });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
});

test('closing the database stops the thread and leaves every committed row in the file', async () => {
  const { db, file } = fresh();
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 500; i++) ins.run(`row ${i}`);
  })();
  db.close();
  const again = openDatabase(join(file, '..'));
  dbs.push(again);
  expect(again.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 500 });
  expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
});
