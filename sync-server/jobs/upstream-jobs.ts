import type { Logger } from '../log';
import type { UpstreamCache } from '../storage/cache';
import { UPSTREAM_LABEL, UpstreamFailure, type UpstreamName } from '../upstream/errors';
import type { IngredientService } from '../upstream/service';
import type { Upstream } from '../upstream/upstream';
import { parseUsdaSearch } from '../upstream/usda-parse';

/**
 * Server-side background jobs (ADR "Background Job Architecture", DESIGN §6):
 * - an upstream health check every 5 minutes, feeding /api/health;
 * - warming at start: the most requested names whose data is missing or expired;
 * - a weekly refresh of cached entries past their TTL that people still request.
 * Warming and refresh spend only the upper half of each token bucket, so live requests keep theirs,
 * and stop as soon as a breaker opens. Timers are unref'd: they never keep the process alive.
 */

export const HEALTH_INTERVAL_MS = 5 * 60_000;
export const REFRESH_INTERVAL_MS = 7 * 24 * 3_600_000;
/** Entries requested within this window count as "still requested". */
export const STILL_REQUESTED_MS = 7 * 24 * 3_600_000;
export const WARM_LIMIT = 25;
export const REFRESH_LIMIT = 200;
/** Share of each bucket that background work leaves for people. */
export const RESERVE_SHARE = 0.5;

/** A known, stable record at each upstream, cheap to fetch. */
const OFF_PROBE_BARCODE = '0737628064502';

export interface HealthCheck {
  last_check: string | null;
  last_check_ok: boolean | null;
  last_check_error: string | null;
}

export interface JobRun {
  attempted: number;
  refreshed: number;
  failed: number;
  /** Why the run stopped early, if it did (budget reserve reached, circuit open, stopped). */
  stopped_early: string | null;
}

const idleRun = (why: string): JobRun => ({ attempted: 0, refreshed: 0, failed: why === 'error' ? 1 : 0, stopped_early: why });

export interface UpstreamJobsDeps {
  service: IngredientService;
  cache: UpstreamCache;
  upstreams: Record<UpstreamName, Upstream>;
  now: () => number;
  log: Logger;
}

export class UpstreamJobs {
  private readonly checks: Record<UpstreamName, HealthCheck> = {
    usda: { last_check: null, last_check_ok: null, last_check_error: null },
    off: { last_check: null, last_check_ok: null, last_check_error: null },
  };
  private timers: ReturnType<typeof setTimeout>[] = [];
  private stopped = false;
  private running = new Set<string>();
  lastWarm: JobRun | null = null;
  lastRefresh: JobRun | null = null;

  constructor(private readonly deps: UpstreamJobsDeps) {}

  /** Schedules the jobs: first health check and warming right away, then on their intervals. */
  start(): void {
    this.stopped = false;
    try {
      this.deps.cache.prune(); // long-expired copies and idle request counts from earlier runs
    } catch (e) {
      this.deps.log.warn('cache prune failed', { error: (e as Error).message });
    }
    const every = (ms: number, f: () => Promise<unknown>) => {
      const t = setInterval(() => void f(), ms);
      t.unref();
      this.timers.push(t);
    };
    const soon = setTimeout(() => void this.checkHealth().then(() => this.warmCache()), 0);
    soon.unref();
    this.timers.push(soon);
    every(HEALTH_INTERVAL_MS, () => this.checkHealth());
    every(REFRESH_INTERVAL_MS, () => this.refreshExpired());
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.splice(0)) clearTimeout(t);
  }

  health(name: UpstreamName): HealthCheck {
    return { ...this.checks[name] };
  }

  /** Probes each upstream through its breaker and bucket; a refusal is recorded, not retried. */
  async checkHealth(): Promise<void> {
    await this.exclusive('health', async () => {
      await Promise.all((Object.keys(this.deps.upstreams) as UpstreamName[]).map((name) => this.probe(name)));
    }, () => undefined);
  }

  private async probe(name: UpstreamName): Promise<void> {
    const upstream = this.deps.upstreams[name];
    const record = this.checks[name];
    try {
      if (name === 'usda') {
        await upstream.get('usda.health', '/foods/search', { query: 'apple', dataType: 'Foundation', pageSize: '1' }, (res) => (res.status === 404 ? null : parseUsdaSearch(res.body)));
      } else {
        await upstream.get('off.health', `/api/v2/product/${OFF_PROBE_BARCODE}.json`, { fields: 'code' }, (res) => {
          if (typeof res.body !== 'object' || res.body === null) throw new Error('not a JSON object');
          return null;
        });
      }
      record.last_check_ok = true;
      record.last_check_error = null;
    } catch (e) {
      record.last_check_ok = false;
      record.last_check_error = e instanceof UpstreamFailure ? `${e.kind}: ${e.message}` : (e as Error).message;
    } finally {
      record.last_check = new Date(this.deps.now()).toISOString();
    }
  }

  /** Fetches the most requested names/barcodes whose data is missing or expired. */
  warmCache(limit = WARM_LIMIT): Promise<JobRun> {
    return this.exclusive('warm', async () => {
      const run = await this.refreshRows(this.deps.cache.mostRequestedNeedingData(limit));
      this.lastWarm = run;
      if (run.attempted > 0) this.deps.log.info('cache warmed', { ...run });
      return run;
    }, idleRun);
  }

  /** Refreshes entries past their TTL that were requested in the last week. */
  refreshExpired(limit = REFRESH_LIMIT): Promise<JobRun> {
    return this.exclusive('refresh', async () => {
      const rows = this.deps.cache.expiredButRequested(this.deps.now() - STILL_REQUESTED_MS, limit);
      const run = await this.refreshRows(rows);
      this.deps.cache.prune();
      this.lastRefresh = run;
      this.deps.log.info('cache refreshed', { ...run });
      return run;
    }, idleRun);
  }

  private async refreshRows(rows: { kind: string; subject: string }[]): Promise<JobRun> {
    const run: JobRun = { attempted: 0, refreshed: 0, failed: 0, stopped_early: null };
    for (const row of rows) {
      const needs: UpstreamName[] = row.kind === 'product' ? ['off'] : ['usda', 'off'];
      const blocked = this.blocked(needs);
      if (blocked) {
        run.stopped_early = blocked;
        break;
      }
      run.attempted++;
      try {
        if (row.kind === 'product') await this.deps.service.getProduct(row.subject, { record: false, refresh: true });
        else await this.deps.service.getIngredient(row.subject, { record: false, refresh: true });
        run.refreshed++;
      } catch (e) {
        // Not found is a valid refresh outcome (remembered as such); anything else is a failure.
        if ((e as { status?: number }).status === 404) run.refreshed++;
        else run.failed++;
      }
    }
    return run;
  }

  /** Why background work must not spend on these upstreams now, or null when it may. */
  private blocked(names: UpstreamName[]): string | null {
    if (this.stopped) return 'stopped';
    for (const name of names) {
      const u = this.deps.upstreams[name];
      if (u.breaker.state === 'open') return `${UPSTREAM_LABEL[name]} circuit open`;
      if (!u.canCall(Math.ceil(u.bucket.rate * RESERVE_SHARE))) return `${UPSTREAM_LABEL[name]} budget reserved for live requests`;
    }
    return null;
  }

  /** Runs `f` unless the same job is already running (a slow run is not stacked on itself). */
  private async exclusive<T>(name: string, f: () => Promise<T>, idle: (why: string) => T): Promise<T> {
    if (this.stopped) return idle('stopped');
    if (this.running.has(name)) return idle('already running');
    this.running.add(name);
    try {
      return await f();
    } catch (e) {
      this.deps.log.warn('background job failed', { job: name, error: (e as Error).message });
      return idle('error');
    } finally {
      this.running.delete(name);
    }
  }
}
