import { z } from 'zod';
import { COLLECTIONS } from './envelope';
import { hlcSchema } from './hlc';
import { kdfSettings } from './kdf';
import { wrappedKeyring } from './keyring';

/**
 * HTTP protocol of accounts and sync, as zod schemas used by both the client (to check answers) and the
 * server (to check requests). Binary values travel as base64url without padding.
 */

export const SYNC_LIMITS = {
  /** Bytes of one record's ciphertext. */
  maxRecordBytes: 64 * 1024,
  maxPushRecords: 500,
  defaultPullLimit: 500,
  maxPullLimit: 1000,
  /** A pull page stops early past this many ciphertext bytes (always at least one record). */
  maxPullBytes: 4 * 1024 * 1024,
  /**
   * How far past the server's clock a pushed version stamp may be. Devices clamp what they receive to 24 h
   * ahead (hlc.ts MAX_DRIFT_MS); the extra hour covers a device clock a little ahead of the server's. A stamp
   * beyond this would win every merge for years (a stolen token could freeze a record), so it is refused, and
   * a stored stamp beyond it (written before this rule) may be overwritten by any valid one.
   */
  maxStampAheadMs: 25 * 60 * 60 * 1000,
} as const;

const b64url = (what: string, min: number, max: number) =>
  z
    .string()
    .min(min, `${what} is too short`)
    .max(max, `${what} is too long`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what} must be base64url`);

export const emailSchema = z.string().trim().max(254, 'email must be at most 254 characters').pipe(z.email('must be an email address'));
/** 32 bytes, base64url: the HKDF auth key or the recovery auth key. */
export const authKeySchema = b64url('auth key', 43, 43);
export const saltSchema = b64url('salt', 43, 172);
/** HMAC-SHA-256 of the record name: 32 bytes. */
export const recordIdSchema = b64url('record id', 43, 43);
export const ciphertextSchema = b64url('ciphertext', 39, Math.ceil((SYNC_LIMITS.maxRecordBytes * 4) / 3));
export const collectionSchema = z.enum(COLLECTIONS);

export const preloginRequest = z.object({ email: emailSchema });
export const preloginResponse = z.object({ kdf: kdfSettings, salt: saltSchema });
export type PreloginResponse = z.infer<typeof preloginResponse>;

export const signupRequest = z.object({
  email: emailSchema,
  salt: saltSchema,
  kdf: kdfSettings,
  auth_key: authKeySchema,
  recovery_auth_key: authKeySchema,
  keyring: wrappedKeyring,
});
export type SignupRequest = z.infer<typeof signupRequest>;

/** Proof of the passphrase (its auth key) or of the recovery key, for sign-in and for sensitive changes. */
export const proofSchema = z.union([z.object({ auth_key: authKeySchema }).strict(), z.object({ recovery_auth_key: authKeySchema }).strict()]);
export type Proof = z.infer<typeof proofSchema>;

export const loginRequest = z.union([
  z.object({ email: emailSchema, auth_key: authKeySchema }).strict(),
  z.object({ email: emailSchema, recovery_auth_key: authKeySchema }).strict(),
]);
export type LoginRequest = z.infer<typeof loginRequest>;

export const sessionResponse = z.object({
  token: z.string().min(20).max(4096),
  /** ISO time the token stops working; the client signs in again (silently, with its stored auth key). */
  expires_at: z.string(),
  keyring: wrappedKeyring,
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const keyringResponse = z.object({ keyring: wrappedKeyring, kdf: kdfSettings, salt: saltSchema });
export type KeyringResponse = z.infer<typeof keyringResponse>;

/**
 * PUT /api/keyring: a passphrase change (new salt, kdf, auth_key and passphrase wrap), a new recovery key
 * (recovery_auth_key and recovery wrap), or both. `proof` re-authenticates, so a stolen token alone cannot
 * lock the person out. Changing the auth key ends every other session.
 */
export const keyringUpdateRequest = z
  .object({
    proof: proofSchema,
    keyring: wrappedKeyring,
    salt: saltSchema.optional(),
    kdf: kdfSettings.optional(),
    auth_key: authKeySchema.optional(),
    recovery_auth_key: authKeySchema.optional(),
  })
  .refine((b) => (b.salt === undefined) === (b.kdf === undefined) && (b.kdf === undefined) === (b.auth_key === undefined), {
    message: 'salt, kdf and auth_key change together',
  });
export type KeyringUpdateRequest = z.infer<typeof keyringUpdateRequest>;
export const keyringUpdateResponse = z.object({ token: z.string().min(20).max(4096), expires_at: z.string() });

export const pushRecord = z.object({
  id: recordIdSchema,
  collection: collectionSchema,
  /** Version stamp of this write; the server keeps the record with the later one. */
  hlc: hlcSchema,
  /** True for a tombstone (the day was deleted); lets the server compact, never needed to merge. */
  deleted: z.boolean(),
  ciphertext: ciphertextSchema,
});
export type PushRecord = z.infer<typeof pushRecord>;

export const pushRequest = z.object({
  records: z.array(pushRecord).min(1, 'records must not be empty').max(SYNC_LIMITS.maxPushRecords, `at most ${SYNC_LIMITS.maxPushRecords} records per push`),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResult = z.object({
  id: recordIdSchema,
  /** accepted: this version is stored (now, or already by an earlier identical push); ignored: the server holds a later one. */
  status: z.enum(['accepted', 'ignored']),
  /** Sequence number of the version the server now holds for this id. */
  seq: z.number().int().nonnegative(),
  /** The version stamp the server holds (equal to the pushed one when accepted). */
  hlc: hlcSchema,
});
export type PushResult = z.infer<typeof pushResult>;

export const pushResponse = z.object({ results: z.array(pushResult), seq: z.number().int().nonnegative() });
export type PushResponse = z.infer<typeof pushResponse>;

export const pullQuery = z.object({
  since: z.coerce.number().int('since must be a whole number').nonnegative('since must be 0 or more').default(0),
  limit: z.coerce.number().int().min(1).max(SYNC_LIMITS.maxPullLimit).default(SYNC_LIMITS.defaultPullLimit),
});

export const pulledRecord = pushRecord.extend({ seq: z.number().int().positive() });
export type PulledRecord = z.infer<typeof pulledRecord>;

export const pullResponse = z.object({
  records: z.array(pulledRecord),
  /** Pass as `since` for the next page (the last record's seq, or `since` when the page is empty). */
  next: z.number().int().nonnegative(),
  more: z.boolean(),
  /** The account's latest sequence number. */
  seq: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof pullResponse>;

/** POST /api/sync/sign-out: ends the session token it is sent with (other devices keep theirs). */
export const signOutResponse = z.object({ signed_out: z.literal(true) });

export const deleteAccountRequest = z.object({ proof: proofSchema });

export const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
