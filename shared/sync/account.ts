import { SyncServerError, WrongPassphraseError, WrongRecoveryKeyError } from './errors';
import { checkNewPassphrase, deriveAccountKeys, newKdfParams, type AccountKeys, type KdfParams } from './kdf';
import { accountTagFor, createKeyring, deriveRecoveryKeys, normaliseEmail, parseRecoveryKey, rewrapKeyring, unlockKeyring, unlockKeyringWithRecoveryKey, type SyncKeys } from './keyring';
import type { SyncClient } from './transport';

/**
 * Account flows for the Settings page. Each takes the SyncClient and returns what the app keeps (in
 * IndexedDB): the non-extractable keys, the auth key for silent re-login, and the node id it already has.
 * Pass `derive` to run the slow passphrase derivation in a Web Worker (defaults to running it here).
 */

export type DeriveAccountKeys = (passphrase: string, params: KdfParams) => Promise<AccountKeys>;

export interface FlowOptions {
  derive?: DeriveAccountKeys;
}

export interface SignedIn {
  /** Normalised email. */
  email: string;
  keys: SyncKeys;
  /** Keep with the keys: lets the client sign in again when its token expires. */
  authKey: string;
}

/** Turns a 401/403 from sign-in or a proof check into the error the person understands. */
async function asWrong<T>(p: Promise<T>, wrong: () => Error): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof SyncServerError && (e.status === 401 || e.status === 403)) throw wrong();
    throw e;
  }
}

/** Creates an account: new KDF salt, new keyring, new recovery key (show `recoveryKey` once). */
export async function createAccount(client: SyncClient, input: { email: string; passphrase: string }, options: FlowOptions = {}): Promise<SignedIn & { recoveryKey: string }> {
  const derive = options.derive ?? deriveAccountKeys;
  checkNewPassphrase(input.passphrase);
  const email = normaliseEmail(input.email);
  const params = newKdfParams();
  const { kek, authKey } = await derive(input.passphrase, params);
  const ring = await createKeyring(await accountTagFor(email), kek);
  await client.signup({
    email,
    salt: params.salt,
    kdf: { algorithm: params.algorithm, iterations: params.iterations },
    auth_key: authKey,
    recovery_auth_key: ring.recoveryAuthKey,
    keyring: ring.wrapped,
  });
  client.setCredentials({ email, authKey });
  return { email, keys: ring.keys, authKey, recoveryKey: ring.recoveryKey };
}

/**
 * Signs in on a device: prelogin (KDF parameters; refused below the floor), derive, login, unwrap.
 * Throws WrongPassphraseError when the server refuses the key or the keyring does not open.
 */
export async function signIn(client: SyncClient, input: { email: string; passphrase: string }, options: FlowOptions = {}): Promise<SignedIn> {
  const derive = options.derive ?? deriveAccountKeys;
  const email = normaliseEmail(input.email);
  const pre = await client.prelogin(email);
  const { kek, authKey } = await derive(input.passphrase, { ...pre.kdf, salt: pre.salt });
  const session = await asWrong(client.login({ email, auth_key: authKey }), () => new WrongPassphraseError());
  const keys = await unlockKeyring(session.keyring, await accountTagFor(email), kek);
  client.setCredentials({ email, authKey });
  return { email, keys, authKey };
}

/**
 * Forgotten passphrase: signs in with the recovery key, sets `newPassphrase` (other sessions end), and keeps the
 * same recovery key unless `newRecoveryKey` is asked for. Records are untouched.
 */
export async function recoverAccount(
  client: SyncClient,
  input: { email: string; recoveryKey: string; newPassphrase: string; newRecoveryKey?: boolean },
  options: FlowOptions = {},
): Promise<SignedIn & { recoveryKey?: string }> {
  const derive = options.derive ?? deriveAccountKeys;
  checkNewPassphrase(input.newPassphrase);
  parseRecoveryKey(input.recoveryKey);
  const email = normaliseEmail(input.email);
  const tag = await accountTagFor(email);
  const recovery = await deriveRecoveryKeys(input.recoveryKey);
  const session = await asWrong(client.login({ email, recovery_auth_key: recovery.authKey }), () => new WrongRecoveryKeyError());
  const keys = await unlockKeyringWithRecoveryKey(session.keyring, tag, input.recoveryKey);
  const params = newKdfParams();
  const next = await derive(input.newPassphrase, params);
  const re = await rewrapKeyring(session.keyring, tag, { recoveryKey: input.recoveryKey }, { newKek: next.kek, newRecoveryKey: input.newRecoveryKey ?? false });
  await asWrong(
    client.putKeyring({
      proof: { recovery_auth_key: recovery.authKey },
      keyring: re.wrapped,
      salt: params.salt,
      kdf: { algorithm: params.algorithm, iterations: params.iterations },
      auth_key: next.authKey,
      ...(re.recoveryAuthKey ? { recovery_auth_key: re.recoveryAuthKey } : {}),
    }),
    () => new WrongRecoveryKeyError(),
  );
  client.setCredentials({ email, authKey: next.authKey });
  return { email, keys, authKey: next.authKey, ...(re.recoveryKey ? { recoveryKey: re.recoveryKey } : {}) };
}

/**
 * Changes the passphrase: re-wraps the keyring only (records and the recovery key stay as they are). Other
 * devices are signed out and need the new passphrase. Returns the new auth key to keep.
 */
export async function changePassphrase(
  client: SyncClient,
  input: { email: string; currentPassphrase: string; newPassphrase: string },
  options: FlowOptions = {},
): Promise<{ authKey: string }> {
  const derive = options.derive ?? deriveAccountKeys;
  checkNewPassphrase(input.newPassphrase);
  const email = normaliseEmail(input.email);
  const current = await client.getKeyring();
  const old = await derive(input.currentPassphrase, { ...current.kdf, salt: current.salt });
  const params = newKdfParams();
  const next = await derive(input.newPassphrase, params);
  const re = await rewrapKeyring(current.keyring, await accountTagFor(email), { kek: old.kek }, { newKek: next.kek });
  await asWrong(
    client.putKeyring({
      proof: { auth_key: old.authKey },
      keyring: re.wrapped,
      salt: params.salt,
      kdf: { algorithm: params.algorithm, iterations: params.iterations },
      auth_key: next.authKey,
    }),
    () => new WrongPassphraseError(),
  );
  client.setCredentials({ email, authKey: next.authKey });
  return { authKey: next.authKey };
}

/** Replaces the recovery key (the old one stops working); returns the new one to show once. */
export async function replaceRecoveryKey(client: SyncClient, input: { email: string; passphrase: string }, options: FlowOptions = {}): Promise<string> {
  const derive = options.derive ?? deriveAccountKeys;
  const current = await client.getKeyring();
  const keys = await derive(input.passphrase, { ...current.kdf, salt: current.salt });
  const re = await rewrapKeyring(current.keyring, await accountTagFor(input.email), { kek: keys.kek }, { newRecoveryKey: true });
  await asWrong(client.putKeyring({ proof: { auth_key: keys.authKey }, keyring: re.wrapped, recovery_auth_key: re.recoveryAuthKey! }), () => new WrongPassphraseError());
  return re.recoveryKey!;
}

/**
 * Erases the account on the server (records, keyring, its audit history). Asks for the passphrase as
 * confirmation. Data on this device is kept; sync is simply off afterwards.
 */
export async function deleteAccount(client: SyncClient, input: { email: string; passphrase: string }, options: FlowOptions = {}): Promise<void> {
  const derive = options.derive ?? deriveAccountKeys;
  const current = await client.getKeyring();
  const keys = await derive(input.passphrase, { ...current.kdf, salt: current.salt });
  await unlockKeyring(current.keyring, await accountTagFor(input.email), keys.kek);
  await asWrong(client.deleteAccount({ auth_key: keys.authKey }), () => new WrongPassphraseError());
}
