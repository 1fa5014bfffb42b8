import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AureaDb } from '../../../app/db/db';
import { ACCOUNT_ROW_ID } from '../../../app/sync/types';
import { saveLog } from '../../../app/db/repo';
import { createSyncAccount, signOutOfSync } from '../../../app/sync/account';
import { installSyncHooks } from '../../../app/sync/hooks';
import { SyncRuntime } from '../../../app/sync/runtime';
import { describeSync, readSyncSnapshot } from '../../../app/sync/status';
import { InsecureServerError } from '../../../shared/sync/errors';
import { isSecureServerUrl } from '../../../shared/sync/transport';
import { BASE_URL, startTestApp, type TestApp } from '../../server/helpers/sync-app';

/** Issue 15: what the app does with the server's hardening (quota errors, plain-http servers, sign-out). */

beforeAll(() => installSyncHooks());

const EMAIL = 'robin@example.org';
const PASSPHRASE = 'quiet harbour lantern seven';

let app: TestApp | null = null;
const dbs: AureaDb[] = [];
afterEach(async () => {
  app?.close();
  app = null;
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function device(server: TestApp) {
  const db = new AureaDb(`hardening-${Math.random()}`);
  dbs.push(db);
  return { db, env: { fetch: server.fetch }, runtime: new SyncRuntime(db, { fetch: server.fetch }) };
}

describe('a full sync account', () => {
  it('shows the server quota error in plain words and keeps every day on the device', async () => {
    app = startTestApp({ ACCOUNT_MAX_RECORDS: 2 });
    const a = device(app);
    for (const date of ['2026-06-01', '2026-06-02', '2026-06-03']) await saveLog(a.db, { date, ingredients: ['oats'], symptoms: {} });
    await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    const outcome = await a.runtime.sync({ wait: true });
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'quota_exceeded' } });
    const shown = describeSync(await readSyncSnapshot(a.db), true);
    expect(shown).toMatchObject({ tone: 'error', text: 'Error: server storage full' });
    expect(shown?.detail).toMatch(/^Your sync account is full: this server keeps at most 2 records per account\. Nothing from this sync was stored; your diary stays safe on this device\./);
    expect((await a.db.logs.toArray()).map((l) => l.date).sort()).toEqual(['2026-06-01', '2026-06-02', '2026-06-03']);
  });
});

describe('plain http sync servers', () => {
  it('refuses an http:// server on another computer before sending anything, and says why', async () => {
    const calls: string[] = [];
    const spy = (async (input: RequestInfo | URL) => {
      calls.push(String(input));
      return new Response('{}', { status: 500 });
    }) as typeof fetch;
    const db = new AureaDb(`hardening-${Math.random()}`);
    dbs.push(db);
    const attempt = createSyncAccount(db, { serverUrl: 'http://sync.example.org', email: EMAIL, passphrase: PASSPHRASE }, { fetch: spy });
    await expect(attempt).rejects.toBeInstanceOf(InsecureServerError);
    await expect(attempt).rejects.toThrow(/^This sync server address starts with http:\/\/, so your sign-in key would cross the network unencrypted\./);
    expect(calls).toEqual([]);
    expect(await db.syncAccount.count()).toBe(0);
  });

  it('allows https, the app\'s own origin and plain http only to this computer', () => {
    for (const ok of ['https://aurea.example.org', '', 'http://localhost:8787', 'http://127.0.0.1:8801', 'http://[::1]:8787', 'http://app.localhost']) expect(isSecureServerUrl(ok), ok).toBe(true);
    for (const bad of ['http://aurea.example.org', 'http://192.168.1.20:8787', 'http://localhost.example.org', 'ftp://aurea.example.org', 'http://127.0.0.1.nip.io']) expect(isSecureServerUrl(bad), bad).toBe(false);
  });
});

describe('signing out', () => {
  it('ends the session token on the server, so a copy taken from the device no longer works; the diary stays', async () => {
    app = startTestApp();
    const a = device(app);
    await saveLog(a.db, { date: '2026-06-01', ingredients: ['oats'], symptoms: {} });
    await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    expect((await a.runtime.sync({ wait: true })).kind).toBe('synced');
    const copied = (await a.db.syncAccount.get(ACCOUNT_ROW_ID))!.token!;
    expect((await app.request('/api/sync/pull?since=0', { token: copied })).status).toBe(200);

    expect(await signOutOfSync(a.db, a.env)).toEqual({ endedOnServer: true });
    expect(await a.db.syncAccount.count()).toBe(0);
    expect((await a.db.logs.toArray()).map((l) => l.date)).toEqual(['2026-06-01']);
    expect((await app.request('/api/sync/pull?since=0', { token: copied })).status).toBe(401);
  });

  it('signs out on the device even when the server cannot be reached', async () => {
    app = startTestApp();
    const a = device(app);
    await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    const offline = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    expect(await signOutOfSync(a.db, { fetch: offline })).toEqual({ endedOnServer: false });
    expect(await a.db.syncAccount.count()).toBe(0);
  });
});
