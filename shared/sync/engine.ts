import { fromBase64Url, fromUtf8, toBase64Url, utf8, type Bytes } from './bytes';
import { appliedChangeOf, collectionOf, outboxChangeSchema, sameApplied, type AppliedChange, type OutboxEntry, type RecordName } from './collections';
import { applyLocalDelete, applyLocalPatch, docsEqual, emptyDoc, isLive, mergeDocs, normaliseDoc, syncDocSchema, type SyncDoc } from './doc';
import { decryptRecord, encryptRecord, recordIdFor, recordIdMatches, type Collection } from './envelope';
import { SyncBusyError } from './errors';
import { HlcClock, hlcWall, maxHlc, successor, type Hlc } from './hlc';
import type { SyncKeys } from './keyring';
import { SYNC_LIMITS, type PulledRecord, type PushRecord } from './protocol';
import type { StoredDoc, SyncStore } from './store';
import type { SyncTransport } from './transport';

/**
 * The sync client engine, independent of storage (SyncStore) and network (SyncTransport).
 *
 * One `sync()`:
 *  1. folds the outbox (local edits) into the sync documents, stamping each changed field;
 *  2. pulls every page since the last server sequence: decrypts, authenticates (AAD, and the decrypted
 *     record name must hash to the record id), validates, merges field by field, applies the merged values to
 *     the app's data (guarded against local edits made meanwhile) and advances the cursor;
 *  3. pushes dirty documents in batches, each under a new version stamp;
 *  4. if the server held a later version of some record (ignored), pulls and pushes again (bounded rounds).
 * Records that fail authentication or validation are reported in `rejected` and never applied.
 *
 * Version stamps from the server are untrusted until the record behind them is verified: only a verified
 * record moves this device's clock, and no stamp further ahead than SYNC_LIMITS.maxStampAheadMs is ever used
 * as a floor for a new version (one could not be outrun). When a record fails authentication (forged
 * ciphertext, pushed with a stolen token) and this device holds a verified copy, that copy is pushed again
 * so the server's copy heals.
 */

export interface WallClock {
  now(): number;
}

export interface SyncEngineOptions {
  transport: SyncTransport;
  store: SyncStore;
  keys: SyncKeys;
  /** Wall clock; defaults to Date.now. */
  clock?: WallClock;
  /** This device's node id (newNodeId(), generated once and kept). */
  nodeId: string;
  /** Records per push (default 100, at most 500). */
  pushBatchSize?: number;
  /** Bytes of JSON per push, kept under the server's 2 MB body limit (default 1.5 MB). */
  pushBatchBytes?: number;
  /** Records per pull page (default 500). */
  pullLimit?: number;
  /** Pull-then-push rounds per sync when the server holds later versions (default 4). */
  maxRounds?: number;
}

export interface RejectedRecord {
  id: string;
  collection: string;
  /** Server sequence number (0 for a local record that could not be pushed). */
  seq: number;
  reason: string;
}

export interface SyncReport {
  /** Local changes (outbox entries) folded into sync documents. */
  folded: number;
  /** Records received from the server. */
  pulled: number;
  /** App values (a day's log, the definitions, a settings group) changed by remote data. */
  applied: number;
  /** Records the server accepted from this device. */
  pushed: number;
  /** Records refused: failed authentication, invalid content, or too large to push. Nothing of them was applied. */
  rejected: RejectedRecord[];
  /** Server sequence number this device has pulled up to. */
  cursor: number;
  rounds: number;
}

export interface SyncEngine {
  /** Runs one sync; concurrent calls share the running one. Throws the transport's typed errors. */
  sync(): Promise<SyncReport>;
}

const FOLD_BATCH = 500;
const CAS_ATTEMPTS = 5;

interface Incoming {
  record: PulledRecord;
  doc: SyncDoc;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { transport, store, keys, nodeId } = options;
  const clock = options.clock ?? { now: () => Date.now() };
  const pushBatchSize = Math.min(SYNC_LIMITS.maxPushRecords, Math.max(1, options.pushBatchSize ?? 100));
  const pushBatchBytes = options.pushBatchBytes ?? 1_500_000;
  const pullLimit = Math.min(SYNC_LIMITS.maxPullLimit, Math.max(1, options.pullLimit ?? SYNC_LIMITS.defaultPullLimit));
  const maxRounds = Math.max(1, options.maxRounds ?? 4);
  new HlcClock(nodeId); // validates the node id up front
  const ids = new Map<RecordName, string>();
  let running: Promise<SyncReport> | null = null;

  async function idOf(name: RecordName): Promise<string> {
    let id = ids.get(name);
    if (!id) {
      id = await recordIdFor(keys, name);
      ids.set(name, id);
    }
    return id;
  }

  async function run(): Promise<SyncReport> {
    const state = await store.readState();
    const hlc = new HlcClock(nodeId, state.hlc);
    let cursor = state.cursor;
    const report: SyncReport = { folded: 0, pulled: 0, applied: 0, pushed: 0, rejected: [], cursor, rounds: 0 };
    let folded = 0;

    /** Folds all outbox entries into documents; returns the highest seq folded so far. */
    async function fold(): Promise<number> {
      for (;;) {
        const entries = await store.readOutbox(FOLD_BATCH);
        if (entries.length === 0) return folded;
        const names = [...new Set(entries.map((e) => e.name))];
        const current = await store.readDocs(names);
        const changed = new Map<RecordName, StoredDoc>();
        for (const entry of entries) {
          const next = await foldEntry(entry, changed.get(entry.name) ?? current.get(entry.name));
          if (next) changed.set(entry.name, next);
        }
        const through = entries[entries.length - 1]!.seq;
        await store.commit({ docs: [...changed.values()], apply: [], removeOutboxThrough: through });
        folded = Math.max(folded, through);
        report.folded += entries.length;
        if (entries.length < FOLD_BATCH) return folded;
      }
    }

    async function foldEntry(entry: OutboxEntry, stored: StoredDoc | undefined): Promise<StoredDoc | null> {
      const valid = outboxChangeSchema.safeParse(entry);
      const collection = collectionOf(entry.name);
      if (!valid.success || !collection) {
        // A malformed local change would block sync forever; drop it and say so.
        report.rejected.push({ id: '', collection: collection ?? 'unknown', seq: 0, reason: `local change to ${entry.name} is not valid and was not synced` });
        return null;
      }
      const base = stored?.doc ?? emptyDoc(entry.name);
      const doc = entry.op === 'patch' ? applyLocalPatch(base, entry.fields, entry.at, nodeId) : applyLocalDelete(base, entry.at, nodeId);
      return { name: entry.name, id: stored?.id ?? (await idOf(entry.name)), doc, dirty: true, serverHlc: stored?.serverHlc ?? null };
    }

    /** A server-reported stamp, if it is one a version of ours could still follow; null for one too far ahead. */
    function reachable(stamp: Hlc | null | undefined): Hlc | null {
      if (stamp == null) return null;
      return hlcWall(stamp) <= clock.now() + SYNC_LIMITS.maxStampAheadMs ? stamp : null;
    }

    /** Ids of pulled records that failed authentication: not written by anyone holding this account's keys. */
    const forged = new Map<string, Hlc>();

    /** Opens one pulled record, or explains why it cannot be used. */
    async function open(record: PulledRecord): Promise<SyncDoc | string> {
      let plain: Bytes;
      try {
        plain = await decryptRecord(keys, record.collection, record.id, fromBase64Url(record.ciphertext));
      } catch (e) {
        forged.set(record.id, record.hlc);
        return e instanceof Error ? e.message : 'could not decrypt';
      }
      let doc: SyncDoc;
      try {
        const parsed = syncDocSchema.safeParse(JSON.parse(fromUtf8(plain)));
        if (!parsed.success) return `decrypted content is not a sync document (${parsed.error.issues[0]?.message ?? 'invalid'})`;
        doc = normaliseDoc(parsed.data);
      } catch {
        return 'decrypted content is not JSON';
      }
      if (collectionOf(doc.key) !== record.collection) {
        forged.set(record.id, record.hlc);
        return 'decrypted record does not belong to its collection';
      }
      if (!(await recordIdMatches(keys, doc.key, record.id))) {
        forged.set(record.id, record.hlc);
        return 'decrypted record does not match its id (swapped or replayed under another id)';
      }
      try {
        appliedChangeOf(doc);
      } catch (e) {
        return `decrypted content is not valid (${e instanceof Error ? e.message.slice(0, 200) : 'invalid'})`;
      }
      return doc;
    }

    function view(doc: SyncDoc): AppliedChange | null {
      try {
        return appliedChangeOf(doc);
      } catch {
        return null;
      }
    }

    function isEmpty(change: AppliedChange): boolean {
      return (change.collection === 'log' && !change.log) || (change.collection === 'settings' && !change.values);
    }

    async function pullAll(): Promise<void> {
      for (;;) {
        const page = await transport.pull(cursor, pullLimit);
        report.pulled += page.records.length;
        const incoming = new Map<RecordName, Incoming>();
        for (const record of page.records) {
          const opened = await open(record);
          if (typeof opened === 'string') {
            report.rejected.push({ id: record.id, collection: record.collection, seq: record.seq, reason: opened });
            continue;
          }
          // Only a verified record may move the clock (receive also clamps drift).
          hlc.receive(record.hlc, clock.now());
          const prev = incoming.get(opened.key);
          incoming.set(opened.key, prev ? { record: record.seq > prev.record.seq ? record : prev.record, doc: mergeDocs(prev.doc, opened) } : { record, doc: opened });
        }
        const names = [...incoming.keys()];
        let committed = false;
        for (let attempt = 0; attempt < CAS_ATTEMPTS && !committed; attempt++) {
          const through = await fold();
          const locals = await store.readDocs(names);
          const docs: StoredDoc[] = [];
          const apply: AppliedChange[] = [];
          const refused: RejectedRecord[] = [];
          for (const [name, { record, doc: remote }] of incoming) {
            const local = locals.get(name);
            const merged = local ? mergeDocs(local.doc, remote) : remote;
            const after = view(merged);
            if (!after) {
              refused.push({ id: record.id, collection: record.collection, seq: record.seq, reason: 'merged content is not valid' });
              continue;
            }
            docs.push({ name, id: record.id, doc: merged, dirty: !docsEqual(merged, remote), serverHlc: maxHlc(local?.serverHlc, record.hlc) });
            const before = local ? view(local.doc) : null;
            if (before ? !sameApplied(before, after) : !isEmpty(after)) apply.push(after);
          }
          committed = await store.commit({ docs, apply, state: { cursor: page.next, hlc: hlc.last }, onlyIfOutboxThrough: through });
          if (committed) {
            report.applied += apply.length;
            report.rejected.push(...refused);
          }
        }
        if (!committed) throw new SyncBusyError();
        await repairForged();
        cursor = page.next;
        report.cursor = cursor;
        if (!page.more || page.records.length === 0) return;
      }
    }

    /**
     * Marks this device's verified copies of forged records dirty, so the next push replaces the server's copy.
     * The forged stamp serves as a floor for that push only when a version could still follow it; one too far
     * ahead is ignored, and the server lets a valid version replace it.
     */
    async function repairForged(): Promise<void> {
      if (forged.size === 0) return;
      const copies = await store.readDocsByIds([...forged.keys()]);
      const docs = copies.map((d) => ({ ...d, dirty: true, serverHlc: maxHlc(reachable(d.serverHlc), reachable(forged.get(d.id))) }));
      forged.clear();
      if (docs.length) await store.commit({ docs, apply: [] });
    }

    /** Pushes every dirty document; returns true when the server held a later version of some record. */
    async function pushDirty(): Promise<boolean> {
      let stale = false;
      let after: RecordName | null = null;
      for (;;) {
        const dirty = await store.readDirty(after, pushBatchSize);
        if (dirty.length === 0) return stale;
        after = dirty[dirty.length - 1]!.name;
        const batches: { records: PushRecord[]; docs: StoredDoc[] }[] = [{ records: [], docs: [] }];
        let bytes = 0;
        for (const stored of dirty) {
          let version = hlc.tick(clock.now());
          // A stored stamp too far ahead (kept by an older version of this code) cannot be followed: skip it.
          const floor = reachable(stored.serverHlc);
          if (floor && version <= floor) version = successor(floor, nodeId);
          const collection = collectionOf(stored.name) as Collection;
          const ciphertext = await encryptRecord(keys, collection, stored.id, utf8(JSON.stringify(stored.doc)));
          if (ciphertext.length > SYNC_LIMITS.maxRecordBytes) {
            report.rejected.push({ id: stored.id, collection, seq: 0, reason: `${stored.name} is larger than ${SYNC_LIMITS.maxRecordBytes / 1024} KB encrypted and stays on this device` });
            continue;
          }
          const record: PushRecord = { id: stored.id, collection, hlc: version, deleted: !isLive(stored.doc), ciphertext: toBase64Url(ciphertext) };
          const size = record.ciphertext.length + 200;
          let batch = batches[batches.length - 1]!;
          if (batch.records.length > 0 && bytes + size > pushBatchBytes) {
            batch = { records: [], docs: [] };
            batches.push(batch);
            bytes = 0;
          }
          batch.records.push(record);
          batch.docs.push(stored);
          bytes += size;
        }
        for (const batch of batches) {
          if (batch.records.length === 0) continue;
          const res = await transport.push(batch.records);
          const results = new Map(res.results.map((r) => [r.id, r]));
          const updated: StoredDoc[] = [];
          const ours = new Set<number>();
          batch.records.forEach((record, i) => {
            const stored = batch.docs[i]!;
            const result = results.get(record.id);
            if (!result) return;
            if (result.status === 'accepted' && result.hlc === record.hlc) {
              report.pushed++;
              if (result.seq > cursor) ours.add(result.seq);
              updated.push({ ...stored, dirty: false, serverHlc: result.hlc });
            } else {
              stale = true;
              updated.push({ ...stored, serverHlc: maxHlc(reachable(stored.serverHlc), reachable(result.hlc)) });
            }
          });
          // When every write since the cursor is one of ours, skip past them: pulling them back would change nothing.
          if (ours.size > 0 && ours.size === res.seq - cursor) cursor = res.seq;
          await store.commit({ docs: updated, apply: [], state: { hlc: hlc.last, cursor } });
        }
        if (dirty.length < pushBatchSize) return stale;
      }
    }

    await fold();
    for (let round = 1; round <= maxRounds; round++) {
      report.rounds = round;
      await pullAll();
      const stale = await pushDirty();
      if (!stale) break;
    }
    report.cursor = cursor;
    await store.commit({ docs: [], apply: [], state: { hlc: hlc.last } });
    return report;
  }

  return {
    sync() {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
  };
}
