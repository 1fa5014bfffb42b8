import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv, ServerDeps } from '../deps';
import { apiError, clientAddress } from '../http';
import { FailureBackoff, KeyedLimiter, WorkQueue } from '../rate-limit';
import { loadSecrets, type ServerSecrets } from '../secrets';
import { AccountStore } from '../storage/accounts';
import { AuditLog, type AuditEvent } from '../storage/audit';
import { RecordStore } from '../storage/records';
import { RevokedTokens } from '../storage/sessions';
import { signToken } from './jwt';
import { dummyHash } from './passwords';

/** Session tokens live 30 minutes; clients sign in again silently with their stored auth key. */
export const TOKEN_TTL_SECONDS = 30 * 60;

/** Everything the account and sync routes share: stores, secrets, limiters, the clock. */
export interface SyncService {
  deps: ServerDeps;
  accounts: AccountStore;
  records: RecordStore;
  /** Tokens ended by a sign-out before their expiry. */
  revoked: RevokedTokens;
  audit: AuditLog;
  secrets: ServerSecrets;
  /** Login and sign-up attempts, per client address and email (RATE_LIMIT_LOGIN per minute). */
  loginLimiter: KeyedLimiter;
  /** Failed sign-ins per email from any address, with exponential backoff (LOGIN_FAILURES_BEFORE_BACKOFF). */
  loginBackoff: FailureBackoff;
  /** Bounded queue for scrypt work (SCRYPT_CONCURRENCY, SCRYPT_QUEUE); a full queue throws BusyError, answered 503. */
  scrypt: WorkQueue;
  /** Authenticated requests per account (RATE_LIMIT_PER_USER per minute). */
  userLimiter: KeyedLimiter;
  /** Requests with a bad token per client address, so forged tokens cannot dodge the per-IP limit. */
  badTokenLimiter: KeyedLimiter;
  now(): number;
  issueToken(accountId: string, epoch: number): { token: string; expires_at: string };
  auditEvent(c: Context<AppEnv>, event: AuditEvent, accountId: string | null): void;
  address(c: Context<AppEnv>): string;
}

export function createSyncService(deps: ServerDeps): SyncService {
  const { db, config, clock, log } = deps;
  // Deleted accounts leave no readable remains in the file: freed pages are zeroed.
  db.pragma('secure_delete = ON');
  const secrets = loadSecrets(config, log);
  const now = () => clock.now();
  const accounts = new AccountStore(db);
  const records = new RecordStore(db, { now, maxAccountBytes: config.ACCOUNT_MAX_BYTES, maxAccountRecords: config.ACCOUNT_MAX_RECORDS });
  const audit = new AuditLog(db);
  // Computed now, so the first sign-in with an unknown email is not slower than the rest.
  void dummyHash();
  return {
    deps,
    accounts,
    records,
    revoked: new RevokedTokens(db),
    audit,
    secrets,
    loginLimiter: new KeyedLimiter(config.RATE_LIMIT_LOGIN, 60_000, now),
    loginBackoff: new FailureBackoff(config.LOGIN_FAILURES_BEFORE_BACKOFF, now),
    scrypt: new WorkQueue(config.SCRYPT_CONCURRENCY, config.SCRYPT_QUEUE),
    userLimiter: new KeyedLimiter(config.RATE_LIMIT_PER_USER, 60_000, now),
    badTokenLimiter: new KeyedLimiter(config.RATE_LIMIT_PER_IP, 60_000, now),
    now,
    issueToken(accountId, epoch) {
      const { token, expiresAt } = signToken(secrets.jwtKey, { sub: accountId, ep: epoch }, now(), TOKEN_TTL_SECONDS);
      return { token, expires_at: new Date(expiresAt).toISOString() };
    },
    auditEvent(c, event, accountId) {
      const requestId = c.get('requestId');
      audit.record(event, accountId, now(), requestId);
      log.info('audit', { request_id: requestId, event, account_id: accountId });
    },
    address: (c) => clientAddress(c, config.TRUST_PROXY),
  };
}

/** 429 with Retry-After in whole seconds. */
export function tooMany(c: Context, waitMs: number, message: string) {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return apiError(c, 429, 'rate_limited', `${message} Try again in ${seconds} s.`, { 'retry-after': String(seconds) });
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** Parses and validates a JSON body; a 400 names the first bad field and never echoes values. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<{ ok: true; data: z.infer<S> } | { ok: false; res: Response }> {
  // JSON only: a form or text/plain body is also what a cross-site page can send without a CORS preflight.
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    return { ok: false, res: apiError(c, 415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).') };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, res: apiError(c, 400, 'invalid_json', 'The request body must be JSON.') };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, res: apiError(c, 400, 'invalid_request', `${where}${issue?.message ?? 'invalid request'}`) };
  }
  return { ok: true, data: parsed.data };
}
