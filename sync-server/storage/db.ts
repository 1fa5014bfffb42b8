import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/**
 * Opens the server's single SQLite file in WAL mode. `synchronous = FULL` makes every committed
 * transaction durable before the response is sent, so an acknowledged push survives a crash.
 */
export function openDatabase(dataDir: string, file = 'aurea.sqlite'): Db {
  let path = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    path = join(dataDir, file);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  return db;
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
