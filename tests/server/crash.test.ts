import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { b64, signupBody } from './helpers/accounts';
import { startServerProcess, type ServerProcess } from './helpers/server-process';

const dataDir = mkdtempSync(join(tmpdir(), 'aurea-crash-'));
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const p of running) await p.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type Rec = { id: string; collection: 'log'; hlc: string; deleted: boolean; ciphertext: string };
const BATCH = 100;

async function call(url: string, path: string, init: { method?: string; token?: string; json?: unknown } = {}) {
  return fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
}

describe('a server killed in the middle of a sync', () => {
  // Two process starts (each may bundle the server first): allow for a slow, shared machine.
  it('loses no acknowledged record, keeps every batch all-or-nothing, and its database passes integrity_check', { timeout: 240_000 }, async () => {
    const env = { RATE_LIMIT_PER_USER: '100000' };
    const first = await startServerProcess(dataDir, env);
    running.push(first);
    const account = signupBody('crash@example.org');
    const signup = await call(first.url, '/api/auth/signup', { method: 'POST', json: account });
    expect(signup.status, first.output()).toBe(201);
    const { token } = (await signup.json()) as { token: string };

    const batches: Rec[][] = Array.from({ length: 12 }, (_, b) =>
      Array.from({ length: BATCH }, (_, i) => ({ id: b64(32), collection: 'log' as const, hlc: `${String(1_780_000_000_000 + b).padStart(15, '0')}-${String(i).padStart(6, '0')}-devA`, deleted: false, ciphertext: b64(400) })),
    );
    const acknowledged: Rec[] = [];
    for (const batch of batches.slice(0, 10)) {
      const res = await call(first.url, '/api/sync/push', { method: 'POST', token, json: { records: batch } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { status: string }[] };
      expect(body.results.every((r) => r.status === 'accepted')).toBe(true);
      acknowledged.push(...batch);
    }
    // Two more pushes go out; the process is killed while they are in flight.
    const inFlight = batches.slice(10).map((batch) => call(first.url, '/api/sync/push', { method: 'POST', token, json: { records: batch } }).then((r) => r.status, () => 'no answer' as const));
    await new Promise((r) => setTimeout(r, 3));
    await first.kill();
    const outcomes = await Promise.all(inFlight);
    batches.slice(10).forEach((batch, i) => {
      if (outcomes[i] === 200) acknowledged.push(...batch);
    });

    const second = await startServerProcess(dataDir, env);
    running.push(second);
    // The JWT secret was persisted, so the session from before the crash still works.
    const stored: (Rec & { seq: number })[] = [];
    let since = 0;
    for (;;) {
      const res = await call(second.url, `/api/sync/pull?since=${since}&limit=1000`, { token });
      expect(res.status, second.output()).toBe(200);
      const page = (await res.json()) as { records: (Rec & { seq: number })[]; next: number; more: boolean };
      stored.push(...page.records);
      since = page.next;
      if (!page.more) break;
    }
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const r of acknowledged) expect(byId.get(r.id), `acknowledged record ${r.id}`).toMatchObject({ hlc: r.hlc, ciphertext: r.ciphertext });
    for (const batch of batches.slice(10)) {
      const present = batch.filter((r) => byId.has(r.id)).length;
      expect([0, BATCH]).toContain(present);
    }
    expect(new Set(stored.map((r) => r.seq)).size).toBe(stored.length);

    const db = new Database(join(dataDir, 'aurea.sqlite'), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });
});
