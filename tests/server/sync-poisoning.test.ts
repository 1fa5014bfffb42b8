import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DailyLog } from '../../shared/schema';
import { createAccount, signIn, type SignedIn } from '../../shared/sync/account';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { encodeHlc, hlcWall } from '../../shared/sync/hlc';
import { MemorySyncStore } from '../../shared/sync/store';
import { SyncClient } from '../../shared/sync/transport';
import { startServerProcess, type ServerProcess } from './helpers/server-process';

// Each test starts a server process and derives keys (PBKDF2, 600,000 iterations) for three devices: slow on a
// loaded machine, hence the longer timeouts.

/**
 * Finding 1 of issue 15: a stolen session token must not be able to freeze a record with a far-future version
 * stamp. Devices are the project's own client code (SyncClient + sync engine) against the real server process.
 */

const EMAIL = 'poison@example.org';
const PASSPHRASE = 'amber kettle orchard ninety';
const HOUR = 3_600_000;
const FAR_FUTURE = '999999999999999-999999-zzzzzzzz';

let server: ServerProcess | undefined;
let dataDir = '';
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Device {
  client: SyncClient;
  store: MemorySyncStore;
  engine: SyncEngine;
  session: SignedIn;
}

function device(session: SignedIn, client: SyncClient, nodeId: string, store = new MemorySyncStore()): Device {
  return { client, store, session, engine: createSyncEngine({ transport: client, store, keys: session.keys, nodeId }) };
}

async function signedInDevice(url: string, nodeId: string): Promise<Device> {
  const client = new SyncClient({ baseUrl: url });
  return device(await signIn(client, { email: EMAIL, passphrase: PASSPHRASE }), client, nodeId);
}

const day = (date: string, ingredients: string[]): DailyLog => ({
  id: `id-${date}`,
  date,
  ingredients,
  symptoms: { bloating: 2, energy: 3, focus: 3 },
  cycle_phase: null,
  created_at: `${date}T08:00:00.000Z`,
  updated_at: `${date}T08:00:00.000Z`,
});

/** What an attacker holding only a session token does: raw HTTP. */
async function api(path: string, token: string, body?: unknown) {
  const res = await fetch(`${server!.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function serverCopy(token: string) {
  const { json } = await api('/api/sync/pull?since=0&limit=1000', token);
  return json.records as { id: string; collection: string; hlc: string; ciphertext: string; seq: number }[];
}

const junk = () => randomBytes(120).toString('base64url');

async function startWithOneDay(): Promise<{ a: Device; recordId: string }> {
  dataDir = mkdtempSync(join(tmpdir(), 'aurea-poison-'));
  server = await startServerProcess(dataDir, { RATE_LIMIT_LOGIN: '50' });
  const clientA = new SyncClient({ baseUrl: server.url });
  const a = device(await createAccount(clientA, { email: EMAIL, passphrase: PASSPHRASE }), clientA, 'deviceA');
  a.store.saveLog(day('2026-06-01', ['oats', 'kefir']));
  expect((await a.engine.sync()).pushed).toBe(1);
  const [record] = await serverCopy(a.client.token!);
  return { a, recordId: record!.id };
}

describe('a stolen token cannot poison sync with version stamps (real server process, two devices)', () => {
  it('refuses far-future stamps; forged records within reach are neither trusted nor kept: a device re-pushes its verified copy', { timeout: 240_000 }, async () => {
    const { a, recordId } = await startWithOneDay();
    const b = await signedInDevice(server!.url, 'deviceB');
    await b.engine.sync();
    expect(b.store.logs.get('2026-06-01')?.ingredients).toEqual(['oats', 'kefir']);

    const stolen = a.client.token!;
    const far = await api('/api/sync/push', stolen, { records: [{ id: recordId, collection: 'log', hlc: FAR_FUTURE, deleted: false, ciphertext: junk() }] });
    expect(far.status).toBe(400);
    expect((far.json.error as { code: string }).code).toBe('stamp_ahead');
    expect((await serverCopy(stolen))[0]!.hlc).not.toBe(FAR_FUTURE);

    // The most an attacker can still do: junk under a stamp 20 hours ahead, which the server cannot tell from real.
    const ahead = encodeHlc({ wall: Date.now() + 20 * HOUR, counter: 0, node: 'zzzzzzzz' });
    const near = await api('/api/sync/push', stolen, { records: [{ id: recordId, collection: 'log', hlc: ahead, deleted: false, ciphertext: junk() }] });
    expect(near.status).toBe(200);

    b.store.saveLog(day('2026-06-02', ['rice']));
    const report = await b.engine.sync();
    expect(report.rejected.map((r) => r.id)).toEqual([recordId]);
    // The forged stamp did not move B's clock.
    expect(hlcWall((await b.store.readState()).hlc!)).toBeLessThan(Date.now() + HOUR);
    // B pushed its own verified copy over the forged one.
    const healed = (await serverCopy(stolen)).find((r) => r.id === recordId)!;
    expect(healed.hlc > ahead).toBe(true);

    // A fresh device reads the day again, and the first device keeps syncing.
    const c = await signedInDevice(server!.url, 'deviceC');
    expect((await c.engine.sync()).rejected).toEqual([]);
    expect(c.store.logs.get('2026-06-01')?.ingredients).toEqual(['oats', 'kefir']);
    expect(c.store.logs.get('2026-06-02')?.ingredients).toEqual(['rice']);
    expect((await a.engine.sync()).rejected).toEqual([]);
    expect(a.store.logs.get('2026-06-02')?.ingredients).toEqual(['rice']);
  });

  it('heals a record poisoned before the fix: the device stops following the stamp and the server lets a valid version replace it', { timeout: 240_000 }, async () => {
    const { a, recordId } = await startWithOneDay();
    // The state an attack on the old server left behind: the row holds junk under the far-future stamp, and the
    // device had recorded that stamp as the server's version (from an "ignored" push answer).
    await server!.stop();
    const db = new Database(join(dataDir, 'aurea.sqlite'));
    db.prepare('UPDATE accounts SET seq = seq + 1').run();
    db.prepare('UPDATE records SET hlc = ?, ciphertext = ?, seq = (SELECT seq FROM accounts WHERE accounts.pk = records.account) WHERE id = ?').run(FAR_FUTURE, randomBytes(120), Buffer.from(recordId, 'base64url'));
    db.close();
    const [stored] = a.store.storedDocs();
    await a.store.commit({ docs: [{ ...stored!, serverHlc: FAR_FUTURE }], apply: [] });
    server = await startServerProcess(dataDir, { RATE_LIMIT_LOGIN: '50' });
    const clientA = new SyncClient({ baseUrl: server.url, credentials: null });
    const a2 = device(await signIn(clientA, { email: EMAIL, passphrase: PASSPHRASE }), clientA, 'deviceA', a.store);

    a2.store.saveLog(day('2026-06-01', ['oats', 'kefir', 'honey']));
    const report = await a2.engine.sync();
    expect(report.rejected.map((r) => r.id)).toEqual([recordId]);
    expect(report.pushed).toBe(1);
    const healed = (await serverCopy(clientA.token!)).find((r) => r.id === recordId)!;
    expect(healed.hlc).not.toBe(FAR_FUTURE);

    const c = await signedInDevice(server.url, 'deviceC');
    expect((await c.engine.sync()).rejected).toEqual([]);
    expect(c.store.logs.get('2026-06-01')?.ingredients).toEqual(['oats', 'kefir', 'honey']);
  });
});
