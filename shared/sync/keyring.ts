import { z } from 'zod';
import { concatBytes, fromBase64Url, randomBytes, toBase64Url, utf8, type Bytes } from './bytes';
import { MalformedRecoveryKeyError, WrongPassphraseError, WrongRecoveryKeyError } from './errors';

/**
 * The keyring: one random AES-256-GCM data key (records) and one HMAC-SHA-256 key (record ids), created on
 * the first device and never sent in the clear. The server keeps it wrapped twice: by the passphrase KEK
 * and by the recovery key. Each wrap is AES-GCM with AAD naming the wrap and the account, so a keyring
 * cannot be moved to another account or swapped between the two slots.
 */

export interface SyncKeys {
  /** Binds ciphertexts to the account: base64url SHA-256 of the normalised email (see accountTagFor). */
  accountTag: string;
  /** AES-256-GCM, non-extractable: encrypts records. */
  dataKey: CryptoKey;
  /** HMAC-SHA-256, non-extractable: turns "log:2026-01-01" into an opaque record id. */
  idKey: CryptoKey;
}

const WRAP_VERSION = 1;
const KEYRING_VERSION = 1;
const WRAPPED = /^[A-Za-z0-9_-]{40,400}$/;

export const wrappedKeyring = z.object({
  v: z.literal(1),
  /** base64url(version ‖ IV ‖ AES-GCM(KEK, keyring)). */
  passphrase: z.string().regex(WRAPPED, 'must be a wrapped key (base64url)'),
  recovery: z.string().regex(WRAPPED, 'must be a wrapped key (base64url)').nullable(),
});
export type WrappedKeyring = z.infer<typeof wrappedKeyring>;

const subtle = () => globalThis.crypto.subtle;

/** Email as the account knows it: trimmed, lower-case, NFC. Client and server use the same rule. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/** The account's binding tag for AAD: base64url(SHA-256("aurea/account/v1|" + normalised email)). */
export async function accountTagFor(email: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', utf8(`aurea/account/v1|${normaliseEmail(email)}`));
  return toBase64Url(new Uint8Array(digest));
}

function wrapAad(slot: 'passphrase' | 'recovery', accountTag: string): Bytes {
  return utf8(`aurea/keyring/v1|${slot}|${accountTag}`);
}

async function importKeys(raw: Bytes, accountTag: string): Promise<SyncKeys> {
  // Imported non-extractable: the app can keep them in IndexedDB as CryptoKey objects without exposing bytes.
  const dataKey = await subtle().importKey('raw', raw.slice(1, 33), { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const idKey = await subtle().importKey('raw', raw.slice(33, 65), { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
  return { accountTag, dataKey, idKey };
}

async function seal(kek: CryptoKey, plain: Bytes, aad: Bytes): Promise<string> {
  const iv = randomBytes(12);
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad }, kek, plain);
  return toBase64Url(concatBytes(Uint8Array.of(WRAP_VERSION), iv, new Uint8Array(ct)));
}

/** Opens a wrap; null when the key or AAD is wrong or the bytes were altered (GCM authentication failed). */
async function open(kek: CryptoKey, wrapped: string, aad: Bytes): Promise<Bytes | null> {
  let bytes: Bytes;
  try {
    bytes = fromBase64Url(wrapped);
  } catch {
    return null;
  }
  if (bytes.length < 1 + 12 + 16 || bytes[0] !== WRAP_VERSION) return null;
  try {
    const plain = new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: bytes.slice(1, 13), additionalData: aad }, kek, bytes.slice(13)));
    return plain.length === 65 && plain[0] === KEYRING_VERSION ? plain : null;
  } catch {
    return null;
  }
}

// ---- recovery key -------------------------------------------------------------------------------------

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_BYTES = 20;

/** Groups of four Crockford base32 characters: 32 characters, 160 bits, no I/L/O/U to misread. */
export function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(acc << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join('-');
}

/** Reads a typed recovery key: case, spaces and hyphens ignored; O→0, I/L→1 as Crockford allows. */
export function parseRecoveryKey(text: string): Bytes {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== 32) throw new MalformedRecoveryKeyError(`it has ${clean.length} characters, not 32`);
  const out = new Uint8Array(RECOVERY_BYTES);
  let bits = 0;
  let acc = 0;
  let at = 0;
  for (const ch of clean) {
    const v = CROCKFORD.indexOf(ch);
    if (v < 0) throw new MalformedRecoveryKeyError(`"${ch}" cannot appear in one`);
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

export interface RecoveryKeys {
  kek: CryptoKey;
  /** base64url; the server keeps scrypt of it so the recovery key can sign in when the passphrase is lost. */
  authKey: string;
}

/** HKDF from the recovery key's 160 random bits (no slow KDF needed at that entropy). */
export async function deriveRecoveryKeys(recoveryKey: string): Promise<RecoveryKeys> {
  const raw = parseRecoveryKey(recoveryKey);
  const root = await subtle().importKey('raw', raw, 'HKDF', false, ['deriveKey', 'deriveBits']);
  raw.fill(0);
  const salt = utf8('aurea/recovery/v1');
  const kek = await subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8('recovery-kek/v1') }, root, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const auth = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: utf8('recovery-auth/v1') }, root, 256);
  return { kek, authKey: toBase64Url(new Uint8Array(auth)) };
}

/** A fresh recovery key to show once. */
export function newRecoveryKey(): string {
  return formatRecoveryKey(randomBytes(RECOVERY_BYTES));
}

// ---- creating, opening and re-wrapping ----------------------------------------------------------------

export interface NewKeyring {
  wrapped: WrappedKeyring;
  keys: SyncKeys;
  /** Show once; the person writes it down. */
  recoveryKey: string;
  recoveryAuthKey: string;
}

/** Creates the account's keyring (first device) wrapped by the passphrase KEK and a new recovery key. */
export async function createKeyring(accountTag: string, kek: CryptoKey): Promise<NewKeyring> {
  const raw = concatBytes(Uint8Array.of(KEYRING_VERSION), randomBytes(32), randomBytes(32));
  try {
    const recoveryKey = newRecoveryKey();
    const recovery = await deriveRecoveryKeys(recoveryKey);
    const wrapped: WrappedKeyring = {
      v: 1,
      passphrase: await seal(kek, raw, wrapAad('passphrase', accountTag)),
      recovery: await seal(recovery.kek, raw, wrapAad('recovery', accountTag)),
    };
    return { wrapped, keys: await importKeys(raw, accountTag), recoveryKey, recoveryAuthKey: recovery.authKey };
  } finally {
    raw.fill(0);
  }
}

/** Opens the keyring with the passphrase KEK; a wrong passphrase throws WrongPassphraseError. */
export async function unlockKeyring(wrapped: WrappedKeyring, accountTag: string, kek: CryptoKey): Promise<SyncKeys> {
  const raw = await open(kek, wrapped.passphrase, wrapAad('passphrase', accountTag));
  if (!raw) throw new WrongPassphraseError();
  try {
    return await importKeys(raw, accountTag);
  } finally {
    raw.fill(0);
  }
}

/** Opens the keyring with the recovery key; a wrong one throws WrongRecoveryKeyError. */
export async function unlockKeyringWithRecoveryKey(wrapped: WrappedKeyring, accountTag: string, recoveryKey: string): Promise<SyncKeys> {
  const { kek } = await deriveRecoveryKeys(recoveryKey);
  const raw = wrapped.recovery ? await open(kek, wrapped.recovery, wrapAad('recovery', accountTag)) : null;
  if (!raw) throw new WrongRecoveryKeyError();
  try {
    return await importKeys(raw, accountTag);
  } finally {
    raw.fill(0);
  }
}

export type KeyringUnlock = { kek: CryptoKey } | { recoveryKey: string };

export interface Rewrapped {
  wrapped: WrappedKeyring;
  /** Present when a new recovery key was made: show it once. */
  recoveryKey?: string;
  recoveryAuthKey?: string;
}

/**
 * Re-wraps the same keyring (records are untouched): under a new passphrase KEK, and/or a new recovery key.
 * Works from the wrapped bytes, so the unlocked CryptoKeys can stay non-extractable.
 */
export async function rewrapKeyring(
  wrapped: WrappedKeyring,
  accountTag: string,
  unlock: KeyringUnlock,
  change: { newKek?: CryptoKey; newRecoveryKey?: boolean },
): Promise<Rewrapped> {
  let raw: Bytes | null;
  if ('kek' in unlock) {
    raw = await open(unlock.kek, wrapped.passphrase, wrapAad('passphrase', accountTag));
    if (!raw) throw new WrongPassphraseError();
  } else {
    const { kek } = await deriveRecoveryKeys(unlock.recoveryKey);
    raw = wrapped.recovery ? await open(kek, wrapped.recovery, wrapAad('recovery', accountTag)) : null;
    if (!raw) throw new WrongRecoveryKeyError();
  }
  try {
    const out: Rewrapped = { wrapped: { ...wrapped } };
    if (change.newKek) out.wrapped.passphrase = await seal(change.newKek, raw, wrapAad('passphrase', accountTag));
    if (change.newRecoveryKey) {
      const recoveryKey = newRecoveryKey();
      const recovery = await deriveRecoveryKeys(recoveryKey);
      out.wrapped.recovery = await seal(recovery.kek, raw, wrapAad('recovery', accountTag));
      out.recoveryKey = recoveryKey;
      out.recoveryAuthKey = recovery.authKey;
    }
    return out;
  } finally {
    raw.fill(0);
  }
}
