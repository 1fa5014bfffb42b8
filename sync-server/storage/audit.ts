import type { Statement } from 'better-sqlite3';
import { migrate, type Db } from './db';

/**
 * Audit trail of account events: which account, what, when, and the request id that ties it to the request
 * log. No health data and no email (an unknown email's failed sign-in is recorded without an account).
 */

export type AuditEvent = 'signup' | 'login' | 'recovery_login' | 'login_failed' | 'keyring_change' | 'account_deleted' | 'sign_out';

export interface AuditEntry {
  account_id: string | null;
  event: AuditEvent;
  at: number;
  request_id: string;
}

export function migrateAudit(db: Db): void {
  migrate(db, 'audit', [
    `CREATE TABLE audit (
       seq INTEGER PRIMARY KEY,
       account_id TEXT,
       event TEXT NOT NULL,
       at INTEGER NOT NULL,
       request_id TEXT NOT NULL
     );
     CREATE INDEX audit_by_account ON audit (account_id);`,
  ]);
}

export class AuditLog {
  private readonly insert: Statement<[string | null, string, number, string]>;
  private readonly erase: Statement<[string]>;
  private readonly byAccount: Statement<[string], AuditEntry>;
  private readonly latest: Statement<[number], AuditEntry>;

  constructor(db: Db) {
    migrateAudit(db);
    this.insert = db.prepare('INSERT INTO audit (account_id, event, at, request_id) VALUES (?, ?, ?, ?)');
    this.erase = db.prepare('DELETE FROM audit WHERE account_id = ?');
    this.byAccount = db.prepare('SELECT account_id, event, at, request_id FROM audit WHERE account_id = ? ORDER BY seq');
    this.latest = db.prepare('SELECT account_id, event, at, request_id FROM audit ORDER BY seq DESC LIMIT ?');
  }

  record(event: AuditEvent, accountId: string | null, at: number, requestId: string): void {
    this.insert.run(accountId, event, at, requestId);
  }

  /** Removes an account's history (account deletion); the deletion itself is recorded afterwards. */
  eraseAccount(accountId: string): void {
    this.erase.run(accountId);
  }

  forAccount(accountId: string): AuditEntry[] {
    return this.byAccount.all(accountId);
  }

  recent(limit = 100): AuditEntry[] {
    return this.latest.all(limit);
  }
}
