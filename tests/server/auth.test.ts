import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { b64, signupBody, signupRaw } from './helpers/accounts';
import { startTestApp, type TestApp } from './helpers/sync-app';

let apps: TestApp[] = [];
const start = (...args: Parameters<typeof startTestApp>) => {
  const a = startTestApp(...args);
  apps.push(a);
  return a;
};
afterEach(() => {
  for (const a of apps) a.close();
  apps = [];
});

const json = async (res: Response) => (await res.json()) as Record<string, any>;
const post = (app: TestApp, path: string, body: unknown, token?: string) => app.request(path, { method: 'POST', json: body, ...(token ? { token } : {}) });

describe('prelogin', () => {
  it('answers unknown emails with a stable fake salt and the same parameters and shape as real accounts', async () => {
    const app = start({}, { keep: true });
    const real = await signupRaw(app, 'known@example.org');
    const known = await json(await post(app, '/api/auth/prelogin', { email: ' Known@Example.org' }));
    expect(known).toEqual({ kdf: { algorithm: 'PBKDF2-SHA-256', iterations: 600000 }, salt: real.salt });

    const r1 = await post(app, '/api/auth/prelogin', { email: 'stranger@example.org' });
    const r2 = await post(app, '/api/auth/prelogin', { email: 'STRANGER@example.org' });
    expect(r1.status).toBe(200);
    const [u1, u2] = [await json(r1), await json(r2)];
    expect(u2).toEqual(u1);
    expect(Object.keys(u1).sort()).toEqual(Object.keys(known).sort());
    expect(u1.kdf).toEqual(known.kdf);
    expect(Buffer.from(u1.salt, 'base64url').length).toBe(32);
    expect(u1.salt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await json(await post(app, '/api/auth/prelogin', { email: 'someone.else@example.org' }));
    expect(other.salt).not.toBe(u1.salt);

    // The fake salt survives a restart (its secret is persisted), so a stranger's salt never changes.
    app.server.close();
    const again = start({}, { dataDir: app.dataDir });
    expect((await json(await post(again, '/api/auth/prelogin', { email: 'stranger@example.org' }))).salt).toBe(u1.salt);
  });

  it('validates the body', async () => {
    const app = start();
    const res = await post(app, '/api/auth/prelogin', { email: 'not an email' });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ error: { code: 'invalid_request', message: 'email: must be an email address' } });
    const bad = await app.request('/api/auth/prelogin', { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } });
    expect(await json(bad)).toEqual({ error: { code: 'invalid_json', message: 'The request body must be JSON.' } });
  });
});

describe('signup and login', () => {
  it('signs up once per email and refuses KDF settings below the floor', async () => {
    const app = start();
    const first = await post(app, '/api/auth/signup', signupBody('pat@example.org'));
    expect(first.status).toBe(201);
    const session = await json(first);
    expect(session.token.split('.')).toHaveLength(3);
    expect(Date.parse(session.expires_at) - app.clock.now()).toBe(30 * 60_000);
    const dup = await post(app, '/api/auth/signup', signupBody('PAT@example.org'));
    expect(dup.status).toBe(409);
    expect((await json(dup)).error.code).toBe('email_taken');

    for (const [kdf, salt, message] of [
      [{ algorithm: 'PBKDF2-SHA-256', iterations: 100_000 }, b64(32), 'kdf.iterations must be at least 600000'],
      [{ algorithm: 'PBKDF2-SHA-1', iterations: 600_000 }, b64(32), 'kdf.algorithm must be PBKDF2-SHA-256'],
    ] as const) {
      const res = await post(app, '/api/auth/signup', { ...signupBody('weak@example.org'), kdf, salt });
      expect(res.status, message).toBe(400);
      expect((await json(res)).error).toEqual({ code: 'weak_kdf', message });
    }
    const shortSalt = await post(app, '/api/auth/signup', { ...signupBody('weak@example.org'), salt: b64(16) });
    expect(shortSalt.status).toBe(400);
    expect((await json(shortSalt)).error).toEqual({ code: 'invalid_request', message: 'salt: salt is too short' });
    const missing = await post(app, '/api/auth/signup', { ...signupBody('x@example.org'), auth_key: undefined });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error.message).toMatch(/^auth_key: /);
  });

  it('limits sign-up attempts per address', async () => {
    const app = start();
    for (let i = 0; i < 5; i++) expect((await post(app, '/api/auth/signup', signupBody(`s${i}@example.org`))).status).toBe(201);
    const limited = await post(app, '/api/auth/signup', signupBody('s5@example.org'));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post(app, '/api/auth/prelogin', { email: 's5@example.org' })).status).toBe(200);
  });

  it('logs in with the auth key; a wrong key and an unknown email get the same 401', async () => {
    const app = start();
    const acct = await signupRaw(app, 'lee@example.org');
    const ok = await post(app, '/api/auth/login', { email: 'lee@example.org', auth_key: acct.authKey });
    expect(ok.status).toBe(200);
    const session = await json(ok);
    expect(session.keyring).toEqual(acct.keyring);

    const wrong = await post(app, '/api/auth/login', { email: 'lee@example.org', auth_key: b64(32) });
    const unknown = await post(app, '/api/auth/login', { email: 'nobody@example.org', auth_key: b64(32) });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const expected = { error: { code: 'wrong_credentials', message: 'wrong email or passphrase' } };
    expect(await json(wrong)).toEqual(expected);
    expect(await json(unknown)).toEqual(expected);

    const viaRecovery = await post(app, '/api/auth/login', { email: 'lee@example.org', recovery_auth_key: acct.recoveryAuthKey });
    expect(viaRecovery.status).toBe(200);
    const mixed = await post(app, '/api/auth/login', { email: 'lee@example.org', auth_key: acct.authKey, recovery_auth_key: acct.recoveryAuthKey });
    expect(mixed.status).toBe(400);
  });

  it('limits login to 5 attempts a minute per address and email, with Retry-After', async () => {
    const app = start();
    const acct = await signupRaw(app, 'kim@example.org');
    for (let i = 0; i < 5; i++) expect((await post(app, '/api/auth/login', { email: 'kim@example.org', auth_key: b64(32) })).status).toBe(401);
    const limited = await post(app, '/api/auth/login', { email: 'kim@example.org', auth_key: acct.authKey });
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect((await json(limited)).error.code).toBe('rate_limited');
    // Another email from the same address is not held back by this one.
    expect((await post(app, '/api/auth/login', { email: 'other@example.org', auth_key: b64(32) })).status).toBe(401);
    app.clock.advance(retry * 1000);
    expect((await post(app, '/api/auth/login', { email: 'kim@example.org', auth_key: acct.authKey })).status).toBe(200);
  });
});

describe('session tokens', () => {
  function forge(payload: object, header: object, key: string | Buffer) {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${enc(header)}.${enc(payload)}`;
    return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
  }

  it('answers 401 without a token, with a forged, tampered, alg-swapped or expired one', async () => {
    const app = start({ JWT_SECRET: 'k'.repeat(40) });
    const acct = await signupRaw(app, 'tok@example.org');
    const get = (token?: string) => app.request('/api/keyring', token === undefined ? {} : { token });
    expect((await get(acct.token)).status).toBe(200);

    const [h, p] = acct.token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const cases: Record<string, string | undefined> = {
      none: undefined,
      garbage: 'abc.def.ghi',
      otherKey: forge(claims, { alg: 'HS256', typ: 'JWT' }, 'x'.repeat(40)),
      algNone: `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`,
      algHS512: forge(claims, { alg: 'HS512', typ: 'JWT' }, 'k'.repeat(40)),
      otherAccount: forge({ ...claims, sub: '00000000-0000-4000-8000-000000000000' }, { alg: 'HS256', typ: 'JWT' }, 'k'.repeat(40)),
      tamperedPayload: `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 9999 })).toString('base64url')}.${acct.token.split('.')[2]}`,
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await get(token);
      expect(res.status, name).toBe(401);
      expect((await json(res)).error.code, name).toBe('unauthorized');
    }
    const noBearer = await app.request('/api/keyring', { headers: { authorization: acct.token } });
    expect(noBearer.status).toBe(401);
    expect(noBearer.headers.get('www-authenticate')).toBe('Bearer');

    app.clock.advance(30 * 60_000);
    expect((await get(acct.token)).status).toBe(401);
    for (const path of ['/api/sync/pull?since=0']) expect((await app.request(path, { token: acct.token })).status).toBe(401);
    expect((await app.request('/api/sync/push', { method: 'POST', json: { records: [] }, token: acct.token })).status).toBe(401);
    expect((await app.request('/api/account', { method: 'DELETE', json: { proof: { auth_key: acct.authKey } }, token: acct.token })).status).toBe(401);
  });

  it('generates the JWT secret on first start, persists it with mode 0600 and reuses it', async () => {
    const app = start({}, { keep: true });
    const file = join(app.dataDir, 'jwt-secret');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(app.dataDir, 'prelogin-secret')).mode & 0o777).toBe(0o600);
    const acct = await signupRaw(app, 'persist@example.org');
    app.server.close();
    const restarted = start({}, { dataDir: app.dataDir, clock: app.clock });
    expect((await restarted.request('/api/keyring', { token: acct.token })).status).toBe(200);

    // A configured JWT_SECRET is used instead (and no secret file is written for it).
    const configured = start({ JWT_SECRET: 's'.repeat(48) });
    expect(existsSync(join(configured.dataDir, 'jwt-secret'))).toBe(false);
    const other = await signupRaw(configured, 'conf@example.org');
    expect((await restarted.request('/api/keyring', { token: other.token })).status).toBe(401);
  });

  it('limits each account to RATE_LIMIT_PER_USER requests a minute', async () => {
    const app = start({ RATE_LIMIT_PER_USER: 4 });
    const acct = await signupRaw(app, 'busy@example.org');
    const other = await signupRaw(app, 'calm@example.org');
    for (let i = 0; i < 4; i++) expect((await app.request('/api/sync/pull?since=0', { token: acct.token })).status).toBe(200);
    const limited = await app.request('/api/sync/pull?since=0', { token: acct.token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await app.request('/api/sync/pull?since=0', { token: other.token })).status).toBe(200);
    app.clock.advance(15_000);
    expect((await app.request('/api/sync/pull?since=0', { token: acct.token })).status).toBe(200);
  });
});

describe('keyring changes and the audit trail', () => {
  it('a passphrase change needs the current key, swaps salt and auth key atomically and ends other sessions', async () => {
    const app = start();
    const acct = await signupRaw(app, 'ada@example.org');
    const second = await json(await post(app, '/api/auth/login', { email: 'ada@example.org', auth_key: acct.authKey }));
    const next = { salt: b64(32), kdf: { algorithm: 'PBKDF2-SHA-256', iterations: 700_000 }, auth_key: b64(32), keyring: { v: 1, passphrase: b64(93), recovery: acct.keyring.recovery } };

    const denied = await app.request('/api/keyring', { method: 'PUT', token: acct.token, json: { ...next, proof: { auth_key: b64(32) } } });
    expect(denied.status).toBe(403);
    expect((await json(denied)).error.code).toBe('wrong_proof');
    const partial = await app.request('/api/keyring', { method: 'PUT', token: acct.token, json: { proof: { auth_key: acct.authKey }, keyring: next.keyring, salt: next.salt } });
    expect(partial.status).toBe(400);
    const weak = await app.request('/api/keyring', { method: 'PUT', token: acct.token, json: { ...next, kdf: { algorithm: 'PBKDF2-SHA-256', iterations: 1 }, proof: { auth_key: acct.authKey } } });
    expect(weak.status).toBe(400);

    const ok = await app.request('/api/keyring', { method: 'PUT', token: acct.token, json: { ...next, proof: { auth_key: acct.authKey } } });
    expect(ok.status).toBe(200);
    const { token } = await json(ok);
    expect(await json(await app.request('/api/keyring', { token }))).toEqual({ keyring: next.keyring, kdf: next.kdf, salt: next.salt });
    expect((await app.request('/api/keyring', { token: second.token })).status).toBe(401);
    expect((await app.request('/api/keyring', { token: acct.token })).status).toBe(401);
    expect((await post(app, '/api/auth/login', { email: 'ada@example.org', auth_key: acct.authKey })).status).toBe(401);
    expect((await post(app, '/api/auth/login', { email: 'ada@example.org', auth_key: next.auth_key })).status).toBe(200);
    expect(await json(await post(app, '/api/auth/prelogin', { email: 'ada@example.org' }))).toEqual({ kdf: next.kdf, salt: next.salt });
  });

  it('records signup, login, failed logins and keyring changes with request ids, and no email', async () => {
    const app = start();
    const body = signupBody('audit.me@example.org');
    const signup = await app.request('/api/auth/signup', { method: 'POST', json: body, headers: { 'x-request-id': 'req-signup-1' } });
    expect(signup.headers.get('x-request-id')).toBe('req-signup-1');
    const { token } = await json(signup);
    const row = app.server.deps.db.prepare('SELECT id, auth_hash FROM accounts').get() as { id: string; auth_hash: string };
    expect(row.auth_hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(row.auth_hash).not.toContain(body.auth_key);

    await post(app, '/api/auth/login', { email: 'audit.me@example.org', auth_key: b64(32) });
    await post(app, '/api/auth/login', { email: 'ghost@example.org', auth_key: b64(32) });
    await post(app, '/api/auth/login', { email: 'audit.me@example.org', auth_key: body.auth_key });
    await post(app, '/api/auth/login', { email: 'audit.me@example.org', recovery_auth_key: body.recovery_auth_key });
    const change = await app.request('/api/keyring', { method: 'PUT', token, json: { proof: { auth_key: body.auth_key }, keyring: body.keyring }, headers: { 'x-request-id': 'req-keyring-1' } });
    expect(change.status).toBe(200);

    const audit = app.server.deps.db.prepare('SELECT account_id, event, at, request_id FROM audit ORDER BY seq').all() as { account_id: string | null; event: string; at: number; request_id: string }[];
    expect(audit.map((e) => [e.account_id, e.event])).toEqual([
      [row.id, 'signup'],
      [row.id, 'login_failed'],
      [null, 'login_failed'],
      [row.id, 'login'],
      [row.id, 'recovery_login'],
      [row.id, 'keyring_change'],
    ]);
    expect(audit[0]).toEqual({ account_id: row.id, event: 'signup', at: app.clock.now(), request_id: 'req-signup-1' });
    expect(audit[5]!.request_id).toBe('req-keyring-1');
    for (const e of audit) expect(e.request_id).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    expect(JSON.stringify(audit)).not.toContain('example.org');
  });

  it('account deletion erases records, keyring and the account’s audit history, leaving one deletion entry', async () => {
    const app = start({}, { keep: true });
    const acct = await signupRaw(app, 'leaving@example.org');
    const keep = await signupRaw(app, 'staying@example.org');
    const record = (id: string) => ({ id, collection: 'log', hlc: `00${app.clock.now()}-000000-nodeA`, deleted: false, ciphertext: b64(200) });
    await app.request('/api/sync/push', { method: 'POST', token: acct.token, json: { records: [record(b64(32)), record(b64(32))] } });
    await app.request('/api/sync/push', { method: 'POST', token: keep.token, json: { records: [record(b64(32))] } });
    await app.request('/api/keyring', { method: 'PUT', token: acct.token, json: { proof: { auth_key: acct.authKey }, keyring: acct.keyring } });

    const wrong = await app.request('/api/account', { method: 'DELETE', token: acct.token, json: { proof: { auth_key: b64(32) } } });
    expect(wrong.status).toBe(403);
    const del = await app.request('/api/account', { method: 'DELETE', token: acct.token, json: { proof: { auth_key: acct.authKey } }, headers: { 'x-request-id': 'req-delete-1' } });
    expect(del.status).toBe(200);
    expect(await json(del)).toEqual({ deleted: true });

    const db = app.server.deps.db;
    expect(db.prepare('SELECT email FROM accounts').all()).toEqual([{ email: 'staying@example.org' }]);
    expect((db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(1);
    const trail = db.prepare("SELECT account_id, event, request_id FROM audit WHERE event IN ('account_deleted', 'keyring_change') OR account_id IS NOT NULL").all() as { account_id: string; event: string; request_id: string }[];
    const mine = trail.filter((e) => e.event === 'account_deleted');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.request_id).toBe('req-delete-1');
    expect(trail.filter((e) => e.account_id === mine[0]!.account_id)).toHaveLength(1);
    expect((await post(app, '/api/auth/login', { email: 'leaving@example.org', auth_key: acct.authKey })).status).toBe(401);
    expect((await app.request('/api/keyring', { token: acct.token })).status).toBe(401);
    // The email is gone from the file and its WAL, not just from query results.
    const bytes = Buffer.concat(['aurea.sqlite', 'aurea.sqlite-wal'].map((f) => join(app.dataDir, f)).filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from('leaving@example.org'))).toBe(false);
    expect(bytes.includes(Buffer.from('staying@example.org'))).toBe(true);
  });
});
