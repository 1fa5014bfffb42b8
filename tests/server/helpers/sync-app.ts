import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AureaServer } from '../../../sync-server/app';
import { configSchema } from '../../../sync-server/config';
import { SyncClient } from '../../../shared/sync/transport';

/** A clock tests move by hand (token expiry, rate-limit windows, edit times). */
export class ManualClock {
  /** Starts at the real time (a whole second), so devices on the real clock and the server agree (the server bounds version stamps by its clock). */
  constructor(public t = Math.floor(Date.now() / 1000) * 1000) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
}

/** https: the client refuses plain http to anything but this computer. */
export const BASE_URL = 'https://aurea.test';

export interface TestApp {
  server: AureaServer;
  clock: ManualClock;
  dataDir: string;
  /** fetch into the real Hono app (no socket): the same request/response path as over HTTP. */
  fetch: typeof fetch;
  request(path: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<Response>;
  client(options?: { credentials?: { email: string; authKey: string } }): SyncClient;
  close(): void;
}

/**
 * The real server app (createApp) on a fresh data directory. `dataDir` ':memory:' keeps SQLite in memory;
 * otherwise a temporary directory is created (and removed on close unless `keep`).
 */
export function startTestApp(env: Record<string, string | number> = {}, options: { dataDir?: string; keep?: boolean; clock?: ManualClock } = {}): TestApp {
  const clock = options.clock ?? new ManualClock();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'aurea-sync-'));
  const config = configSchema.parse({ DATA_DIR: dataDir, STATIC_DIR: '', LOG_LEVEL: 'silent', BACKGROUND_JOBS: 'off', ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) });
  const server = createApp(config, { clock });
  const appFetch = ((input: RequestInfo | URL, init?: RequestInit) => server.app.request(input instanceof Request ? input : String(input), init)) as typeof fetch;
  return {
    server,
    clock,
    dataDir,
    fetch: appFetch,
    async request(path, init = {}) {
      const { json, token, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) headers.set('content-type', 'application/json');
      if (token) headers.set('authorization', `Bearer ${token}`);
      return server.app.request(`${BASE_URL}${path}`, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
    },
    client(opts = {}) {
      return new SyncClient({ baseUrl: BASE_URL, fetch: appFetch, credentials: opts.credentials ?? null });
    },
    close() {
      server.close();
      if (!options.keep && dataDir !== ':memory:') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
