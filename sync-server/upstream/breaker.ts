/**
 * Circuit breaker per upstream (ADR "Circuit Breaker Pattern", DESIGN §6): `failureThreshold`
 * consecutive failures open it; while open, calls fail fast without touching the upstream; after
 * `openMs` it half-opens and lets trial calls through; `successThreshold` successes close it, and any
 * failure while half-open opens it again. Time comes from the injected clock so tests can drive it.
 */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  openMs: number;
  successThreshold: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 5, openMs: 30_000, successThreshold: 2 };

/** Permission for one call; report its outcome exactly once. */
export interface Permit {
  success(): void;
  failure(): void;
  /** The call never reached the upstream (e.g. refused by the rate limiter): no outcome to count. */
  release(): void;
}

export type Admission = { ok: true; permit: Permit } | { ok: false; retryAfterMs: number };

export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private successes = 0;
  private openedAt = 0;
  private trialsInFlight = 0;
  private lastOpenedAt: number | null = null;
  /** Bumped at each half-open, so trial permits from an earlier round do not count in this one. */
  private round = 0;

  constructor(
    private readonly now: () => number,
    readonly options: BreakerOptions = DEFAULT_BREAKER,
  ) {}

  /** The state now (an open circuit whose time is up reads as half-open). */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.options.openMs) {
      this.current = 'half_open';
      this.successes = 0;
      this.trialsInFlight = 0;
      this.round++;
    }
    return this.current;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Milliseconds until an open circuit half-opens (0 when not open). */
  get retryAfterMs(): number {
    return this.state === 'open' ? Math.max(0, this.openedAt + this.options.openMs - this.now()) : 0;
  }

  get openedAtMs(): number | null {
    return this.lastOpenedAt;
  }

  /**
   * Asks to make a call. Half-open admits at most `successThreshold` trial calls at a time, so a
   * recovering upstream is not hit by the whole backlog at once.
   */
  admit(): Admission {
    const state = this.state;
    if (state === 'open') return { ok: false, retryAfterMs: this.retryAfterMs };
    if (state === 'half_open') {
      if (this.trialsInFlight >= this.options.successThreshold) return { ok: false, retryAfterMs: 1000 };
      this.trialsInFlight++;
      return { ok: true, permit: this.permit(true) };
    }
    return { ok: true, permit: this.permit(false) };
  }

  private permit(trial: boolean): Permit {
    let done = false;
    const round = this.round;
    const finish = () => {
      if (done) return false;
      done = true;
      if (trial && round === this.round) this.trialsInFlight = Math.max(0, this.trialsInFlight - 1);
      return true;
    };
    return {
      success: () => {
        if (finish()) this.onSuccess();
      },
      failure: () => {
        if (finish()) this.onFailure();
      },
      release: () => {
        finish();
      },
    };
  }

  private onSuccess(): void {
    const state = this.state;
    if (state === 'half_open') {
      this.successes++;
      if (this.successes >= this.options.successThreshold) this.close();
    } else if (state === 'closed') {
      this.failures = 0;
    }
    // A late success from a call admitted before the circuit opened changes nothing.
  }

  private onFailure(): void {
    const state = this.state;
    if (state === 'half_open') {
      this.open();
      return;
    }
    if (state === 'closed') {
      this.failures++;
      if (this.failures >= this.options.failureThreshold) this.open();
    }
  }

  private open(): void {
    this.current = 'open';
    this.openedAt = this.now();
    this.lastOpenedAt = this.openedAt;
    this.successes = 0;
    this.trialsInFlight = 0;
  }

  private close(): void {
    this.current = 'closed';
    this.failures = 0;
    this.successes = 0;
    this.trialsInFlight = 0;
  }
}
