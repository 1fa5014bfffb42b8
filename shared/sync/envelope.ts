import { concatBytes, constantTimeEqual, fromBase64Url, randomBytes, toBase64Url, utf8, type Bytes } from './bytes';
import type { SyncKeys } from './keyring';

/**
 * Record envelopes: AES-256-GCM under the data key with a fresh 12-byte IV per write. The AAD binds the
 * format version, the account, the collection and the record id, so the server cannot move a ciphertext to
 * another record, collection or account without decryption failing.
 *
 *     ciphertext = version (1 byte) ‖ IV (12 bytes) ‖ AES-GCM(data key, payload, AAD) (payload + 16-byte tag)
 */

export const ENVELOPE_VERSION = 1;
export const COLLECTIONS = ['log', 'symptoms', 'settings'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** Why a record could not be used: the engine reports these and applies nothing from the record. */
export class RecordAuthError extends Error {
  override name = 'RecordAuthError';
}

const subtle = () => globalThis.crypto.subtle;

function aad(keys: SyncKeys, collection: Collection, id: string): Bytes {
  return utf8(`aurea/record/v${ENVELOPE_VERSION}|${keys.accountTag}|${collection}|${id}`);
}

/**
 * The opaque id of a record: base64url(HMAC-SHA-256(id key, name)), e.g. name "log:2026-01-01". The server
 * never sees the date, and every device of the account computes the same id for the same day.
 */
export async function recordIdFor(keys: SyncKeys, name: string): Promise<string> {
  const mac = await subtle().sign('HMAC', keys.idKey, utf8(name));
  return toBase64Url(new Uint8Array(mac));
}

/** True when `id` is the id of `name` under this keyring (constant-time). */
export async function recordIdMatches(keys: SyncKeys, name: string, id: string): Promise<boolean> {
  let given: Bytes;
  try {
    given = fromBase64Url(id);
  } catch {
    return false;
  }
  const mac = new Uint8Array(await subtle().sign('HMAC', keys.idKey, utf8(name)));
  return constantTimeEqual(mac, given);
}

export async function encryptRecord(keys: SyncKeys, collection: Collection, id: string, payload: Bytes): Promise<Bytes> {
  const iv = randomBytes(12);
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: aad(keys, collection, id) }, keys.dataKey, payload);
  return concatBytes(Uint8Array.of(ENVELOPE_VERSION), iv, new Uint8Array(ct));
}

/** Decrypts and authenticates; throws RecordAuthError when the bytes, id, collection or account do not match. */
export async function decryptRecord(keys: SyncKeys, collection: Collection, id: string, ciphertext: Bytes): Promise<Bytes> {
  if (ciphertext.length < 1 + 12 + 16) throw new RecordAuthError('ciphertext too short');
  if (ciphertext[0] !== ENVELOPE_VERSION) throw new RecordAuthError(`unknown envelope version ${ciphertext[0]}`);
  try {
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: ciphertext.slice(1, 13), additionalData: aad(keys, collection, id) }, keys.dataKey, ciphertext.slice(13));
    return new Uint8Array(plain);
  } catch {
    throw new RecordAuthError('authentication failed: the ciphertext was altered or belongs to another record or account');
  }
}
