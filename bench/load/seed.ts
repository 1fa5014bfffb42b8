import type { DailyLog } from '../../shared/schema';
import { createSyncEngine } from '../../shared/sync/engine';
import { deriveAccountKeys, KDF_ALGORITHM, newKdfParams, type AccountKeys, type KdfParams } from '../../shared/sync/kdf';
import { accountTagFor, createKeyring, normaliseEmail } from '../../shared/sync/keyring';
import type { PushRecord, PushResponse } from '../../shared/sync/protocol';
import { MemorySyncStore } from '../../shared/sync/store';
import type { SyncTransport } from '../../shared/sync/transport';
import { configSchema } from '../../sync-server/config';
import { createApp } from '../../sync-server/app';
import { AccountStore } from '../../sync-server/storage/accounts';
import { RecordStore } from '../../sync-server/storage/records';
import { hashSecret } from '../../sync-server/sync/passwords';

/**
 * Seeds a server data directory at the ADR's scale (accounts × days of logs) with REAL encrypted records:
 * each account gets its own keyring (its own data and id keys, wrapped for its own account tag) and its days
 * are folded, stamped, encrypted and id'd by the real sync engine (shared/sync/engine), exactly as a device
 * does when sync is turned on. Only two costs are shared, where the server cannot tell or does not care:
 *
 * - the passphrase derivation (PBKDF2 600k, ~1 s) runs ONCE: every account uses the same passphrase and salt,
 *   so the same KEK wraps each account's (different) keyring and the same auth key signs every account in;
 * - the server's scrypt of that auth key is computed once and stored for every account.
 *
 * The engine's pushes go straight into the server's own storage layer (AccountStore, RecordStore: the code
 * behind POST /api/auth/signup and /api/sync/push), not through HTTP, so seeding 100,000 records takes
 * seconds of encryption rather than minutes of request handling and 1,000 scrypt sign-ups.
 */

export const SEED_PASSPHRASE = 'load benchmark passphrase';

export interface SeedOptions {
  dataDir: string;
  accounts: number;
  logsPerAccount: number;
  /** For the first `extraFor` accounts, also make `extraLogs` more days' records, NOT stored: a pool to push. */
  extraFor?: number;
  extraLogs?: number;
  concurrency?: number;
}

export interface SeededAccount {
  email: string;
  /** The records the client made for the extra days (empty for most accounts). */
  pool: PushRecord[];
  /** The records already stored (kept for the pool accounts only). */
  stored: PushRecord[];
}

export interface Seeded {
  accounts: SeededAccount[];
  authKey: string;
  kdf: KdfParams;
  records: number;
  meanCiphertextBytes: number;
}

const VOCAB = [
  'oats', 'whole milk', 'blueberries', 'coffee', 'rye bread', 'butter', 'cheddar cheese', 'apple', 'banana', 'chicken breast',
  'brown rice', 'broccoli', 'olive oil', 'garlic', 'onion', 'tomato', 'pasta', 'greek yogurt', 'honey', 'almonds', 'salmon',
  'spinach', 'eggs', 'dark chocolate', 'green tea', 'lentils', 'chickpeas', 'avocado', 'sourdough bread', 'orange juice',
  'peanut butter', 'strawberries', 'red wine', 'potatoes', 'cucumber', 'bell pepper', 'tofu', 'soy sauce', 'mushrooms', 'beef mince',
];
const NOTES = [
  'Slept badly; long walk after lunch, felt fine by the evening.',
  'Busy day at work, ate late. Some bloating after dinner, gone by bedtime.',
  'Ran 5 km in the morning. Lots of water. Dinner at a friend’s place (curry, rice, naan).',
  'Tired in the afternoon. Skipped the usual coffee to see whether it helps.',
];
const PHASES = ['menstrual', 'follicular', 'ovulatory', 'luteal'] as const;

/** A plausible, deterministic day: 5–12 ingredients, built-in and custom symptoms, a cycle phase, a note. */
export function syntheticLog(account: number, day: number): DailyLog {
  const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const n = 5 + ((account * 3 + day * 7) % 8);
  const ingredients = [...new Set(Array.from({ length: n }, (_, i) => VOCAB[(account * 11 + day * 5 + i * 7) % VOCAB.length]!))];
  return {
    id: `00000000-0000-4000-8000-${String(account).padStart(6, '0')}${String(day).padStart(6, '0')}`,
    date,
    ingredients,
    symptoms: { bloating: (day + account) % 6, energy: (day * 3 + account) % 6, focus: (day * 2) % 6, headache: day % 4 } as DailyLog['symptoms'],
    cycle_phase: PHASES[Math.floor(day / 7) % 4]!,
    notes: NOTES[(account + day) % NOTES.length]!,
    created_at: `${date}T08:00:00.000Z`,
    updated_at: `${date}T21:00:00.000Z`,
  };
}

export const seedEmail = (i: number) => `load-${String(i).padStart(4, '0')}@example.org`;

/** What the engine pushes for `days` logs of one account, made by the real engine with that account's keys. */
async function clientRecords(account: number, days: number, keys: Parameters<typeof createSyncEngine>[0]['keys']): Promise<PushRecord[]> {
  const at = Date.UTC(2026, 0, 1);
  const store = new MemorySyncStore(() => at);
  for (let d = 0; d < days; d++) {
    const log = syntheticLog(account, d);
    store.logs.set(log.date, log);
  }
  store.enableSync();
  const out: PushRecord[] = [];
  let seq = 0;
  // A transport that answers like the server would for a fresh account (everything accepted, nothing to pull).
  const transport: SyncTransport = {
    async push(records): Promise<PushResponse> {
      out.push(...records);
      return { results: records.map((r) => ({ id: r.id, status: 'accepted', seq: ++seq, hlc: r.hlc })), seq };
    },
    async pull(since) {
      return { records: [], next: since, more: false, seq };
    },
  };
  await createSyncEngine({ transport, store, keys, nodeId: `seed${account}`, clock: { now: () => at } }).sync();
  return out;
}

export async function seedServer(options: SeedOptions): Promise<Seeded> {
  const { dataDir, accounts: n, logsPerAccount } = options;
  const extraFor = options.extraFor ?? 0;
  const extraLogs = options.extraLogs ?? 0;
  const kdf = newKdfParams();
  const shared: AccountKeys = await deriveAccountKeys(SEED_PASSPHRASE, kdf);
  const authHash = await hashSecret(Buffer.from(shared.authKey, 'base64url'));

  // The server's own schema and storage code on the data directory the server process will open.
  const config = configSchema.parse({ DATA_DIR: dataDir, STATIC_DIR: '', LOG_LEVEL: 'silent', BACKGROUND_JOBS: 'off' });
  const server = createApp(config);
  const db = server.deps.db;
  const accountStore = new AccountStore(db);
  const recordStore = new RecordStore(db);
  const seeded: SeededAccount[] = new Array(n);
  let records = 0;
  let bytes = 0;
  try {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < n; i = next++) {
        const email = normaliseEmail(seedEmail(i));
        const ring = await createKeyring(await accountTagFor(email), shared.kek);
        const all = await clientRecords(i, logsPerAccount + (i < extraFor ? extraLogs : 0), ring.keys);
        // The engine pushes in record-name order; which days are stored and which are held back is arbitrary.
        const stored = all.slice(0, logsPerAccount);
        const account = accountStore.create({
          email,
          kdfAlgorithm: KDF_ALGORITHM,
          kdfIterations: kdf.iterations,
          salt: kdf.salt,
          authHash,
          recoveryHash: null,
          keyring: JSON.stringify(ring.wrapped),
          createdAt: Date.UTC(2026, 0, 1),
        });
        for (let b = 0; b < stored.length; b += 100) {
          recordStore.push(
            account.pk,
            stored.slice(b, b + 100).map((r) => ({ id: Buffer.from(r.id, 'base64url'), collection: r.collection, hlc: r.hlc, deleted: r.deleted, ciphertext: Buffer.from(r.ciphertext, 'base64url') })),
          );
        }
        records += stored.length;
        for (const r of stored) bytes += (r.ciphertext.length * 3) / 4;
        seeded[i] = { email, pool: i < extraFor ? all.slice(logsPerAccount) : [], stored: i < extraFor ? stored : [] };
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    server.close();
  }
  return { accounts: seeded, authKey: shared.authKey, kdf, records, meanCiphertextBytes: bytes / Math.max(1, records) };
}
