import { z } from 'zod';
import {
  changePassphrase,
  createAccount,
  deleteAccount,
  recoverAccount,
  replaceRecoveryKey,
  signIn,
  type DeriveAccountKeys,
  type SignedIn,
} from '../../shared/sync/account';
import { recordIdFor } from '../../shared/sync/envelope';
import { SyncError } from '../../shared/sync/errors';
import { newNodeId } from '../../shared/sync/hlc';
import type { SyncKeys } from '../../shared/sync/keyring';
import { SyncClient } from '../../shared/sync/transport';
import type { AureaDb } from '../db/db';
import { installSyncHooks } from './hooks';
import { initialIntents } from './store';
import { ACCOUNT_ROW_ID, type SyncAccountRow } from './types';

/**
 * The account flows of Settings → Sync, over shared/sync/account.ts, keeping what the device needs in
 * IndexedDB: the non-extractable keys, the auth key for silent re-login, the session token. Never the
 * passphrase. Local data is only touched once the server has said yes.
 */

export interface SyncEnv {
  /** Passphrase derivation; the app passes the KDF worker (see ./env). Defaults to this thread. */
  derive?: DeriveAccountKeys;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Thrown for input the person can fix before anything is sent; the message is shown as is. */
export class SyncInputError extends SyncError {
  override name = 'SyncInputError';
  constructor(message: string) {
    super('input', message);
  }
}

export const serverUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the address of your sync server.')
  .pipe(z.url({ protocol: /^https?$/, error: 'Enter the server address as a web address, like https://aurea.example.org.' }))
  .transform((u) => u.replace(/\/+$/, ''));

export const syncEmailSchema = z.string().trim().pipe(z.email({ error: 'Enter the email address of your sync account.' }));

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new SyncInputError(r.error.issues[0]?.message ?? 'Check this field.');
  return r.data;
}

function clientFor(serverUrl: string, env: SyncEnv, extra: { email?: string; authKey?: string; token?: string | null } = {}): SyncClient {
  return new SyncClient({
    baseUrl: serverUrl,
    ...(env.fetch ? { fetch: env.fetch } : {}),
    credentials: extra.email && extra.authKey ? { email: extra.email, authKey: extra.authKey } : null,
    token: extra.token ?? null,
  });
}

/** The same keys (same account keyring) iff they give the same record id. */
async function sameKeys(a: SyncKeys, b: SyncKeys): Promise<boolean> {
  if (a.accountTag !== b.accountTag) return false;
  const [x, y] = await Promise.all([recordIdFor(a, 'aurea:probe'), recordIdFor(b, 'aurea:probe')]);
  return x === y;
}

/**
 * Keeps a signed-in session on this device. A new account (or another one) starts from scratch and queues
 * everything the device already holds, in the same transaction, so no write falls between the two.
 * Signing in again to the same keyring (after a passphrase change elsewhere) keeps the sync state.
 */
async function keepSession(db: AureaDb, session: SignedIn, serverUrl: string, client: SyncClient, env: SyncEnv): Promise<SyncAccountRow> {
  installSyncHooks();
  const now = env.now?.() ?? Date.now();
  const existing = await db.syncAccount.get(ACCOUNT_ROW_ID);
  const resume = !!existing && existing.email === session.email && existing.serverUrl === serverUrl && (await sameKeys(existing.keys, session.keys));
  const row: SyncAccountRow = {
    id: ACCOUNT_ROW_ID,
    generation: crypto.randomUUID(),
    email: session.email,
    serverUrl,
    nodeId: resume ? existing.nodeId : newNodeId(),
    keys: session.keys,
    authKey: session.authKey,
    token: client.token,
    tokenExpiresAt: null,
    signedInAt: new Date(now).toISOString(),
    sessionEnded: false,
  };
  await db.transaction('rw', [db.syncAccount, db.syncOutbox, db.syncDocs, db.syncMeta, db.logs, db.symptoms, db.settings, db.recipes], async () => {
    if (!resume) {
      await Promise.all([db.syncOutbox.clear(), db.syncDocs.clear(), db.syncMeta.clear()]);
      await db.syncOutbox.bulkAdd(await initialIntents(db, now));
    } else {
      const status = await db.syncMeta.get('status');
      if (status) await db.syncMeta.put({ key: 'status', value: { ...(status.value as object), error: null, nextRetryAt: null } });
    }
    await db.syncAccount.put(row);
  });
  return row;
}

/** Creates the account and turns sync on; returns the recovery key to show once. */
export async function createSyncAccount(db: AureaDb, input: { serverUrl: string; email: string; passphrase: string }, env: SyncEnv = {}): Promise<{ recoveryKey: string }> {
  const serverUrl = parse(serverUrlSchema, input.serverUrl);
  const email = parse(syncEmailSchema, input.email);
  const client = clientFor(serverUrl, env);
  const created = await createAccount(client, { email, passphrase: input.passphrase }, { derive: env.derive });
  await keepSession(db, created, serverUrl, client, env);
  return { recoveryKey: created.recoveryKey };
}

/** Signs this device in to an existing account and turns sync on (a wrong passphrase changes nothing). */
export async function signInToSync(db: AureaDb, input: { serverUrl: string; email: string; passphrase: string }, env: SyncEnv = {}): Promise<void> {
  const serverUrl = parse(serverUrlSchema, input.serverUrl);
  const email = parse(syncEmailSchema, input.email);
  const client = clientFor(serverUrl, env);
  const session = await signIn(client, { email, passphrase: input.passphrase }, { derive: env.derive });
  await keepSession(db, session, serverUrl, client, env);
}

/** After the session ended (passphrase changed on another device): signs in again with the same account. */
export async function reconnectSync(db: AureaDb, input: { passphrase: string }, env: SyncEnv = {}): Promise<void> {
  const account = await requireAccount(db);
  await signInToSync(db, { serverUrl: account.serverUrl, email: account.email, passphrase: input.passphrase }, env);
}

/** Forgotten passphrase: the recovery key opens the account and sets a new passphrase; sync turns on. */
export async function recoverSyncAccount(db: AureaDb, input: { serverUrl: string; email: string; recoveryKey: string; newPassphrase: string }, env: SyncEnv = {}): Promise<void> {
  const serverUrl = parse(serverUrlSchema, input.serverUrl);
  const email = parse(syncEmailSchema, input.email);
  const client = clientFor(serverUrl, env);
  const session = await recoverAccount(client, { email, recoveryKey: input.recoveryKey, newPassphrase: input.newPassphrase }, { derive: env.derive });
  await keepSession(db, session, serverUrl, client, env);
}

async function requireAccount(db: AureaDb): Promise<SyncAccountRow> {
  const account = await db.syncAccount.get(ACCOUNT_ROW_ID);
  if (!account) throw new SyncInputError('Sync is not turned on on this device.');
  return account;
}

/** A client for the signed-in account that keeps renewed tokens on the device. */
function accountClient(db: AureaDb, account: SyncAccountRow, env: SyncEnv): SyncClient {
  return new SyncClient({
    baseUrl: account.serverUrl,
    ...(env.fetch ? { fetch: env.fetch } : {}),
    credentials: { email: account.email, authKey: account.authKey },
    token: account.token,
    onToken: (token, expiresAt) => void saveToken(db, account.generation, token, expiresAt),
  });
}

/** Keeps a renewed token, unless the device signed out (or in again) meanwhile. */
export async function saveToken(db: AureaDb, generation: string, token: string, expiresAt: string): Promise<void> {
  await db.transaction('rw', db.syncAccount, async () => {
    const current = await db.syncAccount.get(ACCOUNT_ROW_ID);
    if (current?.generation === generation) await db.syncAccount.update(ACCOUNT_ROW_ID, { token, tokenExpiresAt: expiresAt });
  });
}

/**
 * Changes the passphrase: re-wraps the keyring only (records untouched). Other devices are signed out and
 * need the new passphrase; this one carries on.
 */
export async function changeSyncPassphrase(db: AureaDb, input: { currentPassphrase: string; newPassphrase: string }, env: SyncEnv = {}): Promise<void> {
  const account = await requireAccount(db);
  const client = accountClient(db, account, env);
  const { authKey } = await changePassphrase(client, { email: account.email, currentPassphrase: input.currentPassphrase, newPassphrase: input.newPassphrase }, { derive: env.derive });
  await db.transaction('rw', db.syncAccount, async () => {
    const current = await db.syncAccount.get(ACCOUNT_ROW_ID);
    // A new generation makes the background sync rebuild its client with the new auth key and token.
    if (current?.generation === account.generation) await db.syncAccount.update(ACCOUNT_ROW_ID, { authKey, token: client.token, sessionEnded: false, generation: crypto.randomUUID() });
  });
}

/** Replaces the recovery key (the old one stops working); returns the new one to show once. */
export async function replaceSyncRecoveryKey(db: AureaDb, input: { passphrase: string }, env: SyncEnv = {}): Promise<string> {
  const account = await requireAccount(db);
  return replaceRecoveryKey(accountClient(db, account, env), { email: account.email, passphrase: input.passphrase }, { derive: env.derive });
}

/**
 * Signs this device out: keys, tokens and sync bookkeeping are removed; the diary stays. Changes not yet
 * synced stay on the device and are uploaded if it signs in again. The session token is then ended on the
 * server too, so a copy of it taken from this device stops working; that part is best effort (offline, the
 * token still expires within 30 minutes) and never holds up or undoes the sign-out here.
 */
export async function signOutOfSync(db: AureaDb, env: SyncEnv = {}): Promise<{ endedOnServer: boolean }> {
  const account = await db.syncAccount.get(ACCOUNT_ROW_ID);
  await clearSyncState(db);
  if (!account?.token) return { endedOnServer: false };
  try {
    await new SyncClient({ baseUrl: account.serverUrl, ...(env.fetch ? { fetch: env.fetch } : {}), token: account.token, timeoutMs: 5_000 }).signOutOnServer();
    return { endedOnServer: true };
  } catch {
    return { endedOnServer: false };
  }
}

async function clearSyncState(db: AureaDb): Promise<void> {
  await db.transaction('rw', [db.syncAccount, db.syncOutbox, db.syncDocs, db.syncMeta], async () => {
    await Promise.all([db.syncAccount.clear(), db.syncOutbox.clear(), db.syncDocs.clear(), db.syncMeta.clear()]);
  });
}

/** Erases the account and its encrypted data on the server (passphrase required), then signs out here. Local data stays. */
export async function deleteSyncAccount(db: AureaDb, input: { passphrase: string }, env: SyncEnv = {}): Promise<void> {
  const account = await requireAccount(db);
  await deleteAccount(accountClient(db, account, env), { email: account.email, passphrase: input.passphrase }, { derive: env.derive });
  await clearSyncState(db);
}

/** Dismisses the notice about records that failed verification. */
export async function dismissRejected(db: AureaDb): Promise<void> {
  await db.transaction('rw', db.syncMeta, async () => {
    const row = await db.syncMeta.get('status');
    if (row) await db.syncMeta.put({ key: 'status', value: { ...(row.value as object), rejected: [] } });
  });
}
