import { z } from 'zod';
import { fromBase64Url, randomBytes, toBase64Url, utf8, type Bytes } from './bytes';
import { WeakKdfParamsError, WeakPassphraseError } from './errors';

/**
 * Passphrase → keys (DESIGN §7): PBKDF2-HMAC-SHA-256 (600,000 iterations, 32-byte salt) → 256 bits →
 * HKDF-SHA-256 into a key-encryption key (info "kek/v1", never leaves the device) and an auth key
 * (info "auth/v1", sent to the server, which stores only scrypt of it). The two are independent, so the
 * server's auth key reveals nothing about the KEK.
 */

export const KDF_ALGORITHM = 'PBKDF2-SHA-256' as const;
export const KDF_MIN_ITERATIONS = 600_000;
export const KDF_SALT_BYTES = 32;
/** Upper bound so a hostile server cannot make the device hang deriving for minutes. */
export const KDF_MAX_ITERATIONS = 10_000_000;
export const MIN_PASSPHRASE_LENGTH = 10;

/** The KDF settings as they travel (salt in base64url). Parsing is lenient; `checkKdfParams` enforces the floor. */
export const kdfSettings = z.object({
  algorithm: z.string().min(1).max(40),
  iterations: z.number().int().positive().max(KDF_MAX_ITERATIONS * 10),
});
export type KdfSettings = z.infer<typeof kdfSettings>;

export interface KdfParams extends KdfSettings {
  /** base64url, 32 bytes or more. */
  salt: string;
}

/** New parameters for a new account or a passphrase change: the floor, with a fresh random salt. */
export function newKdfParams(): KdfParams {
  return { algorithm: KDF_ALGORITHM, iterations: KDF_MIN_ITERATIONS, salt: toBase64Url(randomBytes(KDF_SALT_BYTES)) };
}

/** Refuses anything below the floor (wrong algorithm, < 600,000 iterations, salt < 32 bytes) with WeakKdfParamsError. */
export function checkKdfParams(params: KdfParams): Bytes {
  if (params.algorithm !== KDF_ALGORITHM) throw new WeakKdfParamsError(`algorithm "${params.algorithm}" is not ${KDF_ALGORITHM}`);
  if (!Number.isSafeInteger(params.iterations) || params.iterations < KDF_MIN_ITERATIONS) {
    throw new WeakKdfParamsError(`${params.iterations} iterations is below the minimum of ${KDF_MIN_ITERATIONS.toLocaleString('en')}`);
  }
  if (params.iterations > KDF_MAX_ITERATIONS) throw new WeakKdfParamsError(`${params.iterations} iterations is more than this device will run`);
  let salt: Bytes;
  try {
    salt = fromBase64Url(params.salt);
  } catch {
    throw new WeakKdfParamsError('the salt is not base64');
  }
  if (salt.length < KDF_SALT_BYTES) throw new WeakKdfParamsError(`a ${salt.length}-byte salt is shorter than ${KDF_SALT_BYTES} bytes`);
  return salt;
}

/** Passphrases are compared as NFKC text so the same words typed on different keyboards derive the same keys. */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFKC');
}

/** For new passphrases only (sign-up, change, recovery); existing ones are never re-judged at sign-in. */
export function checkNewPassphrase(passphrase: string): void {
  if ([...normalisePassphrase(passphrase).trim()].length < MIN_PASSPHRASE_LENGTH) throw new WeakPassphraseError(MIN_PASSPHRASE_LENGTH);
}

export interface AccountKeys {
  /** AES-256-GCM key-encryption key; non-extractable; wraps and unwraps the keyring. */
  kek: CryptoKey;
  /** base64url of the 32-byte auth key: the only passphrase-derived value the server ever receives. */
  authKey: string;
}

const subtle = () => globalThis.crypto.subtle;

/**
 * Derives the KEK and the auth key from a passphrase. Slow on purpose (~0.2–1 s): the app runs it in a Web
 * Worker. Throws WeakKdfParamsError before doing any work when the parameters are below the floor.
 */
export async function deriveAccountKeys(passphrase: string, kdfParams: KdfParams): Promise<AccountKeys> {
  const salt = checkKdfParams(kdfParams);
  const material = await subtle().importKey('raw', utf8(normalisePassphrase(passphrase)), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: kdfParams.iterations }, material, 256);
  const root = await subtle().importKey('raw', bits, 'HKDF', false, ['deriveKey', 'deriveBits']);
  new Uint8Array(bits).fill(0);
  const empty = new Uint8Array(0);
  const kek = await subtle().deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: empty, info: utf8('kek/v1') }, root, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const auth = await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: empty, info: utf8('auth/v1') }, root, 256);
  return { kek, authKey: toBase64Url(new Uint8Array(auth)) };
}
