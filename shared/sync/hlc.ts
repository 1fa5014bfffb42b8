import { z } from 'zod';

/**
 * Hybrid logical clock stamps (Kulkarni et al.), encoded so that plain string comparison is time order:
 *
 *     "001764115200000-000003-k3j9x2abq7m4"
 *      wall time (ms, 15 digits) - counter (6 digits) - node id
 *
 * The node id makes every stamp unique and breaks ties deterministically.
 *
 * Drift rule: receiving a remote stamp never moves this clock more than MAX_DRIFT_MS (24 h) past the local
 * wall clock. A stamp further ahead is clamped for the clock's own state (not rejected: the record still
 * syncs, and keeps its stamp for merging, so every device resolves it the same way). Edits are stamped
 * after the value they replace (see `stampAfter`), so a person can always overwrite a value written by a
 * device whose clock ran fast.
 */
export type Hlc = string;

export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
const MAX_WALL = 999_999_999_999_999;
const MAX_COUNTER = 999_999;
const NODE_ID = /^[0-9A-Za-z]{4,32}$/;
const HLC_PATTERN = /^(\d{15})-(\d{6})-([0-9A-Za-z]{4,32})$/;

export const hlcSchema = z.string().regex(HLC_PATTERN, 'must be a clock stamp "WWWWWWWWWWWWWWW-CCCCCC-node"');
export const nodeIdSchema = z.string().regex(NODE_ID, 'must be 4–32 letters and digits');

export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

export class HlcError extends Error {
  override name = 'HlcError';
}

export function encodeHlc({ wall, counter, node }: HlcParts): Hlc {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_WALL) throw new HlcError(`clock wall time out of range: ${wall}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw new HlcError(`clock counter out of range: ${counter}`);
  if (!NODE_ID.test(node)) throw new HlcError(`node id must be 4–32 letters and digits: ${JSON.stringify(node)}`);
  return `${String(wall).padStart(15, '0')}-${String(counter).padStart(6, '0')}-${node}`;
}

export function decodeHlc(stamp: Hlc): HlcParts {
  const m = HLC_PATTERN.exec(stamp);
  if (!m) throw new HlcError(`not a clock stamp: ${JSON.stringify(stamp)}`);
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two stamps; null counts as "before everything". */
export function maxHlc(a: Hlc | null | undefined, b: Hlc | null | undefined): Hlc | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return a >= b ? a : b;
}

/** Wall time of a stamp in ms (for display, e.g. updated_at). */
export function hlcWall(stamp: Hlc): number {
  return decodeHlc(stamp).wall;
}

/** The smallest stamp of `node` that sorts after `stamp` (same wall time, next counter). */
export function successor(stamp: Hlc, node: string): Hlc {
  const p = decodeHlc(stamp);
  return p.counter < MAX_COUNTER ? encodeHlc({ wall: p.wall, counter: p.counter + 1, node }) : encodeHlc({ wall: p.wall + 1, counter: 0, node });
}

/**
 * Stamp for an edit made at wall time `at` by `node`, guaranteed later than every stamp in `after` (the
 * value being replaced, the tombstone it outlives). An edit thus always wins over what the person saw, while
 * concurrent edits on other devices are ordered by when they were made.
 */
export function stampAfter(at: number, node: string, after: readonly (Hlc | null | undefined)[]): Hlc {
  let stamp = encodeHlc({ wall: Math.max(0, Math.min(MAX_WALL, Math.floor(at))), counter: 0, node });
  for (const prev of after) {
    if (prev != null && prev >= stamp) stamp = successor(prev, node);
  }
  return stamp;
}

/** A random node id for a device (16 base32 characters ≈ 80 bits), generated once and kept. */
export function newNodeId(): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}

/** A hybrid logical clock for one node. Monotonic: every stamp it returns sorts after the previous one. */
export class HlcClock {
  private state: HlcParts | null;

  constructor(
    readonly node: string,
    last: Hlc | null = null,
    readonly maxDriftMs: number = MAX_DRIFT_MS,
  ) {
    if (!NODE_ID.test(node)) throw new HlcError(`node id must be 4–32 letters and digits: ${JSON.stringify(node)}`);
    this.state = last ? { ...decodeHlc(last), node } : null;
  }

  /** The latest stamp issued or observed (clamped), or null before the first. */
  get last(): Hlc | null {
    return this.state ? encodeHlc(this.state) : null;
  }

  /** A stamp for a local event at wall time `now`. */
  tick(now: number): Hlc {
    const wallNow = Math.floor(now);
    const s = this.state;
    let wall = Math.max(s?.wall ?? 0, wallNow);
    let counter = s && wall === s.wall ? s.counter + 1 : 0;
    if (counter > MAX_COUNTER) {
      wall += 1;
      counter = 0;
    }
    this.state = { wall, counter, node: this.node };
    return encodeHlc(this.state);
  }

  /**
   * Merges a remote stamp seen at wall time `now` and returns a stamp after both. A remote wall time more
   * than maxDriftMs ahead of `now` is clamped to now + maxDriftMs (drift is clamped, never fatal).
   */
  receive(remote: Hlc, now: number): Hlc {
    const r = decodeHlc(remote);
    const wallNow = Math.floor(now);
    const limit = wallNow + this.maxDriftMs;
    const clamped = r.wall > limit;
    const rWall = clamped ? limit : r.wall;
    const rCounter = clamped ? -1 : r.counter;
    const s = this.state;
    const lWall = s?.wall ?? -1;
    const lCounter = s?.counter ?? -1;
    let wall = Math.max(lWall, rWall, wallNow);
    let counter: number;
    if (wall === lWall && wall === rWall) counter = Math.max(lCounter, rCounter) + 1;
    else if (wall === lWall) counter = lCounter + 1;
    else if (wall === rWall) counter = rCounter + 1;
    else counter = 0;
    if (counter > MAX_COUNTER) {
      wall += 1;
      counter = 0;
    }
    this.state = { wall, counter, node: this.node };
    return encodeHlc(this.state);
  }
}
