/**
 * Token bucket keyed by client (IP, account, or upstream name): `rate` tokens per `windowMs`, refilled
 * continuously, bursting up to `rate`. Used for inbound limits (per IP, per user, login) and outbound
 * limits to USDA / Open Food Facts. In-process state only (DESIGN §6: the one allowed kind).
 */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    readonly rate: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {
    this.tokens = rate;
    this.updated = now();
  }

  private refill() {
    const t = this.now();
    const elapsed = Math.max(0, t - this.updated);
    this.tokens = Math.min(this.rate, this.tokens + (elapsed * this.rate) / this.windowMs);
    this.updated = t;
  }

  /** Takes one token; returns 0 when allowed, else the milliseconds until a token is available. */
  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * this.windowMs) / this.rate);
  }

  get available(): number {
    this.refill();
    return this.tokens;
  }
}

/** Many buckets by key, pruning idle ones so memory stays bounded under a flood of distinct keys. */
export class KeyedLimiter {
  private buckets = new Map<string, TokenBucket>();

  constructor(
    readonly rate: number,
    readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string): number {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune();
      b = new TokenBucket(this.rate, this.windowMs, this.now);
      this.buckets.set(key, b);
    }
    return b.take();
  }

  private prune() {
    for (const [k, b] of this.buckets) if (b.available >= this.rate) this.buckets.delete(k);
    // Still full: drop the oldest tenth (Map order is insertion order), never every counter at once, so a
    // flood of fresh keys cannot reset the limits of the keys that matter.
    if (this.buckets.size >= this.maxKeys) dropOldest(this.buckets, Math.ceil(this.maxKeys / 10));
  }
}

function dropOldest<K, V>(map: Map<K, V>, n: number): void {
  for (const k of map.keys()) {
    if (n-- <= 0) break;
    map.delete(k);
  }
}

/**
 * Exponential backoff per key after repeated failures (sign-in per email, from any address): the first
 * `free` failures cost nothing, then each one doubles the wait before the next attempt, from 2 s up to
 * `maxWaitMs`. A success clears the key; failures are forgotten `forgetMs` after the last one.
 */
export class FailureBackoff {
  private readonly entries = new Map<string, { failures: number; last: number }>();

  constructor(
    readonly free: number,
    private readonly now: () => number,
    readonly maxWaitMs = 15 * 60_000,
    readonly forgetMs = 60 * 60_000,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until `key` may try again (0: now). */
  wait(key: string): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    const t = this.now();
    if (t - e.last >= this.forgetMs) {
      this.entries.delete(key);
      return 0;
    }
    if (e.failures <= this.free) return 0;
    const delay = Math.min(this.maxWaitMs, 1000 * 2 ** Math.min(30, e.failures - this.free));
    return Math.max(0, e.last + delay - t);
  }

  fail(key: string): void {
    const t = this.now();
    const e = this.entries.get(key);
    if (e && t - e.last < this.forgetMs) {
      e.failures += 1;
      e.last = t;
      // Re-insert: Map order then follows the latest failure, so eviction takes the stalest keys.
      this.entries.delete(key);
      this.entries.set(key, e);
      return;
    }
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) dropOldest(this.entries, Math.ceil(this.maxKeys / 10));
    this.entries.set(key, { failures: 1, last: t });
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }
}

/** The work queue is full; `retryAfterMs` is a hint for the client. */
export class BusyError extends Error {
  override name = 'BusyError';
  constructor(readonly retryAfterMs: number) {
    super('server busy');
  }
}

/**
 * Runs at most `concurrency` expensive tasks (scrypt: ~100 ms and 32 MiB each) at once, queues up to
 * `maxQueued` more, and refuses the rest at once with BusyError, so a burst of sign-ins cannot pile up
 * memory and latency without bound.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxQueued: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) throw new BusyError(1000 * Math.max(1, Math.ceil((this.waiting.length + 1) / this.concurrency / 5)));
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter (running stays the same), else it is freed.
      if (next) next();
      else this.running--;
    }
  }
}
