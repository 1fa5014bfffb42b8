import type { Statement } from 'better-sqlite3';
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
  ]);
}

export class RecordStore {
  private readonly current: Statement<[number, Buffer], { rid: number; hlc: string; seq: number }>;
  private readonly insert: Statement<[number, Buffer, string, string, number, number, Buffer]>;
  private readonly update: Statement<[string, string, number, number, Buffer, number]>;
  private readonly seqOf: Statement<[number], { seq: number }>;
  private readonly setSeq: Statement<[number, number]>;
  private readonly page: Statement<[number, number, number], RecordRow>;
  private readonly eraseStmt: Statement<[number]>;
  private readonly pushTx: (account: number, records: readonly IncomingRecord[]) => { results: PushOutcome[]; seq: number };

  constructor(db: Db) {
    migrateRecords(db);
    this.current = db.prepare('SELECT rid, hlc, seq FROM records WHERE account = ? AND id = ?');
    this.insert = db.prepare('INSERT INTO records (account, id, collection, hlc, deleted, seq, ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.update = db.prepare('UPDATE records SET collection = ?, hlc = ?, deleted = ?, seq = ?, ciphertext = ? WHERE rid = ?');
    this.seqOf = db.prepare('SELECT seq FROM accounts WHERE pk = ?');
    this.setSeq = db.prepare('UPDATE accounts SET seq = ? WHERE pk = ?');
    this.page = db.prepare('SELECT id, collection, hlc, deleted, seq, ciphertext FROM records WHERE account = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.eraseStmt = db.prepare('DELETE FROM records WHERE account = ?');
    const tx = db.transaction((account: number, records: readonly IncomingRecord[]) => {
      let seq = this.seqOf.get(account)?.seq;
      if (seq === undefined) throw new Error('account not found');
      const results: PushOutcome[] = [];
      for (const r of records) {
        const existing = this.current.get(account, r.id);
        if (existing && existing.hlc >= r.hlc) {
          // Same version again (a replay) is already stored: accepted, idempotently. A later one wins: ignored.
          results.push({ status: existing.hlc === r.hlc ? 'accepted' : 'ignored', seq: existing.seq, hlc: existing.hlc });
          continue;
        }
        seq += 1;
        if (existing) this.update.run(r.collection, r.hlc, r.deleted ? 1 : 0, seq, r.ciphertext, existing.rid);
        else this.insert.run(account, r.id, r.collection, r.hlc, r.deleted ? 1 : 0, seq, r.ciphertext);
        results.push({ status: 'accepted', seq, hlc: r.hlc });
      }
      this.setSeq.run(seq, account);
      return { results, seq };
    });
    // IMMEDIATE: take the write lock up front, so several server processes on one file never deadlock.
    this.pushTx = (account, records) => tx.immediate(account, records);
  }

  /** Applies one push in a single transaction: keeps the later version per record, numbering accepted writes. Results follow the input order. */
  push(account: number, records: readonly IncomingRecord[]): { results: PushOutcome[]; seq: number } {
    return this.pushTx(account, records);
  }

  /** Records with seq > since, in seq order, up to `limit` rows or about `maxBytes` of ciphertext. */
  pull(account: number, since: number, limit: number, maxBytes: number): { records: RecordRow[]; next: number; more: boolean; seq: number } {
    const rows = this.page.all(account, since, limit + 1);
    const records: RecordRow[] = [];
    let bytes = 0;
    let more = rows.length > limit;
    for (const row of rows.slice(0, limit)) {
      if (records.length > 0 && bytes + row.ciphertext.length > maxBytes) {
        more = true;
        break;
      }
      records.push(row);
      bytes += row.ciphertext.length;
    }
    const seq = this.seqOf.get(account)?.seq ?? 0;
    return { records, next: records.length ? records[records.length - 1]!.seq : since, more, seq };
  }

  eraseAccount(account: number): void {
    this.eraseStmt.run(account);
  }
}
