import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncRateLimitedError } from '../../shared/sync/errors';
import { b64, signupBody as signupBodyFor, signupRaw } from './helpers/accounts';
import { startTestApp, type TestApp } from './helpers/sync-app';

/** Issue 15 (security review), findings 2–12: each through real HTTP into the real app. */

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
const post = (app: TestApp, path: string, body: unknown, headers: Record<string, string> = {}) => app.request(path, { method: 'POST', json: body, headers });

describe('TRUST_PROXY: the client address is what your proxy saw, not what the client wrote', () => {
  it('TRUST_PROXY=true takes the right-most X-Forwarded-For entry, so a rotating first entry does not escape the login limit', async () => {
    const app = start({ TRUST_PROXY: 'true' });
    const acct = await signupRaw(app, 'victim@example.org');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post(app, '/api/auth/login', { email: acct.email, auth_key: b64(32) }, { 'x-forwarded-for': `10.0.${i}.1, 203.0.113.9` });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });

  it('TRUST_PROXY=2 takes the second entry from the right; a header shorter than the chain falls back to the socket', async () => {
    const app = start({ TRUST_PROXY: '2', RATE_LIMIT_PER_IP: 3 });
    const statusesFor = async (xff: (i: number) => string) => {
      const out: number[] = [];
      for (let i = 0; i < 4; i++) out.push((await app.request('/api/nope', { headers: { 'x-forwarded-for': xff(i) } })).status);
      return out;
    };
    // Same client (198.51.100.7, added by the outer proxy), rotating spoofed entries and inner proxy hop: limited.
    expect(await statusesFor((i) => `1.2.3.${i}, 198.51.100.7, 10.0.0.${i}`)).toEqual([404, 404, 404, 429]);
    // Different clients as the outer proxy saw them: each has its own budget.
    expect(await statusesFor((i) => `198.51.100.${20 + i}, 10.0.0.1`)).toEqual([404, 404, 404, 404]);
  });

  it('refuses a TRUST_PROXY that is neither true, false nor a count', () => {
    expect(() => startTestApp({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
});

describe('sign-in: per-email backoff from any address, and a bounded queue for scrypt work', () => {
  it('many addresses guessing at one email are slowed down together; the wait doubles and a success clears it', async () => {
    const app = start({ TRUST_PROXY: 'true', LOGIN_FAILURES_BEFORE_BACKOFF: 3 });
    const acct = await signupRaw(app, 'target@example.org');
    const guess = (i: number) => post(app, '/api/auth/login', { email: acct.email, auth_key: b64(32) }, { 'x-forwarded-for': `198.51.100.${i}` });
    for (let i = 0; i < 4; i++) expect((await guess(i)).status).toBe(401);
    // Failure 4 is past the 3 free ones: the next attempt, from yet another address, waits 2 s.
    const limited = await guess(50);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    app.clock.advance(2_000);
    expect((await guess(51)).status).toBe(401);
    expect((await guess(52)).headers.get('retry-after')).toBe('4');
    // An unknown email is treated the same way (the answers do not reveal who has an account).
    for (let i = 0; i < 4; i++) await post(app, '/api/auth/login', { email: 'nobody@example.org', auth_key: b64(32) }, { 'x-forwarded-for': `192.0.2.${i}` });
    expect((await post(app, '/api/auth/login', { email: 'nobody@example.org', auth_key: b64(32) }, { 'x-forwarded-for': '192.0.2.99' })).status).toBe(429);
    // The owner, once the wait is over, signs in and starts afresh.
    app.clock.advance(4_000);
    expect((await post(app, '/api/auth/login', { email: acct.email, auth_key: acct.authKey }, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200);
    expect((await guess(60)).status).toBe(401);
  });

  it('answers 503 with Retry-After when more scrypt work arrives than the queue holds, and changes nothing', async () => {
    const app = start({ SCRYPT_CONCURRENCY: 1, SCRYPT_QUEUE: 1, TRUST_PROXY: 'true' });
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post(app, '/api/auth/signup', { ...signupBodyFor(`burst${i}@example.org`) }, { 'x-forwarded-for': `198.51.100.${i}` })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBe(2);
    expect(statuses.filter((s) => s === 503).length).toBe(4);
    const refused = burst.find((r) => r.status === 503)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await json(refused)).error.code).toBe('busy');
    // The project's client reads that 503 as "wait and retry", not as an unreachable server.
    const logins = await Promise.allSettled(Array.from({ length: 6 }, () => app.client().login({ email: 'burst0@example.org', auth_key: b64(32) })));
    expect(logins.some((r) => r.status === 'rejected' && r.reason instanceof SyncRateLimitedError)).toBe(true);
    // The refused sign-ups created nothing: the same emails can sign up now.
    for (const [i, r] of burst.entries()) if (r.status === 503) expect((await post(app, '/api/auth/signup', signupBodyFor(`burst${i}@example.org`))).status).toBe(201);
  });
});

const rid = () => b64(32);
const ct = (bytes: number) => b64(bytes);
const stamp = (app: TestApp, n = 0) => `${String(app.clock.now()).padStart(15, '0')}-${String(n).padStart(6, '0')}-testnode`;
const push = (app: TestApp, token: string, records: { id: string; bytes: number; n?: number }[]) =>
  app.request('/api/sync/push', { method: 'POST', token, json: { records: records.map((r) => ({ id: r.id, collection: 'log', hlc: stamp(app, r.n ?? 0), deleted: false, ciphertext: ct(r.bytes) })) } });

describe('per-account storage quota', () => {
  it('refuses a push that would pass the record quota with 507 and a clear message, storing none of it; updates still go through', async () => {
    const app = start({ ACCOUNT_MAX_RECORDS: 3 });
    const acct = await signupRaw(app, 'full@example.org');
    const [a, b, c, d] = [rid(), rid(), rid(), rid()];
    expect((await push(app, acct.token, [{ id: a, bytes: 100 }, { id: b, bytes: 100 }])).status).toBe(200);
    const over = await push(app, acct.token, [{ id: c, bytes: 100 }, { id: d, bytes: 100 }]);
    expect(over.status).toBe(507);
    const body = await json(over);
    expect(body.error.code).toBe('quota_exceeded');
    expect(body.error.message).toMatch(/^Your sync account is full: this server keeps at most 3 records per account\. Nothing from this sync was stored/);
    const pulled = await json(await app.request('/api/sync/pull?since=0', { token: acct.token }));
    expect(pulled.records.map((r: { id: string }) => r.id).sort()).toEqual([a, b].sort());
    // A new version of a stored record does not add a record.
    expect((await push(app, acct.token, [{ id: a, bytes: 120, n: 1 }, { id: c, bytes: 100 }])).status).toBe(200);
  });

  it('counts ciphertext bytes per account, and a push that shrinks an account goes through', async () => {
    const app = start({ ACCOUNT_MAX_BYTES: 100_000 });
    const acct = await signupRaw(app, 'bytes@example.org');
    const other = await signupRaw(app, 'other@example.org');
    const [a, b] = [rid(), rid()];
    expect((await push(app, acct.token, [{ id: a, bytes: 60_000 }])).status).toBe(200);
    expect((await push(app, acct.token, [{ id: b, bytes: 60_000 }])).status).toBe(507);
    // Another account has its own quota.
    expect((await push(app, other.token, [{ id: b, bytes: 60_000 }])).status).toBe(200);
    expect((await push(app, acct.token, [{ id: a, bytes: 1_000, n: 1 }])).status).toBe(200);
    expect((await push(app, acct.token, [{ id: b, bytes: 60_000 }])).status).toBe(200);
  });

  it('cuts a pull page at the byte budget (4 MB) and continues on the next page', async () => {
    const app = start({}, { dataDir: ':memory:' });
    const acct = await signupRaw(app, 'pages@example.org');
    for (let i = 0; i < 5; i++) expect((await push(app, acct.token, Array.from({ length: 20 }, () => ({ id: rid(), bytes: 60_000 })))).status).toBe(200);
    const first = await json(await app.request('/api/sync/pull?since=0&limit=1000', { token: acct.token }));
    expect(first.more).toBe(true);
    const bytes = first.records.reduce((n: number, r: { ciphertext: string }) => n + Buffer.from(r.ciphertext, 'base64url').length, 0);
    expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(first.records.length).toBe(Math.floor((4 * 1024 * 1024) / 60_000));
    const second = await json(await app.request(`/api/sync/pull?since=${first.next}&limit=1000`, { token: acct.token }));
    expect(first.records.length + second.records.length).toBe(100);
    expect(second.more).toBe(false);
  });
});

describe('unauthenticated routes take small bodies only', () => {
  it('refuses a deeply nested 100 KB prelogin body and a 9 KB sign-up with 413 before parsing; a normal sign-up still works', async () => {
    const app = start();
    const nested = '['.repeat(50_000) + ']'.repeat(50_000);
    for (const path of ['/api/auth/prelogin', '/api/auth/login', '/api/auth/signup']) {
      const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nested });
      expect(res.status, path).toBe(413);
      expect((await json(res)).error).toEqual({ code: 'body_too_large', message: 'The request body is larger than 8 KB.' });
    }
    const padded = await post(app, '/api/auth/signup', { ...signupBodyFor('pad@example.org'), padding: 'x'.repeat(9000) });
    expect(padded.status).toBe(413);
    expect((await post(app, '/api/auth/signup', signupBodyFor('pad@example.org'))).status).toBe(201);
  });
});

describe('the data directory is private', () => {
  const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

  it('creates the directory 0700 and the database with its WAL and shared-memory files 0600', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'aurea-modes-'));
    try {
      const dir = join(parent, 'data');
      const app = start({}, { dataDir: dir, keep: true });
      await signupRaw(app, 'modes@example.org');
      expect(mode(dir)).toBe('700');
      for (const f of ['aurea.sqlite', 'aurea.sqlite-wal', 'aurea.sqlite-shm', 'jwt-secret', 'prelogin-secret']) expect(mode(join(dir, f)), f).toBe('600');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('tightens a directory and database left readable by an older version', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'aurea-modes-'));
    try {
      const dir = join(parent, 'data');
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755);
      writeFileSync(join(dir, 'aurea.sqlite'), '', { mode: 0o644 });
      chmodSync(join(dir, 'aurea.sqlite'), 0o644);
      const app = start({}, { dataDir: dir, keep: true });
      await signupRaw(app, 'old@example.org');
      expect(mode(dir)).toBe('700');
      expect(mode(join(dir, 'aurea.sqlite'))).toBe('600');
      expect(mode(join(dir, 'aurea.sqlite-wal'))).toBe('600');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('malformed addresses', () => {
  it('answers 400, not 500, to a broken percent-escape in a path of the app', async () => {
    const site = mkdtempSync(join(tmpdir(), 'aurea-site-'));
    try {
      writeFileSync(join(site, 'index.html'), '<!doctype html><title>Aurea</title>');
      const app = start({ STATIC_DIR: site }, { dataDir: ':memory:' });
      for (const path of ['/%E0%A4', '/today/%ZZ', '/%']) {
        const res = await app.request(path);
        expect(res.status, path).toBe(400);
        expect(await res.text()).toMatch(/malformed percent-escape/);
      }
      expect((await app.request('/today')).status).toBe(200);
      expect((await app.request('/caf%C3%A9')).status).toBe(200);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

describe('transport and caching', () => {
  it('marks every answer that carries tokens, keyrings or ciphertext no-store, errors included', async () => {
    const app = start({ RATE_LIMIT_LOGIN: 2 });
    const acct = await signupRaw(app, 'cache@example.org');
    const answers: [string, Response][] = [
      ['signup', await post(app, '/api/auth/signup', signupBodyFor('cache2@example.org'))],
      ['signup taken', await post(app, '/api/auth/signup', signupBodyFor('cache@example.org'))],
      ['prelogin', await post(app, '/api/auth/prelogin', { email: acct.email })],
      ['login', await post(app, '/api/auth/login', { email: acct.email, auth_key: acct.authKey })],
      ['login wrong', await post(app, '/api/auth/login', { email: acct.email, auth_key: b64(32) })],
      ['login limited', await post(app, '/api/auth/login', { email: acct.email, auth_key: b64(32) })],
      ['keyring', await app.request('/api/keyring', { token: acct.token })],
      ['keyring no token', await app.request('/api/keyring')],
      ['pull', await app.request('/api/sync/pull?since=0', { token: acct.token })],
      ['pull bad query', await app.request('/api/sync/pull?since=x', { token: acct.token })],
      ['push', await push(app, acct.token, [{ id: rid(), bytes: 100 }])],
    ];
    expect(answers.find(([, r]) => r.status === 429), 'the limited login').toBeDefined();
    for (const [what, res] of answers) expect(res.headers.get('cache-control'), what).toBe('no-store');
    // Food lookups stay cacheable (no secrets in them).
    expect((await app.request('/api/health')).headers.get('cache-control')).toBeNull();
  });

  it('sends HSTS only on answers that came over https (directly, or as a trusted proxy reports)', async () => {
    const direct = start({}, { dataDir: ':memory:' });
    expect((await direct.server.app.request('https://aurea.test/api/health')).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await direct.server.app.request('http://aurea.test/api/health')).headers.get('strict-transport-security')).toBeNull();
    // Without a trusted proxy, X-Forwarded-Proto is the client's word: ignored.
    expect((await direct.server.app.request('http://aurea.test/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull();
    const proxied = start({ TRUST_PROXY: 'true' }, { dataDir: ':memory:' });
    expect((await proxied.server.app.request('http://aurea.test/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect((await proxied.server.app.request('http://aurea.test/api/health', { headers: { 'x-forwarded-proto': 'http' } })).headers.get('strict-transport-security')).toBeNull();
  });
});

describe('sign-out and request ids', () => {
  it('sign-out ends that token on the server, across a restart; the account\'s other sessions go on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aurea-signout-'));
    try {
      const app = start({}, { dataDir: dir, keep: true });
      const acct = await signupRaw(app, 'leaving@example.org');
      const other = (await json(await post(app, '/api/auth/login', { email: acct.email, auth_key: acct.authKey }))).token as string;
      const out = await app.request('/api/sync/sign-out', { method: 'POST', token: acct.token });
      expect(out.status).toBe(200);
      expect(await json(out)).toEqual({ signed_out: true });
      expect((await app.request('/api/sync/pull?since=0', { token: acct.token })).status).toBe(401);
      expect((await app.request('/api/keyring', { token: acct.token })).status).toBe(401);
      expect((await app.request('/api/sync/pull?since=0', { token: other })).status).toBe(200);
      app.close();
      apps = apps.filter((a) => a !== app);
      const again = start({}, { dataDir: dir, keep: true, clock: app.clock });
      expect((await again.request('/api/sync/pull?since=0', { token: acct.token })).status).toBe(401);
      expect((await again.request('/api/sync/pull?since=0', { token: other })).status).toBe(200);
      const audit = again.server.deps.db.prepare("SELECT count(*) AS n FROM audit WHERE event = 'sign_out'").get() as { n: number };
      expect(audit.n).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a client request id only in a short safe format; anything else is replaced by a generated one, also in the audit trail', async () => {
    const app = start({}, { dataDir: ':memory:' });
    const kept = await app.request('/api/health', { headers: { 'x-request-id': 'app-1234.abc_DEF' } });
    expect(kept.headers.get('x-request-id')).toBe('app-1234.abc_DEF');
    for (const bad of ['x'.repeat(65), 'a b', 'id"};drop', 'é', '../../etc']) {
      const res = await post(app, '/api/auth/login', { email: 'nobody@example.org', auth_key: b64(32) }, { 'x-request-id': bad });
      expect(res.headers.get('x-request-id'), bad).toMatch(/^[0-9a-f-]{36}$/);
    }
    const ids = (app.server.deps.db.prepare('SELECT request_id FROM audit').all() as { request_id: string }[]).map((r) => r.request_id);
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
