import type { DailyLog, SymptomDefinition } from '../schema';
import { initialChanges, logChange, settingsChange, symptomDefinitionsChange, type AppliedChange, type OutboxChange, type OutboxEntry, type RecordName } from './collections';
import type { Json, SyncDoc } from './doc';
import type { Hlc } from './hlc';

/** The engine's bookkeeping for one record, kept by the store next to the app's data. */
export interface StoredDoc {
  name: RecordName;
  /** The record id (HMAC of the name), cached. */
  id: string;
  doc: SyncDoc;
  /** True while this device may hold state the server lacks (needs a push). */
  dirty: boolean;
  /** The latest version stamp the server is known to hold for this record. */
  serverHlc: Hlc | null;
}

export interface SyncState {
  /** Last server sequence number pulled. */
  cursor: number;
  /** The device's hybrid logical clock, so it stays monotonic across restarts. */
  hlc: Hlc | null;
}

export interface CommitBatch {
  /** Upserts of sync documents. */
  docs: readonly StoredDoc[];
  /** Merged values to write into the app's own tables (logs by date, symptom definitions, settings). */
  apply: readonly AppliedChange[];
  /** Delete outbox entries with seq ≤ this (they are now folded into `docs`). */
  removeOutboxThrough?: number;
  state?: Partial<SyncState>;
  /**
   * Compare-and-set guard: commit only if no outbox entry has seq > this. A local edit made while the engine
   * was merging must not be overwritten by `apply`; the store then writes nothing and returns false, and the
   * engine folds the new edit and tries again.
   */
  onlyIfOutboxThrough?: number;
}

/**
 * Storage the sync engine needs. The app implements it over Dexie; `MemorySyncStore` below is the reference.
 *
 * Contract for the app: every local change to synced data writes, in the SAME transaction as the change,
 * one outbox row built by `logChange` / `symptomDefinitionsChange` / `settingsChange` (skip when they return
 * null), with an auto-incremented `seq`. `commit` must be atomic (one transaction over the outbox, the sync
 * documents, the sync state and the app tables it touches).
 */
export interface SyncStore {
  readState(): Promise<SyncState>;
  /** Outbox entries in seq order, oldest first. */
  readOutbox(limit: number): Promise<OutboxEntry[]>;
  readDocs(names: readonly RecordName[]): Promise<Map<RecordName, StoredDoc>>;
  /** Dirty documents with name > `after` (null: from the start), in name order. */
  readDirty(after: RecordName | null, limit: number): Promise<StoredDoc[]>;
  /** Documents by record id (rare: only for records the server answered with forged content). */
  readDocsByIds(ids: readonly string[]): Promise<StoredDoc[]>;
  /** Atomic; returns false (and changes nothing) when the `onlyIfOutboxThrough` guard fails. */
  commit(batch: CommitBatch): Promise<boolean>;
}

const clone = <T>(v: T): T => structuredClone(v);

/**
 * In-memory store: the reference implementation of SyncStore and the app-side writes (a day's log and its
 * outbox entry together), used by tests and usable by tools. Values are cloned in and out, as IndexedDB does.
 */
export class MemorySyncStore implements SyncStore {
  readonly logs = new Map<string, DailyLog>();
  symptomDefinitions: SymptomDefinition[] = [];
  readonly settings = new Map<string, Record<string, Json>>();
  private outbox: OutboxEntry[] = [];
  private nextSeq = 1;
  private docs = new Map<RecordName, StoredDoc>();
  private state: SyncState = { cursor: 0, hlc: null };

  constructor(private readonly now: () => number = () => Date.now()) {}

  // ---- app side: local writes (what the Dexie adapter does in one transaction) ----

  private enqueue(change: OutboxChange | null) {
    if (change) this.outbox.push({ ...clone(change), seq: this.nextSeq++ });
  }

  /** Saves a day's log (creating or replacing the day) and queues the change for sync. */
  saveLog(log: DailyLog, at = this.now()): void {
    const before = this.logs.get(log.date);
    this.enqueue(logChange(before, log, at));
    this.logs.set(log.date, clone(log));
  }

  deleteLog(date: string, at = this.now()): void {
    const before = this.logs.get(date);
    this.enqueue(logChange(before, null, at));
    this.logs.delete(date);
  }

  saveSymptomDefinitions(defs: readonly SymptomDefinition[], at = this.now()): void {
    this.enqueue(symptomDefinitionsChange(this.symptomDefinitions, defs, at));
    this.symptomDefinitions = clone([...defs]);
  }

  saveSettings(group: string, values: Record<string, Json> | null, at = this.now()): void {
    this.enqueue(settingsChange(group, this.settings.get(group) ?? null, values, at));
    if (values) this.settings.set(group, clone(values));
    else this.settings.delete(group);
  }

  /** Queues everything already on the device, as the app does when sync is turned on. */
  enableSync(at = this.now()): void {
    const settings = Object.fromEntries(this.settings);
    for (const change of initialChanges({ logs: [...this.logs.values()], symptomDefinitions: this.symptomDefinitions, settings }, at)) this.enqueue(change);
  }

  get outboxSize(): number {
    return this.outbox.length;
  }

  /** Snapshot of the sync documents (for inspection in tests). */
  storedDocs(): StoredDoc[] {
    return [...this.docs.values()].map(clone);
  }

  // ---- SyncStore ----

  async readState(): Promise<SyncState> {
    return { ...this.state };
  }

  async readOutbox(limit: number): Promise<OutboxEntry[]> {
    return clone(this.outbox.slice(0, limit));
  }

  async readDocs(names: readonly RecordName[]): Promise<Map<RecordName, StoredDoc>> {
    const out = new Map<RecordName, StoredDoc>();
    for (const n of names) {
      const d = this.docs.get(n);
      if (d) out.set(n, clone(d));
    }
    return out;
  }

  async readDirty(after: RecordName | null, limit: number): Promise<StoredDoc[]> {
    return [...this.docs.values()]
      .filter((d) => d.dirty && (after === null || d.name > after))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .slice(0, limit)
      .map(clone);
  }

  async readDocsByIds(ids: readonly string[]): Promise<StoredDoc[]> {
    const wanted = new Set(ids);
    return [...this.docs.values()].filter((d) => wanted.has(d.id)).map(clone);
  }

  async commit(batch: CommitBatch): Promise<boolean> {
    const guard = batch.onlyIfOutboxThrough;
    if (guard !== undefined && this.outbox.some((e) => e.seq > guard)) return false;
    for (const d of batch.docs) this.docs.set(d.name, clone(d));
    for (const change of batch.apply) {
      if (change.collection === 'log') {
        if (change.log) this.logs.set(change.date, clone(change.log));
        else this.logs.delete(change.date);
      } else if (change.collection === 'symptoms') this.symptomDefinitions = clone(change.definitions);
      else if (change.values) this.settings.set(change.group, clone(change.values));
      else this.settings.delete(change.group);
    }
    const through = batch.removeOutboxThrough;
    if (through !== undefined) this.outbox = this.outbox.filter((e) => e.seq > through);
    if (batch.state) this.state = { ...this.state, ...batch.state };
    return true;
  }
}
