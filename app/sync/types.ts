import type { DailyLog, Recipe, SymptomDefinition } from '../../shared/schema';
import type { OutboxChange } from '../../shared/sync/collections';
import type { SyncDoc } from '../../shared/sync/doc';
import type { Hlc } from '../../shared/sync/hlc';
import type { SyncKeys } from '../../shared/sync/keyring';

/**
 * Rows of the sync tables (Dexie version 3). Types only, plus two small constants, so the first-load bundle
 * (the header's status pill and the write hooks) can use them without pulling in the engine or zod.
 */

/**
 * What a local write queues. The hooks run in the first-load bundle, which must not carry the diffing code,
 * so they store the change as it happened (before and after); the lazily loaded store turns each intent into
 * the engine's field-level OutboxChange when it reads the outbox. Turning sync on queues ready-made changes.
 */
export type OutboxIntent =
  | { kind: 'log'; at: number; date: string; before: DailyLog | null; after: DailyLog | null }
  | { kind: 'symptoms'; at: number; before: SymptomDefinition[]; after: SymptomDefinition[] }
  | { kind: 'setting'; at: number; key: string; before: unknown; after: unknown }
  /** One of the person's recipes created, edited (before and after) or deleted (after null). */
  | { kind: 'recipe'; at: number; id: string; before: Recipe | null; after: Recipe | null }
  | { kind: 'change'; change: OutboxChange };

export interface SyncOutboxRow {
  /** Auto-incremented, so rows fold in the order they were written. */
  seq?: number;
  intent: OutboxIntent;
}

/** A StoredDoc as IndexedDB keeps it: `dirty` as 0/1, because booleans cannot be index keys. */
export interface SyncDocRow {
  name: string;
  id: string;
  doc: SyncDoc;
  dirty: 0 | 1;
  serverHlc: Hlc | null;
}

export const ACCOUNT_ROW_ID = 'current';

/** This device's sync account. Never the passphrase: the keys are non-extractable CryptoKeys. */
export interface SyncAccountRow {
  id: typeof ACCOUNT_ROW_ID;
  /** New on every sign-in, so a sync started under an earlier sign-in cannot write into a later one. */
  generation: string;
  email: string;
  /** Origin of the sync server, e.g. "https://aurea.example.org". */
  serverUrl: string;
  /** This device's HLC node id. */
  nodeId: string;
  keys: SyncKeys;
  /** Lets the device sign in again by itself when its short-lived token expires. */
  authKey: string;
  token: string | null;
  tokenExpiresAt: string | null;
  signedInAt: string;
  /** The server ended the session (passphrase changed elsewhere, account deleted): the person must sign in again. */
  sessionEnded: boolean;
}

export interface RejectedNotice {
  id: string;
  collection: string;
  seq: number;
  reason: string;
  at: string;
}

/** Outcome of the latest sync attempt, shared by every tab through IndexedDB (one tab syncs, all show it). */
export interface SyncStatusValue {
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  error: { code: string; message: string } | null;
  /** When the next automatic attempt is due after an error or a 429. */
  nextRetryAt: string | null;
  /** Records refused (failed verification or invalid) since the person last dismissed the notice. */
  rejected: RejectedNotice[];
}

export interface SyncMetaRow {
  key: 'state' | 'status';
  value: unknown;
}

/**
 * Settings that follow the person to every device, by sync group. Appearance, reminders and
 * device bookkeeping (first run, storage prompt, demo) stay per device.
 */
export const SYNCED_SETTINGS: Readonly<Record<string, string>> = {
  trackCycle: 'preferences',
  hiddenSymptoms: 'preferences',
};

export const SYNC_TABLES = ['syncOutbox', 'syncDocs', 'syncMeta', 'syncAccount'] as const;
