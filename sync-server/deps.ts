import type { ServerConfig } from './config';
import type { Db } from './storage/db';
import type { Logger } from './log';

/** What the server needs to know the time (tests pass their own). */
export interface Clock {
  now(): number;
}

/** What route modules get: configuration, the one SQLite store, logging, a clock and outbound fetch. */
export interface ServerDeps {
  config: ServerConfig;
  db: Db;
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
}

export type AppEnv = { Variables: { requestId: string; accountId?: string } };

/** How a route module hands the app what to close on shutdown and what to add to /api/health. */
export interface RouteHooks {
  onClose(f: () => void): void;
  addHealth(f: () => Record<string, unknown>): void;
}
