import { afterEach, describe, expect, it } from 'vitest';
import { b64, signupRaw, type RawAccount } from './helpers/accounts';
import { startTestApp, type TestApp } from './helpers/sync-app';

let app: TestApp;
afterEach(() => app?.close());

type Rec = { id: string; collection: string; hlc: string; deleted: boolean; ciphertext: string };
type PushRes = { results: { id: string; status: 'accepted' | 'ignored'; seq: number; hlc: string }[]; seq: number };
type PullRes = { records: (Rec & { seq: number })[]; next: number; more: boolean; seq: number };

const T = Date.UTC(2026, 5, 1, 12);
const hlc = (ms: number, node = 'nodeA', counter = 0) => `${String(T + ms).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${node}`;
const rec = (id: string, at: number, over: Partial<Rec> = {}): Rec => ({ id, collection: 'log', hlc: hlc(at), deleted: false, ciphertext: b64(120), ...over });

async function push(acct: RawAccount, records: Rec[]) {
  const res = await app.request('/api/sync/push', { method: 'POST', token: acct.token, json: { records } });
  return { status: res.status, body: (await res.json()) as PushRes & { error?: { code: string; message: string } } };
}
async function pull(acct: RawAccount, since = 0, limit?: number) {
  const res = await app.request(`/api/sync/pull?since=${since}${limit ? `&limit=${limit}` : ''}`, { token: acct.token });
  expect(res.status).toBe(200);
  return (await res.json()) as PullRes;
}
async function pullAll(acct: RawAccount) {
  const out: PullRes['records'] = [];
  let since = 0;
  for (;;) {
    const page = await pull(acct, since, 3);
    out.push(...page.records);
    since = page.next;
    if (!page.more) return out;
  }
}

describe('push and pull', () => {
  it('numbers accepted writes, keeps the later version per record and pages by sequence', async () => {
    app = startTestApp({}, { dataDir: ':memory:' });
    const a = await signupRaw(app, 'a@example.org');
    const [x, y, z] = [b64(32), b64(32), b64(32)];
    const first = await push(a, [rec(x, 1), rec(y, 1), rec(z, 1)]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ results: [x, y, z].map((id, i) => ({ id, status: 'accepted', seq: i + 1, hlc: hlc(1) })), seq: 3 });

    const newer = rec(y, 5, { deleted: true });
    const older = rec(z, 0);
    const second = await push(a, [newer, older]);
    expect(second.body.results).toEqual([
      { id: y, status: 'accepted', seq: 4, hlc: hlc(5) },
      { id: z, status: 'ignored', seq: 3, hlc: hlc(1) },
    ]);
    expect(second.body.seq).toBe(4);

    const all = await pull(a);
    expect(all.records.map((r) => [r.id, r.seq, r.deleted])).toEqual([
      [x, 1, false],
      [z, 3, false],
      [y, 4, true],
    ]);
    expect(all.records[2]!.ciphertext).toBe(newer.ciphertext);
    expect(all).toMatchObject({ next: 4, more: false, seq: 4 });

    const page = await pull(a, 0, 2);
    expect(page).toMatchObject({ next: 3, more: true, seq: 4 });
    expect((await pull(a, 3)).records.map((r) => r.id)).toEqual([y]);
    expect(await pull(a, 4)).toEqual({ records: [], next: 4, more: false, seq: 4 });
  });

  it('a replayed push changes nothing; out-of-order pushes converge on the latest versions', async () => {
    app = startTestApp({}, { dataDir: ':memory:' });
    const a = await signupRaw(app, 'replay@example.org');
    const b = await signupRaw(app, 'order@example.org');
    const ids = Array.from({ length: 6 }, () => b64(32));
    // Three versions of each record, in batches.
    const versions = [0, 1, 2].map((v) => ids.map((id, i) => rec(id, 10 * v + i, { ciphertext: b64(100 + v) })));
    const batch = versions[1]!;
    const once = await push(a, batch);
    const twice = await push(a, batch);
    expect(twice.body.results).toEqual(once.body.results);
    expect(twice.body.seq).toBe(once.body.seq);

    // Same versions to another account in every order: the end state is the newest version of each.
    for (const order of [[0, 1, 2], [2, 1, 0], [1, 2, 0]]) for (const v of order) await push(b, versions[v]!);
    const bState = await pullAll(b);
    expect(bState.map((r) => [r.id, r.hlc, r.ciphertext]).sort()).toEqual(versions[2]!.map((r) => [r.id, r.hlc, r.ciphertext]).sort());
    // Paging through the sequence sees each record once.
    expect(new Set(bState.map((r) => r.id)).size).toBe(ids.length);
  });

  it('one account can never read or overwrite another’s records', async () => {
    app = startTestApp({}, { dataDir: ':memory:' });
    const a = await signupRaw(app, 'alice@example.org');
    const e = await signupRaw(app, 'eve@example.org');
    const shared = b64(32);
    const mine = rec(shared, 1);
    await push(a, [mine, rec(b64(32), 1)]);
    expect(await pull(e)).toEqual({ records: [], next: 0, more: false, seq: 0 });

    // Eve pushes the same id with a later stamp: it lands in her own space only.
    const hers = rec(shared, 99, { hlc: hlc(99, 'nodeE') });
    expect((await push(e, [hers])).body.results[0]).toMatchObject({ status: 'accepted', seq: 1 });
    const alice = await pull(a);
    expect(alice.records.find((r) => r.id === shared)!.ciphertext).toBe(mine.ciphertext);
    expect(alice.seq).toBe(2);
    expect((await pull(e)).records.map((r) => r.ciphertext)).toEqual([hers.ciphertext]);
    // Query parameters cannot name an account.
    const sneaky = await app.request(`/api/sync/pull?since=0&account=whatever`, { token: e.token });
    expect(((await sneaky.json()) as PullRes).records).toHaveLength(1);
  });
});

describe('request validation', () => {
  it('refuses malformed and oversized pushes with a clear 4xx, storing nothing', async () => {
    app = startTestApp({}, { dataDir: ':memory:' });
    const a = await signupRaw(app, 'strict@example.org');
    const id = b64(32);
    const cases: [unknown, number, RegExp][] = [
      [{ records: [] }, 400, /records: records must not be empty/],
      [{ records: Array.from({ length: 501 }, () => rec(b64(32), 1, { ciphertext: b64(29) })) }, 400, /at most 500 records per push/],
      [{ records: [rec(id, 1, { hlc: '2026-06-01T00:00:00Z' })] }, 400, /records\.0\.hlc/],
      [{ records: [rec('short', 1)] }, 400, /records\.0\.id: record id is too short/],
      [{ records: [rec(id, 1, { collection: 'photos' })] }, 400, /records\.0\.collection/],
      [{ records: [rec(id, 1, { ciphertext: 'not base64!' })] }, 400, /records\.0\.ciphertext/],
      [{ records: [rec(id, 1, { ciphertext: b64(64 * 1024 + 1) })] }, 400, /ciphertext is too long/],
      [{ records: [{ ...rec(id, 1), deleted: 'no' }] }, 400, /records\.0\.deleted/],
    ];
    for (const [body, status, message] of cases) {
      const res = await app.request('/api/sync/push', { method: 'POST', token: a.token, json: body });
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    // Exactly 64 KB is fine.
    expect((await push(a, [rec(id, 1, { ciphertext: b64(64 * 1024) })])).status).toBe(200);
    const huge = await app.request('/api/sync/push', { method: 'POST', token: a.token, json: { records: Array.from({ length: 40 }, () => rec(b64(32), 1, { ciphertext: b64(60_000) })) } });
    expect(huge.status).toBe(413);
    expect((await pull(a)).records).toHaveLength(1);
    for (const q of ['since=-1', 'since=abc', 'limit=0', 'limit=5000']) expect((await app.request(`/api/sync/pull?${q}`, { token: a.token })).status).toBe(400);
  });
});
