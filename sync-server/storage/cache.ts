import { createHash, createHmac, randomBytes } from 'node:crypto';
import { migrate, type Db } from './db';

/**
 * The upstream cache in SQLite (ADR "Caching Strategy"): ingredient/product data under
 * `ingredient:data:{name}` / `product:data:{barcode}` (24 h), scores under `…:score:…` (7 d, tied to
 * the data they were computed from by a hash), search results, remembered not-founds, and per-key
 * request counts that drive cache warming and the weekly refresh. No account or health data here:
 * names and barcodes are not linked to who asked. Request counts are kept under a keyed hash of the name
 * (HMAC with a server secret) with only the week of the latest request: no names, no times of day.
 */

export type CacheKind = 'ingredient' | 'product' | 'search';

export const DATA_TTL_MS = 24 * 3_600_000;
export const SCORE_TTL_MS = 7 * 24 * 3_600_000;
/**
 * Answers that lack one source (it was down, or its budget was spent) are retried much sooner, so one
 * client that spent a shared budget does not leave everyone a half answer for long.
 */
export const PARTIAL_TTL_MS = 5 * 60_000;
/** "Not found anywhere" is remembered briefly, so a typo does not cost an upstream call per keystroke. */
export const NOT_FOUND_TTL_MS = 3_600_000;

export interface CacheEntry<T> {
  key: string;
  kind: CacheKind;
  subject: string;
  value: T;
  found: boolean;
  fetchedAt: number;
  expiresAt: number;
}

/** Request counts keep the week of the latest request, nothing finer. */
export const DEMAND_WEEK_MS = 7 * 24 * 3_600_000;
const weekOf = (ms: number) => Math.floor(ms / DEMAND_WEEK_MS);

export interface DemandRow {
  key: string;
  kind: CacheKind;
  subject: string;
  hits: number;
  /** When the cached data expires (null: nothing cached). */
  expiresAt: number | null;
}

export interface CacheStats {
  entries: number;
  fresh: number;
  expired: number;
  not_found: number;
  scores: number;
  tracked_requests: number;
}

const MIGRATIONS = [
  `CREATE TABLE upstream_cache (
     key TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     subject TEXT NOT NULL,
     value TEXT NOT NULL,
     found INTEGER NOT NULL,
     fetched_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX upstream_cache_expires ON upstream_cache (expires_at);
   CREATE TABLE upstream_score_cache (
     key TEXT PRIMARY KEY,
     data_hash TEXT NOT NULL,
     value TEXT NOT NULL,
     computed_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE TABLE upstream_demand (
     key TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     subject TEXT NOT NULL,
     hits INTEGER NOT NULL,
     first_requested_at INTEGER NOT NULL,
     last_requested_at INTEGER NOT NULL
   );
   CREATE INDEX upstream_demand_hits ON upstream_demand (hits DESC, last_requested_at DESC);`,
  // Demand without names or timestamps: a keyed hash, a count and a week number. The cache row carries the
  // same hash, so warming finds the name only while the data itself is cached.
  `CREATE TABLE upstream_demand_v2 (
     key_hash BLOB PRIMARY KEY,
     kind TEXT NOT NULL,
     hits INTEGER NOT NULL,
     last_week INTEGER NOT NULL
   ) WITHOUT ROWID;
   INSERT INTO upstream_demand_v2 (key_hash, kind, hits, last_week)
     SELECT demand_key_hash(key), kind, hits, last_requested_at / 604800000 FROM upstream_demand;
   DROP TABLE upstream_demand;
   ALTER TABLE upstream_demand_v2 RENAME TO upstream_demand;
   CREATE INDEX upstream_demand_hits ON upstream_demand (hits DESC, last_week DESC);
   ALTER TABLE upstream_cache ADD COLUMN key_hash BLOB;
   UPDATE upstream_cache SET key_hash = demand_key_hash(key);
   CREATE INDEX upstream_cache_by_hash ON upstream_cache (key_hash);`,
];

interface CacheRow {
  key: string;
  kind: CacheKind;
  subject: string;
  value: string;
  found: number;
  fetched_at: number;
  expires_at: number;
}

/** Hashes of frozen (so never changing) values: the same cached data is hashed once, not per request. */
const frozenHashes = new WeakMap<object, string>();

/** Stable hash of a JSON value, to tie a cached score to the data it was computed from. */
export function dataHash(value: unknown): string {
  const memo = value !== null && typeof value === 'object' && Object.isFrozen(value);
  if (memo) {
    const known = frozenHashes.get(value);
    if (known) return known;
  }
  const hash = createHash('sha256').update(JSON.stringify(value)).digest('base64url');
  if (memo) frozenHashes.set(value as object, hash);
  return hash;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Parsed rows kept (per key) while their stored JSON is unchanged. */
const PARSED_MAX = 1000;

/** Request counts are written at most this long after the request, or once this many keys are pending. */
const DEMAND_FLUSH_MS = 1000;
const DEMAND_FLUSH_KEYS = 1000;

export class UpstreamCache {
  private readonly stmts;
  private readonly pendingDemand = new Map<string, { kind: CacheKind; hits: number; last: number }>();
  private readonly keyHash: (key: string) => Buffer;
  private demandTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly parsed = new Map<string, { raw: string; value: unknown }>();

  /** @param demandKey HMAC key for request counts (a server secret); random when not given. */
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    demandKey: Buffer = randomBytes(32),
  ) {
    this.keyHash = (key) => createHmac('sha256', demandKey).update(key).digest();
    db.function('demand_key_hash', { deterministic: true }, (key: unknown) => this.keyHash(String(key)));
    migrate(db, 'upstream_cache', MIGRATIONS);
    this.stmts = {
      get: db.prepare<[string], CacheRow>('SELECT key, kind, subject, value, found, fetched_at, expires_at FROM upstream_cache WHERE key = ?'),
      put: db.prepare(
        `INSERT INTO upstream_cache (key, kind, subject, value, found, fetched_at, expires_at, key_hash) VALUES (@key, @kind, @subject, @value, @found, @fetched_at, @expires_at, @key_hash)
         ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, subject = excluded.subject, value = excluded.value, found = excluded.found,
           fetched_at = excluded.fetched_at, expires_at = excluded.expires_at, key_hash = excluded.key_hash`,
      ),
      del: db.prepare('DELETE FROM upstream_cache WHERE key = ?'),
      getScore: db.prepare<[string], { data_hash: string; value: string; expires_at: number }>('SELECT data_hash, value, expires_at FROM upstream_score_cache WHERE key = ?'),
      putScore: db.prepare(
        `INSERT INTO upstream_score_cache (key, data_hash, value, computed_at, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET data_hash = excluded.data_hash, value = excluded.value, computed_at = excluded.computed_at, expires_at = excluded.expires_at`,
      ),
      delScore: db.prepare('DELETE FROM upstream_score_cache WHERE key = ?'),
      hits: db.prepare<[Buffer, CacheKind, number, number]>(
        `INSERT INTO upstream_demand (key_hash, kind, hits, last_week) VALUES (?, ?, ?, ?)
         ON CONFLICT(key_hash) DO UPDATE SET hits = hits + excluded.hits, last_week = MAX(last_week, excluded.last_week)`,
      ),
      demand: db.prepare<[Buffer], { hits: number; last_week: number }>('SELECT hits, last_week FROM upstream_demand WHERE key_hash = ?'),
      // Warming needs a name, which only the cache row holds: expired data still cached (kept 30 days) is warmed.
      mostRequested: db.prepare<[number, number], DemandSql>(
        `SELECT c.key, c.kind, c.subject, d.hits, c.expires_at
           FROM upstream_demand d JOIN upstream_cache c ON c.key_hash = d.key_hash
          WHERE d.kind != 'search' AND c.expires_at <= ?
          ORDER BY d.hits DESC, d.last_week DESC LIMIT ?`,
      ),
      expiredRequested: db.prepare<[number, number, number], DemandSql>(
        `SELECT c.key, c.kind, c.subject, d.hits, c.expires_at
           FROM upstream_cache c JOIN upstream_demand d ON d.key_hash = c.key_hash
          WHERE c.kind != 'search' AND c.found = 1 AND c.expires_at <= ? AND d.last_week >= ?
          ORDER BY d.hits DESC, d.last_week DESC LIMIT ?`,
      ),
      stats: db.prepare<[number], { entries: number; fresh: number; not_found: number }>(
        `SELECT COUNT(*) AS entries, COALESCE(SUM(expires_at > ?), 0) AS fresh, COALESCE(SUM(found = 0), 0) AS not_found FROM upstream_cache`,
      ),
      scoreCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM upstream_score_cache'),
      demandCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM upstream_demand'),
      pruneCache: db.prepare('DELETE FROM upstream_cache WHERE expires_at < ?'),
      pruneScores: db.prepare('DELETE FROM upstream_score_cache WHERE expires_at < ?'),
      pruneDemand: db.prepare('DELETE FROM upstream_demand WHERE last_week < ?'),
    };
  }

  /**
   * JSON.parse of a stored value, reused while the row holds the same text (compared in full, so a write by
   * anyone, in this process or another, is seen at once). Values are deep-frozen: shared between requests,
   * they must never be changed in place, and freezing makes any attempt fail loudly.
   */
  private parse<T>(slot: string, raw: string): T {
    const hit = this.parsed.get(slot);
    if (hit && hit.raw === raw) return hit.value as T;
    const value = deepFreeze(JSON.parse(raw) as T);
    if (this.parsed.size >= PARSED_MAX) this.parsed.clear();
    this.parsed.set(slot, { raw, value });
    return value;
  }

  get<T>(key: string): CacheEntry<T> | null {
    const row = this.stmts.get.get(key);
    if (!row) return null;
    let value: T;
    try {
      value = this.parse<T>(`d|${key}`, row.value);
    } catch {
      this.stmts.del.run(key); // a damaged row is a miss, not an error
      return null;
    }
    return { key: row.key, kind: row.kind, subject: row.subject, value, found: row.found === 1, fetchedAt: row.fetched_at, expiresAt: row.expires_at };
  }

  isFresh(entry: CacheEntry<unknown>): boolean {
    return entry.expiresAt > this.now();
  }

  put<T>(key: string, kind: CacheKind, subject: string, value: T, ttlMs: number, found = true): CacheEntry<T> {
    const fetchedAt = this.now();
    const entry: CacheEntry<T> = { key, kind, subject, value, found, fetchedAt, expiresAt: fetchedAt + ttlMs };
    this.stmts.put.run({ key, kind, subject, value: JSON.stringify(value), found: found ? 1 : 0, fetched_at: fetchedAt, expires_at: entry.expiresAt, key_hash: this.keyHash(key) });
    return entry;
  }

  delete(key: string): void {
    this.stmts.del.run(key);
  }

  /** A cached score, only when it was computed from exactly `hash` and is within its TTL. */
  getScore<T>(key: string, hash: string): T | null {
    const row = this.stmts.getScore.get(key);
    if (!row || row.data_hash !== hash || row.expires_at <= this.now()) return null;
    try {
      return this.parse<T>(`s|${key}`, row.value);
    } catch {
      return null;
    }
  }

  putScore<T>(key: string, hash: string, value: T, ttlMs = SCORE_TTL_MS): void {
    const now = this.now();
    this.stmts.putScore.run(key, hash, JSON.stringify(value), now, now + ttlMs);
  }

  deleteScore(key: string): void {
    this.stmts.delScore.run(key);
  }

  /**
   * Counts one request for `key` (cache hit or not): the demand that warming and refresh follow. Counts are
   * kept in memory and written in one transaction about once a second (and before anything reads them): a
   * durable write per lookup would cost an fsync per cached answer, and losing a second of counts in a crash
   * only nudges which names get warmed.
   */
  recordRequest(key: string, kind: CacheKind, _subject?: string): void {
    const now = this.now();
    const p = this.pendingDemand.get(key);
    if (p) {
      p.hits++;
      p.last = Math.max(p.last, now);
    } else this.pendingDemand.set(key, { kind, hits: 1, last: now });
    if (this.pendingDemand.size >= DEMAND_FLUSH_KEYS) this.flushDemand();
    else if (!this.demandTimer) {
      this.demandTimer = setTimeout(() => this.flushDemand(), DEMAND_FLUSH_MS);
      this.demandTimer.unref?.();
    }
  }

  /** Writes the request counts held in memory (also called on close). */
  flushDemand(): void {
    if (this.demandTimer) clearTimeout(this.demandTimer);
    this.demandTimer = null;
    if (this.pendingDemand.size === 0 || !this.db.open) return;
    const rows = [...this.pendingDemand];
    this.pendingDemand.clear();
    this.db.transaction(() => {
      for (const [key, p] of rows) this.stmts.hits.run(this.keyHash(key), p.kind, p.hits, weekOf(p.last));
    })();
  }

  /** Requests counted for `key`, and the week (ms since 1970 / DEMAND_WEEK_MS) of the latest. */
  demand(key: string): { hits: number; lastWeek: number } | null {
    this.flushDemand();
    const row = this.stmts.demand.get(this.keyHash(key));
    return row ? { hits: row.hits, lastWeek: row.last_week } : null;
  }

  /** Most requested ingredients/products whose data is missing or expired (for warming). */
  mostRequestedNeedingData(limit: number): DemandRow[] {
    this.flushDemand();
    return this.stmts.mostRequested.all(this.now(), limit).map(toDemand);
  }

  /** Cached entries past their TTL that were still requested since `since` (for the weekly refresh). */
  expiredButRequested(since: number, limit: number): DemandRow[] {
    this.flushDemand();
    return this.stmts.expiredRequested.all(this.now(), weekOf(since), limit).map(toDemand);
  }

  stats(): CacheStats {
    this.flushDemand();
    const s = this.stmts.stats.get(this.now()) ?? { entries: 0, fresh: 0, not_found: 0 };
    return {
      entries: s.entries,
      fresh: s.fresh,
      expired: s.entries - s.fresh,
      not_found: s.not_found,
      scores: this.stmts.scoreCount.get()?.n ?? 0,
      tracked_requests: this.stmts.demandCount.get()?.n ?? 0,
    };
  }

  /**
   * Drops data expired for longer than `keepExpiredMs` (stale copies are kept that long to serve
   * during outages) and request counts idle for `demandIdleMs`, so the file stays bounded.
   */
  prune(keepExpiredMs = 30 * 24 * 3_600_000, demandIdleMs = 90 * 24 * 3_600_000): { cache: number; scores: number; demand: number } {
    const now = this.now();
    this.flushDemand();
    return this.db.transaction(() => ({
      cache: this.stmts.pruneCache.run(now - keepExpiredMs).changes,
      scores: this.stmts.pruneScores.run(now).changes,
      demand: this.stmts.pruneDemand.run(weekOf(now - demandIdleMs)).changes,
    }))();
  }
}

interface DemandSql {
  key: string;
  kind: CacheKind;
  subject: string;
  hits: number;
  expires_at: number | null;
}

function toDemand(r: DemandSql): DemandRow {
  return { key: r.key, kind: r.kind, subject: r.subject, hits: r.hits, expiresAt: r.expires_at };
}
