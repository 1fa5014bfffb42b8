import { liveQuery, type Subscription } from 'dexie';
import { createSyncEngine, type SyncEngine, type SyncReport } from '../../shared/sync/engine';
import { SyncAuthError, SyncBusyError, SyncError, SyncRateLimitedError } from '../../shared/sync/errors';
import { SyncClient } from '../../shared/sync/transport';
import { appDb, type AureaDb } from '../db/db';
import { saveToken } from './account';
import { installSyncHooks } from './hooks';
import { EMPTY_STATUS, setSyncing } from './status';
import { DexieSyncStore, SyncStoppedError } from './store';
import { ACCOUNT_ROW_ID, type RejectedNotice, type SyncAccountRow, type SyncStatusValue } from './types';

/**
 * Background sync for the open app (DESIGN §7): shortly after a write (debounced), on `online`, when the
 * page becomes visible, and every few minutes while open. One tab syncs at a time (Web Locks); every tab
 * shows the same status through IndexedDB. Errors back off exponentially, a 429 waits for its Retry-After,
 * an ended session stops until the person signs in again.
 */

export const SYNC_TIMING = {
  /** After the last local write. */
  debounceMs: 2000,
  /** While the app is open and visible. */
  periodicMs: 4 * 60_000,
  /** First retry after an error; doubles up to maxBackoffMs. */
  backoffMs: 5000,
  maxBackoffMs: 5 * 60_000,
  /** When local edits kept arriving during a merge. */
  busyRetryMs: 1500,
};

/** Delay before retry number `failures` (1-based): 5 s, 10 s, 20 s … capped, with ±20 % jitter so devices spread out. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(SYNC_TIMING.maxBackoffMs, SYNC_TIMING.backoffMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type SyncOutcome =
  | { kind: 'synced'; report: SyncReport }
  | { kind: 'failed'; error: { code: string; message: string } }
  | { kind: 'skipped'; reason: 'no-account' | 'session-ended' | 'offline' | 'other-tab' | 'stopped' };

const MAX_REJECTED_NOTICES = 50;
const LOCK_NAME = 'aurea-sync';

export interface SyncRuntimeOptions {
  fetch?: typeof fetch;
  now?: () => number;
}

export class SyncRuntime {
  private engine: { generation: string; engine: SyncEngine } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dueAt = Infinity;
  private failures = 0;
  private retryAt = 0;
  private running: Promise<SyncOutcome> | null = null;
  private again = false;
  private subscriptions: Subscription[] = [];
  private cleanups: (() => void)[] = [];
  private started = false;

  constructor(
    private readonly db: AureaDb,
    private readonly options: SyncRuntimeOptions = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Starts the triggers (idempotent). Stops by itself when the account goes away. */
  start(): void {
    if (this.started) return;
    this.started = true;
    installSyncHooks();
    let lastSeq: number | null = null;
    this.subscriptions.push(
      liveQuery(() => this.db.syncOutbox.toCollection().lastKey()).subscribe({
        next: (seq) => {
          const s = typeof seq === 'number' ? seq : 0;
          // New local writes (from any tab): sync once they settle.
          if (lastSeq !== null && s > lastSeq) this.schedule(SYNC_TIMING.debounceMs);
          lastSeq = s;
        },
      }),
      liveQuery(() => this.db.syncAccount.get(ACCOUNT_ROW_ID)).subscribe({
        next: (account) => {
          if (!account) return this.stop();
          if (this.engine && this.engine.generation !== account.generation) {
            this.engine = null;
            this.failures = 0;
            this.retryAt = 0;
            this.schedule(0);
          }
        },
      }),
    );
    if (typeof window !== 'undefined') {
      const online = () => {
        // Back online: forget the error backoff (not a server's Retry-After) and sync now.
        this.failures = 0;
        this.schedule(0);
      };
      const visible = () => {
        if (document.visibilityState === 'visible') this.schedule(0);
      };
      window.addEventListener('online', online);
      document.addEventListener('visibilitychange', visible);
      const periodic = setInterval(() => {
        if (document.visibilityState === 'visible') this.schedule(0);
      }, SYNC_TIMING.periodicMs);
      this.cleanups.push(() => {
        window.removeEventListener('online', online);
        document.removeEventListener('visibilitychange', visible);
        clearInterval(periodic);
      });
    }
    this.schedule(0);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    clearTimeout(this.timer);
    this.dueAt = Infinity;
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    for (const c of this.cleanups.splice(0)) c();
    this.engine = null;
    if (runtime === this) runtime = null;
  }

  /** Runs a sync in `delayMs` (or sooner if one is already due), never before a backoff ends. */
  schedule(delayMs: number): void {
    if (!this.started) return;
    const at = Math.max(this.now() + delayMs, this.retryAt);
    if (at >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.dueAt = Infinity;
      void this.sync({ wait: false });
    }, at - this.now());
  }

  /**
   * One sync now. `wait: true` (the "Sync now" button) waits for another tab's sync to finish and ignores the
   * error backoff; automatic runs skip when another tab is syncing (it will pick the changes up).
   */
  sync(options: { wait: boolean } = { wait: true }): Promise<SyncOutcome> {
    if (this.running) {
      // Changes that arrive during a sync may have missed it: go again right after.
      this.again = true;
      return this.running;
    }
    if (options.wait) this.retryAt = Math.min(this.retryAt, this.now());
    this.running = this.runLocked(options.wait).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    });
    return this.running;
  }

  private async runLocked(wait: boolean): Promise<SyncOutcome> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return this.runOnce();
    return locks.request(LOCK_NAME, wait ? {} : { ifAvailable: true }, async (lock) => (lock ? this.runOnce() : { kind: 'skipped' as const, reason: 'other-tab' as const }));
  }

  private engineFor(account: SyncAccountRow): SyncEngine {
    if (this.engine?.generation === account.generation) return this.engine.engine;
    const client = new SyncClient({
      baseUrl: account.serverUrl,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      credentials: { email: account.email, authKey: account.authKey },
      token: account.token,
      onToken: (token, expiresAt) => void saveToken(this.db, account.generation, token, expiresAt),
    });
    const engine = createSyncEngine({ transport: client, store: new DexieSyncStore(this.db, account.generation), keys: account.keys, nodeId: account.nodeId, clock: { now: () => this.now() } });
    this.engine = { generation: account.generation, engine };
    return engine;
  }

  private async runOnce(): Promise<SyncOutcome> {
    const account = await this.db.syncAccount.get(ACCOUNT_ROW_ID);
    if (!account) return { kind: 'skipped', reason: 'no-account' };
    if (account.sessionEnded) return { kind: 'skipped', reason: 'session-ended' };
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return { kind: 'skipped', reason: 'offline' };
    const engine = this.engineFor(account);
    const startedAt = new Date(this.now()).toISOString();
    setSyncing(true);
    try {
      const report = await engine.sync();
      this.failures = 0;
      this.retryAt = 0;
      const at = new Date(this.now()).toISOString();
      const rejected: RejectedNotice[] = report.rejected.map((r) => ({ ...r, at }));
      await this.updateStatus(account.generation, (s) => ({ ...s, lastSyncAt: at, lastAttemptAt: startedAt, error: null, nextRetryAt: null, rejected: [...s.rejected, ...rejected].slice(-MAX_REJECTED_NOTICES) }));
      return { kind: 'synced', report };
    } catch (e) {
      return await this.failed(account, e, startedAt);
    } finally {
      setSyncing(false);
    }
  }

  private async failed(account: SyncAccountRow, e: unknown, startedAt: string): Promise<SyncOutcome> {
    if (e instanceof SyncStoppedError) return { kind: 'skipped', reason: 'stopped' };
    let delay: number | null;
    if (e instanceof SyncBusyError) delay = SYNC_TIMING.busyRetryMs;
    else if (e instanceof SyncRateLimitedError) delay = e.retryAfterMs;
    else if (e instanceof SyncAuthError) delay = null;
    else delay = backoffDelay(++this.failures);
    const error = e instanceof SyncError ? { code: e.code, message: e.message } : { code: 'internal', message: `Sync stopped on an unexpected problem: ${e instanceof Error ? e.message : String(e)}. Your diary on this device is unaffected.` };
    if (!(e instanceof SyncError)) console.error('sync failed', e);
    const nextRetryAt = delay === null ? null : new Date(this.now() + delay).toISOString();
    if (e instanceof SyncAuthError) {
      await this.db.transaction('rw', this.db.syncAccount, async () => {
        const current = await this.db.syncAccount.get(ACCOUNT_ROW_ID);
        if (current?.generation === account.generation) await this.db.syncAccount.update(ACCOUNT_ROW_ID, { sessionEnded: true, token: null });
      });
    }
    await this.updateStatus(account.generation, (s) => ({ ...s, lastAttemptAt: startedAt, error, nextRetryAt }));
    if (delay !== null) {
      this.retryAt = this.now() + delay;
      this.schedule(delay);
    }
    return { kind: 'failed', error };
  }

  private async updateStatus(generation: string, change: (s: SyncStatusValue) => SyncStatusValue): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.syncMeta, db.syncAccount], async () => {
      const account = await db.syncAccount.get(ACCOUNT_ROW_ID);
      if (account?.generation !== generation) return;
      const row = await db.syncMeta.get('status');
      await db.syncMeta.put({ key: 'status', value: change({ ...EMPTY_STATUS, ...((row?.value as Partial<SyncStatusValue> | undefined) ?? {}) }) });
    });
  }
}

let runtime: SyncRuntime | null = null;

/** Starts background sync for this page (idempotent); the header's status pill calls it once an account exists. */
export function startSyncRuntime(db: AureaDb = appDb()): SyncRuntime {
  if (!runtime) runtime = new SyncRuntime(db);
  runtime.start();
  return runtime;
}

/** "Sync now": runs a sync immediately (waiting for another tab's, if one is running). */
export function syncNow(db: AureaDb = appDb()): Promise<SyncOutcome> {
  return startSyncRuntime(db).sync({ wait: true });
}
