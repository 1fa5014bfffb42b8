import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasSharedData, SHARED_DATA_DIR, startFakeUpstream, type FakeUpstream } from '../tests/fake-upstream/index';
import { measureStorage } from './load/db-layer';
import { formatSummary, latestProfile, summariseProfile } from './load/profile';
import { cachedLookups, pulls, pushes, type ScenarioResult } from './load/scenarios';
import { seedServer, type Seeded } from './load/seed';
import { startBenchServer, type BenchServer } from './load/server';
import type { Report } from './runner';

/**
 * Load on a REAL server process (`node sync-server/start.mjs` on 127.0.0.1, file-backed SQLite in WAL with
 * synchronous=FULL, request logging on, background jobs off, the app not served), seeded at the ADR's scale:
 * 1,000 accounts × 100 days of real encrypted records (bench/load/seed.ts). autocannon drives, 100 connections
 * for 20 s per run (one account per connection where there are accounts):
 *   (a) cached ingredient lookups (cache warmed through the fake USDA/OFF upstream);
 *   (b) sync pushes of ~1 KB encrypted records in batches of 100;
 *   (c) full pulls of one account's 100 records.
 * Each scenario runs twice: flat out (closed loop: every connection sends its next request as soon as the last
 * is answered), which gives throughput; and paced at a stated load (open loop, requests spread evenly over
 * each second), which gives latency at that load. Latency in a closed loop is mostly the queue itself:
 * 100 connections ÷ throughput (Little's law), whatever the server does. `_p99` targets of paced runs are the
 * latency targets; the flat-out `_p99` of lookups carries its target too (5,000 req/s with p99 ≤ 20 ms).
 * The per-IP, per-user and login rate limits are raised for the run (RATE_LIMIT_* env) so the figures are the
 * server's capacity rather than its limits; with the defaults, this traffic would (rightly) get 429s.
 *
 * Knobs (env): LOAD_DURATION_S (20), LOAD_CONNECTIONS (100), LOAD_ACCOUNTS (1000), LOAD_PROFILE=1 (server
 * under --cpu-prof; prints where its CPU time went per scenario), LOAD_ONLY=lookups,push,pull,storage.
 * The benchmark process and the server share the machine: on 2 cores, autocannon takes a good part of one.
 */

const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
const ACCOUNTS = Number(process.env.LOAD_ACCOUNTS ?? 1000);
const LOGS_PER_ACCOUNT = 100;
const BATCH = 100;
const PROFILE = process.env.LOAD_PROFILE === '1';
const ONLY = new Set((process.env.LOAD_ONLY ?? 'lookups,push,pull,storage').split(',').map((s) => s.trim()));

/** Names and products the fake upstream knows (the recorded USDA / Open Food Facts bodies). */
const LOOKUPS = ['/api/ingredients/cheddar%20cheese', '/api/ingredients/apple', '/api/ingredients/big%20mac', '/api/ingredients/chicken%20breast%20cooked', '/api/ingredients/coca%20cola', '/api/ingredients/raw%20apple'];

const RAISED_LIMITS = { RATE_LIMIT_PER_IP: '1000000000', RATE_LIMIT_PER_USER: '1000000000', RATE_LIMIT_LOGIN: '1000000000' };

/** CPU seconds (user + system) a process has used, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

async function login(url: string, email: string, authKey: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, auth_key: authKey }) });
  if (res.status !== 200) throw new Error(`login ${email}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function inParallel<T, R>(items: readonly T[], width: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await f(items[i]!);
  }));
  return out;
}

export default async function (report: Report) {
  const conditions = `${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at start; ${CONNECTIONS} connections × ${DURATION_S} s`;
  const root = mkdtempSync(join(tmpdir(), 'aurea-load-'));
  const dataDir = join(root, 'data');
  const profileDir = join(root, 'profiles');
  mkdirSync(profileDir);
  let fake: FakeUpstream | null = null;
  let server: BenchServer | null = null;
  try {
    // ------------------------------------------------------------------ seed
    const pushAccounts = Math.min(CONNECTIONS, ACCOUNTS);
    const pullAccounts = Math.min(CONNECTIONS, Math.max(0, ACCOUNTS - pushAccounts));
    let t = performance.now();
    const seeded: Seeded = await seedServer({ dataDir, accounts: ACCOUNTS, logsPerAccount: LOGS_PER_ACCOUNT, extraFor: pushAccounts, extraLogs: 2 * LOGS_PER_ACCOUNT });
    report({ name: 'seed_s', value: (performance.now() - t) / 1000, unit: 's', note: `${ACCOUNTS} accounts × ${LOGS_PER_ACCOUNT} days = ${seeded.records} real encrypted records (mean ciphertext ${seeded.meanCiphertextBytes.toFixed(0)} B), through the server's storage layer` });

    if (hasSharedData()) fake = await startFakeUpstream();
    else console.warn(`load bench: ${SHARED_DATA_DIR} is missing, so the fake upstream cannot run: scenario (a) cached lookups is skipped`);
    const env = { ...RAISED_LIMITS, ...(fake ? { USDA_BASE_URL: fake.usdaBaseUrl, OFF_BASE_URL: fake.offBaseUrl, USDA_API_KEY: 'LOAD_BENCH' } : {}) };
    const start = async () => (server = await startBenchServer({ dataDir, env, ...(PROFILE ? { cpuProfileDir: profileDir } : {}) }));
    const stop = async (title: string, inclusive: string[]) => {
      await server?.stop();
      server = null;
      const file = PROFILE ? latestProfile(profileDir) : null;
      if (file) {
        process.stdout.write(formatSummary(title, summariseProfile(file, inclusive)) + '\n');
        rmSync(file);
      }
    };

    /**
     * Reports one run. Closed-loop runs (`rate` unset) give throughput; their latency is the queue behind 100
     * busy connections (Little's law) and is reported as `_saturated_`. Paced runs give latency at a load.
     */
    const reportRun = (name: string, r: ScenarioResult, cpu: [number | null, number | null], targets: { minRps?: number; maxP99?: number } = {}) => {
      const res = r.result;
      const answered = res['2xx'] + res.non2xx;
      if (r.paced) {
        report({ name: `${name}_p50`, value: r.paced.p50, unit: 'ms', note: `${r.paced.samples} answers at ${(answered / res.duration).toFixed(0)} req/s offered evenly by ${CONNECTIONS} connections` });
        report({ name: `${name}_p99`, value: r.paced.p99, unit: 'ms', ...(targets.maxP99 ? { target: { op: '<=' as const, value: targets.maxP99 } } : {}), note: `max ${r.paced.max.toFixed(1)} ms` });
      } else {
        report({ name: `${name}_req_per_s`, value: res.requests.average, unit: 'req/s', ...(targets.minRps ? { target: { op: '>=' as const, value: targets.minRps } } : {}), note: `${answered} answers in ${res.duration.toFixed(1)} s, ${CONNECTIONS} connections flat out` });
        report({ name: `${name}_p50`, value: res.latency.p50, unit: 'ms' });
        report({ name: `${name}_p99`, value: res.latency.p99, unit: 'ms', ...(targets.maxP99 ? { target: { op: '<=' as const, value: targets.maxP99 } } : {}), note: 'closed loop: includes the queue of 100 busy connections' });
      }
      report({ name: `${name}_errors`, value: res.errors + res.timeouts, unit: 'errors', target: { op: '<=', value: 0 }, note: `${res.timeouts} timeouts` });
      report({ name: `${name}_non2xx`, value: res.non2xx, unit: 'answers', target: { op: '<=', value: 0 }, note: JSON.stringify(Object.fromEntries(Object.entries(res.statusCodeStats).map(([k, v]) => [k, v.count]))) });
      if (r.wrong) report({ name: `${name}_wrong_answers`, value: r.wrong, unit: 'answers', target: { op: '<=', value: 0 }, note: '2xx answers that were not what was asked' });
      const [c0, c1] = cpu;
      if (c0 !== null && c1 !== null && answered > 0) report({ name: `${name}_server_cpu_us_per_req`, value: ((c1 - c0) * 1e6) / answered, unit: 'µs', note: 'server process user+system CPU per answer: comparable across busy and quiet machines' });
    };
    const measured = async <R extends ScenarioResult>(go: () => Promise<R>): Promise<[R, [number | null, number | null]]> => {
      const c0 = cpuSeconds(server!.child.pid);
      const r = await go();
      return [r, [c0, cpuSeconds(server!.child.pid)]];
    };
    const base = () => ({ url: server!.url, connections: CONNECTIONS });

    // ------------------------------------------------------------------ (a) cached ingredient lookups
    if (fake && ONLY.has('lookups')) {
      await start();
      const paths: string[] = [];
      for (const p of LOOKUPS) {
        const res = await fetch(server!.url + p);
        await res.arrayBuffer();
        if (res.status === 200) paths.push(p);
      }
      if (paths.length === 0) throw new Error(`no lookup could be cached through the fake upstream:\n${server!.logTail()}`);
      const upstreamCalls = fake.calls().total;
      await cachedLookups({ ...base(), durationS: 3, paths }); // warm-up (JIT, sockets)
      reportRun('cached_lookup', ...(await measured(() => cachedLookups({ ...base(), durationS: DURATION_S, paths }))), { minRps: 5000, maxP99: 20 });
      reportRun('cached_lookup_at_5000', ...(await measured(() => cachedLookups({ ...base(), durationS: DURATION_S, paths, rate: 5000 }))), { maxP99: 20 });
      report({ name: 'cached_lookup_upstream_calls', value: fake.calls().total - upstreamCalls, unit: 'calls', target: { op: '<=', value: 0 }, note: `${paths.length} cached names in rotation; none may reach the upstream` });
      await stop('cached ingredient lookups', ['getIngredient', 'get', 'getScore', 'dataHash', 'scoreFor', 'normaliseIngredient', 'safeParse', 'json', 'info', 'setSecurityHeaders', 'randomUUID', 'take', 'dispatch', 'responseViaCache']);
    }

    // Tokens through the real sign-in (scrypt on the server), a few at a time.
    let pushTokens: string[] = [];
    let pullTokens: string[] = [];
    if (ONLY.has('push') || ONLY.has('pull')) {
      await start();
      t = performance.now();
      const emails = seeded.accounts.slice(0, pushAccounts + pullAccounts).map((a) => a.email);
      const tokens = await inParallel(emails, 4, (e) => login(server!.url, e, seeded.authKey));
      pushTokens = tokens.slice(0, pushAccounts);
      pullTokens = tokens.slice(pushAccounts);
      report({ name: 'login_ms_mean', value: (performance.now() - t) / emails.length, unit: 'ms', note: `${emails.length} sign-ins, 4 at a time (scrypt N=2^15 each on the server)` });
      // A fresh process for the measured runs, so sign-in work stays out of their CPU figures and profiles.
      await stop('sign-ins', []);
    }

    // ------------------------------------------------------------------ (c) full pulls of 100 records
    if (ONLY.has('pull') && pullTokens.length) {
      await start();
      const pull = (durationS: number, rate?: number) => pulls({ ...base(), durationS, tokens: pullTokens, expect: LOGS_PER_ACCOUNT, ...(rate ? { rate } : {}) });
      await pull(3);
      reportRun('pull100', ...(await measured(() => pull(DURATION_S))));
      reportRun('pull100_at_100', ...(await measured(() => pull(DURATION_S, 100))), { maxP99: 20 });
      await stop('sync pull (100 records)', ['pull', 'pullJson', 'requireAccount', 'verify', 'sessionInfo', 'setSecurityHeaders']);
    }

    // ------------------------------------------------------------------ (b) pushes of 100 records
    if (ONLY.has('push') && pushTokens.length) {
      await start();
      const accounts = pushTokens.map((token, i) => ({ token, pool: [...seeded.accounts[i]!.pool, ...seeded.accounts[i]!.stored] }));
      // Version stamps only move forward, run after run: each push writes every one of its records.
      let wall = Date.UTC(2026, 0, 2);
      const push = async (durationS: number, rate?: number) => {
        const r = await pushes({ ...base(), durationS, accounts, batch: BATCH, wallStart: wall, ...(rate ? { rate } : {}) });
        wall += r.result.requests.sent + 1;
        return r;
      };
      await push(3);
      const [flat, cpu] = await measured(() => push(DURATION_S));
      reportRun('push', flat, cpu);
      report({ name: 'push_records_per_s', value: flat.records / flat.result.duration, unit: 'rec/s', target: { op: '>=', value: 10_000 }, note: `batches of ${BATCH} (~1 KB each), every record accepted and durably written` });
      const [paced, pcpu] = await measured(() => push(DURATION_S, 10_000 / BATCH));
      reportRun('push_at_10k_rec_s', paced, pcpu, { maxP99: 50 });
      await stop('sync push (batches of 100)', ['flush', 'readBody', 'requireAccount', 'safeParse', 'setSecurityHeaders']);
    }
    if (server) await stop('idle', []);

    // ------------------------------------------------------------------ the storage layer alone: fsync cost
    if (ONLY.has('storage')) {
      const pool = seeded.accounts.flatMap((a) => [...a.pool, ...a.stored]).slice(0, 20_000);
      if (pool.length) {
        const s = await measureStorage(pool);
        report({ name: 'storage_push_full_rec_per_s', value: s.fullRecPerS, unit: 'rec/s', note: 'RecordStore.push in-process, batches of 100, WAL + synchronous=FULL (as served)' });
        report({ name: 'storage_push_normal_rec_per_s', value: s.normalRecPerS, unit: 'rec/s', note: 'same, synchronous=NORMAL (not durable on power loss; for comparison only)' });
        report({ name: 'storage_fsync_ms_per_commit', value: s.fsyncMsPerCommit, unit: 'ms', note: 'the durability cost of one acknowledged push' });
      }
    }
    report({ name: 'conditions', value: loadavg()[0]!, unit: 'load avg at end', note: `${conditions}; rate limits raised via RATE_LIMIT_PER_IP/PER_USER/LOGIN=1e9 for the run` });
  } finally {
    if (server) await (server as BenchServer).stop();
    if (fake) await fake.close();
    if (existsSync(root)) rmSync(root, { recursive: true, force: true });
  }
}
