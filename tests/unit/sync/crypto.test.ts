import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from '../../../shared/sync/bytes';
import { decryptRecord, encryptRecord, RecordAuthError, recordIdFor, recordIdMatches } from '../../../shared/sync/envelope';
import { MalformedRecoveryKeyError, WeakKdfParamsError, WeakPassphraseError, WrongPassphraseError, WrongRecoveryKeyError } from '../../../shared/sync/errors';
import { checkNewPassphrase, deriveAccountKeys, KDF_MIN_ITERATIONS, newKdfParams, type KdfParams } from '../../../shared/sync/kdf';
import {
  accountTagFor,
  createKeyring,
  deriveRecoveryKeys,
  formatRecoveryKey,
  parseRecoveryKey,
  rewrapKeyring,
  unlockKeyring,
  unlockKeyringWithRecoveryKey,
  type SyncKeys,
  type WrappedKeyring,
} from '../../../shared/sync/keyring';

// Independent known answers from tests/unit/sync/golden/make-vectors.py (Python hashlib + cryptography).
const vectors = JSON.parse(readFileSync(new URL('./golden/vectors.json', import.meta.url), 'utf8')) as {
  kdf: KdfParams & { passphrase: string; auth_key: string };
  email: string;
  account_tag: string;
  keyring: WrappedKeyring;
  recovery_key: string;
  recovery_auth_key: string;
  record: { name: string; id: string; collection: 'log'; ciphertext: string; payload: string };
};

const subtle = globalThis.crypto.subtle;
const flip = (b: Uint8Array, i: number) => {
  const c = b.slice();
  c[i] = c[i]! ^ 1;
  return c;
};

async function expectNonExtractable(key: CryptoKey) {
  expect(key.extractable).toBe(false);
  await expect(subtle.exportKey('raw', key)).rejects.toThrow();
}

describe('key derivation (PBKDF2 600k → HKDF)', () => {
  it('matches an independent implementation (Python) bit for bit', async () => {
    const { passphrase, ...params } = vectors.kdf;
    const keys = await deriveAccountKeys(passphrase, params);
    expect(keys.authKey).toBe(vectors.kdf.auth_key);
    await expectNonExtractable(keys.kek);
    // The KEK is checked by opening the keyring Python wrapped with it.
    const ring = await unlockKeyring(vectors.keyring, vectors.account_tag, keys.kek);
    expect(await recordIdFor(ring, vectors.record.name)).toBe(vectors.record.id);
  });

  it('derives the same keys for the same passphrase in another Unicode form, different keys for another salt', async () => {
    const params = newKdfParams();
    const a = await deriveAccountKeys('café au lait, ﬁve spoons', params);
    const b = await deriveAccountKeys('cafe\u0301 au lait, five spoons', params);
    expect(b.authKey).toBe(a.authKey);
    const c = await deriveAccountKeys('café au lait, ﬁve spoons', newKdfParams());
    expect(c.authKey).not.toBe(a.authKey);
  });

  it('refuses parameters below the floor before deriving anything', async () => {
    const good = newKdfParams();
    const cases: [KdfParams, RegExp][] = [
      [{ ...good, iterations: KDF_MIN_ITERATIONS - 1 }, /599999 iterations is below the minimum of 600,000/],
      [{ ...good, iterations: 1000 }, /below the minimum/],
      [{ ...good, algorithm: 'PBKDF2-SHA-1' }, /algorithm "PBKDF2-SHA-1" is not PBKDF2-SHA-256/],
      [{ ...good, algorithm: 'argon2id' }, /is not PBKDF2-SHA-256/],
      [{ ...good, salt: toBase64Url(new Uint8Array(16)) }, /16-byte salt is shorter than 32 bytes/],
      [{ ...good, salt: 'not base64!' }, /salt is not base64/],
      [{ ...good, iterations: 50_000_000 }, /more than this device will run/],
    ];
    for (const [params, message] of cases) {
      const attempt = deriveAccountKeys('a long enough passphrase', params);
      await expect(attempt).rejects.toBeInstanceOf(WeakKdfParamsError);
      await expect(attempt).rejects.toThrow(message);
    }
  });

  it('asks for a passphrase of at least 10 characters when setting one', () => {
    expect(() => checkNewPassphrase('short one')).toThrow(WeakPassphraseError);
    expect(() => checkNewPassphrase('  ten chars  '.trim())).toThrow(WeakPassphraseError);
    expect(() => checkNewPassphrase('four whole words')).not.toThrow();
  });
});

describe('keyring', () => {
  const email = 'Sam@Example.com';

  async function setup(passphrase = 'lantern orchard minnow') {
    const tag = await accountTagFor(email);
    const params = newKdfParams();
    const { kek } = await deriveAccountKeys(passphrase, params);
    const ring = await createKeyring(tag, kek);
    return { tag, params, kek, ring };
  }

  it('binds the account tag to the normalised email', async () => {
    expect(await accountTagFor(vectors.email)).toBe(vectors.account_tag);
    expect(await accountTagFor('sam@example.com')).toBe(await accountTagFor('  SAM@example.COM '));
    expect(await accountTagFor('sam@example.com')).not.toBe(await accountTagFor('sam@example.org'));
  });

  it('opens with the right passphrase into non-extractable keys, and says clearly when the passphrase is wrong', async () => {
    const { tag, params, kek, ring } = await setup();
    const keys = await unlockKeyring(ring.wrapped, tag, kek);
    await expectNonExtractable(keys.dataKey);
    await expectNonExtractable(keys.idKey);
    await expectNonExtractable(ring.keys.dataKey);
    expect(await recordIdFor(keys, 'log:2026-01-01')).toBe(await recordIdFor(ring.keys, 'log:2026-01-01'));
    const wrong = await deriveAccountKeys('lantern orchard minnoW', params);
    const attempt = unlockKeyring(ring.wrapped, tag, wrong.kek);
    await expect(attempt).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(attempt).rejects.toThrow('That passphrase does not unlock this account.');
  });

  it('cannot be moved to another account or between its two slots', async () => {
    const { tag, kek, ring } = await setup();
    await expect(unlockKeyring(ring.wrapped, await accountTagFor('eve@example.com'), kek)).rejects.toBeInstanceOf(WrongPassphraseError);
    const swapped: WrappedKeyring = { ...ring.wrapped, passphrase: ring.wrapped.recovery!, recovery: ring.wrapped.passphrase };
    await expect(unlockKeyring(swapped, tag, kek)).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(unlockKeyringWithRecoveryKey(swapped, tag, ring.recoveryKey)).rejects.toBeInstanceOf(WrongRecoveryKeyError);
    const tampered = toBase64Url(flip(fromBase64Url(ring.wrapped.passphrase), 20));
    await expect(unlockKeyring({ ...ring.wrapped, passphrase: tampered }, tag, kek)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('changing the passphrase re-wraps the same keys: the old passphrase fails, old records still decrypt', async () => {
    const { tag, kek, ring } = await setup();
    const id = await recordIdFor(ring.keys, 'log:2026-02-02');
    const ct = await encryptRecord(ring.keys, 'log', id, utf8('{"written":"before the change"}'));

    const next = await deriveAccountKeys('a brand new passphrase', newKdfParams());
    const re = await rewrapKeyring(ring.wrapped, tag, { kek }, { newKek: next.kek });
    expect(re.wrapped.recovery).toBe(ring.wrapped.recovery);
    expect(re.recoveryKey).toBeUndefined();
    await expect(unlockKeyring(re.wrapped, tag, kek)).rejects.toBeInstanceOf(WrongPassphraseError);
    const keys = await unlockKeyring(re.wrapped, tag, next.kek);
    expect(fromUtf8(await decryptRecord(keys, 'log', id, ct))).toBe('{"written":"before the change"}');
    expect(await recordIdFor(keys, 'log:2026-02-02')).toBe(id);
    // Re-wrapping needs the current passphrase.
    await expect(rewrapKeyring(re.wrapped, tag, { kek }, { newKek: next.kek })).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('the recovery key restores the keyring, and can be replaced', async () => {
    const { tag, ring } = await setup();
    expect(ring.recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    const id = await recordIdFor(ring.keys, 'symptoms:definitions');
    const ct = await encryptRecord(ring.keys, 'symptoms', id, utf8('defs'));

    const typed = ring.recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const keys = await unlockKeyringWithRecoveryKey(ring.wrapped, tag, typed);
    await expectNonExtractable(keys.dataKey);
    expect(fromUtf8(await decryptRecord(keys, 'symptoms', id, ct))).toBe('defs');
    expect((await deriveRecoveryKeys(typed)).authKey).toBe(ring.recoveryAuthKey);

    const re = await rewrapKeyring(ring.wrapped, tag, { recoveryKey: ring.recoveryKey }, { newRecoveryKey: true });
    expect(re.wrapped.passphrase).toBe(ring.wrapped.passphrase);
    expect(re.recoveryKey).not.toBe(ring.recoveryKey);
    await expect(unlockKeyringWithRecoveryKey(re.wrapped, tag, ring.recoveryKey)).rejects.toBeInstanceOf(WrongRecoveryKeyError);
    await unlockKeyringWithRecoveryKey(re.wrapped, tag, re.recoveryKey!);
  });

  it('opens a keyring wrapped by another implementation with its recovery key', async () => {
    const keys = await unlockKeyringWithRecoveryKey(vectors.keyring, vectors.account_tag, vectors.recovery_key);
    expect((await deriveRecoveryKeys(vectors.recovery_key)).authKey).toBe(vectors.recovery_auth_key);
    const r = vectors.record;
    expect(fromUtf8(await decryptRecord(keys, r.collection, r.id, fromBase64Url(r.ciphertext)))).toBe(r.payload);
  });

  it('reads typed recovery keys forgivingly and refuses what cannot be one', () => {
    const bytes = new Uint8Array(20).map((_, i) => i * 13);
    const key = formatRecoveryKey(bytes);
    expect(parseRecoveryKey(key)).toEqual(bytes);
    expect(parseRecoveryKey(` ${key.toLowerCase().replace(/1/g, 'l')} `)).toEqual(bytes);
    expect(() => parseRecoveryKey('ABCD-EFGH')).toThrow(MalformedRecoveryKeyError);
    expect(() => parseRecoveryKey(key.replace(/.$/, 'U'))).toThrow(/"U" cannot appear/);
  });
});

describe('record envelopes', () => {
  let keys: SyncKeys;
  let other: SyncKeys;
  const init = async () => {
    const tag = await accountTagFor('pat@example.com');
    keys ??= (await createKeyring(tag, (await deriveAccountKeys('record envelope test', newKdfParams())).kek)).keys;
    other ??= (await createKeyring(tag, (await deriveAccountKeys('record envelope test', newKdfParams())).kek)).keys;
  };

  it('gives each day a stable opaque id, different under another keyring', async () => {
    await init();
    const id = await recordIdFor(keys, 'log:2026-04-01');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(id).not.toContain('2026');
    expect(await recordIdFor(keys, 'log:2026-04-01')).toBe(id);
    expect(await recordIdFor(keys, 'log:2026-04-02')).not.toBe(id);
    expect(await recordIdFor(other, 'log:2026-04-01')).not.toBe(id);
    expect(await recordIdMatches(keys, 'log:2026-04-01', id)).toBe(true);
    expect(await recordIdMatches(keys, 'log:2026-04-02', id)).toBe(false);
    expect(await recordIdMatches(keys, 'log:2026-04-01', 'not*base64')).toBe(false);
  });

  it('uses a fresh IV per write and authenticates version, account, collection and id', async () => {
    await init();
    const id = await recordIdFor(keys, 'log:2026-04-01');
    const otherId = await recordIdFor(keys, 'log:2026-04-02');
    const plain = utf8('{"ingredients":["garlic"]}');
    const a = await encryptRecord(keys, 'log', id, plain);
    const b = await encryptRecord(keys, 'log', id, plain);
    expect(a[0]).toBe(1);
    expect(toBase64Url(a.slice(1, 13))).not.toBe(toBase64Url(b.slice(1, 13)));
    expect(fromUtf8(await decryptRecord(keys, 'log', id, a))).toBe('{"ingredients":["garlic"]}');

    for (let i = 0; i < a.length; i += 7) await expect(decryptRecord(keys, 'log', id, flip(a, i))).rejects.toBeInstanceOf(RecordAuthError);
    await expect(decryptRecord(keys, 'log', otherId, a)).rejects.toBeInstanceOf(RecordAuthError);
    await expect(decryptRecord(keys, 'settings', id, a)).rejects.toBeInstanceOf(RecordAuthError);
    await expect(decryptRecord({ ...keys, accountTag: 'someone-else' }, 'log', id, a)).rejects.toBeInstanceOf(RecordAuthError);
    await expect(decryptRecord(other, 'log', id, a)).rejects.toBeInstanceOf(RecordAuthError);
    await expect(decryptRecord(keys, 'log', id, a.slice(0, 20))).rejects.toThrow(/too short/);
  });
});
