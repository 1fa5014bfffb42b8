import autocannon, { type Client, type Result } from 'autocannon';
import type { PushRecord } from '../../shared/sync/protocol';
import { quantile } from '../percentiles';

/**
 * The three load scenarios, each driven by autocannon's programmatic API with one account per connection
 * (like that many devices), so per-account work (token check, session lookup, per-user limit, the account's
 * rows) is spread the way real traffic spreads it.
 */

export interface RunOptions {
  url: string;
  connections: number;
  durationS: number;
  /**
   * Requests per second for the whole run (open loop), or undefined to send as fast as answers come back
   * (closed loop: throughput). Paced runs measure latency AT a load: with every connection saturating,
   * latency is just the queue (Little's law: connections ÷ throughput), whatever the server's speed.
   */
  rate?: number;
}

export interface ScenarioResult {
  result: Result;
  /** Answers that were 2xx but not what the scenario expects (e.g. a push not accepted). */
  wrong: number;
  /** Paced runs: latency percentiles of the answers after the first 2 s (connections ramped up), in ms. */
  paced?: { p50: number; p99: number; max: number; samples: number };
}

async function run(opts: RunOptions & { setupClient: (client: Client) => void; title: string }): Promise<Pick<ScenarioResult, 'result' | 'paced'>> {
  const started = Date.now();
  const latencies: number[] = [];
  let setupClient = opts.setupClient;
  const options = { url: opts.url, connections: opts.connections, duration: opts.durationS, timeout: 10, title: opts.title };
  if (opts.rate) {
    // autocannon paces each connection by a per-second quota, refilled on a timer started when the client is
    // created. Creating the clients 1/connections of a second apart spreads those timers over the second, so
    // requests arrive evenly instead of in one burst at every second boundary.
    const gap = 1000 / opts.connections;
    setupClient = (client) => {
      const until = performance.now() + gap;
      while (performance.now() < until);
      client.on('response', (_status: number, _bytes: number, responseTime: number) => {
        if (Date.now() - started > 2000) latencies.push(responseTime);
      });
      opts.setupClient(client);
    };
    Object.assign(options, { connectionRate: Math.max(1, Math.round(opts.rate / opts.connections)), ignoreCoordinatedOmission: true });
  }
  const result = await autocannon({ ...options, setupClient });
  if (!opts.rate) return { result };
  latencies.sort((a, b) => a - b);
  return { result, paced: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies[latencies.length - 1] ?? Number.NaN, samples: latencies.length } };
}

/** (a) Cached ingredient lookups, cycling through `paths` (each already cached by the server). */
export async function cachedLookups(opts: RunOptions & { paths: readonly string[] }): Promise<ScenarioResult> {
  let wrong = 0;
  let n = 0;
  const r = await run({
    ...opts,
    title: 'cached ingredient lookups',
    setupClient(client) {
      // Each connection starts at a different name, so the server sees the mix at every moment.
      const start = n++ % opts.paths.length;
      const order = [...opts.paths.slice(start), ...opts.paths.slice(0, start)];
      client.setRequests(
        order.map((path) => ({
          method: 'GET',
          path,
          onResponse: (status: number, body: string) => {
            if (status === 200 && !body.includes('"stale":false')) wrong++;
          },
        })),
      );
    },
  });
  return { ...r, wrong };
}

/** Splits a record's JSON around its version stamp, so a new push of it only needs a new stamp. */
function template(r: PushRecord): [string, string] {
  const json = JSON.stringify({ id: r.id, collection: r.collection, hlc: '@HLC@', deleted: r.deleted, ciphertext: r.ciphertext });
  const [head, tail] = json.split('@HLC@') as [string, string];
  return [head, tail];
}

/**
 * (b) Authenticated pushes of `batch` records per request. Connection k pushes account k's pool (real
 * encrypted records of days not yet on the server, then the same days again) in batches, each record under a
 * fresh, later version stamp, so every record of every push is accepted and written: the first passes
 * insert rows, later ones replace them.
 */
export async function pushes(opts: RunOptions & { accounts: { token: string; pool: PushRecord[] }[]; batch: number; wallStart: number }): Promise<ScenarioResult & { records: number }> {
  let wrong = 0;
  let records = 0;
  let k = 0;
  const r = await run({
    ...opts,
    title: 'sync push',
    setupClient(client) {
      const i = k++;
      const account = opts.accounts[i % opts.accounts.length]!;
      const templates = account.pool.map(template);
      const node = `load${i}`;
      let pushesMade = 0;
      client.setRequests([
        {
          method: 'POST',
          path: '/api/sync/push',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${account.token}` },
          setupRequest: (req) => {
            const first = (pushesMade * opts.batch) % templates.length;
            const wall = String(opts.wallStart + pushesMade).padStart(15, '0');
            pushesMade++;
            const parts: string[] = new Array(opts.batch);
            for (let j = 0; j < opts.batch; j++) {
              const [head, tail] = templates[(first + j) % templates.length]!;
              parts[j] = `${head}${wall}-${String(j).padStart(6, '0')}-${node}${tail}`;
            }
            req.body = `{"records":[${parts.join(',')}]}`;
            return req;
          },
          onResponse: (status: number, body: string) => {
            if (status !== 200) return;
            // Cheap check (this process shares the machine with the server): nothing ignored, all answered.
            if (body.includes('"ignored"')) wrong++;
            else records += opts.batch;
          },
        },
      ]);
    },
  });
  return { ...r, wrong, records };
}

/** (c) Full pulls of one account's records (since 0) per request; connection k pulls account k. */
export async function pulls(opts: RunOptions & { tokens: string[]; expect: number }): Promise<ScenarioResult> {
  let wrong = 0;
  let k = 0;
  const r = await run({
    ...opts,
    title: 'sync pull',
    setupClient(client) {
      const token = opts.tokens[k++ % opts.tokens.length]!;
      client.setRequests([
        {
          method: 'GET',
          path: `/api/sync/pull?since=0&limit=${opts.expect}`,
          headers: { authorization: `Bearer ${token}` },
          onResponse: (status: number, body: string) => {
            if (status !== 200) return;
            let n = 0;
            for (let at = body.indexOf('"ciphertext"'); at !== -1; at = body.indexOf('"ciphertext"', at + 12)) n++;
            if (n !== opts.expect || !body.includes('"more":false')) wrong++;
          },
        },
      ]);
    },
  });
  return { ...r, wrong };
}
