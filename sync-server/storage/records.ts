import type { Statement } from 'better-sqlite3';
import { SYNC_LIMITS } from '../../shared/sync/protocol';
import { migrate, type Db } from './db';

/**
 * Encrypted sync records: one row per (account, record id) holding the latest version only. The server
 * sees an opaque id, a collection name, a version stamp, a tombstone flag and ciphertext (BLOB), nothing more.
 * Every accepted write takes the account's next sequence number, which is what clients pull by.
 */

export interface IncomingRecord {
  /** The 32-byte record id (HMAC), decoded. */
  id: Buffer;
  collection: string;
  hlc: string;
  deleted: boolean;
  ciphertext: Buffer;
}

export interface PushOutcome {
  status: 'accepted' | 'ignored';
  seq: number;
  hlc: string;
}

export interface RecordRow {
  id: Buffer;
  collection: string;
  hlc: string;
  deleted: number;
  seq: number;
  ciphertext: Buffer;
}

export function migrateRecords(db: Db): void {
  // Rows are appended in write order (rowid), so a push writes a few sequential pages rather than scattering
  // ~700-byte rows through a B-tree keyed by random ids; the two small indexes find rows by id and by seq.
  migrate(db, 'records', [
    `CREATE TABLE records (
       rid INTEGER PRIMARY KEY,
       account INTEGER NOT NULL REFERENCES accounts(pk) ON DELETE CASCADE,
       id BLOB NOT NULL,
       collection TEXT NOT NULL,
       hlc TEXT NOT NULL,
       deleted INTEGER NOT NULL,
       seq INTEGER NOT NULL,
       ciphertext BLOB NOT NULL
     );
     CREATE UNIQUE INDEX records_by_id ON records (account, id);
     CREATE UNIQUE INDEX records_by_seq ON records (account, seq);`,
    // What each account stores, kept up to date by every push, so the quota check costs nothing.
    `ALTER TABLE accounts ADD COLUMN used_bytes INTEGER NOT NULL DEFAULT 0;
     ALTER TABLE accounts ADD COLUMN used_records INTEGER NOT NULL DEFAULT 0;
     UPDATE accounts SET
       used_bytes = (SELECT COALESCE(SUM(length(ciphertext)), 0) FROM records WHERE records.account = accounts.pk),
       used_records = (SELECT COUNT(*) FROM records WHERE records.account = accounts.pk);`,
  ]);
}

/** The push would take the account past its storage quota; nothing of it was stored. */
export class QuotaExceededError extends Error {
  override name = 'QuotaExceededError';
  constructor(
    readonly kind: 'bytes' | 'records',
    readonly limit: number,
  ) {
    super(`account quota exceeded (${kind})`);
  }
}

/** The account was deleted between the token check and the write. */
export class AccountGoneError extends Error {
  override name = 'AccountGoneError';
}

interface QueuedPush {
  account: number;
  records: readonly IncomingRecord[];
  resolve(outcome: { results: PushOutcome[]; seq: number }): void;
  reject(error: unknown): void;
}

/** A group commit holds at most this many pushes or records (the write lock is not held for long). */
const GROUP_MAX_PUSHES = 64;
const GROUP_MAX_RECORDS = 20_000;

export interface RecordStoreOptions {
  /** The server's clock (ms), for the version-stamp ceiling. */
  now?: () => number;
  /** Per-account quota: ciphertext bytes and records stored (default: unlimited). */
  maxAccountBytes?: number;
  maxAccountRecords?: number;
}

/** The wall-time part (ms) of a version stamp "WWWWWWWWWWWWWWW-CCCCCC-node". */
export const stampWall = (hlc: string): number => Number(hlc.slice(0, 15));

export class RecordStore {
  private readonly current: Statement<[number, Buffer], { rid: number; hlc: string; seq: number; size: number }>;
  private readonly insert: Statement<[number, Buffer, string, string, number, number, Buffer]>;
  private readonly update: Statement<[string, string, number, number, Buffer, number]>;
  private readonly seqOf: Statement<[number], { seq: number }>;
  private readonly usageOf: Statement<[number], { seq: number; used_bytes: number; used_records: number }>;
  private readonly setSeq: Statement<[number, number, number, number]>;
  private readonly page: Statement<[number, number, number], RecordRow>;
  private readonly eraseStmt: Statement<[number]>;
  private readonly pushTx: (account: number, records: readonly IncomingRecord[]) => { results: PushOutcome[]; seq: number };
  private readonly groupTx: (group: readonly QueuedPush[]) => ({ ok: true; value: { results: PushOutcome[]; seq: number } } | { ok: false; error: unknown })[];
  private queue: QueuedPush[] = [];
  private flushScheduled = false;
  private readonly now: () => number;

  constructor(db: Db, options: RecordStoreOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    const maxBytes = options.maxAccountBytes ?? Number.MAX_SAFE_INTEGER;
    const maxRecords = options.maxAccountRecords ?? Number.MAX_SAFE_INTEGER;
    migrateRecords(db);
    this.current = db.prepare('SELECT rid, hlc, seq, length(ciphertext) AS size FROM records WHERE account = ? AND id = ?');
    this.insert = db.prepare('INSERT INTO records (account, id, collection, hlc, deleted, seq, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.update = db.prepare('UPDATE records SET collection = ?, hlc = ?, deleted = ?, seq = ?, ciphertext = ? WHERE rid = ?');
    this.seqOf = db.prepare('SELECT seq FROM accounts WHERE pk = ?');
    this.usageOf = db.prepare('SELECT seq, used_bytes, used_records FROM accounts WHERE pk = ?');
    this.setSeq = db.prepare('UPDATE accounts SET seq = ?, used_bytes = ?, used_records = ? WHERE pk = ?');
    this.page = db.prepare('SELECT id, collection, hlc, deleted, seq, ciphertext FROM records WHERE account = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.eraseStmt = db.prepare('DELETE FROM records WHERE account = ?');
    const tx = db.transaction((account: number, records: readonly IncomingRecord[]) => {
      const usage = this.usageOf.get(account);
      if (usage === undefined) throw new AccountGoneError('account not found');
      let { seq, used_bytes: bytes, used_records: count } = usage;
      const before = { bytes, count };
      const results: PushOutcome[] = [];
      // A stored stamp past the ceiling was written before stamps were bounded (or by a stolen token): it
      // cannot be a real edit, and no device can stamp after it, so any valid version replaces it.
      const ceiling = this.now() + SYNC_LIMITS.maxStampAheadMs;
      for (const r of records) {
        const existing = this.current.get(account, r.id);
        if (existing && existing.hlc >= r.hlc && stampWall(existing.hlc) <= ceiling) {
          // Same version again (a replay) is already stored: accepted, idempotently. A later one wins: ignored.
          results.push({ status: existing.hlc === r.hlc ? 'accepted' : 'ignored', seq: existing.seq, hlc: existing.hlc });
          continue;
        }
        seq += 1;
        bytes += r.ciphertext.length - (existing?.size ?? 0);
        if (!existing) count += 1;
        if (existing) this.update.run(r.collection, r.hlc, r.deleted ? 1 : 0, seq, r.ciphertext, existing.rid);
        else this.insert.run(account, r.id, r.collection, r.hlc, r.deleted ? 1 : 0, seq, r.ciphertext);
        results.push({ status: 'accepted', seq, hlc: r.hlc });
      }
      // Only growth is refused: a push that shrinks an account already over a (lowered) quota still goes through.
      if (bytes > maxBytes && bytes > before.bytes) throw new QuotaExceededError('bytes', maxBytes);
      if (count > maxRecords && count > before.count) throw new QuotaExceededError('records', maxRecords);
      this.setSeq.run(seq, bytes, count, account);
      return { results, seq };
    });
    // IMMEDIATE: take the write lock up front, so several server processes on one file never deadlock.
    this.pushTx = (account, records) => tx.immediate(account, records);
    // Each push of a group in its own savepoint (a nested transaction): one that fails rolls back alone.
    const group = db.transaction((pushes: readonly QueuedPush[]) =>
      pushes.map((p) => {
        try {
          return { ok: true as const, value: tx(p.account, p.records) };
        } catch (error) {
          // An error that ended the whole transaction (not just the savepoint) fails the whole group.
          if (!db.inTransaction) throw error;
          return { ok: false as const, error };
        }
      }),
    );
    this.groupTx = (pushes) => group.immediate(pushes);
  }

  /** Applies one push in a single transaction: keeps the later version per record, numbering accepted writes. Results follow the input order. */
  push(account: number, records: readonly IncomingRecord[]): { results: PushOutcome[]; seq: number } {
    return this.pushTx(account, records);
  }

  /**
   * The same as `push`, with group commit: pushes that arrive while the event loop is busy are written in ONE
   * transaction, each in its own savepoint, so one COMMIT (one fsync of the WAL, synchronous=FULL) makes them
   * all durable together. Each resolves only after that commit, so an acknowledged push survives a crash as
   * before, and each stays all-or-nothing. Under load this turns one fsync per push into one per group.
   */
  pushGrouped(account: number, records: readonly IncomingRecord[]): Promise<{ results: PushOutcome[]; seq: number }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ account, records, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the poll phase: every request whose body arrived in this turn of the loop is queued by then.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) {
      let take = 0;
      let records = 0;
      while (take < this.queue.length && take < GROUP_MAX_PUSHES && (take === 0 || records + this.queue[take]!.records.length <= GROUP_MAX_RECORDS)) {
        records += this.queue[take]!.records.length;
        take++;
      }
      const group = this.queue.splice(0, take);
      let outcomes;
      try {
        outcomes = this.groupTx(group);
      } catch (error) {
        // The commit itself failed (disk full, I/O error, busy): nothing of the group was written.
        for (const p of group) p.reject(error);
        continue;
      }
      outcomes.forEach((o, i) => (o.ok ? group[i]!.resolve(o.value) : group[i]!.reject(o.error)));
    }
  }

  /**
   * Records with seq > since, in seq order, up to `limit` rows or about `maxBytes` of ciphertext. Rows are read
   * one at a time and reading stops at the budget, so a page never holds more than one record past it in memory.
   */
  pull(account: number, since: number, limit: number, maxBytes: number): { records: RecordRow[]; next: number; more: boolean; seq: number } {
    const records: RecordRow[] = [];
    let bytes = 0;
    let more = false;
    for (const row of this.page.iterate(account, since, limit + 1)) {
      if (records.length >= limit || (records.length > 0 && bytes + row.ciphertext.length > maxBytes)) {
        more = true;
        break;
      }
      records.push(row);
      bytes += row.ciphertext.length;
    }
    const seq = this.seqOf.get(account)?.seq ?? 0;
    return { records, next: records.length ? records[records.length - 1]!.seq : since, more, seq };
  }

  /** Bytes of ciphertext and records an account stores (what the quota counts). */
  usage(account: number): { bytes: number; records: number } {
    const u = this.usageOf.get(account);
    return { bytes: u?.used_bytes ?? 0, records: u?.used_records ?? 0 };
  }

  eraseAccount(account: number): void {
    this.eraseStmt.run(account);
  }
}
