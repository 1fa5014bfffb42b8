import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, decodeHlc, encodeHlc, HlcClock, HlcError, isHlc, MAX_DRIFT_MS, newNodeId, stampAfter, successor } from '../../../shared/sync/hlc';

const T0 = Date.UTC(2026, 0, 15, 9, 30);
const node = fc.stringMatching(/^[0-9A-Za-z]{4,12}$/);
const parts = fc.record({ wall: fc.integer({ min: 0, max: 2 ** 45 }), counter: fc.integer({ min: 0, max: 999_999 }), node });

describe('HLC encoding', () => {
  it('round-trips and validates', () => {
    const s = encodeHlc({ wall: T0, counter: 7, node: 'deviceA' });
    expect(s).toBe(`00${T0}-000007-deviceA`);
    expect(decodeHlc(s)).toEqual({ wall: T0, counter: 7, node: 'deviceA' });
    expect(isHlc(s)).toBe(true);
    for (const bad of ['', '1-2-abcd', `00${T0}-7-deviceA`, `00${T0}-000007-dev`, `00${T0}-000007-dev!ce`]) expect(isHlc(bad)).toBe(false);
    expect(() => encodeHlc({ wall: -1, counter: 0, node: 'abcd' })).toThrow(HlcError);
    expect(() => encodeHlc({ wall: 1, counter: 1_000_000, node: 'abcd' })).toThrow(HlcError);
  });

  it('sorts as strings exactly as (wall, counter, node) tuples', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        const tuple = a.wall - b.wall || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(encodeHlc(a), encodeHlc(b)))).toBe(Math.sign(tuple));
      }),
    );
  });
});

describe('HlcClock', () => {
  it('tick is strictly monotonic even when the wall clock goes backwards', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: T0 - 10_000, max: T0 + 10_000 }), { minLength: 1, maxLength: 60 }), (walls) => {
        const clock = new HlcClock('nodeA');
        let prev = '';
        for (const w of walls) {
          const s = clock.tick(w);
          expect(s > prev).toBe(true);
          expect(decodeHlc(s).wall).toBeGreaterThanOrEqual(w);
          prev = s;
        }
      }),
    );
  });

  it('receive returns a stamp after both the local and the remote one', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 0, max: 20 })), { maxLength: 50 }), (events) => {
        const clock = new HlcClock('nodeA');
        let prev = '';
        for (const [remote, offset, counter] of events) {
          const now = T0 + 1000;
          const r = encodeHlc({ wall: T0 + offset, counter, node: 'nodeB' });
          const s = remote ? clock.receive(r, now) : clock.tick(now);
          expect(s > prev).toBe(true);
          if (remote) expect(s > r).toBe(true);
          prev = s;
        }
      }),
    );
  });

  it('follows a remote clock up to 24 h ahead', () => {
    const clock = new HlcClock('nodeA');
    const ahead = encodeHlc({ wall: T0 + 3_600_000, counter: 4, node: 'nodeB' });
    const s = clock.receive(ahead, T0);
    expect(decodeHlc(s)).toEqual({ wall: T0 + 3_600_000, counter: 5, node: 'nodeA' });
  });

  it('clamps a remote clock more than 24 h ahead instead of failing', () => {
    const clock = new HlcClock('nodeA');
    const farFuture = encodeHlc({ wall: T0 + 400 * 86_400_000, counter: 9, node: 'nodeB' });
    const s = clock.receive(farFuture, T0);
    expect(decodeHlc(s).wall).toBe(T0 + MAX_DRIFT_MS);
    expect(s < farFuture).toBe(true);
    // Still monotonic, and the clock does not keep the far-future time.
    const next = clock.tick(T0 + 1);
    expect(next > s).toBe(true);
    expect(decodeHlc(next).wall).toBe(T0 + MAX_DRIFT_MS);
  });

  it('restores from its last stamp and keeps going forward', () => {
    const a = new HlcClock('nodeA');
    const last = a.tick(T0 + 5000);
    const b = new HlcClock('nodeA', last);
    expect(b.tick(T0) > last).toBe(true);
  });

  it('rejects a bad node id', () => {
    expect(() => new HlcClock('no')).toThrow(HlcError);
    expect(newNodeId()).toMatch(/^[0-9a-z]{16}$/);
    expect(newNodeId()).not.toBe(newNodeId());
  });
});

describe('edit stamps', () => {
  it('stampAfter uses the edit time but always sorts after what it replaces', () => {
    expect(stampAfter(T0, 'nodeA', [])).toBe(encodeHlc({ wall: T0, counter: 0, node: 'nodeA' }));
    const future = encodeHlc({ wall: T0 + 9e9, counter: 3, node: 'nodeB' });
    const s = stampAfter(T0, 'nodeA', [null, future, undefined]);
    expect(s > future).toBe(true);
    expect(s).toBe(successor(future, 'nodeA'));
    const older = encodeHlc({ wall: T0 - 1, counter: 3, node: 'nodeB' });
    expect(stampAfter(T0, 'nodeA', [older])).toBe(encodeHlc({ wall: T0, counter: 0, node: 'nodeA' }));
  });

  it('successor rolls the counter over into the next millisecond', () => {
    const top = encodeHlc({ wall: T0, counter: 999_999, node: 'nodeB' });
    expect(decodeHlc(successor(top, 'nodeA'))).toEqual({ wall: T0 + 1, counter: 0, node: 'nodeA' });
  });
});
