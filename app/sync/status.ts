import Dexie from 'dexie';
import { useSyncExternalStore } from 'react';
import type { AureaDb } from '../db/db';
import { ACCOUNT_ROW_ID, type SyncStatusValue } from './types';

/**
 * What the sync status says, for the header pill and the Settings section. First-load code: Dexie and
 * React only (the engine and the crypto load lazily once an account exists).
 */

export const EMPTY_STATUS: SyncStatusValue = { lastSyncAt: null, lastAttemptAt: null, error: null, nextRetryAt: null, rejected: [] };

export interface SyncSnapshot {
  account: { email: string; serverUrl: string; generation: string; sessionEnded: boolean } | null;
  status: SyncStatusValue;
  /** Local changes not yet accepted by the server (queued changes plus documents waiting to be pushed). */
  pending: number;
}

/** Reads everything the status needs in one go (use inside liveQuery so every tab follows along). */
export async function readSyncSnapshot(db: AureaDb): Promise<SyncSnapshot> {
  const [account, statusRow, outbox, dirty] = await Promise.all([
    db.syncAccount.get(ACCOUNT_ROW_ID),
    db.syncMeta.get('status'),
    db.syncOutbox.count(),
    db.syncDocs.where('[dirty+name]').between([1, Dexie.minKey], [1, Dexie.maxKey]).count(),
  ]);
  return {
    account: account ? { email: account.email, serverUrl: account.serverUrl, generation: account.generation, sessionEnded: account.sessionEnded } : null,
    status: { ...EMPTY_STATUS, ...((statusRow?.value as Partial<SyncStatusValue> | undefined) ?? {}) },
    pending: account ? outbox + dirty : 0,
  };
}

export type SyncTone = 'ok' | 'pending' | 'offline' | 'error';

export interface SyncDisplay {
  tone: SyncTone;
  /** Short text for the pill: "Synced", "Pending 3 changes", "Offline", "Error: <reason>". */
  text: string;
  /** What else the person should know (the full error, a rejected record), or null. */
  detail: string | null;
}

/** "1 change" / "3 changes". */
export const changesText = (n: number) => `${n.toLocaleString('en')} change${n === 1 ? '' : 's'}`;

/** "1 record from the server failed verification and was not applied." */
export function rejectedSentence(n: number): string {
  return n === 1 ? '1 record from the server failed verification and was not applied.' : `${n.toLocaleString('en')} records from the server failed verification and were not applied.`;
}

/** Short reasons for the pill; the full message is in the sentence and in Settings. */
const SHORT_REASON: Record<string, string> = {
  unreachable: "can't reach server",
  unauthorized: 'sign in again',
  protocol: 'server not understood',
  weak_kdf: 'unsafe server settings',
  quota_exceeded: 'server storage full',
  stamp_ahead: "check this device's clock",
  insecure_server: 'server address not secure',
};

/** Errors that are not failures to the person: sync simply waits and retries. */
const TRANSIENT = new Set(['rate_limited', 'busy']);

/** The status as the person sees it, or null when sync is off on this device. */
export function describeSync(snapshot: SyncSnapshot, online: boolean): SyncDisplay | null {
  const { account, status, pending } = snapshot;
  if (!account) return null;
  const waiting = pending > 0 ? ` ${changesText(pending)} will sync then.` : '';
  if (account.sessionEnded) return { tone: 'error', text: 'Error: sign in again', detail: `Your sync session has ended. Sign in again in Settings to keep syncing.${waiting}` };
  if (!online) return { tone: 'offline', text: 'Offline', detail: `Sync resumes when this device is back online.${waiting}` };
  const error = status.error && !TRANSIENT.has(status.error.code) ? status.error : null;
  if (error) return { tone: 'error', text: `Error: ${SHORT_REASON[error.code] ?? 'sync failed'}`, detail: `${error.message}${waiting}` };
  if (pending > 0) return { tone: 'pending', text: `Pending ${changesText(pending)}`, detail: status.error?.message ?? null };
  if (!status.lastSyncAt) return { tone: 'pending', text: 'Syncing…', detail: null };
  return { tone: 'ok', text: 'Synced', detail: status.rejected.length ? rejectedSentence(status.rejected.length) : null };
}

// ---- online state and this tab's activity ----

function subscribeOnline(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

let syncing = false;
const activityListeners = new Set<() => void>();

/** Set by the runtime while this tab runs a sync. */
export function setSyncing(value: boolean): void {
  if (syncing === value) return;
  syncing = value;
  for (const l of activityListeners) l();
}

export function useSyncing(): boolean {
  return useSyncExternalStore(
    (l) => {
      activityListeners.add(l);
      return () => activityListeners.delete(l);
    },
    () => syncing,
    () => false,
  );
}
