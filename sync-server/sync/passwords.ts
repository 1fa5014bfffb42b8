import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The server never sees a passphrase: it receives the HKDF auth key (and the recovery auth key) and keeps
 * only scrypt of it, with a per-account salt. N = 2^15, r = 8, p = 1 (32 MiB, ~50–100 ms): slow enough to
 * make guessing from a stolen database expensive on top of the client's PBKDF2, quick enough for sign-in.
 */

const N_LOG2 = 15;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scryptAsync(secret: Buffer, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

const optionsFor = (nLog2: number, r: number, p: number): ScryptOptions => ({ N: 2 ** nLog2, r, p, maxmem: 256 * 2 ** nLog2 * r + 1024 * 1024 });

/** "scrypt$15$8$1$<salt>$<hash>" (base64url), so the parameters can be raised later without breaking old hashes. */
export async function hashSecret(secret: Buffer): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, KEYLEN, optionsFor(N_LOG2, R, P));
  return `scrypt$${N_LOG2}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Constant-time check of a secret against a stored hash; false for any malformed hash. */
export async function verifySecret(secret: Buffer, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [nLog2, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![nLog2, r, p].every((v) => Number.isInteger(v) && v > 0 && v < 32)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const actual = await scryptAsync(secret, salt, expected.length, optionsFor(nLog2, r, p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | null = null;
/** A hash to verify against when there is no account, so unknown emails take as long as wrong passphrases. */
export function dummyHash(): Promise<string> {
  dummy ??= hashSecret(randomBytes(32));
  return dummy;
}
