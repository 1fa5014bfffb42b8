import { TokenBucket } from '../rate-limit';
import type { Logger } from '../log';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type CircuitState } from './breaker';
import { UPSTREAM_LABEL, UpstreamFailure, type FailureKind, type UpstreamName } from './errors';

/**
 * One external API behind its guards, in the order a call meets them: the circuit breaker (fail fast
 * while open), the outbound token bucket (never more than the rate), then the HTTP call with a
 * timeout (AbortController). Rate-limit refusals do not count as upstream failures; timeouts, network
 * errors, 5xx/429/403 and unparseable bodies do. 404 is an answer ("not found"), not a failure.
 */

export interface RateSpec {
  /** Requests allowed per window (also the burst). */
  rate: number;
  windowMs: number;
}

/** DESIGN §6: Open Food Facts 100/min, USDA 1000/h. */
export const DEFAULT_RATES: Record<UpstreamName, RateSpec> = {
  off: { rate: 100, windowMs: 60_000 },
  usda: { rate: 1000, windowMs: 3_600_000 },
};

export interface UpstreamOptions {
  name: UpstreamName;
  baseUrl: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  rate?: RateSpec;
  breaker?: BreakerOptions;
  /** Query parameters added to every call (the USDA api_key). Never logged. */
  fixedQuery?: Record<string, string>;
  log?: Logger;
  userAgent?: string;
}

export interface UpstreamResponse {
  status: number;
  /** Parsed JSON, or null for an empty body (FDC answers some 404s with nothing). */
  body: unknown;
}

export interface UpstreamStatus {
  name: string;
  circuit: CircuitState;
  consecutive_failures: number;
  /** When the circuit last opened (ISO), or null. */
  circuit_opened_at: string | null;
  /** While open: when trial calls will be allowed again (ISO). */
  retry_at: string | null;
  tokens_available: number;
  rate: string;
  calls: number;
  failures: number;
  last_success: string | null;
  last_failure: string | null;
  last_error: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export class Upstream {
  readonly name: UpstreamName;
  readonly label: string;
  readonly breaker: CircuitBreaker;
  readonly bucket: TokenBucket;
  private readonly baseUrl: string;
  private calls = 0;
  private failures = 0;
  private lastSuccess: number | null = null;
  private lastFailure: number | null = null;
  private lastError: string | null = null;

  constructor(private readonly opts: UpstreamOptions) {
    this.name = opts.name;
    this.label = UPSTREAM_LABEL[opts.name];
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    const rate = opts.rate ?? DEFAULT_RATES[opts.name];
    this.bucket = new TokenBucket(rate.rate, rate.windowMs, opts.now);
    this.breaker = new CircuitBreaker(opts.now, opts.breaker ?? DEFAULT_BREAKER);
  }

  /** True when a call right now would be let through by both the breaker and the bucket. */
  canCall(reserveTokens = 0): boolean {
    return this.breaker.state !== 'open' && this.bucket.available >= 1 + reserveTokens;
  }

  /**
   * GET `path` with `query` and read the answer with `read` (2xx and 404 only); rejects with an
   * UpstreamFailure for everything else, including refusals by the breaker or the bucket. A `read`
   * that throws (a body of the wrong shape) counts as a malformed answer against the breaker.
   */
  async get<T>(route: string, path: string, query: Record<string, string | undefined>, read: (res: UpstreamResponse) => T): Promise<T> {
    const admission = this.breaker.admit();
    if (!admission.ok) {
      throw new UpstreamFailure(this.name, 'circuit_open', `${this.label} is failing; its circuit is open (next try in ${Math.ceil(admission.retryAfterMs / 1000)} s)`, admission.retryAfterMs);
    }
    const permit = admission.permit;
    const wait = this.bucket.take();
    if (wait > 0) {
      permit.release();
      throw new UpstreamFailure(this.name, 'rate_limited', `${this.label}'s request budget is used up for now (next request allowed in ${Math.ceil(wait / 1000)} s)`, wait);
    }

    const url = new URL(this.baseUrl + path);
    for (const [k, v] of Object.entries({ ...query, ...this.opts.fixedQuery })) if (v !== undefined) url.searchParams.set(k, v);

    this.calls++;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      let res: Response;
      try {
        res = await this.opts.fetch(url, {
          signal: controller.signal,
          headers: { accept: 'application/json', 'user-agent': this.opts.userAgent ?? 'Aurea/0.1 (self-hosted food diary proxy)' },
        });
      } catch (e) {
        throw controller.signal.aborted
          ? this.fail(permit, route, 'timeout', `${this.label} did not answer within ${this.opts.timeoutMs} ms`)
          : this.fail(permit, route, 'network', `${this.label} could not be reached (${(e as Error).message})`);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        throw controller.signal.aborted
          ? this.fail(permit, route, 'timeout', `${this.label} did not finish its answer within ${this.opts.timeoutMs} ms`)
          : this.fail(permit, route, 'network', `${this.label} broke off its answer (${(e as Error).message})`);
      }
      if (res.status !== 404 && (res.status < 200 || res.status > 299)) {
        throw this.fail(permit, route, 'http_status', `${this.label} answered HTTP ${res.status}`);
      }
      let body: unknown = null;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          // A 404 with an HTML page still means "not found"; a 200 that is not JSON is a broken upstream.
          if (res.status !== 404) throw this.fail(permit, route, 'malformed', `${this.label} answered with malformed JSON`);
        }
      }
      let value: T;
      try {
        value = read({ status: res.status, body });
      } catch (e) {
        throw this.fail(permit, route, 'malformed', `${this.label} answered in an unexpected shape (${(e as Error).message})`);
      }
      permit.success();
      this.lastSuccess = this.opts.now();
      return value;
    } finally {
      clearTimeout(timer);
    }
  }

  private fail(permit: { failure(): void }, route: string, kind: FailureKind, message: string): UpstreamFailure {
    permit.failure();
    return this.note(route, kind, message);
  }

  private note(route: string, kind: FailureKind, message: string): UpstreamFailure {
    this.failures++;
    this.lastFailure = this.opts.now();
    this.lastError = message;
    this.opts.log?.warn('upstream failure', { upstream: this.name, route, kind, circuit: this.breaker.state });
    return new UpstreamFailure(this.name, kind, message);
  }

  status(): UpstreamStatus {
    const rate = this.bucket.rate;
    const perHour = this.bucket.windowMs === 3_600_000;
    return {
      name: this.label,
      circuit: this.breaker.state,
      consecutive_failures: this.breaker.consecutiveFailures,
      circuit_opened_at: iso(this.breaker.openedAtMs),
      retry_at: this.breaker.state === 'open' ? iso(this.opts.now() + this.breaker.retryAfterMs) : null,
      tokens_available: Math.floor(this.bucket.available),
      rate: perHour ? `${rate}/h` : `${rate}/${Math.round(this.bucket.windowMs / 1000)}s`,
      calls: this.calls,
      failures: this.failures,
      last_success: iso(this.lastSuccess),
      last_failure: iso(this.lastFailure),
      last_error: this.lastError,
    };
  }
}
