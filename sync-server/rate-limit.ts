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
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
