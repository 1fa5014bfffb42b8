import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AureaDb } from '../../../app/db/db';
import { addCustomSymptom, applyImport, deleteAllData, deleteLog, removeCustomSymptom, restoreLog, saveLog, setSetting } from '../../../app/db/repo';
import {
  changeSyncPassphrase,
  createSyncAccount,
  deleteSyncAccount,
  reconnectSync,
  recoverSyncAccount,
  signInToSync,
  signOutOfSync,
  SyncInputError,
} from '../../../app/sync/account';
import { installSyncHooks } from '../../../app/sync/hooks';
import { passphraseStrength } from '../../../app/sync/passphrase';
import { backoffDelay, SyncRuntime } from '../../../app/sync/runtime';
import { describeSync, readSyncSnapshot, type SyncSnapshot } from '../../../app/sync/status';
import { DexieSyncStore, SyncStoppedError } from '../../../app/sync/store';
import { ACCOUNT_ROW_ID, type SyncAccountRow } from '../../../app/sync/types';
import type { DailyLog, SymptomDefinition } from '../../../shared/schema';
import type { OutboxEntry } from '../../../shared/sync/collections';
import { applyLocalPatch, emptyDoc } from '../../../shared/sync/doc';
import { WrongPassphraseError } from '../../../shared/sync/errors';
import { recordIdFor } from '../../../shared/sync/envelope';
import type { SyncKeys } from '../../../shared/sync/keyring';
import { MemorySyncStore, type StoredDoc } from '../../../shared/sync/store';
import { BASE_URL, startTestApp, type TestApp } from '../../server/helpers/sync-app';

/**
 * The app's Dexie SyncStore (app/sync/store.ts) against the reference MemorySyncStore, the write hooks in
 * app/db/repo.ts, and the account flows and background runtime of app/sync through the real server app.
 */

beforeAll(() => installSyncHooks());

let n = 0;
const dbs: AureaDb[] = [];
function freshDb(): AureaDb {
  const db = new AureaDb(`sync-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
let app: TestApp | null = null;
afterEach(async () => {
  vi.useRealTimers();
  app?.close();
  app = null;
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function testKeys(): Promise<SyncKeys> {
  const dataKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const idKey = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
  return { accountTag: 'test-tag', dataKey, idKey };
}

/** Turns sync on for a database without a server: enough for the store's own behaviour. */
async function enable(db: AureaDb, generation = 'gen-1'): Promise<void> {
  const row: SyncAccountRow = {
    id: ACCOUNT_ROW_ID,
    generation,
    email: 'robin@example.org',
    serverUrl: 'http://aurea.test',
    nodeId: 'devicedexie',
    keys: await testKeys(),
    authKey: 'x'.repeat(43),
    token: null,
    tokenExpiresAt: null,
    signedInAt: new Date().toISOString(),
    sessionEnded: false,
  };
  await db.syncAccount.put(row);
}

const strip = (entries: OutboxEntry[]) => entries.map(({ seq: _s, ...rest }) => rest);
const content = (logs: DailyLog[]) => logs.map(({ updated_at: _u, ...rest }) => rest).sort((a, b) => (a.date < b.date ? -1 : 1));

describe('local writes queue sync changes in the same transaction', () => {
  it('queues nothing while sync is off', async () => {
    const db = freshDb();
    await saveLog(db, { date: '2026-03-01', ingredients: ['milk'], symptoms: { bloating: 2 } });
    await addCustomSymptom(db, { label: 'Headache', polarity: 'higher_is_worse' });
    await setSetting(db, 'trackCycle', true);
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('queues the same changes as MemorySyncStore for logs, symptoms and settings', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
    const db = freshDb();
    await enable(db);
    const mem = new MemorySyncStore(() => Date.now());

    const first = await saveLog(db, { date: '2026-03-01', ingredients: ['Milk', 'oats'], symptoms: { bloating: 2 } }, new Date('2026-03-01T09:00:00Z'));
    mem.saveLog(first.log, Date.parse(first.log.updated_at));
    // Same day, one field changed: only that field is queued.
    const second = await saveLog(db, { date: '2026-03-01', ingredients: ['milk', 'oats'], symptoms: { bloating: 4 } }, new Date('2026-03-01T10:00:00Z'));
    mem.saveLog(second.log, Date.parse(second.log.updated_at));

    vi.setSystemTime(new Date('2026-03-01T11:00:00Z'));
    const headache = await addCustomSymptom(db, { label: 'Headache', polarity: 'higher_is_worse' });
    mem.saveSymptomDefinitions([headache], Date.now());
    await setSetting(db, 'trackCycle', true);
    mem.saveSettings('preferences', { trackCycle: true }, Date.now());
    await setSetting(db, 'theme', 'dark'); // appearance stays per device
    await setSetting(db, 'onboarded', true); // device bookkeeping too

    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'));
    await deleteLog(db, '2026-03-01');
    mem.deleteLog('2026-03-01', Date.now());
    await removeCustomSymptom(db, 'headache');
    mem.saveSymptomDefinitions([], Date.now());

    const store = new DexieSyncStore(db);
    const entries = await store.readOutbox(100);
    expect(strip(entries)).toEqual(strip(await mem.readOutbox(100)));
    expect(entries.map((e) => e.name)).toEqual(['log:2026-03-01', 'log:2026-03-01', 'symptoms:definitions', 'settings:preferences', 'log:2026-03-01', 'symptoms:definitions']);
    expect(entries[1]).toMatchObject({ op: 'patch', fields: { 'symptom:bloating': 4 } });
    expect(Object.keys((entries[1] as { fields: object }).fields)).toEqual(['symptom:bloating']);
    // seq strictly increasing, oldest first
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('a failed transaction writes neither the log nor its outbox row', async () => {
    const db = freshDb();
    await enable(db);
    await expect(
      db.transaction('rw', [db.logs, db.syncOutbox, db.syncAccount, db.syncDocs, db.syncMeta], async () => {
        await saveLog(db, { date: '2026-03-02', ingredients: ['rice'], symptoms: {} });
        expect(await db.syncOutbox.count()).toBe(1); // written inside the transaction…
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await db.logs.count()).toBe(0); // …and rolled back with the log
    expect(await db.syncOutbox.count()).toBe(0);

    // Invalid input writes nothing at all.
    await expect(saveLog(db, { date: '2026-02-30', ingredients: [], symptoms: {} })).rejects.toThrow();
    expect(await db.syncOutbox.count()).toBe(0);
  });

  it('imports and undo queue too; saves that change nothing sync-relevant are dropped, never pending', async () => {
    const db = freshDb();
    await enable(db);
    await applyImport(db, { format: 'aurea.export', version: 1, logs: [{ date: '2026-04-01', ingredients: ['tea'], symptoms: { migraine: 2 } }] });
    const store = new DexieSyncStore(db);
    expect((await store.readOutbox(100)).map((e) => e.name)).toEqual(['symptoms:definitions', 'log:2026-04-01']);
    const removed = await deleteLog(db, '2026-04-01');
    await restoreLog(db, removed!);
    const names = (await store.readOutbox(100)).map((e) => `${e.name}:${e.op}`);
    expect(names.slice(-2)).toEqual(['log:2026-04-01:delete', 'log:2026-04-01:patch']);

    const before = await db.syncOutbox.count();
    await saveLog(db, { date: '2026-04-01', ingredients: ['tea'], symptoms: { migraine: 2 } }); // same content, new updated_at
    expect(await db.syncOutbox.count()).toBe(before + 1);
    expect(await store.readOutbox(100)).toHaveLength(before);
    expect(await db.syncOutbox.count()).toBe(before);
  });

  it('the demo diary stays on the device until the person edits a demo day', async () => {
    const db = freshDb();
    await enable(db);
    await applyImport(db, { format: 'aurea.export', version: 1, logs: [{ date: '2026-05-01', ingredients: ['oats'], symptoms: {}, demo: true } as never] });
    const store = new DexieSyncStore(db);
    expect(await store.readOutbox(100)).toEqual([]);
    await saveLog(db, { date: '2026-05-01', ingredients: ['oats', 'honey'], symptoms: { energy: 3 } });
    const [entry] = await store.readOutbox(100);
    // The whole day goes up (the server never had the demo version), without the demo marker.
    expect(entry).toMatchObject({ name: 'log:2026-05-01', op: 'patch', fields: { ingredients: ['oats', 'honey'], 'symptom:energy': 3 } });
    expect(Object.keys((entry as { fields: object }).fields)).not.toContain('x:demo');
  });
});

describe('DexieSyncStore behaves like MemorySyncStore', () => {
  const doc = (name: string, dirty: boolean, value = 1): StoredDoc => ({
    name,
    id: `id-${name}`,
    doc: applyLocalPatch(emptyDoc(name), { notes: `v${value}` }, Date.UTC(2026, 0, value), 'nodeA'),
    dirty,
    serverHlc: null,
  });

  it('stores documents and state, and lists dirty documents in name order after a given name', async () => {
    const db = freshDb();
    await enable(db);
    const dexie = new DexieSyncStore(db);
    const mem = new MemorySyncStore();
    const docs = [doc('log:2026-01-03', true), doc('log:2026-01-01', true), doc('log:2026-01-02', false), doc('settings:preferences', true), doc('symptoms:definitions', false)];
    for (const s of [dexie, mem]) expect(await s.commit({ docs, apply: [], state: { cursor: 7, hlc: '001767225600000-000001-nodeA' } })).toBe(true);
    for (const after of [null, 'log:2026-01-01', 'log:2026-01-03', 'zzz']) {
      for (const limit of [1, 2, 10]) expect(await dexie.readDirty(after, limit)).toEqual(await mem.readDirty(after, limit));
    }
    expect((await dexie.readDirty(null, 10)).map((d) => d.name)).toEqual(['log:2026-01-01', 'log:2026-01-03', 'settings:preferences']);
    const names = ['log:2026-01-02', 'log:2026-09-09'];
    expect(await dexie.readDocs(names)).toEqual(await mem.readDocs(names));
    expect(await dexie.readState()).toEqual({ cursor: 7, hlc: '001767225600000-000001-nodeA' });
    await dexie.commit({ docs: [], apply: [], state: { cursor: 9 } });
    expect(await dexie.readState()).toEqual({ cursor: 9, hlc: '001767225600000-000001-nodeA' });
  });

  it("commit's compare-and-set guard refuses the whole batch when a newer local edit is queued", async () => {
    const db = freshDb();
    await enable(db);
    const store = new DexieSyncStore(db);
    await saveLog(db, { date: '2026-03-01', ingredients: ['milk'], symptoms: {} });
    const [entry] = await store.readOutbox(10);
    await saveLog(db, { date: '2026-03-01', ingredients: ['milk', 'kefir'], symptoms: {} }); // typed meanwhile
    const remote: DailyLog = { id: 'r', date: '2026-03-01', ingredients: ['bread'], symptoms: {}, cycle_phase: null, created_at: '2026-03-01T00:00:00.000Z', updated_at: '2026-03-01T00:00:00.000Z' };
    const batch = { docs: [doc('log:2026-03-01', false)], apply: [{ collection: 'log' as const, date: '2026-03-01', log: remote }], state: { cursor: 5 }, onlyIfOutboxThrough: entry!.seq };
    expect(await store.commit(batch)).toBe(false);
    expect((await db.logs.get('2026-03-01'))!.ingredients).toEqual(['milk', 'kefir']);
    expect(await db.syncDocs.count()).toBe(0);
    expect((await store.readState()).cursor).toBe(0);
    // Folding everything first lets it through; the folded outbox rows go with the same commit.
    const all = await store.readOutbox(10);
    const through = all[all.length - 1]!.seq;
    expect(await store.commit({ ...batch, onlyIfOutboxThrough: through, removeOutboxThrough: through })).toBe(true);
    expect((await db.logs.get('2026-03-01'))!.ingredients).toEqual(['bread']);
    expect(await db.syncOutbox.count()).toBe(0);
    expect((await store.readState()).cursor).toBe(5);
  });

  it('apply writes logs, symptom definitions and synced settings without queuing them again', async () => {
    const db = freshDb();
    await enable(db);
    await saveLog(db, { date: '2026-03-09', ingredients: ['old'], symptoms: {} });
    await setSetting(db, 'theme', 'dark');
    await db.syncOutbox.clear();
    const store = new DexieSyncStore(db);
    const log: DailyLog = { id: 'a', date: '2026-03-10', ingredients: ['rye'], symptoms: { cramps: 3 }, cycle_phase: 'luteal', notes: 'synced', created_at: '2026-03-10T08:00:00.000Z', updated_at: '2026-03-10T09:00:00.000Z' };
    const defs: SymptomDefinition[] = [
      { key: 'bloating', label: 'Bloating', polarity: 'higher_is_worse', builtin: true },
      { key: 'cramps', label: 'Cramps', polarity: 'higher_is_worse', builtin: false },
    ];
    const ok = await store.commit({
      docs: [],
      apply: [
        { collection: 'log', date: '2026-03-10', log },
        { collection: 'log', date: '2026-03-09', log: null },
        { collection: 'symptoms', definitions: defs },
        { collection: 'settings', group: 'preferences', values: { trackCycle: true, hiddenSymptoms: ['focus'] } },
        { collection: 'settings', group: 'from-a-newer-version', values: { something: 1 } },
      ],
    });
    expect(ok).toBe(true);
    expect(await db.logs.toArray()).toEqual([log]);
    expect(await db.symptoms.toArray()).toEqual([defs[1]]);
    expect((await db.settings.get('trackCycle'))?.value).toBe(true);
    expect((await db.settings.get('hiddenSymptoms'))?.value).toEqual(['focus']);
    expect((await db.settings.get('theme'))?.value).toBe('dark');
    expect(await db.settings.get('something')).toBeUndefined();
    expect(await db.syncOutbox.count()).toBe(0);
    // A synced setting removed on another device is removed here.
    await store.commit({ docs: [], apply: [{ collection: 'settings', group: 'preferences', values: { trackCycle: true } }] });
    expect(await db.settings.get('hiddenSymptoms')).toBeUndefined();
  });

  it('refuses to commit for a sign-in that is gone (signed out, signed in again, or all data deleted)', async () => {
    const db = freshDb();
    await enable(db, 'gen-1');
    const store = new DexieSyncStore(db, 'gen-1');
    const log: DailyLog = { id: 'a', date: '2026-03-10', ingredients: ['rye'], symptoms: {}, cycle_phase: null, created_at: '2026-03-10T08:00:00.000Z', updated_at: '2026-03-10T09:00:00.000Z' };
    expect(await store.commit({ docs: [], apply: [], state: { cursor: 1 } })).toBe(true);
    await db.syncAccount.update(ACCOUNT_ROW_ID, { generation: 'gen-2' });
    await expect(store.commit({ docs: [], apply: [{ collection: 'log', date: log.date, log }] })).rejects.toBeInstanceOf(SyncStoppedError);
    await deleteAllData(db);
    await expect(store.commit({ docs: [], apply: [{ collection: 'log', date: log.date, log }] })).rejects.toBeInstanceOf(SyncStoppedError);
    expect(await db.logs.count()).toBe(0);
    // The wipe removed the keys and tokens with everything else: sync is off, and nothing is queued.
    expect(await db.syncAccount.count()).toBe(0);
    await saveLog(db, { date: '2026-03-11', ingredients: ['tea'], symptoms: {} });
    expect(await db.syncOutbox.count()).toBe(0);
  });
});

// ---- two Dexie devices through the real server app ----

const EMAIL = 'robin@example.org';
const PASSPHRASE = 'quiet harbour lantern seven';

async function device(app: TestApp) {
  const db = freshDb();
  const env = { fetch: app.fetch };
  const runtime = new SyncRuntime(db, { fetch: app.fetch });
  const sync = async () => {
    const outcome = await runtime.sync({ wait: true });
    if (outcome.kind !== 'synced') throw new Error(`sync did not run: ${JSON.stringify(outcome)}`);
    return outcome.report;
  };
  return { db, env, runtime, sync };
}

describe('two devices on Dexie through the real server', () => {
  it('sign-up uploads an existing diary; a second device signs in and gets it; offline edits merge; deletes propagate', async () => {
    app = startTestApp();
    const a = await device(app);
    // A diary that predates sync.
    await saveLog(a.db, { date: '2026-06-01', ingredients: ['oats', 'milk'], symptoms: { bloating: 1, energy: 3 } });
    await saveLog(a.db, { date: '2026-06-02', ingredients: ['rye bread'], symptoms: { bloating: 2 } });
    await addCustomSymptom(a.db, { label: 'Jaw tension', polarity: 'higher_is_worse' });
    await setSetting(a.db, 'trackCycle', true);

    const { recoveryKey } = await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const account = (await a.db.syncAccount.get(ACCOUNT_ROW_ID))!;
    expect(account.keys.dataKey.extractable).toBe(false);
    expect(account.keys.idKey.extractable).toBe(false);
    expect(JSON.stringify(account)).not.toContain(PASSPHRASE);
    expect((await readSyncSnapshot(a.db)).pending).toBe(4);
    expect(await a.sync()).toMatchObject({ pushed: 4, rejected: [] });
    expect((await readSyncSnapshot(a.db)).pending).toBe(0);
    expect(describeSync(await readSyncSnapshot(a.db), true)).toMatchObject({ tone: 'ok', text: 'Synced' });

    // A wrong passphrase on the second device is refused and changes nothing there.
    const b = await device(app);
    await saveLog(b.db, { date: '2026-06-03', ingredients: ['lentils'], symptoms: {} });
    const wrong = signInToSync(b.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: 'not the passphrase at all' }, b.env);
    await expect(wrong).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(wrong).rejects.toThrow(/^That passphrase does not unlock this account\.$/);
    expect(await b.db.syncAccount.count()).toBe(0);
    expect(await b.db.syncOutbox.count()).toBe(0);
    expect((await b.db.logs.toArray()).map((l) => l.date)).toEqual(['2026-06-03']);

    await signInToSync(b.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, b.env);
    await b.sync();
    await a.sync();
    expect(content(await b.db.logs.toArray())).toEqual(content(await a.db.logs.toArray()));
    expect((await b.db.logs.toArray()).map((l) => l.date)).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
    expect(await b.db.symptoms.toArray()).toEqual([{ key: 'jaw_tension', label: 'Jaw tension', polarity: 'higher_is_worse', builtin: false }]);
    expect((await b.db.settings.get('trackCycle'))?.value).toBe(true);

    // Both offline: A changes the foods of the 1st and deletes the 2nd; B rates the 1st and logs the 4th.
    await saveLog(a.db, { date: '2026-06-01', ingredients: ['oats', 'milk', 'kefir'], symptoms: { bloating: 1, energy: 3 } }, new Date(Date.now() + 1000));
    await deleteLog(a.db, '2026-06-02');
    await saveLog(b.db, { date: '2026-06-01', ingredients: ['oats', 'milk'], symptoms: { bloating: 4, energy: 2 }, notes: 'bloated after lunch' }, new Date(Date.now() + 2000));
    await saveLog(b.db, { date: '2026-06-04', ingredients: ['tofu'], symptoms: {} });
    await removeCustomSymptom(b.db, 'jaw_tension');
    await a.sync();
    await b.sync();
    await a.sync();
    const logsA = await a.db.logs.toArray();
    expect(content(logsA)).toEqual(content(await b.db.logs.toArray()));
    expect(logsA.map((l) => l.date)).toEqual(['2026-06-01', '2026-06-03', '2026-06-04']);
    expect(logsA[0]).toMatchObject({ ingredients: ['oats', 'milk', 'kefir'], symptoms: { bloating: 4, energy: 2 }, notes: 'bloated after lunch' });
    expect(await a.db.symptoms.count()).toBe(0);
    expect(await b.sync()).toMatchObject({ folded: 0, pushed: 0, applied: 0, rejected: [] });
  });

  it('a passphrase change ends the other session until it signs in again, which resumes without re-uploading', async () => {
    app = startTestApp();
    const a = await device(app);
    await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    await saveLog(a.db, { date: '2026-07-01', ingredients: ['oats'], symptoms: {} });
    await a.sync();
    const b = await device(app);
    await signInToSync(b.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, b.env);
    await b.sync();

    await expect(changeSyncPassphrase(a.db, { currentPassphrase: 'not the passphrase at all', newPassphrase: 'a completely new passphrase' }, a.env)).rejects.toBeInstanceOf(WrongPassphraseError);
    await changeSyncPassphrase(a.db, { currentPassphrase: PASSPHRASE, newPassphrase: 'a completely new passphrase' }, a.env);
    await saveLog(a.db, { date: '2026-07-02', ingredients: ['rice'], symptoms: {} });
    await a.sync(); // A carries on with its new auth key

    await saveLog(b.db, { date: '2026-07-03', ingredients: ['tea'], symptoms: {} });
    const ended = await b.runtime.sync({ wait: true });
    expect(ended).toMatchObject({ kind: 'failed', error: { code: 'unauthorized' } });
    const snap = await readSyncSnapshot(b.db);
    expect(snap.account?.sessionEnded).toBe(true);
    expect(describeSync(snap, true)).toMatchObject({ tone: 'error', text: 'Error: sign in again' });
    expect(await b.runtime.sync({ wait: true })).toEqual({ kind: 'skipped', reason: 'session-ended' });

    await expect(reconnectSync(b.db, { passphrase: PASSPHRASE }, b.env)).rejects.toBeInstanceOf(WrongPassphraseError);
    await reconnectSync(b.db, { passphrase: 'a completely new passphrase' }, b.env);
    const report = await b.sync();
    expect(report).toMatchObject({ pushed: 1, pulled: 1, rejected: [] }); // its own new day up, A's new day down: nothing re-uploaded
    await a.sync();
    expect(content(await a.db.logs.toArray())).toEqual(content(await b.db.logs.toArray()));
    expect((await a.db.logs.toArray()).map((l) => l.date)).toEqual(['2026-07-01', '2026-07-02', '2026-07-03']);
  });

  it('recovery key on a new device, sign out keeps the diary, account deletion needs the passphrase and keeps local data', async () => {
    app = startTestApp();
    const a = await device(app);
    const { recoveryKey } = await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    await saveLog(a.db, { date: '2026-08-01', ingredients: ['quinoa'], symptoms: { bloating: 3 } });
    await a.sync();

    const c = await device(app);
    await expect(recoverSyncAccount(c.db, { serverUrl: BASE_URL, email: EMAIL, recoveryKey: 'AAAA', newPassphrase: 'the passphrase after recovery' }, c.env)).rejects.toThrow(/not a recovery key/);
    await recoverSyncAccount(c.db, { serverUrl: BASE_URL, email: EMAIL, recoveryKey, newPassphrase: 'the passphrase after recovery' }, c.env);
    await c.sync();
    expect(content(await c.db.logs.toArray())).toEqual(content(await a.db.logs.toArray()));

    await signOutOfSync(c.db);
    expect(await c.db.syncAccount.count()).toBe(0);
    expect(await c.db.syncDocs.count()).toBe(0);
    expect(await c.db.logs.count()).toBe(1);
    await saveLog(c.db, { date: '2026-08-02', ingredients: ['tea'], symptoms: {} });
    expect(await c.db.syncOutbox.count()).toBe(0);

    // A's session ended with the recovery (new passphrase); it signs in with the new one, then deletes the account.
    await reconnectSync(a.db, { passphrase: 'the passphrase after recovery' }, a.env);
    await expect(deleteSyncAccount(a.db, { passphrase: PASSPHRASE }, a.env)).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await a.db.syncAccount.count()).toBe(1);
    await deleteSyncAccount(a.db, { passphrase: 'the passphrase after recovery' }, a.env);
    expect(await a.db.syncAccount.count()).toBe(0);
    expect((await a.db.logs.toArray()).map((l) => l.ingredients)).toEqual([['quinoa']]);
    const count = app.server.deps.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number };
    expect(count.n).toBe(0);
  });

  it('reports records that fail verification in the status and never applies them', async () => {
    app = startTestApp();
    const a = await device(app);
    await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    await saveLog(a.db, { date: '2026-09-01', ingredients: ['oats'], symptoms: {} });
    await saveLog(a.db, { date: '2026-09-02', ingredients: ['rice'], symptoms: {} });
    await a.sync();
    // Someone with the server's disk flips a byte of one record.
    const keys = (await a.db.syncAccount.get(ACCOUNT_ROW_ID))!.keys;
    const id = Buffer.from(await recordIdFor(keys, 'log:2026-09-01'), 'base64url');
    const sql = app.server.deps.db;
    const row = sql.prepare('SELECT ciphertext FROM records WHERE id = ?').get(id) as { ciphertext: Buffer };
    const flipped = Buffer.from(row.ciphertext);
    flipped[flipped.length - 3]! ^= 0x10;
    sql.prepare('UPDATE records SET ciphertext = ? WHERE id = ?').run(flipped, id);

    const b = await device(app);
    await signInToSync(b.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, b.env);
    const report = await b.sync();
    expect(report.rejected).toHaveLength(1);
    expect((await b.db.logs.toArray()).map((l) => l.date)).toEqual(['2026-09-02']);
    const snap = await readSyncSnapshot(b.db);
    expect(snap.status.rejected).toHaveLength(1);
    expect(describeSync(snap, true)).toEqual({ tone: 'ok', text: 'Synced', detail: '1 record from the server failed verification and was not applied.' });
  });

  it("an unreachable server or a 429 leaves local data alone and backs off; the status says why", async () => {
    app = startTestApp();
    const a = await device(app);
    await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    await saveLog(a.db, { date: '2026-10-01', ingredients: ['oats'], symptoms: {} });
    const down = new SyncRuntime(a.db, { fetch: async () => { throw new TypeError('fetch failed'); } });
    const outcome = await down.sync({ wait: true });
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'unreachable' } });
    const snap = await readSyncSnapshot(a.db);
    expect(snap.status.error?.message).toMatch(/^Can't reach your sync server\./);
    expect(Date.parse(snap.status.nextRetryAt!)).toBeGreaterThan(Date.now());
    expect(describeSync(snap, true)).toMatchObject({ tone: 'error', text: "Error: can't reach server" });
    expect(describeSync(snap, false)).toMatchObject({ tone: 'offline', text: 'Offline' });
    expect((await a.db.logs.toArray()).map((l) => l.date)).toEqual(['2026-10-01']);
    expect(snap.pending).toBeGreaterThan(0);

    const busy = new SyncRuntime(a.db, { fetch: async () => new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), { status: 429, headers: { 'retry-after': '42' } }) });
    expect(await busy.sync({ wait: true })).toMatchObject({ kind: 'failed', error: { code: 'rate_limited' } });
    const later = await readSyncSnapshot(a.db);
    const wait = Date.parse(later.status.nextRetryAt!) - Date.now();
    expect(wait).toBeGreaterThan(40_000);
    expect(wait).toBeLessThanOrEqual(42_000);
    // Being told to wait is not an error to the person: the changes are simply pending.
    expect(describeSync(later, true)).toMatchObject({ tone: 'pending', text: 'Pending 1 change', detail: expect.stringMatching(/^The sync server is busy/) });

    await a.sync();
    expect((await readSyncSnapshot(a.db)).status.error).toBeNull();
  });

  it('refuses a server address that is not a web address before sending anything', async () => {
    const db = freshDb();
    await expect(signInToSync(db, { serverUrl: 'ftp://example.org', email: EMAIL, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(SyncInputError);
    await expect(createSyncAccount(db, { serverUrl: 'http://aurea.test', email: 'not an email', passphrase: PASSPHRASE })).rejects.toThrow('Enter the email address of your sync account.');
  });
});

describe('status, backoff and passphrase hints', () => {
  const snap = (over: Partial<SyncSnapshot> = {}): SyncSnapshot => ({
    account: { email: EMAIL, serverUrl: BASE_URL, generation: 'g', sessionEnded: false },
    status: { lastSyncAt: '2026-01-01T00:00:00.000Z', lastAttemptAt: null, error: null, nextRetryAt: null, rejected: [] },
    pending: 0,
    ...over,
  });

  it('says Synced, Pending N changes, Offline or Error: <reason>, and nothing while sync is off', () => {
    expect(describeSync(snap({ account: null }), true)).toBeNull();
    expect(describeSync(snap(), true)).toEqual({ tone: 'ok', text: 'Synced', detail: null });
    expect(describeSync(snap({ pending: 1 }), true)?.text).toBe('Pending 1 change');
    expect(describeSync(snap({ pending: 1200 }), true)?.text).toBe('Pending 1,200 changes');
    expect(describeSync(snap({ pending: 3 }), false)).toEqual({ tone: 'offline', text: 'Offline', detail: 'Sync resumes when this device is back online. 3 changes will sync then.' });
    const failed = snap({ status: { ...snap().status, error: { code: 'protocol', message: "The sync server's answer was not understood (x)." } } });
    expect(describeSync(failed, true)).toMatchObject({ tone: 'error', text: 'Error: server not understood' });
    expect(describeSync(snap({ status: { ...snap().status, lastSyncAt: null } }), true)?.text).toBe('Syncing…');
  });

  it('backs off exponentially with jitter, capped at five minutes', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(5000);
    expect(backoffDelay(2, () => 0.5)).toBe(10_000);
    expect(backoffDelay(4, () => 0.5)).toBe(40_000);
    expect(backoffDelay(30, () => 0.5)).toBe(300_000);
    expect(backoffDelay(1, () => 0)).toBe(4000);
    expect(backoffDelay(1, () => 1)).toBe(6000);
  });

  it('grades passphrases: too short below 10 characters, weak for common patterns, strong for several unrelated words', () => {
    expect(passphraseStrength('short')).toMatchObject({ score: 0, label: 'Too short', hint: 'At least 10 characters: 5 more to go.' });
    expect(passphraseStrength('password12').score).toBe(1);
    expect(passphraseStrength('aaaaaaaaaaaa').score).toBe(1);
    expect(passphraseStrength('1234567890').score).toBe(1);
    expect(passphraseStrength('quiet harbour lantern seven').score).toBeGreaterThanOrEqual(3);
    expect(passphraseStrength('Tr0ub4dor&3xyzQ!').score).toBeGreaterThanOrEqual(3);
  });
});
