import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount, type SignedIn } from '../../shared/sync/account';
import { toBase64Url, utf8 } from '../../shared/sync/bytes';
import { encryptRecord, recordIdFor } from '../../shared/sync/envelope';
import type { PushRecord } from '../../shared/sync/protocol';
import { SyncClient } from '../../shared/sync/transport';
import { startServerProcess, type ServerProcess } from './helpers/server-process';
import { rng } from '../seeded';

/**
 * A push storm from several clients (real accounts, real encrypted records) against the real server process,
 * which is killed with SIGKILL at seeded random moments — no shutdown handler, no flush — and restarted on the
 * same data directory, several times. After every restart:
 *  - every record whose push was acknowledged (HTTP 200, "accepted") is there, byte for byte, at the version
 *    acknowledged or at a later one the client sent;
 *  - each client's push that was in flight at the kill is all there or not there at all;
 *  - the server's sequence numbers are unique and `PRAGMA integrity_check` says ok.
 */

const SEED = 0x5107;
const CLIENTS = 4;
const BATCH = 100;
const CYCLES = 4;
const KDF_SAFE_PASSPHRASE = 'storm passphrase for a test account';

interface Client {
  account: SignedIn;
  node: string;
  /** Records this client has sent, by id: every version, in order. */
  sent: Map<string, PushRecord[]>;
  /** The latest acknowledged version of each id. */
  acked: Map<string, PushRecord>;
  /** A push sent but not answered when the server died: re-sent first in the next cycle. */
  inFlight: PushRecord[] | null;
  days: number;
  stamp: number;
  /** Its own generator, so what each client sends does not depend on how the clients interleave. */
  random: () => number;
  /** Batches encrypted ahead, so the storm pushes back to back and the kills land during writes. */
  ready: PushRecord[][];
}

/** A day's log the way the sync engine encrypts it: a document of fields, each with its version stamp. */
async function encryptedDay(c: Client, day: number, edit: number, hlc: string): Promise<PushRecord> {
  const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const name = `log:${date}`;
  const id = await recordIdFor(c.account.keys, name);
  const doc = {
    key: name,
    fields: {
      '@id': { v: `00000000-0000-4000-8000-${String(day).padStart(12, '0')}`, t: hlc },
      ingredients: { v: ['oats', 'whole milk', 'blueberries', 'coffee', 'rye bread'].slice(0, 2 + ((day + edit) % 4)), t: hlc },
      'symptom:bloating': { v: (day + edit) % 6, t: hlc },
      'symptom:energy': { v: (day * 3) % 6, t: hlc },
      notes: { v: `edit ${edit} of day ${day}: ${'walked after lunch; '.repeat(1 + (day % 5))}`, t: hlc },
    },
  };
  const ciphertext = await encryptRecord(c.account.keys, 'log', id, utf8(JSON.stringify(doc)));
  return { id, collection: 'log', hlc, deleted: false, ciphertext: toBase64Url(ciphertext) };
}

/** The next batch: mostly new days, some days already pushed edited again (a newer version). */
async function nextBatch(c: Client): Promise<PushRecord[]> {
  const random = c.random;
  const out: PushRecord[] = [];
  const used = new Set<number>();
  for (let i = 0; i < BATCH; i++) {
    let day: number;
    if (c.days > 0 && random() < 0.3) {
      day = Math.floor(random() * c.days);
      if (used.has(day)) day = c.days++;
    } else day = c.days++;
    used.add(day);
    const hlc = `${String(c.stamp++).padStart(15, '0')}-000000-${c.node}`;
    out.push(await encryptedDay(c, day, c.stamp, hlc));
  }
  return out;
}

async function pullAll(client: SyncClient): Promise<(PushRecord & { seq: number })[]> {
  const out: (PushRecord & { seq: number })[] = [];
  let since = 0;
  for (;;) {
    const page = await client.pull(since, 1000);
    out.push(...page.records);
    since = page.next;
    if (!page.more) return out;
  }
}

describe('a push storm with the server killed at random moments', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aurea-crash-storm-'));
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const p of running) await p.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses no acknowledged record over ${CYCLES} crashes, keeps pushes all-or-nothing, and the database stays sound`, { timeout: 300_000 }, async () => {
    const random = rng(SEED);
    const env = { RATE_LIMIT_PER_USER: '1000000', RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_LOGIN: '1000' };
    let server = await startServerProcess(dataDir, env);
    running.push(server);

    // Real accounts through the client's own flow (PBKDF2 600k, keyring, sign-up over HTTP).
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const http = new SyncClient({ baseUrl: server.url });
      const account = await createAccount(http, { email: `storm-${i}@example.org`, passphrase: KDF_SAFE_PASSPHRASE });
      clients.push({ account, node: `storm${i}`, sent: new Map(), acked: new Map(), inFlight: null, days: 0, stamp: 1_780_000_000_000 + i * 10_000_000, random: rng(SEED + 1 + i), ready: [] });
    }
    for (const c of clients) for (let b = 0; b < 6 * CYCLES; b++) c.ready.push(await nextBatch(c));
    const transport = (c: Client, url: string) => new SyncClient({ baseUrl: url, credentials: { email: c.account.email, authKey: c.account.authKey }, timeoutMs: 30_000 });

    const killPoints: number[] = [];
    let acknowledgedPushes = 0;
    let lostInFlight = 0;
    let keptInFlight = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // The storm: every client pushes batch after batch until the server dies under it.
      let dead = false;
      // Sign in first (scrypt on a loaded machine can take longer than the kill window): the kill is meant to
      // land among pushes, not sign-ins.
      const signedIn = await Promise.all(clients.map(async (c) => {
        const http = transport(c, server.url);
        await http.pull(0, 1);
        return http;
      }));
      const storms = clients.map(async (c, i) => {
        const http = signedIn[i]!;
        while (!dead) {
          const batch = c.inFlight ?? c.ready.shift() ?? (await nextBatch(c));
          if (!c.inFlight) for (const r of batch) c.sent.set(r.id, [...(c.sent.get(r.id) ?? []), r]);
          c.inFlight = batch;
          let res;
          try {
            res = await http.push(batch);
          } catch {
            return; // the server is gone: this push stays in flight
          }
          expect(res.results.map((r) => r.status)).toEqual(batch.map(() => 'accepted'));
          for (const r of batch) {
            const prev = c.acked.get(r.id);
            if (!prev || prev.hlc < r.hlc) c.acked.set(r.id, r);
          }
          c.inFlight = null;
          acknowledgedPushes++;
        }
      });
      // Kill at a seeded random moment: early, mid-storm or late, while pushes are being written.
      const killAfter = 50 + Math.floor(random() * 700);
      killPoints.push(killAfter);
      await new Promise((r) => setTimeout(r, killAfter));
      dead = true;
      await server.kill();
      await Promise.all(storms);

      server = await startServerProcess(dataDir, env);
      running.push(server);
      for (const c of clients) {
        const stored = await pullAll(transport(c, server.url));
        const byId = new Map(stored.map((r) => [r.id, r]));
        expect(new Set(stored.map((r) => r.seq)).size, 'sequence numbers are unique').toBe(stored.length);
        for (const [id, ack] of c.acked) {
          const got = byId.get(id);
          expect(got, `acknowledged record ${id} (cycle ${cycle}, killed after ${killAfter} ms)`).toBeDefined();
          expect(got!.hlc >= ack.hlc, `record ${id} went back in time`).toBe(true);
          // Byte for byte the version acknowledged, or a later one this client sent.
          const sentVersion = c.sent.get(id)!.find((v) => v.hlc === got!.hlc);
          expect(sentVersion, `stored version of ${id} was never sent`).toBeDefined();
          expect(got!.ciphertext).toBe(sentVersion!.ciphertext);
        }
        // The push in flight at the kill: all of it or none of it.
        if (c.inFlight) {
          const present = c.inFlight.filter((r) => byId.get(r.id)?.hlc === r.hlc && byId.get(r.id)?.ciphertext === r.ciphertext).length;
          expect([0, c.inFlight.length], `in-flight push of ${c.node} (cycle ${cycle})`).toContain(present);
          if (present) keptInFlight++;
          else lostInFlight++;
        }
        // Nothing the client never sent.
        for (const r of stored) expect(c.sent.has(r.id), `unknown record ${r.id}`).toBe(true);
      }
      const db = new Database(join(dataDir, 'aurea.sqlite'), { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(db.pragma('foreign_key_check')).toEqual([]);
      } finally {
        db.close();
      }
    }
    expect(acknowledgedPushes).toBeGreaterThan(CYCLES);
    console.info(`crash storm: kills after ${killPoints.join(', ')} ms; ${acknowledgedPushes} acknowledged pushes of ${BATCH}; in-flight pushes at the kills: ${keptInFlight} committed, ${lostInFlight} not`);
  });
});
