import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteAccountRequest, keyringUpdateRequest, pullQuery, pushRequest, SYNC_LIMITS, type Proof } from '../../shared/sync/protocol';
import type { AppEnv } from '../deps';
import { apiError } from '../http';
import type { AccountRow } from '../storage/accounts';
import { AccountGoneError, QuotaExceededError, stampWall, type IncomingRecord, type RecordRow } from '../storage/records';
import { verifyToken, type TokenClaims } from '../sync/jwt';
import { hashSecret, verifySecret } from '../sync/passwords';
import { readBody, tooMany, type SyncService } from '../sync/service';
import { kdfProblem } from './auth';

/**
 * Authenticated routes: GET|PUT /api/keyring, POST /api/sync/push, GET /api/sync/pull, POST /api/sync/sign-out,
 * DELETE /api/account.
 * Every one needs a valid session token (401 otherwise) and counts against the account's per-minute limit.
 * The account always comes from the token, never from the request, so one account cannot touch another's.
 */

const DECIMAL = /^\d{1,16}$/;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * The pull answer as JSON, written directly: a page is up to megabytes of base64url ciphertext, which needs
 * no escaping, and building it as objects for JSON.stringify costs a copy and a scan of all of it. Collection
 * and version stamp were validated on the way in; they are escaped anyway.
 */
function pullJson(page: { records: readonly RecordRow[]; next: number; more: boolean; seq: number }): string {
  const parts: string[] = new Array(page.records.length);
  for (let i = 0; i < page.records.length; i++) {
    const r = page.records[i]!;
    parts[i] = `{"id":"${r.id.toString('base64url')}","collection":${JSON.stringify(r.collection)},"hlc":${JSON.stringify(r.hlc)},"deleted":${r.deleted === 1},"ciphertext":"${r.ciphertext.toString('base64url')}","seq":${r.seq}}`;
  }
  return `{"records":[${parts.join(',')}],"next":${page.next},"more":${page.more},"seq":${page.seq}}`;
}

/**
 * Verified session tokens, briefly: checking one costs two base64 decodes, two JSON parses and an HMAC per
 * request. Only the signature check is remembered; expiry is checked on every use and the session epoch and
 * account in the database too, so a sign-out-everywhere or a deletion still ends the session at once.
 */
class VerifiedTokens {
  private readonly seen = new Map<string, TokenClaims>();
  constructor(private readonly max = 10_000) {}
  verify(key: Buffer, token: string, nowMs: number): TokenClaims | null {
    const hit = this.seen.get(token);
    if (hit) {
      if (hit.exp > Math.floor(nowMs / 1000) && hit.iat <= Math.floor(nowMs / 1000) + 30) return hit;
      this.seen.delete(token);
      return null;
    }
    const claims = verifyToken(key, token, nowMs);
    if (claims) {
      if (this.seen.size >= this.max) this.seen.clear();
      this.seen.set(token, claims);
    }
    return claims;
  }
}

export function registerSyncRoutes(app: Hono<AppEnv>, svc: SyncService): void {
  const { accounts, records, audit, deps } = svc;

  // The internal account key of an authenticated request (set by requireAccount; records are keyed by it).
  const accountKeys = new WeakMap<Request, number>();
  const accountKeyOf = (c: Context<AppEnv>): number => accountKeys.get(c.req.raw)!;

  const verified = new VerifiedTokens();

  const unauthorized = (c: Context<AppEnv>) => {
    // Forged or stale tokens count per address, so an Authorization header cannot bypass the per-IP limit.
    const wait = svc.badTokenLimiter.take(svc.address(c));
    if (wait > 0) return tooMany(c, wait, 'Too many requests with an invalid session.');
    return apiError(c, 401, 'unauthorized', 'Sign in to use sync: the session is missing, expired or no longer valid.', { 'www-authenticate': 'Bearer' });
  };

  const requireAccount: MiddlewareHandler<AppEnv> = async (c, next) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '');
    const claims = m ? verified.verify(svc.secrets.jwtKey, m[1]!, svc.now()) : null;
    const session = claims ? accounts.sessionInfo(claims.sub) : undefined;
    if (!claims || !session || session.token_epoch !== claims.ep || svc.revoked.has(m![1]!)) return unauthorized(c);
    accountKeys.set(c.req.raw, session.pk);
    const wait = svc.userLimiter.take(claims.sub);
    if (wait > 0) return tooMany(c, wait, 'Too many sync requests for this account.');
    c.set('accountId', claims.sub);
    await next();
  };

  for (const path of ['/api/keyring', '/api/sync/*', '/api/account']) app.use(path, requireAccount);

  const accountOf = (c: Context<AppEnv>): AccountRow | undefined => accounts.byId(c.get('accountId')!);

  /** Re-authentication for sensitive changes, limited like sign-in. */
  async function checkProof(c: Context<AppEnv>, account: AccountRow, proof: Proof): Promise<Response | null> {
    const wait = svc.loginLimiter.take(`proof|${account.id}`);
    if (wait > 0) return tooMany(c, wait, 'Too many attempts.');
    const viaRecovery = 'recovery_auth_key' in proof;
    const stored = viaRecovery ? account.recovery_hash : account.auth_hash;
    const secret = Buffer.from('recovery_auth_key' in proof ? proof.recovery_auth_key : proof.auth_key, 'base64url');
    if (stored && (await svc.scrypt.run(() => verifySecret(secret, stored)))) return null;
    return apiError(c, 403, 'wrong_proof', viaRecovery ? 'That recovery key is not the one for this account.' : 'That passphrase is not the current one for this account.');
  }

  app.get('/api/keyring', (c) => {
    const account = accountOf(c);
    if (!account) return unauthorized(c);
    return c.json({ keyring: JSON.parse(account.keyring) as unknown, kdf: { algorithm: account.kdf_algorithm, iterations: account.kdf_iterations }, salt: account.salt });
  });

  app.put('/api/keyring', async (c) => {
    const account = accountOf(c);
    if (!account) return unauthorized(c);
    const body = await readBody(c, keyringUpdateRequest);
    if (!body.ok) return body.res;
    const req = body.data;
    if (req.kdf && req.salt) {
      const problem = kdfProblem(req.kdf, req.salt);
      if (problem) return apiError(c, 400, 'weak_kdf', problem);
    }
    const denied = await checkProof(c, account, req.proof);
    if (denied) return denied;
    const [authHash, recoveryHash] = await svc.scrypt.run(() =>
      Promise.all([
        req.auth_key ? hashSecret(Buffer.from(req.auth_key, 'base64url')) : undefined,
        req.recovery_auth_key ? hashSecret(Buffer.from(req.recovery_auth_key, 'base64url')) : undefined,
      ]),
    );
    const epoch = accounts.updateKeyring(account.id, {
      keyring: JSON.stringify(req.keyring),
      ...(req.salt && req.kdf ? { salt: req.salt, kdfAlgorithm: req.kdf.algorithm, kdfIterations: req.kdf.iterations } : {}),
      ...(authHash ? { authHash } : {}),
      ...(recoveryHash ? { recoveryHash } : {}),
      // A new passphrase ends every other session; this one continues with the token returned here.
      bumpEpoch: authHash !== undefined,
    });
    svc.auditEvent(c, 'keyring_change', account.id);
    return c.json(svc.issueToken(account.id, epoch));
  });

  app.post('/api/sync/push', async (c) => {
    const body = await readBody(c, pushRequest);
    if (!body.ok) return body.res;
    const incoming: IncomingRecord[] = [];
    const ceiling = svc.now() + SYNC_LIMITS.maxStampAheadMs;
    for (const [i, r] of body.data.records.entries()) {
      if (stampWall(r.hlc) > ceiling) {
        return apiError(c, 400, 'stamp_ahead', `records.${i}.hlc: the version stamp is more than ${SYNC_LIMITS.maxStampAheadMs / 3_600_000} hours ahead of the server's clock; check this device's date and time. Nothing was stored.`);
      }
      const ciphertext = Buffer.from(r.ciphertext, 'base64url');
      if (ciphertext.length > SYNC_LIMITS.maxRecordBytes) return apiError(c, 413, 'record_too_large', `records.${i}.ciphertext: larger than ${SYNC_LIMITS.maxRecordBytes / 1024} KB`);
      incoming.push({ id: Buffer.from(r.id, 'base64url'), collection: r.collection, hlc: r.hlc, deleted: r.deleted, ciphertext });
    }
    let outcome;
    try {
      outcome = await records.pushGrouped(accountKeyOf(c), incoming);
    } catch (e) {
      if (e instanceof AccountGoneError) return unauthorized(c);
      if (e instanceof QuotaExceededError) {
        const limit = e.kind === 'bytes' ? `${Math.round(e.limit / (1024 * 1024))} MB` : `${e.limit.toLocaleString('en')} records`;
        return apiError(c, 507, 'quota_exceeded', `Your sync account is full: this server keeps at most ${limit} per account. Nothing from this sync was stored; your diary stays safe on this device. Ask whoever runs the server for more room.`);
      }
      throw e;
    }
    const { results, seq } = outcome;
    return c.json({ results: results.map((r, i) => ({ id: body.data.records[i]!.id, ...r })), seq });
  });

  app.post('/api/sync/sign-out', (c) => {
    const m = BEARER.exec(c.req.header('authorization') ?? '')!;
    const claims = verified.verify(svc.secrets.jwtKey, m[1]!, svc.now())!;
    svc.revoked.revoke(m[1]!, claims.sub, claims.exp * 1000, svc.now());
    svc.auditEvent(c, 'sign_out', claims.sub);
    return c.json({ signed_out: true });
  });

  app.get('/api/sync/pull', (c) => {
    const since = c.req.query('since');
    const limit = c.req.query('limit');
    // Plain decimal only: Number() would also take "0x10", "1e3" or " 7 ".
    if ((since !== undefined && !DECIMAL.test(since)) || (limit !== undefined && !DECIMAL.test(limit))) {
      return apiError(c, 400, 'invalid_request', `${since !== undefined && !DECIMAL.test(since) ? 'since' : 'limit'}: must be a whole number written in digits`);
    }
    const q = pullQuery.safeParse({ since, limit });
    if (!q.success) {
      const issue = q.error.issues[0];
      return apiError(c, 400, 'invalid_request', `${issue?.path.join('.') ?? 'query'}: ${issue?.message ?? 'invalid'}`);
    }
    const page = records.pull(accountKeyOf(c), q.data.since, q.data.limit, SYNC_LIMITS.maxPullBytes);
    return c.body(pullJson(page), 200, { 'content-type': 'application/json' });
  });

  app.delete('/api/account', async (c) => {
    const account = accountOf(c);
    if (!account) return unauthorized(c);
    const body = await readBody(c, deleteAccountRequest);
    if (!body.ok) return body.res;
    const denied = await checkProof(c, account, body.data.proof);
    if (denied) return denied;
    deps.db.transaction(() => {
      records.eraseAccount(account.pk);
      audit.eraseAccount(account.id);
      svc.revoked.eraseAccount(account.id);
      accounts.delete(account.id);
      // The deletion's own entry: a random account id, no email, no data.
      svc.auditEvent(c, 'account_deleted', account.id);
    })();
    try {
      // Push the erased pages out of the WAL into the (securely deleted) main file.
      deps.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (e) {
      deps.log.warn('checkpoint after account deletion failed', { request_id: c.get('requestId'), error: (e as Error).message });
    }
    return c.json({ deleted: true });
  });
}
