import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../sync-server/app';
import { configSchema } from '../sync-server/config';
import { createAccount } from '../shared/sync/account';
import { createSyncEngine } from '../shared/sync/engine';
import { deriveAccountKeys, newKdfParams } from '../shared/sync/kdf';
import { MemorySyncStore } from '../shared/sync/store';
import { SyncClient } from '../shared/sync/transport';
import type { Report } from './runner';

/**
 * Sync server throughput and latency over real HTTP on a file-backed SQLite (WAL, synchronous=FULL), plus
 * the client's own costs. Targets: push ≥ 10,000 records/s in batches of 100 with p99 ≤ 50 ms; a pull of
 * 100 records p99 ≤ 20 ms. Records carry ~600 bytes of ciphertext, about one encrypted day.
 */

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

export default async function (report: Report) {
  const dataDir = mkdtempSync(join(tmpdir(), 'aurea-bench-sync-'));
  const config = configSchema.parse({ DATA_DIR: dataDir, STATIC_DIR: '', LOG_LEVEL: 'silent', BACKGROUND_JOBS: 'off', RATE_LIMIT_PER_USER: '100000000' });
  const server = createApp(config);
  const http = await new Promise<ReturnType<typeof serve>>((ok) => {
    const h = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(h));
  });
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  try {
    const t0 = performance.now();
    await deriveAccountKeys('benchmark passphrase', newKdfParams());
    report({ name: 'kdf_ms', value: performance.now() - t0, unit: 'ms', note: 'PBKDF2 600k + HKDF, once per sign-in (in a worker in the app)' });

    const client = new SyncClient({ baseUrl: base });
    await createAccount(client, { email: 'bench@example.org', passphrase: 'benchmark passphrase' });
    const token = client.token!;
    const post = async (body: string) => {
      const res = await fetch(`${base}/api/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`push: HTTP ${res.status}`);
    };
    let stamp = 1_780_000_000_000;
    const batch = () =>
      JSON.stringify({
        records: Array.from({ length: 100 }, () => ({ id: randomBytes(32).toString('base64url'), collection: 'log', hlc: `${String(stamp++).padStart(15, '0')}-000000-bench`, deleted: false, ciphertext: randomBytes(600).toString('base64url') })),
      });

    for (let i = 0; i < 20; i++) await post(batch()); // warm-up
    const bodies = Array.from({ length: 200 }, batch);
    const latencies: number[] = [];
    const start = performance.now();
    for (const body of bodies) {
      const t = performance.now();
      await post(body);
      latencies.push(performance.now() - t);
    }
    const seconds = (performance.now() - start) / 1000;
    report({ name: 'push_records_per_s', value: (bodies.length * 100) / seconds, unit: 'rec/s', target: { op: '>=', value: 10_000 }, note: 'one client, sequential batches of 100' });
    report({ name: 'push_batch100_p50', value: quantile(latencies, 0.5), unit: 'ms' });
    report({ name: 'push_batch100_p99', value: quantile(latencies, 0.99), unit: 'ms', target: { op: '<=', value: 50 } });

    // Four clients at once (four devices of different accounts would behave the same: one SQLite writer).
    const more = Array.from({ length: 200 }, batch);
    const par = performance.now();
    await Promise.all([0, 1, 2, 3].map(async (w) => {
      for (let i = w; i < more.length; i += 4) await post(more[i]!);
    }));
    report({ name: 'push_records_per_s_4_clients', value: (more.length * 100) / ((performance.now() - par) / 1000), unit: 'rec/s' });

    const pulls: number[] = [];
    for (let i = 0; i < 300; i++) {
      const since = (i * 97) % 40_000;
      const t = performance.now();
      const res = await fetch(`${base}/api/sync/pull?since=${since}&limit=100`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { records: unknown[] };
      pulls.push(performance.now() - t);
      if (body.records.length !== 100) throw new Error(`pull returned ${body.records.length} records`);
    }
    report({ name: 'pull_100_p50', value: quantile(pulls, 0.5), unit: 'ms' });
    report({ name: 'pull_100_p99', value: quantile(pulls, 0.99), unit: 'ms', target: { op: '<=', value: 20 } });

    // The client side, on a fresh account: a device turning sync on with a year of logs (fold, encrypt,
    // push), then a new device pulling them (decrypt, authenticate, merge, apply).
    const engineClient = new SyncClient({ baseUrl: base });
    const fresh = await createAccount(engineClient, { email: 'engine@example.org', passphrase: 'benchmark passphrase' });
    const store = new MemorySyncStore();
    for (let d = 0; d < 365; d++) {
      const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      store.logs.set(date, { id: `log-${d}`, date, ingredients: ['oats', 'milk', 'blueberries', 'coffee', 'rye bread'], symptoms: { bloating: d % 6, energy: 3, focus: 4 }, cycle_phase: null, created_at: `${date}T08:00:00.000Z`, updated_at: `${date}T20:00:00.000Z` });
    }
    store.enableSync();
    const e1 = performance.now();
    const up = await createSyncEngine({ transport: engineClient, store, keys: fresh.keys, nodeId: 'benchA' }).sync();
    report({ name: 'engine_upload_365_days_ms', value: performance.now() - e1, unit: 'ms', note: `${up.pushed} records` });
    const second = new MemorySyncStore();
    const e2 = performance.now();
    const down = await createSyncEngine({ transport: engineClient, store: second, keys: fresh.keys, nodeId: 'benchB' }).sync();
    report({ name: 'engine_download_365_days_ms', value: performance.now() - e2, unit: 'ms', note: `${down.pulled} records, ${second.logs.size} logs applied` });
  } finally {
    http.close();
    server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
