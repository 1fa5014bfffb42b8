import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PushRecord } from '../../shared/sync/protocol';
import { createApp } from '../../sync-server/app';
import { configSchema } from '../../sync-server/config';
import { AccountStore } from '../../sync-server/storage/accounts';
import { RecordStore, type IncomingRecord } from '../../sync-server/storage/records';

/**
 * The storage layer alone, in this process: RecordStore.push (one IMMEDIATE transaction per batch) on a WAL
 * file, with synchronous=FULL (what the server runs: an acknowledged push survives power loss) and with
 * synchronous=NORMAL (survives a process crash only), back to back on the same records. The difference is
 * the cost of the per-commit fsync; the ratio holds on a busy machine where absolute times do not.
 */
export async function measureStorage(pool: readonly PushRecord[], batches = 200, batch = 100): Promise<{ fullRecPerS: number; normalRecPerS: number; fsyncMsPerCommit: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'aurea-bench-db-'));
  const server = createApp(configSchema.parse({ DATA_DIR: dir, STATIC_DIR: '', LOG_LEVEL: 'silent', BACKGROUND_JOBS: 'off' }));
  try {
    const db = server.deps.db;
    const store = new RecordStore(db);
    const accounts = new AccountStore(db);
    const incoming: IncomingRecord[] = pool.map((r) => ({ id: Buffer.from(r.id, 'base64url'), collection: r.collection, hlc: r.hlc, deleted: r.deleted, ciphertext: Buffer.from(r.ciphertext, 'base64url') }));
    let stamp = 1_790_000_000_000;
    let runs = 0;
    const runFor = (mode: 'FULL' | 'NORMAL') => {
      db.pragma(`synchronous = ${mode}`);
      const account = accounts.create({ email: `db-${runs++}@example.org`, kdfAlgorithm: 'PBKDF2-SHA-256', kdfIterations: 600_000, salt: 'x'.repeat(43), authHash: 'x', recoveryHash: null, keyring: '{}', createdAt: 0 });
      const t = performance.now();
      for (let b = 0; b < batches; b++) {
        const wall = String(stamp++).padStart(15, '0');
        const recs = Array.from({ length: batch }, (_, j) => {
          const r = incoming[(b * batch + j) % incoming.length]!;
          return { ...r, hlc: `${wall}-${String(j).padStart(6, '0')}-dbbench` };
        });
        store.push(account.pk, recs);
      }
      return (batches * batch) / ((performance.now() - t) / 1000);
    };
    runFor('FULL'); // warm-up: page cache, statement JIT
    const full = runFor('FULL');
    const normal = runFor('NORMAL');
    return { fullRecPerS: full, normalRecPerS: normal, fsyncMsPerCommit: Math.max(0, (batch * 1000) / full - (batch * 1000) / normal) };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
