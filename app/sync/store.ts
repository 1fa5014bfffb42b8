import Dexie from 'dexie';
import type { DailyLog, SymptomDefinition } from '../../shared/schema';
import { initialChanges, logChange, settingsChange, symptomDefinitionsChange, type AppliedChange, type OutboxChange, type OutboxEntry, type RecordName } from '../../shared/sync/collections';
import type { Json } from '../../shared/sync/doc';
import type { CommitBatch, StoredDoc, SyncState, SyncStore } from '../../shared/sync/store';
import { RECIPES_GROUP, recipeField, recipeFields, recipesFromFields } from '../../shared/diary/recipes';
import type { AureaDb } from '../db/db';
import { ACCOUNT_ROW_ID, SYNCED_SETTINGS, type OutboxIntent, type SyncDocRow, type SyncOutboxRow } from './types';

/**
 * The SyncStore of the app, over Dexie: the same behaviour as MemorySyncStore (shared/sync/store.ts).
 * Local writes queue their outbox rows through the hooks in ./hooks; `commit` writes the sync documents,
 * the engine state, the outbox cleanup and the merged values in the app's own tables in one transaction.
 */

/** The account this store synced for was signed out or replaced (or the device wiped) while a sync ran. */
export class SyncStoppedError extends Error {
  override name = 'SyncStoppedError';
  constructor() {
    super('Sync was turned off on this device while it was running; nothing more was written.');
  }
}

const isCustom = (d: SymptomDefinition) => !d.builtin;

/** The field-level change an outbox intent stands for (null when nothing sync-relevant changed). */
export function changeOfIntent(intent: OutboxIntent): OutboxChange | null {
  switch (intent.kind) {
    case 'change':
      return intent.change;
    case 'log':
      return logChange(intent.before, intent.after, intent.at);
    case 'symptoms':
      return symptomDefinitionsChange(intent.before.filter(isCustom), intent.after.filter(isCustom), intent.at);
    case 'setting': {
      const group = SYNCED_SETTINGS[intent.key];
      if (!group) return null;
      const before = intent.before === undefined ? null : { [intent.key]: intent.before as Json };
      return settingsChange(group, before, { [intent.key]: (intent.after ?? null) as Json }, intent.at);
    }
    case 'recipe': {
      // Recipes sync as the settings group "recipes", one field per recipe, so two devices' recipes merge one by one.
      if (!intent.before && !intent.after) return null;
      const before = intent.before ? { [intent.id]: recipeField(intent.before) } : null;
      return settingsChange(RECIPES_GROUP, before, { [intent.id]: intent.after ? recipeField(intent.after) : null }, intent.at);
    }
  }
}

/** What this device already holds, as outbox changes: uploaded when sync is turned on (demo days stay local). */
export async function initialIntents(db: AureaDb, at: number): Promise<SyncOutboxRow[]> {
  const [logs, symptoms, settingRows, recipes] = await Promise.all([
    db.logs.filter((l) => (l as { demo?: unknown }).demo !== true).toArray(),
    db.symptoms.toArray(),
    db.settings.where('key').anyOf(Object.keys(SYNCED_SETTINGS)).toArray(),
    db.recipes.toArray(),
  ]);
  const settings: Record<string, Record<string, Json>> = {};
  for (const row of settingRows) {
    const group = SYNCED_SETTINGS[row.key]!;
    (settings[group] ??= {})[row.key] = row.value as Json;
  }
  if (recipes.length) settings[RECIPES_GROUP] = recipeFields(recipes);
  return initialChanges({ logs, symptomDefinitions: symptoms.filter(isCustom), settings }, at).map((change) => ({ intent: { kind: 'change', change } }));
}

const toStored = (row: SyncDocRow): StoredDoc => ({ name: row.name, id: row.id, doc: row.doc, dirty: row.dirty === 1, serverHlc: row.serverHlc });
const toRow = (d: StoredDoc): SyncDocRow => ({ name: d.name, id: d.id, doc: d.doc, dirty: d.dirty ? 1 : 0, serverHlc: d.serverHlc });

export class DexieSyncStore implements SyncStore {
  /**
   * @param generation the account sign-in this store works for; commits are refused once it is gone
   *   (signed out, signed in again, or "Delete all data"), so a running sync cannot resurrect anything.
   */
  constructor(
    private readonly db: AureaDb,
    private readonly generation: string | null = null,
  ) {}

  async readState(): Promise<SyncState> {
    const row = await this.db.syncMeta.get('state');
    const value = (row?.value ?? {}) as Partial<SyncState>;
    return { cursor: value.cursor ?? 0, hlc: value.hlc ?? null };
  }

  /**
   * Outbox entries in seq order. Intents that turn out to change nothing sync-relevant (a save that only
   * touched updated_at, a demo edit) are dropped here, so they never count as pending.
   */
  async readOutbox(limit: number): Promise<OutboxEntry[]> {
    const db = this.db;
    return db.transaction('rw', db.syncOutbox, async () => {
      const out: OutboxEntry[] = [];
      let after = 0;
      while (out.length < limit) {
        const rows = await db.syncOutbox.where(':id').above(after).limit(limit - out.length).toArray();
        if (rows.length === 0) break;
        const noop: number[] = [];
        for (const row of rows) {
          const seq = row.seq!;
          after = seq;
          let change: OutboxChange | null = null;
          try {
            change = changeOfIntent(row.intent);
          } catch (e) {
            // A change that cannot be expressed would block every later one; it stays on this device only.
            console.warn('sync: a local change could not be queued and stays on this device', e);
          }
          if (change) out.push({ ...change, seq });
          else noop.push(seq);
        }
        if (noop.length) await db.syncOutbox.bulkDelete(noop);
      }
      return out;
    });
  }

  async readDocs(names: readonly RecordName[]): Promise<Map<RecordName, StoredDoc>> {
    const rows = await this.db.syncDocs.bulkGet([...names]);
    const out = new Map<RecordName, StoredDoc>();
    for (const row of rows) if (row) out.set(row.name, toStored(row));
    return out;
  }

  async readDirty(after: RecordName | null, limit: number): Promise<StoredDoc[]> {
    const rows = await this.db.syncDocs
      .where('[dirty+name]')
      .between([1, after ?? Dexie.minKey], [1, Dexie.maxKey], after === null, true)
      .limit(limit)
      .toArray();
    return rows.map(toStored);
  }

  /** A scan (there is no index by id): it only runs when the server returned records that fail authentication. */
  async readDocsByIds(ids: readonly string[]): Promise<StoredDoc[]> {
    const wanted = new Set(ids);
    const rows = await this.db.syncDocs.filter((row) => wanted.has(row.id)).toArray();
    return rows.map(toStored);
  }

  async commit(batch: CommitBatch): Promise<boolean> {
    const db = this.db;
    return db.transaction('rw', [db.syncOutbox, db.syncDocs, db.syncMeta, db.syncAccount, db.logs, db.symptoms, db.settings, db.recipes], async () => {
      if (this.generation !== null) {
        const account = await db.syncAccount.get(ACCOUNT_ROW_ID);
        if (account?.generation !== this.generation) throw new SyncStoppedError();
      }
      const guard = batch.onlyIfOutboxThrough;
      if (guard !== undefined && (await db.syncOutbox.where(':id').above(guard).count()) > 0) return false;
      if (batch.docs.length) await db.syncDocs.bulkPut(batch.docs.map(toRow));
      for (const change of batch.apply) await applyChange(db, change);
      const through = batch.removeOutboxThrough;
      if (through !== undefined) await db.syncOutbox.where(':id').belowOrEqual(through).delete();
      if (batch.state) {
        const current = await this.readState();
        await db.syncMeta.put({ key: 'state', value: { ...current, ...batch.state } });
      }
      return true;
    });
  }
}

/** Writes a merged value into the app's tables, without queuing it again (it came from sync). */
async function applyChange(db: AureaDb, change: AppliedChange): Promise<void> {
  if (change.collection === 'log') {
    if (change.log) await db.logs.put(change.log as DailyLog);
    else await db.logs.delete(change.date);
  } else if (change.collection === 'symptoms') {
    await db.symptoms.clear();
    await db.symptoms.bulkPut(change.definitions.filter(isCustom));
  } else if (change.group === RECIPES_GROUP) {
    // The merged record holds every live recipe: the table becomes exactly that.
    await db.recipes.clear();
    await db.recipes.bulkPut(recipesFromFields(change.values));
  } else {
    const keys = Object.entries(SYNCED_SETTINGS)
      .filter(([, group]) => group === change.group)
      .map(([key]) => key);
    // A group this version does not know stays on the server for newer versions; nothing to write here.
    for (const key of keys) {
      const value = change.values?.[key];
      if (value === undefined || value === null) await db.settings.delete(key);
      else await db.settings.put({ key, value });
    }
  }
}
