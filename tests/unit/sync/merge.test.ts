import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/sync/bytes';
import { applyLocalDelete, applyLocalPatch, docsEqual, emptyDoc, isLive, mergeDocs, normaliseDoc, visibleValues, type Json, type Register, type SyncDoc } from '../../../shared/sync/doc';
import { encodeHlc } from '../../../shared/sync/hlc';

const T0 = Date.UTC(2026, 2, 1, 8);
const KEY = 'log:2026-03-01';
const FIELDS = ['ingredients', 'notes', 'cycle_phase', 'symptom:bloating', 'symptom:energy', '@id'] as const;
const NODES = ['nodeA', 'nodeB', 'nodeC'] as const;

const stamp = fc.record({ wall: fc.integer({ min: 0, max: 6 }), counter: fc.integer({ min: 0, max: 2 }), node: fc.constantFrom(...NODES) }).map((p) => encodeHlc({ ...p, wall: T0 + p.wall }));
const value: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 5 }), fc.constantFrom('oats', 'milk', 'rye'), fc.array(fc.constantFrom('oats', 'milk'), { maxLength: 2 }));
const register: fc.Arbitrary<Register> = fc.record({ v: value, t: stamp });
/** Arbitrary states, including ones no honest device produces (same stamp, different values), to test the tie-break. */
const doc: fc.Arbitrary<SyncDoc> = fc
  .record({ fields: fc.dictionary(fc.constantFrom(...FIELDS), register, { maxKeys: FIELDS.length }), deleted: fc.option(stamp, { nil: null }) })
  .map(({ fields, deleted }) => ({ v: 1 as const, key: KEY, fields, deleted }));

const same = (a: SyncDoc, b: SyncDoc): void => {
  expect(canonicalJson(a)).toBe(canonicalJson(b));
};

describe('merge is a join: idempotent, commutative, associative', () => {
  it('idempotent', () => fc.assert(fc.property(doc, (a) => same(mergeDocs(a, a), normaliseDoc(a))), { numRuns: 500 }));
  it('commutative', () => fc.assert(fc.property(doc, doc, (a, b) => same(mergeDocs(a, b), mergeDocs(b, a))), { numRuns: 500 }));
  it('associative', () => fc.assert(fc.property(doc, doc, doc, (a, b, c) => same(mergeDocs(mergeDocs(a, b), c), mergeDocs(a, mergeDocs(b, c)))), { numRuns: 500 }));
  it('absorbs what it already contains (merging an older state changes nothing)', () =>
    fc.assert(fc.property(doc, doc, (a, b) => same(mergeDocs(mergeDocs(a, b), b), mergeDocs(a, b))), { numRuns: 300 }));
});

type Op = { replica: number; kind: 'patch'; field: (typeof FIELDS)[number]; v: Json; at: number } | { replica: number; kind: 'delete'; at: number } | { replica: number; kind: 'sync'; with: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ replica: fc.integer({ min: 0, max: 2 }), kind: fc.constant('patch' as const), field: fc.constantFrom(...FIELDS), v: value, at: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ replica: fc.integer({ min: 0, max: 2 }), kind: fc.constant('delete' as const), at: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ replica: fc.integer({ min: 0, max: 2 }), kind: fc.constant('sync' as const), with: fc.integer({ min: 0, max: 2 }) }),
);

describe('replicas converge', () => {
  it('three devices editing and deleting offline, syncing in any order, end in one state', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }), (ops, order) => {
        const replicas = [emptyDoc(KEY), emptyDoc(KEY), emptyDoc(KEY)];
        for (const o of ops) {
          const r = replicas[o.replica]!;
          const node = NODES[o.replica]!;
          if (o.kind === 'patch') replicas[o.replica] = applyLocalPatch(r, { [o.field]: o.v }, T0 + o.at, node);
          else if (o.kind === 'delete') replicas[o.replica] = applyLocalDelete(r, T0 + o.at, node);
          else replicas[o.replica] = mergeDocs(r, replicas[o.with]!);
        }
        // Everyone receives everyone's state, each in a different order.
        const final = order.map((start) => [0, 1, 2].map((i) => replicas[(start + i) % 3]!).reduce((acc, d) => mergeDocs(acc, d)));
        same(final[0]!, final[1]!);
        same(final[1]!, final[2]!);
      }),
      { numRuns: 400 },
    );
  });
});

describe('merge rules', () => {
  const at = (ms: number) => T0 + ms;

  it('merges per field: different fields edited on two devices both survive', () => {
    const base = applyLocalPatch(emptyDoc(KEY), { ingredients: ['oats'], notes: null, 'symptom:bloating': 1 }, at(0), 'nodeA');
    const a = applyLocalPatch(base, { ingredients: ['oats', 'milk'] }, at(10), 'nodeA');
    const b = applyLocalPatch(base, { notes: 'slept badly', 'symptom:bloating': 4 }, at(5), 'nodeB');
    const m = visibleValues(mergeDocs(a, b));
    expect(m).toEqual({ ingredients: ['oats', 'milk'], notes: 'slept badly', 'symptom:bloating': 4 });
  });

  it('the same field edited on two devices keeps the later edit', () => {
    const base = applyLocalPatch(emptyDoc(KEY), { notes: 'first' }, at(0), 'nodeA');
    const a = applyLocalPatch(base, { notes: 'from A, later' }, at(20), 'nodeA');
    const b = applyLocalPatch(base, { notes: 'from B, earlier' }, at(10), 'nodeB');
    expect(visibleValues(mergeDocs(b, a)).notes).toBe('from A, later');
  });

  it('a delete after an edit wins', () => {
    const base = applyLocalPatch(emptyDoc(KEY), { ingredients: ['oats'], '@id': 'x' }, at(0), 'nodeA');
    const edited = applyLocalPatch(base, { notes: 'edit on B' }, at(10), 'nodeB');
    const deleted = applyLocalDelete(base, at(20), 'nodeA');
    const m = mergeDocs(edited, deleted);
    expect(isLive(m)).toBe(false);
    expect(Object.keys(m.fields)).toEqual(['@id']);
  });

  it('an edit made after the delete brings the day back with only the fields written after it', () => {
    const base = applyLocalPatch(emptyDoc(KEY), { ingredients: ['oats'], 'symptom:bloating': 2, '@id': 'x' }, at(0), 'nodeA');
    const deleted = applyLocalDelete(base, at(10), 'nodeA');
    const later = applyLocalPatch(base, { notes: 'added later on B' }, at(30), 'nodeB');
    const m = mergeDocs(deleted, later);
    expect(isLive(m)).toBe(true);
    expect(visibleValues(m)).toEqual({ '@id': 'x', notes: 'added later on B' });
  });

  it('re-creating a deleted day on the same device shows the new content', () => {
    let d = applyLocalPatch(emptyDoc(KEY), { ingredients: ['oats'] }, at(0), 'nodeA');
    d = applyLocalDelete(d, at(5), 'nodeA');
    d = applyLocalPatch(d, { ingredients: ['rye'] }, at(5), 'nodeA');
    expect(visibleValues(d)).toEqual({ ingredients: ['rye'] });
  });

  it('a local edit always replaces the value it was made on, even one stamped by a clock far in the future', () => {
    const future = encodeHlc({ wall: T0 + 1000 * 86_400_000, counter: 0, node: 'nodeB' });
    const remote: SyncDoc = { v: 1, key: KEY, fields: { notes: { v: 'from a fast clock', t: future } }, deleted: future };
    const local = applyLocalPatch(remote, { notes: 'corrected' }, at(0), 'nodeA');
    expect(visibleValues(mergeDocs(remote, local)).notes).toBe('corrected');
  });

  it('breaks an exact stamp tie the same way everywhere', () => {
    const t = encodeHlc({ wall: T0, counter: 0, node: 'nodeA' });
    const a: SyncDoc = { v: 1, key: KEY, fields: { notes: { v: 'a', t } }, deleted: null };
    const b: SyncDoc = { v: 1, key: KEY, fields: { notes: { v: 'b', t } }, deleted: null };
    expect(visibleValues(mergeDocs(a, b)).notes).toBe('b');
    expect(visibleValues(mergeDocs(b, a)).notes).toBe('b');
  });

  it('refuses to merge two different records', () => {
    expect(() => mergeDocs(emptyDoc(KEY), emptyDoc('log:2026-03-02'))).toThrow(/different records/);
    expect(docsEqual(emptyDoc(KEY), emptyDoc(KEY))).toBe(true);
  });
});
