import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DailyLog } from '../../shared/schema';
import { changePassphrase, createAccount, deleteAccount, recoverAccount, signIn, type SignedIn } from '../../shared/sync/account';
import { toBase64Url, utf8 } from '../../shared/sync/bytes';
import { applyLocalPatch, emptyDoc } from '../../shared/sync/doc';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { encryptRecord, recordIdFor } from '../../shared/sync/envelope';
import { SyncAuthError, SyncRateLimitedError, SyncUnreachableError, WrongPassphraseError } from '../../shared/sync/errors';
import { encodeHlc } from '../../shared/sync/hlc';
import { logFields } from '../../shared/sync/collections';
import { MemorySyncStore } from '../../shared/sync/store';
import { SyncClient, type SyncTransport } from '../../shared/sync/transport';
import { BASE_URL, startTestApp, type TestApp } from './helpers/sync-app';

const EMAIL = 'robin@example.org';
const PASSPHRASE = 'quiet harbour lantern seven';
const MIN = 60_000;

let app: TestApp;
afterEach(() => app?.close());

interface Device {
  store: MemorySyncStore;
  client: SyncClient;
  engine: SyncEngine;
  session: SignedIn;
}

function deviceFor(session: SignedIn, client: SyncClient, nodeId: string, transport: SyncTransport = client, clockOffsetMs = 0): Device {
  const store = new MemorySyncStore(() => app.clock.now());
  const clock = { now: () => app.clock.now() + clockOffsetMs };
  const engine = createSyncEngine({ transport, store, keys: session.keys, clock, nodeId });
  return { store, client, engine, session };
}

async function firstDevice(nodeId = 'deviceA') {
  const client = app.client();
  const created = await createAccount(client, { email: EMAIL, passphrase: PASSPHRASE });
  return { device: deviceFor(created, client, nodeId), recoveryKey: created.recoveryKey };
}

async function anotherDevice(nodeId: string, passphrase = PASSPHRASE, wrap?: (c: SyncClient) => SyncTransport, clockOffsetMs = 0) {
  const client = app.client();
  const session = await signIn(client, { email: EMAIL, passphrase });
  return deviceFor(session, client, nodeId, wrap ? wrap(client) : client, clockOffsetMs);
}

const day = (date: string, over: Partial<DailyLog> = {}): DailyLog => ({
  id: `id-${date}`,
  date,
  ingredients: ['oats', 'milk'],
  symptoms: { bloating: 1, energy: 3, focus: 3 },
  cycle_phase: null,
  created_at: `${date}T08:00:00.000Z`,
  updated_at: `${date}T08:00:00.000Z`,
  ...over,
});

const sortedLogs = (d: Device) => [...d.store.logs.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
/** Logs as the person sees them (updated_at is derived from clock stamps and may differ by device). */
const content = (d: Device) => sortedLogs(d).map(({ updated_at: _u, ...rest }) => rest);

async function serverRecords(token: string) {
  const res = await app.request('/api/sync/pull?since=0&limit=1000', { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { records: { id: string; seq: number; deleted: boolean; ciphertext: string }[] };
}

describe('two devices through the real server', () => {
  it('offline edits of the same day in different fields, and of different days, converge with nothing duplicated', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    a.store.saveLog(day('2026-06-01'), app.clock.now());
    a.store.saveLog(day('2026-06-03', { ingredients: ['rye bread'] }), app.clock.now());
    const b = await anotherDevice('deviceB');
    b.store.saveLog(day('2026-06-02', { ingredients: ['lentils'], notes: 'from B' }), app.clock.now());

    const first = await a.engine.sync();
    expect(first).toMatchObject({ folded: 2, pushed: 2, rejected: [] });
    await b.engine.sync();
    await a.engine.sync();
    expect(content(a)).toEqual(content(b));
    expect(sortedLogs(a).map((l) => l.date)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);

    // Both offline: A changes ingredients of the 1st and deletes the 3rd; B rates the 1st and adds the 4th.
    app.clock.advance(MIN);
    a.store.saveLog(day('2026-06-01', { ingredients: ['oats', 'milk', 'kefir'] }), app.clock.now());
    a.store.deleteLog('2026-06-03', app.clock.now());
    app.clock.advance(MIN);
    b.store.saveLog(day('2026-06-01', { symptoms: { bloating: 4, energy: 2, focus: 3 }, notes: 'bloated after lunch' }), app.clock.now());
    b.store.saveLog(day('2026-06-04', { ingredients: ['tofu'] }), app.clock.now());

    await a.engine.sync();
    const rb = await b.engine.sync();
    expect(rb.rejected).toEqual([]);
    expect(rb.applied).toBeGreaterThanOrEqual(2);
    await a.engine.sync();

    expect(content(a)).toEqual(content(b));
    const merged = a.store.logs.get('2026-06-01')!;
    expect(merged.ingredients).toEqual(['oats', 'milk', 'kefir']);
    expect(merged.symptoms).toEqual({ bloating: 4, energy: 2, focus: 3 });
    expect(merged.notes).toBe('bloated after lunch');
    expect(merged.id).toBe('id-2026-06-01');
    expect(a.store.logs.has('2026-06-03')).toBe(false);
    expect(b.store.logs.has('2026-06-03')).toBe(false);
    expect(sortedLogs(b).map((l) => l.date)).toEqual(['2026-06-01', '2026-06-02', '2026-06-04']);

    // One record per day on the server (the deleted day as a tombstone), whatever was pushed how often.
    const { records } = await serverRecords(a.client.token!);
    const expectedIds = await Promise.all(['01', '02', '03', '04'].map((d) => recordIdFor(a.session.keys, `log:2026-06-${d}`)));
    expect(records.map((r) => r.id).sort()).toEqual([...expectedIds].sort());
    expect(records.find((r) => r.id === expectedIds[2])!.deleted).toBe(true);

    // Nothing left to do: a further sync moves nothing.
    const idle = await b.engine.sync();
    expect(idle).toMatchObject({ folded: 0, pushed: 0, applied: 0, rejected: [] });
  });

  it('a device that lost a race re-pushes its merge, so the server ends with both edits', async () => {
    app = startTestApp();
    // Gates make the race deterministic: B pulls before A pushes and pushes after A, so B's later version
    // (without A's note) replaces A's on the server: the lost update the clients must repair.
    let racing = false;
    const deferred = () => {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    };
    const bPulled = deferred();
    const aPushed = deferred();
    const created = await createAccount(app.client(), { email: EMAIL, passphrase: PASSPHRASE });
    const aClient = app.client({ credentials: { email: EMAIL, authKey: created.authKey } });
    const a = deviceFor(created, aClient, 'deviceA', {
      pull: (since, limit) => aClient.pull(since, limit),
      push: async (records) => {
        if (racing) await bPulled.promise;
        const res = await aClient.push(records);
        if (racing) aPushed.resolve();
        return res;
      },
    });
    a.store.saveLog(day('2026-06-10'), app.clock.now());
    await a.engine.sync();
    const b = await anotherDevice('deviceB', PASSPHRASE, (client) => ({
      pull: async (since, limit) => {
        const page = await client.pull(since, limit);
        if (racing) bPulled.resolve();
        return page;
      },
      push: async (records) => {
        if (racing) await aPushed.promise;
        return client.push(records);
      },
    }), 1000 /* B's clock runs a second ahead, so its version wins */);
    await b.engine.sync();

    app.clock.advance(MIN);
    a.store.saveLog(day('2026-06-10', { notes: 'note from A' }), app.clock.now());
    b.store.saveLog(day('2026-06-10', { ingredients: ['oats', 'milk', 'honey'] }), app.clock.now());
    racing = true;
    const [ra, rb] = await Promise.all([a.engine.sync(), b.engine.sync()]);
    racing = false;
    expect(ra.pushed).toBe(1);
    expect(rb.pushed).toBe(1);
    expect(rb.pulled).toBe(0);

    // A's next sync sees B's version lacks its note, merges and pushes again.
    const again = await a.engine.sync();
    expect(again.pulled).toBe(1);
    expect(again.pushed).toBe(1);

    const c = await anotherDevice('deviceC');
    await c.engine.sync();
    expect(c.store.logs.get('2026-06-10')).toMatchObject({ notes: 'note from A', ingredients: ['oats', 'milk', 'honey'] });
    await b.engine.sync();
    expect(content(b)).toEqual(content(c));
    expect(content(a)).toEqual(content(c));
  });

  it('keeps a local edit made while a sync is applying remote changes', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    a.store.saveLog(day('2026-06-20'), app.clock.now());
    await a.engine.sync();
    const b = await anotherDevice('deviceB');
    await b.engine.sync();
    app.clock.advance(MIN);
    a.store.saveLog(day('2026-06-20', { ingredients: ['oats', 'milk', 'banana'] }), app.clock.now());
    await a.engine.sync();

    // During B's pull, the person saves a note on the same day (as another tab or the UI would).
    let edited = false;
    const wrapped = createSyncEngine({
      store: b.store,
      keys: b.session.keys,
      clock: app.clock,
      nodeId: 'deviceB',
      transport: {
        push: (r) => b.client.push(r),
        pull: async (since, limit) => {
          const page = await b.client.pull(since, limit);
          if (!edited && page.records.length) {
            edited = true;
            app.clock.advance(1000);
            const current = b.store.logs.get('2026-06-20')!;
            b.store.saveLog({ ...current, notes: 'typed during sync' }, app.clock.now());
          }
          return page;
        },
      },
    });
    await wrapped.sync();
    expect(b.store.logs.get('2026-06-20')).toMatchObject({ ingredients: ['oats', 'milk', 'banana'], notes: 'typed during sync' });
    await a.engine.sync();
    expect(a.store.logs.get('2026-06-20')).toMatchObject({ ingredients: ['oats', 'milk', 'banana'], notes: 'typed during sync' });
  });
});

describe('engine bookkeeping', () => {
  it('runs one sync at a time and resumes from its stored cursor and clock after a restart', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    for (const d of ['01', '02', '03']) a.store.saveLog(day(`2026-11-${d}`), app.clock.now());
    const p1 = a.engine.sync();
    const p2 = a.engine.sync();
    expect(p2).toBe(p1);
    await p1;
    const state = await a.store.readState();
    expect(state.hlc).toMatch(/-deviceA$/);

    const b = await anotherDevice('deviceB');
    expect((await b.engine.sync()).pulled).toBe(3);
    // A new engine over the same store (an app restart) pulls nothing it already has.
    const restarted = createSyncEngine({ transport: b.client, store: b.store, keys: b.session.keys, clock: app.clock, nodeId: 'deviceB' });
    expect(await restarted.sync()).toMatchObject({ pulled: 0, pushed: 0, applied: 0 });
    // Its clock continues after the stored one, even if the wall clock went back.
    const before = (await b.store.readState()).hlc!;
    app.clock.advance(-3_600_000);
    b.store.saveLog(day('2026-11-04'), app.clock.now());
    await restarted.sync();
    expect((await b.store.readState()).hlc! > before).toBe(true);
  });
});

describe('authentication of what the server sends', () => {
  it('reports tampered, swapped and mislabelled records and applies none of them', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    for (const d of ['01', '02', '03', '04']) a.store.saveLog(day(`2026-07-${d}`, { notes: `day ${d}` }), app.clock.now());
    await a.engine.sync();

    // A record whose encrypted content names another day than its id (only a key holder could make it).
    const keys = a.session.keys;
    const id5 = await recordIdFor(keys, 'log:2026-07-05');
    const doc = applyLocalPatch(emptyDoc('log:2026-07-01'), logFields(day('2026-07-01', { notes: 'forged' })), app.clock.now(), 'deviceA');
    const ct = await encryptRecord(keys, 'log', id5, utf8(JSON.stringify(doc)));
    await a.client.push([{ id: id5, collection: 'log', hlc: encodeHlc({ wall: app.clock.now(), counter: 0, node: 'deviceA' }), deleted: false, ciphertext: toBase64Url(ct) }]);

    // The server (or someone with its disk) flips a byte in one record and swaps two others.
    const db = app.server.deps.db;
    const [id1, id2, id3] = await Promise.all(['01', '02', '03'].map((d) => recordIdFor(keys, `log:2026-07-${d}`)));
    const row = (id: string) => db.prepare('SELECT ciphertext FROM records WHERE id = ?').get(Buffer.from(id, 'base64url')) as { ciphertext: Buffer };
    const flipped = Buffer.from(row(id1!).ciphertext);
    flipped[flipped.length - 5]! ^= 0x40;
    const c2 = row(id2!).ciphertext;
    const c3 = row(id3!).ciphertext;
    const set = db.prepare('UPDATE records SET ciphertext = ? WHERE id = ?');
    const key = (id: string) => Buffer.from(id, 'base64url');
    set.run(flipped, key(id1!));
    set.run(c3, key(id2!));
    set.run(c2, key(id3!));

    const b = await anotherDevice('deviceB');
    const report = await b.engine.sync();
    expect(report.pulled).toBe(5);
    expect(report.rejected.map((r) => r.id).sort()).toEqual([id1, id2, id3, id5].sort());
    for (const r of report.rejected.filter((x) => x.id !== id5)) expect(r.reason).toMatch(/authentication failed/);
    expect(report.rejected.find((r) => r.id === id5)!.reason).toMatch(/does not match its id/);
    expect([...b.store.logs.keys()]).toEqual(['2026-07-04']);
    expect(b.store.logs.get('2026-07-04')!.notes).toBe('day 04');
    expect(report.cursor).toBeGreaterThanOrEqual(5);
  });
});

describe('what the server stores', () => {
  it('holds no ingredient name, symptom name or date of the synced logs in its SQLite file or WAL', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    a.store.saveSymptomDefinitions([{ key: 'jawtension', label: 'Jaw tension', polarity: 'higher_is_worse', builtin: false }], app.clock.now());
    a.store.saveLog(day('2026-08-11', { ingredients: ['quinoa', 'fermented kohlrabi'], symptoms: { bloating: 3, jawtension: 2 }, notes: 'Zanzibar trip' }), app.clock.now());
    a.store.saveLog(day('2026-08-12', { ingredients: ['sauerkraut', 'quinoa'], symptoms: { energy: 4 } }), app.clock.now());
    a.store.saveSettings('display', { theme: 'midnight-plum' }, app.clock.now());
    await a.engine.sync();
    const b = await anotherDevice('deviceB');
    await b.engine.sync();
    expect(b.store.logs.get('2026-08-11')?.ingredients).toEqual(['quinoa', 'fermented kohlrabi']);

    const files = ['aurea.sqlite', 'aurea.sqlite-wal'].map((f) => join(app.dataDir, f)).filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(4096);
    const secrets = ['quinoa', 'fermented kohlrabi', 'sauerkraut', 'bloating', 'jawtension', 'Jaw tension', 'Zanzibar', 'midnight-plum', '2026-08-11', '2026-08-12', '20260811'];
    for (const s of secrets) {
      expect(bytes.includes(Buffer.from(s, 'utf8')), `${s} in the database`).toBe(false);
      expect(bytes.includes(Buffer.from(s, 'utf16le')), `${s} (UTF-16) in the database`).toBe(false);
    }
    // Sanity: the account's email is there (the accounts table), so the scan does read the data.
    expect(bytes.includes(Buffer.from(EMAIL))).toBe(true);
  });
});

describe('account changes seen by the engine', () => {
  it('a passphrase change signs other devices out; they sign in again and carry on without re-uploading', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    a.store.saveLog(day('2026-09-01'), app.clock.now());
    await a.engine.sync();
    const b = await anotherDevice('deviceB');
    await b.engine.sync();

    await changePassphrase(a.client, { email: EMAIL, currentPassphrase: PASSPHRASE, newPassphrase: 'a completely new passphrase' });
    await expect(b.engine.sync()).rejects.toBeInstanceOf(SyncAuthError);
    await expect(signIn(app.client(), { email: EMAIL, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(WrongPassphraseError);

    const again = await signIn(b.client, { email: EMAIL, passphrase: 'a completely new passphrase' });
    const b2 = createSyncEngine({ transport: b.client, store: b.store, keys: again.keys, clock: app.clock, nodeId: 'deviceB' });
    const report = await b2.sync();
    expect(report).toMatchObject({ pulled: 0, pushed: 0, rejected: [] });
    a.store.saveLog(day('2026-09-02'), app.clock.now());
    await a.engine.sync();
    await b2.sync();
    expect(content(b)).toEqual(content(a));
  });

  it('the recovery key restores the account on a new device with a new passphrase', async () => {
    app = startTestApp();
    const { device: a, recoveryKey } = await firstDevice();
    a.store.saveLog(day('2026-09-10', { notes: 'kept safe' }), app.clock.now());
    await a.engine.sync();

    const client = app.client();
    const restored = await recoverAccount(client, { email: EMAIL, recoveryKey, newPassphrase: 'the passphrase after recovery' });
    const c = deviceFor(restored, client, 'deviceC');
    await c.engine.sync();
    expect(content(c)).toEqual(content(a));
    await expect(signIn(app.client(), { email: EMAIL, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(WrongPassphraseError);
    await signIn(app.client(), { email: EMAIL, passphrase: 'the passphrase after recovery' });
  });

  it('deleting the account ends sync but keeps the diary on the device', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    a.store.saveLog(day('2026-09-20'), app.clock.now());
    await a.engine.sync();
    await expect(deleteAccount(a.client, { email: EMAIL, passphrase: 'not the passphrase' })).rejects.toBeInstanceOf(WrongPassphraseError);
    await deleteAccount(a.client, { email: EMAIL, passphrase: PASSPHRASE });
    await expect(a.engine.sync()).rejects.toBeInstanceOf(SyncAuthError);
    expect(a.store.logs.get('2026-09-20')?.ingredients).toEqual(['oats', 'milk']);
    const count = app.server.deps.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
    expect(count.n).toBe(0);
  });
});

describe('transport errors', () => {
  it("says it can't reach the server when nothing answers", async () => {
    app = startTestApp();
    const client = new SyncClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 5000, token: 'x.y.z' });
    const attempt = client.pull(0, 10);
    await expect(attempt).rejects.toBeInstanceOf(SyncUnreachableError);
    await expect(attempt).rejects.toThrow("Can't reach your sync server");
  });

  it('passes on 429 with the Retry-After wait', async () => {
    app = startTestApp({ RATE_LIMIT_PER_USER: 3 });
    const { device: a } = await firstDevice();
    await a.engine.sync();
    let error: unknown;
    for (let i = 0; i < 5 && !error; i++) await a.engine.sync().catch((e) => (error = e));
    expect(error).toBeInstanceOf(SyncRateLimitedError);
    expect((error as SyncRateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect((error as SyncRateLimitedError).retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('signs in again by itself when the token expires', async () => {
    app = startTestApp();
    const { device: a } = await firstDevice();
    const before = a.client.token;
    app.clock.advance(31 * MIN);
    a.store.saveLog(day('2026-10-01'), app.clock.now());
    const report = await a.engine.sync();
    expect(report.pushed).toBe(1);
    expect(a.client.token).not.toBe(before);
    expect(BASE_URL).toMatch(/^http/);
  });
});
