import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { migrate, type Db } from './db';

/**
 * Session tokens ended before their expiry (sign-out on a device). A row holds the SHA-256 of the token,
 * never the token, and goes once the token would have expired anyway (at most 30 minutes).
 */

export function migrateSessions(db: Db): void {
  migrate(db, 'sessions', [
    `CREATE TABLE revoked_tokens (
       hash BLOB PRIMARY KEY,
       account_id TEXT NOT NULL,
       expires_at INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE INDEX revoked_tokens_by_expiry ON revoked_tokens (expires_at);`,
  ]);
}

export const tokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

export class RevokedTokens {
  private readonly insert: Statement<[Buffer, string, number]>;
  private readonly lookup: Statement<[Buffer], { hit: number }>;
  private readonly prune: Statement<[number]>;
  private readonly erase: Statement<[string]>;

  constructor(db: Db) {
    migrateSessions(db);
    this.insert = db.prepare('INSERT OR IGNORE INTO revoked_tokens (hash, account_id, expires_at) VALUES (?, ?, ?)');
    this.lookup = db.prepare('SELECT 1 AS hit FROM revoked_tokens WHERE hash = ?');
    this.prune = db.prepare('DELETE FROM revoked_tokens WHERE expires_at <= ?');
    this.erase = db.prepare('DELETE FROM revoked_tokens WHERE account_id = ?');
  }

  /** Ends `token` (expiring at `expiresAtMs`) now; drops entries of tokens that have expired by `nowMs`. */
  revoke(token: string, accountId: string, expiresAtMs: number, nowMs: number): void {
    this.prune.run(nowMs);
    this.insert.run(tokenHash(token), accountId, expiresAtMs);
  }

  has(token: string): boolean {
    return this.lookup.get(tokenHash(token)) !== undefined;
  }

  eraseAccount(accountId: string): void {
    this.erase.run(accountId);
  }
}
