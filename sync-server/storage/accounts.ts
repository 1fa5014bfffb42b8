import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { migrate, type Db } from './db';

/**
 * Accounts: the only table with an email in it. Everything else the server keeps about an account is
 * opaque (salt, scrypt hashes, the wrapped keyring) or a number.
 */

export interface AccountRow {
  /** Internal key (records reference it); never leaves the server. */
  pk: number;
  /** Public account id (a random UUID), carried in tokens and the audit trail. */
  id: string;
  email: string;
  kdf_algorithm: string;
  kdf_iterations: number;
  salt: string;
  auth_hash: string;
  recovery_hash: string | null;
  /** JSON of the wrapped keyring, stored as received (after validation). */
  keyring: string;
  /** Session epoch: tokens carry it; bumping it ends every older session. */
  token_epoch: number;
  /** The account's latest sync sequence number. */
  seq: number;
  created_at: number;
}

export class EmailTakenError extends Error {
  override name = 'EmailTakenError';
}

export function migrateAccounts(db: Db): void {
  migrate(db, 'accounts', [
    `CREATE TABLE accounts (
       pk INTEGER PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       email TEXT NOT NULL UNIQUE,
       kdf_algorithm TEXT NOT NULL,
       kdf_iterations INTEGER NOT NULL,
       salt TEXT NOT NULL,
       auth_hash TEXT NOT NULL,
       recovery_hash TEXT,
       keyring TEXT NOT NULL,
       token_epoch INTEGER NOT NULL DEFAULT 0,
       seq INTEGER NOT NULL DEFAULT 0,
       created_at INTEGER NOT NULL
     )`,
  ]);
}

export interface NewAccount {
  email: string;
  kdfAlgorithm: string;
  kdfIterations: number;
  salt: string;
  authHash: string;
  recoveryHash: string | null;
  keyring: string;
  createdAt: number;
}

export interface KeyringChange {
  keyring: string;
  kdfAlgorithm?: string;
  kdfIterations?: number;
  salt?: string;
  authHash?: string;
  recoveryHash?: string;
  /** End other sessions (the passphrase changed). */
  bumpEpoch: boolean;
}

export class AccountStore {
  private readonly byEmailStmt: Statement<[string], AccountRow>;
  private readonly byIdStmt: Statement<[string], AccountRow>;
  private readonly epochStmt: Statement<[string], { pk: number; token_epoch: number }>;
  private readonly insertStmt: Statement;
  private readonly deleteStmt: Statement<[string]>;

  constructor(private readonly db: Db) {
    migrateAccounts(db);
    this.byEmailStmt = db.prepare('SELECT * FROM accounts WHERE email = ?');
    this.byIdStmt = db.prepare('SELECT * FROM accounts WHERE id = ?');
    this.epochStmt = db.prepare('SELECT pk, token_epoch FROM accounts WHERE id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO accounts (id, email, kdf_algorithm, kdf_iterations, salt, auth_hash, recovery_hash, keyring, created_at)
       VALUES (@id, @email, @kdfAlgorithm, @kdfIterations, @salt, @authHash, @recoveryHash, @keyring, @createdAt)`,
    );
    this.deleteStmt = db.prepare('DELETE FROM accounts WHERE id = ?');
  }

  byEmail(email: string): AccountRow | undefined {
    return this.byEmailStmt.get(email);
  }

  byId(id: string): AccountRow | undefined {
    return this.byIdStmt.get(id);
  }

  /** Internal key and current session epoch, or undefined when the account no longer exists (every token check). */
  sessionInfo(id: string): { pk: number; token_epoch: number } | undefined {
    return this.epochStmt.get(id);
  }

  create(account: NewAccount): AccountRow {
    const id = randomUUID();
    try {
      this.insertStmt.run({ id, ...account });
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError('email taken');
      throw e;
    }
    return this.byId(id)!;
  }

  /** Replaces the keyring and, when given, the KDF salt/parameters and hashes, in one statement. Returns the new epoch. */
  updateKeyring(id: string, change: KeyringChange): number {
    const sets = ['keyring = @keyring'];
    if (change.salt !== undefined) sets.push('salt = @salt', 'kdf_algorithm = @kdfAlgorithm', 'kdf_iterations = @kdfIterations');
    if (change.authHash !== undefined) sets.push('auth_hash = @authHash');
    if (change.recoveryHash !== undefined) sets.push('recovery_hash = @recoveryHash');
    if (change.bumpEpoch) sets.push('token_epoch = token_epoch + 1');
    const row = this.db.prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE id = @id RETURNING token_epoch`).get({ id, ...change }) as { token_epoch: number } | undefined;
    if (!row) throw new Error('account not found');
    return row.token_epoch;
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }
}
