import { z } from 'zod';
import { canonicalJson } from './bytes';
import { hlcSchema, maxHlc, stampAfter, type Hlc } from './hlc';

/**
 * The sync document of one record (a day's log, the symptom definitions, a settings group): a map of
 * last-writer-wins registers, one per field, each with its own HLC, plus a tombstone stamp. It is what gets
 * encrypted; the server never sees it.
 *
 * Merge rules (a join-semilattice, hence idempotent, commutative and associative):
 * - each field keeps the register with the later stamp; equal stamps with different values (which honest
 *   devices never produce) keep the value whose canonical JSON sorts last, so every device agrees;
 * - the tombstone keeps the later stamp; a field is hidden when its stamp is not after the tombstone, and
 *   hidden fields are dropped (they can never reappear, since tombstones only move forward);
 * - fields whose names start with "@" are metadata (a log's id, created_at): never hidden by a tombstone
 *   and not counted when deciding whether the record exists.
 *
 * Deletes vs edits: a delete hides everything stamped before it, so a delete after an edit wins. An edit
 * stamped after the delete (made later, or made on top of the deleted state) brings the record back with
 * only the fields written after the delete; a record exists while any non-metadata field is visible.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Register {
  v: Json;
  t: Hlc;
}

export interface SyncDoc {
  v: 1;
  /** Record name, e.g. "log:2026-01-01"; its HMAC is the record id (checked on every pull). */
  key: string;
  fields: Record<string, Register>;
  deleted: Hlc | null;
}

export const FIELD_NAME = /^@?[\p{L}\p{N}_:. -]{1,120}$/u;

export const registerSchema = z.object({ v: z.json(), t: hlcSchema });
export const syncDocSchema = z.object({
  v: z.literal(1),
  key: z.string().min(3).max(200),
  fields: z.record(z.string().regex(FIELD_NAME), registerSchema),
  deleted: hlcSchema.nullable(),
});

export const isMetaField = (name: string) => name.startsWith('@');

export function emptyDoc(key: string): SyncDoc {
  return { v: 1, key, fields: {}, deleted: null };
}

function laterRegister(a: Register, b: Register): Register {
  if (a.t !== b.t) return a.t > b.t ? a : b;
  return canonicalJson(a.v) >= canonicalJson(b.v) ? a : b;
}

function build(key: string, fields: Map<string, Register>, deleted: Hlc | null): SyncDoc {
  const out: Record<string, Register> = {};
  for (const name of [...fields.keys()].sort()) {
    const r = fields.get(name)!;
    if (deleted !== null && !isMetaField(name) && r.t <= deleted) continue;
    out[name] = r;
  }
  return { v: 1, key, fields: out, deleted };
}

/** Drops registers hidden by the tombstone and orders fields by name (the normal form every merge returns). */
export function normaliseDoc(doc: SyncDoc): SyncDoc {
  return build(doc.key, new Map(Object.entries(doc.fields)), doc.deleted);
}

/** Joins two states of the same record. */
export function mergeDocs(a: SyncDoc, b: SyncDoc): SyncDoc {
  if (a.key !== b.key) throw new Error(`cannot merge different records (${a.key} and ${b.key})`);
  const fields = new Map<string, Register>(Object.entries(a.fields));
  for (const [name, r] of Object.entries(b.fields)) {
    const mine = fields.get(name);
    fields.set(name, mine ? laterRegister(mine, r) : r);
  }
  return build(a.key, fields, maxHlc(a.deleted, b.deleted));
}

export function docsEqual(a: SyncDoc, b: SyncDoc): boolean {
  return canonicalJson(normaliseDoc(a)) === canonicalJson(normaliseDoc(b));
}

/** True when any non-metadata field is visible: the record exists for the person. */
export function isLive(doc: SyncDoc): boolean {
  return Object.entries(doc.fields).some(([name, r]) => !isMetaField(name) && (doc.deleted === null || r.t > doc.deleted));
}

/** Visible field values (metadata included). */
export function visibleValues(doc: SyncDoc): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [name, r] of Object.entries(doc.fields)) {
    if (isMetaField(name) || doc.deleted === null || r.t > doc.deleted) out[name] = r.v;
  }
  return out;
}

/** The latest stamp anywhere in the document (fields or tombstone). */
export function latestStamp(doc: SyncDoc): Hlc | null {
  let latest = doc.deleted;
  for (const r of Object.values(doc.fields)) latest = maxHlc(latest, r.t);
  return latest;
}

/**
 * Applies a local edit made at wall time `at`: each changed field gets a stamp after both its previous stamp
 * and the tombstone (an edit supersedes what the person saw), otherwise the time of the edit.
 */
export function applyLocalPatch(doc: SyncDoc, changes: Record<string, Json>, at: number, node: string): SyncDoc {
  const fields = new Map<string, Register>(Object.entries(doc.fields));
  for (const [name, value] of Object.entries(changes)) {
    if (!FIELD_NAME.test(name)) throw new Error(`invalid field name ${JSON.stringify(name)}`);
    const prev = fields.get(name);
    fields.set(name, { v: value, t: stampAfter(at, node, [prev?.t, doc.deleted]) });
  }
  return build(doc.key, fields, doc.deleted);
}

/** Applies a local delete at wall time `at`: the tombstone is stamped after everything in the document. */
export function applyLocalDelete(doc: SyncDoc, at: number, node: string): SyncDoc {
  const deleted = stampAfter(at, node, [latestStamp(doc)]);
  return build(doc.key, new Map(Object.entries(doc.fields)), deleted);
}
