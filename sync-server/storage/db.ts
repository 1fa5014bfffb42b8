import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export type Db = Database.Database;

/**
 * Opens the server's single SQLite file in WAL mode. `synchronous = FULL` makes every committed
 * transaction durable before the response is sent, so an acknowledged push survives a crash.
 * Checkpoints run on a thread of their own (see startCheckpointer).
 */
export function openDatabase(dataDir: string, file = 'aurea.sqlite'): Db {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    ensurePrivateDir(dataDir);
    path = join(dataDir, file);
    ensurePrivateFile(path);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  if (path !== ':memory:') startCheckpointer(db, path);
  return db;
}

/**
 * The data directory holds emails, scrypt hashes, wrapped keyrings and the server's secrets: only the
 * server's own user may enter it (0700), whatever the umask, and an existing looser one is tightened.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

/**
 * Creates the database file 0600 before SQLite opens it: SQLite gives its -wal and -shm files the mode of the
 * database file, so they are private too. Existing files (from an older version) are tightened.
 */
function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
  }
}

/** How often the checkpoint thread copies committed pages from the WAL into the database file. */
const CHECKPOINT_EVERY_MS = 250;

const CHECKPOINTER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
}, workerData.everyMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1,000 WAL pages, so about one push in 25 also copied ~4 MB and synced the file: the tail of push
 * latency (p99 ~70 ms at 10,000 records/s against p50 2.5 ms). A PASSIVE checkpoint from a second
 * connection on another thread never blocks writers, and SQLite keeps it safe across crashes.
 */
function startCheckpointer(db: Db, path: string): void {
  db.pragma('wal_autocheckpoint = 0');
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { path, driver, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  worker.on('error', () => {
    // Without the thread, fall back to SQLite's own checkpoints on commit.
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  const close = db.close.bind(db);
  db.close = () => {
    worker.postMessage('stop');
    // The last connection to close checkpoints the WAL into the file.
    return close();
  };
}

/** Applies numbered migrations for one area of the schema exactly once each. */
export function migrate(db: Db, area: string, steps: readonly string[]): void {
  const key = `schema_version:${area}`;
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  const current = row ? Number(row.value) : 0;
  if (current >= steps.length) return;
  db.transaction(() => {
    for (let i = current; i < steps.length; i++) db.exec(steps[i]!);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, String(steps.length));
  })();
}
