import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type AureaServer } from '../../sync-server/app';
import type { Logger } from '../../sync-server/log';
import { hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../fake-upstream/index';
import { proxyConfig, TestClock } from '../fake-upstream/harness';

/** Issue 15, findings 8 and 9: what food lookups leave on the server, and each address's share of the upstream budgets. */

const enabled = hasSharedData();
if (!enabled) console.warn(`[skip] ${SHARED_DATA_DIR} is missing: the lookup privacy tests need the fake upstream's recorded bodies`);

describe.skipIf(!enabled)('food lookups', () => {
  let fake: FakeUpstream;
  let server: AureaServer;
  let dataDir: string;
  let lines: string[];
  const logger: Logger = {
    debug: (msg, f) => void lines.push(JSON.stringify({ msg, ...f })),
    info: (msg, f) => void lines.push(JSON.stringify({ msg, ...f })),
    warn: (msg, f) => void lines.push(JSON.stringify({ msg, ...f })),
    error: (msg, f) => void lines.push(JSON.stringify({ msg, ...f })),
  };

  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    lines = [];
    dataDir = mkdtempSync(join(tmpdir(), 'aurea-lookups-'));
    fake.resetCalls();
  });
  afterEach(() => {
    server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('count requests under a keyed hash with a week number only, and keep names and barcodes out of the logs', async () => {
    server = createApp(proxyConfig(fake, { DATA_DIR: dataDir, LOG_LEVEL: 'info' }), { clock: new TestClock(), logger });
    expect((await server.app.request('/api/ingredients/cheddar%20cheese')).status).toBe(200);
    expect((await server.app.request('/api/ingredients/cheddar%20cheese')).status).toBe(200);
    expect((await server.app.request('/api/products/5000112576009')).status).toBe(200);
    expect((await server.app.request('/api/ingredients?q=kefir')).status).toBeLessThan(500);
    server.health(); // writes the pending counts

    const db = server.deps.db;
    const columns = (db.prepare('PRAGMA table_info(upstream_demand)').all() as { name: string }[]).map((c) => c.name).sort();
    expect(columns).toEqual(['hits', 'key_hash', 'kind', 'last_week']);
    const rows = db.prepare('SELECT key_hash, kind, hits, last_week FROM upstream_demand ORDER BY kind').all() as { key_hash: Buffer; kind: string; hits: number; last_week: number }[];
    expect(rows.map((r) => [r.kind, r.hits])).toEqual([['ingredient', 2], ['product', 1], ['search', 1]]);
    for (const r of rows) {
      expect(r.key_hash.length).toBe(32);
      expect(r.key_hash.toString('latin1')).not.toMatch(/cheddar|5000112576009|kefir/);
      expect(r.last_week).toBe(Math.floor(new TestClock().now() / (7 * 24 * 3_600_000)));
    }

    const log = lines.join('\n');
    expect(log).toContain('"path":"/api/products/:barcode"');
    expect(log).toContain('"path":"/api/ingredients/:name"');
    expect(log).not.toMatch(/5000112576009|cheddar|kefir/);
  });

  it('give each address a fair share of upstream lookups; cached answers cost nothing; other addresses are unaffected', async () => {
    server = createApp(proxyConfig(fake, { DATA_DIR: dataDir, TRUST_PROXY: 'true', UPSTREAM_SHARE_PER_MINUTE: '3', UPSTREAM_SHARE_PER_HOUR: '50' }), { clock: new TestClock(), logger });
    const from = (address: string, path: string) => server.app.request(path, { headers: { 'x-forwarded-for': address } });
    for (const name of ['cheddar%20cheese', 'big%20mac', 'rare%20thing%201']) expect((await from('198.51.100.1', `/api/ingredients/${name}`)).status).not.toBe(429);
    const refused = await from('198.51.100.1', '/api/ingredients/rare%20thing%202');
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('lookup_share_used');
    expect(body.error.message).toMatch(/^You have looked up many new foods in a short time; "rare thing 2" is not cached yet\. Try again in \d+ s\.$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Cached: answered without an upstream call, so without a share.
    expect((await from('198.51.100.1', '/api/ingredients/cheddar%20cheese')).status).toBe(200);
    // Another address still has its whole share.
    expect((await from('198.51.100.2', '/api/ingredients/rare%20thing%202')).status).not.toBe(429);
  });
});
