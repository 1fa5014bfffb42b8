import { createHmac } from 'node:crypto';
import type { Hono } from 'hono';
import { KDF_ALGORITHM, KDF_MIN_ITERATIONS, KDF_SALT_BYTES, KDF_MAX_ITERATIONS, type KdfSettings } from '../../shared/sync/kdf';
import { normaliseEmail } from '../../shared/sync/keyring';
import { loginRequest, preloginRequest, signupRequest } from '../../shared/sync/protocol';
import type { AppEnv } from '../deps';
import { apiError } from '../http';
import { EmailTakenError, type AccountRow } from '../storage/accounts';
import { dummyHash, hashSecret, verifySecret } from '../sync/passwords';
import { readBody, tooMany, type SyncService } from '../sync/service';

/**
 * POST /api/auth/prelogin, /signup, /login (DESIGN §7). Passphrases never arrive: clients send the HKDF auth
 * key, and the server stores scrypt of it. Unknown emails get the same answers, shapes and (roughly) timings
 * as known ones, so the API does not reveal who has an account — except sign-up, which must say "taken".
 */

/** The server's own floor, the same as the client's: it will not store an account a client would refuse. */
export function kdfProblem(kdf: KdfSettings, salt: string): string | null {
  if (kdf.algorithm !== KDF_ALGORITHM) return `kdf.algorithm must be ${KDF_ALGORITHM}`;
  if (kdf.iterations < KDF_MIN_ITERATIONS) return `kdf.iterations must be at least ${KDF_MIN_ITERATIONS}`;
  if (kdf.iterations > KDF_MAX_ITERATIONS) return `kdf.iterations must be at most ${KDF_MAX_ITERATIONS}`;
  if (Buffer.from(salt, 'base64url').length < KDF_SALT_BYTES) return `salt must be at least ${KDF_SALT_BYTES} bytes`;
  return null;
}

const WRONG = 'wrong email or passphrase';

export function registerAuthRoutes(app: Hono<AppEnv>, svc: SyncService): void {
  const { accounts } = svc;

  /** Stable per-email fake salt: HMAC under a server secret, so repeated prelogins for a stranger agree. */
  const fakeSalt = (email: string) => createHmac('sha256', svc.secrets.preloginKey).update(`aurea/prelogin-salt/v1|${email}`).digest('base64url');

  const sessionFor = (account: AccountRow) => ({ ...svc.issueToken(account.id, account.token_epoch), keyring: JSON.parse(account.keyring) as unknown });

  app.post('/api/auth/prelogin', async (c) => {
    const body = await readBody(c, preloginRequest);
    if (!body.ok) return body.res;
    const email = normaliseEmail(body.data.email);
    // Both paths do the lookup and the HMAC, so timing does not tell them apart.
    const fake = fakeSalt(email);
    const account = accounts.byEmail(email);
    if (!account) return c.json({ kdf: { algorithm: KDF_ALGORITHM, iterations: KDF_MIN_ITERATIONS }, salt: fake });
    return c.json({ kdf: { algorithm: account.kdf_algorithm, iterations: account.kdf_iterations }, salt: account.salt });
  });

  app.post('/api/auth/signup', async (c) => {
    const body = await readBody(c, signupRequest);
    if (!body.ok) return body.res;
    // Limited like sign-in (per address): sign-up is the one answer that tells whether an email is registered.
    const wait = svc.loginLimiter.take(`signup|${svc.address(c)}`);
    if (wait > 0) return tooMany(c, wait, 'Too many sign-up attempts.');
    const { kdf, salt, keyring } = body.data;
    const problem = kdfProblem(kdf, salt);
    if (problem) return apiError(c, 400, 'weak_kdf', problem);
    const email = normaliseEmail(body.data.email);
    if (accounts.byEmail(email)) return apiError(c, 409, 'email_taken', 'An account with this email already exists on this server; sign in instead.');
    const [authHash, recoveryHash] = await svc.scrypt.run(() =>
      Promise.all([hashSecret(Buffer.from(body.data.auth_key, 'base64url')), hashSecret(Buffer.from(body.data.recovery_auth_key, 'base64url'))]),
    );
    let account: AccountRow;
    try {
      account = accounts.create({
        email,
        kdfAlgorithm: kdf.algorithm,
        kdfIterations: kdf.iterations,
        salt,
        authHash,
        recoveryHash,
        keyring: JSON.stringify(keyring),
        createdAt: svc.now(),
      });
    } catch (e) {
      if (e instanceof EmailTakenError) return apiError(c, 409, 'email_taken', 'An account with this email already exists on this server; sign in instead.');
      throw e;
    }
    svc.auditEvent(c, 'signup', account.id);
    return c.json(sessionFor(account), 201);
  });

  app.post('/api/auth/login', async (c) => {
    const body = await readBody(c, loginRequest);
    if (!body.ok) return body.res;
    const email = normaliseEmail(body.data.email);
    const wait = svc.loginLimiter.take(`login|${svc.address(c)}|${email}`);
    if (wait > 0) return tooMany(c, wait, 'Too many sign-in attempts.');
    // Per email from every address together: many addresses guessing at one account slow down too.
    const backoff = svc.loginBackoff.wait(email);
    if (backoff > 0) return tooMany(c, backoff, 'Too many failed sign-ins for this email.');
    const viaRecovery = 'recovery_auth_key' in body.data;
    const secret = Buffer.from('recovery_auth_key' in body.data ? body.data.recovery_auth_key : body.data.auth_key, 'base64url');
    const account = accounts.byEmail(email);
    const stored = account ? (viaRecovery ? account.recovery_hash : account.auth_hash) : null;
    // Unknown email or no recovery key set: still run scrypt, so the answer takes as long as a wrong key.
    const ok = await svc.scrypt.run(async () => verifySecret(secret, stored ?? (await dummyHash())));
    if (!account || !stored || !ok) {
      svc.loginBackoff.fail(email);
      svc.auditEvent(c, 'login_failed', account?.id ?? null);
      return apiError(c, 401, 'wrong_credentials', WRONG);
    }
    svc.loginBackoff.succeed(email);
    svc.auditEvent(c, viaRecovery ? 'recovery_login' : 'login', account.id);
    return c.json(sessionFor(account));
  });
}
