import Dexie from 'dexie';
import type { DailyLog } from '../../shared/schema';
import type { AureaDb } from '../db/db';
import { extraLogTables, onLogChange, onLogWriteStart, onRecipeChange, onSettingChange, onSymptomsChange } from '../db/repo';
import { SYNC_TABLES, SYNCED_SETTINGS, type OutboxIntent } from './types';

/**
 * Queues every local change to synced data in the sync outbox, in the same transaction as the change
 * (DESIGN §7), while this device has a sync account. Part of the first-load bundle: it only records what
 * happened; the lazily loaded store works out the field-level change.
 */

const isDemo = (log: DailyLog | undefined | null): boolean => (log as { demo?: unknown } | null | undefined)?.demo === true;

/** Whether sync is on, looked up once per transaction (an import of thousands of days asks once). */
const syncOnIn = new WeakMap<object, Promise<boolean>>();
function syncOn(db: AureaDb): Promise<boolean> {
  const tx = Dexie.currentTransaction;
  if (!tx) return db.syncAccount.count().then((n) => n > 0);
  let on = syncOnIn.get(tx);
  if (!on) syncOnIn.set(tx, (on = db.syncAccount.count().then((n) => n > 0)));
  return on;
}

async function queue(db: AureaDb, intent: OutboxIntent): Promise<void> {
  // Without an account nothing is queued: the outbox would only grow.
  if (!(await syncOn(db))) return;
  await db.syncOutbox.add({ intent });
}

let installed = false;

/** Registers the hooks once per page (idempotent). Call before the first write. */
export function installSyncHooks(): void {
  if (installed) return;
  installed = true;
  for (const t of SYNC_TABLES) if (!extraLogTables.includes(t)) extraLogTables.push(t);

  // Whether to queue is read alongside the day itself, not after the write.
  onLogWriteStart((db) => syncOn(db));
  onLogChange(async (db, change) => {
    const after = change.type === 'put' ? change.log : null;
    // The demo diary stays on this device; a demo day the person edits becomes theirs and syncs whole.
    const before = isDemo(change.before) ? null : (change.before ?? null);
    if ((after === null || isDemo(after)) && before === null) return;
    const date = change.type === 'put' ? change.log.date : change.date;
    const at = after ? Date.parse(after.updated_at) : Date.now();
    await queue(db, { kind: 'log', at: Number.isFinite(at) ? at : Date.now(), date, before, after });
  });

  onSymptomsChange(async (db, { before, after }) => {
    await queue(db, { kind: 'symptoms', at: Date.now(), before, after });
  });

  onRecipeChange(async (db, { id, before, after }) => {
    await queue(db, { kind: 'recipe', at: Date.now(), id, before, after });
  });

  onSettingChange(async (db, { key, before, after }) => {
    if (!(key in SYNCED_SETTINGS)) return;
    await queue(db, { kind: 'setting', at: Date.now(), key, before, after });
  });
}
