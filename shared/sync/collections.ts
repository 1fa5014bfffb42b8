import { z } from 'zod';
import { BUILTIN_SYMPTOMS, dailyLog, isoDate, symptomDefinition, type DailyLog, type SymptomDefinition } from '../schema';
import { canonicalJson } from './bytes';
import { FIELD_NAME, isLive, visibleValues, type Json, type SyncDoc } from './doc';
import type { Collection } from './envelope';
import { hlcWall } from './hlc';
import { dayIngredients, sortMeals } from '../diary/meals';
import { meal as mealSchema, type Meal } from '../schema';

/**
 * What syncs, and how app data maps onto sync documents (see doc.ts for the merge rules).
 *
 * Records are named (the name is encrypted; the server sees only its HMAC):
 *   "log:YYYY-MM-DD"        one per day. Fields: "ingredients" (the list is one value), "meal:<id>" (one
 *                           per meal: name, time and foods; null once removed), "cycle_phase", "notes",
 *                           "symptom:<key>" (one per symptom, null once removed), "x:<name>" for any extra
 *                           field the log carries, and metadata "@id", "@created_at". Each meal merges on
 *                           its own, so breakfast edited on one device and dinner on another both survive.
 *   "symptoms:definitions"  the person's symptom definitions, one field per symptom key.
 *   "settings:<group>"      a settings group, one field per setting.
 */

export type RecordName = string;
export const SYMPTOMS_RECORD: RecordName = 'symptoms:definitions';

export const logRecordName = (date: string): RecordName => `log:${date}`;
export const settingsRecordName = (group: string): RecordName => `settings:${group}`;

const SETTINGS_GROUP = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** The collection a record name belongs to, or null for a name this version does not know. */
export function collectionOf(name: RecordName): Collection | null {
  if (name.startsWith('log:')) return isoDate.safeParse(name.slice(4)).success ? 'log' : null;
  if (name === SYMPTOMS_RECORD) return 'symptoms';
  if (name.startsWith('settings:')) return SETTINGS_GROUP.test(name.slice(9)) ? 'settings' : null;
  return null;
}

// ---- outbox: what the app writes in the same transaction as its own change ---------------------------

export type OutboxChange =
  | { name: RecordName; at: number; op: 'patch'; fields: Record<string, Json> }
  | { name: RecordName; at: number; op: 'delete' };

/** An outbox row: the app's store assigns `seq` (auto-increment, strictly increasing). */
export type OutboxEntry = OutboxChange & { seq: number };

export const outboxChangeSchema = z.discriminatedUnion('op', [
  z.object({ name: z.string().min(1), at: z.number().finite(), op: z.literal('patch'), fields: z.record(z.string().regex(FIELD_NAME), z.json()) }),
  z.object({ name: z.string().min(1), at: z.number().finite(), op: z.literal('delete') }),
]);

/** Field-by-field difference: changed or added fields with their new value, removed ones as null. */
export function diffFields(before: Record<string, Json> | null | undefined, after: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [name, v] of Object.entries(after)) {
    if (!before || !(name in before) || canonicalJson(before[name]) !== canonicalJson(v)) out[name] = v;
  }
  if (before) for (const name of Object.keys(before)) if (!(name in after) && before[name] !== null) out[name] = null;
  return out;
}

// ---- logs ---------------------------------------------------------------------------------------------

const LOG_OWN_KEYS = new Set(['id', 'date', 'ingredients', 'meals', 'symptoms', 'cycle_phase', 'notes', 'created_at', 'updated_at']);
const MEAL_FIELD = 'meal:';

/** A log as sync fields. Extra fields whose names cannot be field names stay on the device. */
export function logFields(log: DailyLog): Record<string, Json> {
  const fields: Record<string, Json> = {
    '@id': log.id,
    '@created_at': log.created_at,
    ingredients: [...log.ingredients],
    cycle_phase: log.cycle_phase ?? null,
    notes: log.notes ?? null,
  };
  for (const [key, value] of Object.entries(log.symptoms)) fields[`symptom:${key}`] = value;
  for (const m of log.meals ?? []) fields[`${MEAL_FIELD}${m.id}`] = { name: m.name, time: m.time ?? null, ingredients: [...m.ingredients] };
  for (const [key, value] of Object.entries(log)) {
    if (LOG_OWN_KEYS.has(key) || value === undefined) continue;
    const name = `x:${key}`;
    if (FIELD_NAME.test(name)) fields[name] = value as Json;
  }
  return fields;
}

/**
 * The outbox change for saving (`after`) or deleting (`after` null) a day's log, given the log as it was
 * before (`before`, undefined when the day was empty). Null when nothing sync-relevant changed.
 * Only the changed fields are sent, so edits of different fields on two devices both survive.
 */
export function logChange(before: DailyLog | null | undefined, after: DailyLog | null, at: number): OutboxChange | null {
  if (!after) return before ? { name: logRecordName(before.date), at, op: 'delete' } : null;
  if (before && before.date !== after.date) throw new Error('a log cannot change its date; delete the old day and save the new one');
  const fields = diffFields(before ? logFields(before) : null, logFields(after));
  return Object.keys(fields).length === 0 ? null : { name: logRecordName(after.date), at, op: 'patch', fields };
}

function isoFromWall(ms: number): string {
  return new Date(ms).toISOString();
}

/** The day's log as the merged document shows it, or null when the day is deleted or empty. Throws on invalid content. */
export function logFromDoc(doc: SyncDoc): DailyLog | null {
  if (!isLive(doc)) return null;
  const date = doc.key.slice(4);
  const values = visibleValues(doc);
  let latest = 0;
  for (const [name, r] of Object.entries(doc.fields)) {
    if (!name.startsWith('@') && (doc.deleted === null || r.t > doc.deleted)) latest = Math.max(latest, hlcWall(r.t));
  }
  const updatedAt = isoFromWall(latest);
  const log: Record<string, unknown> = {
    id: typeof values['@id'] === 'string' ? values['@id'] : `sync-${date}`,
    date,
    ingredients: values.ingredients ?? [],
    symptoms: {},
    cycle_phase: values.cycle_phase ?? null,
    created_at: typeof values['@created_at'] === 'string' ? values['@created_at'] : updatedAt,
    updated_at: updatedAt,
  };
  if (values.notes !== undefined && values.notes !== null) log.notes = values.notes;
  const symptoms: Record<string, Json> = {};
  const meals: Meal[] = [];
  let hasMeals = false;
  for (const [name, v] of Object.entries(values)) {
    if (name.startsWith('symptom:') && v !== null) symptoms[name.slice(8)] = v;
    else if (name.startsWith('x:') && v !== null) log[name.slice(2)] = v;
    else if (name.startsWith(MEAL_FIELD)) {
      hasMeals = true;
      if (v !== null) meals.push(mealSchema.parse({ ...(v as Record<string, Json>), id: name.slice(MEAL_FIELD.length) }));
    }
  }
  log.symptoms = symptoms;
  // Meals merge one by one; the day's foods are then their union, as on the device that saved them.
  if (hasMeals) {
    log.meals = sortMeals(meals.filter((m) => m.ingredients.length > 0));
    log.ingredients = dayIngredients(meals);
  }
  return dailyLog.parse(log);
}

// ---- symptom definitions ------------------------------------------------------------------------------

function definitionFields(defs: readonly SymptomDefinition[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const d of defs) out[d.key] = { key: d.key, label: d.label, polarity: d.polarity, builtin: d.builtin };
  return out;
}

/** The outbox change for editing the symptom definitions (added, changed or removed ones). */
export function symptomDefinitionsChange(before: readonly SymptomDefinition[], after: readonly SymptomDefinition[], at: number): OutboxChange | null {
  const fields = diffFields(definitionFields(before), definitionFields(after));
  return Object.keys(fields).length === 0 ? null : { name: SYMPTOMS_RECORD, at, op: 'patch', fields };
}

const BUILTIN_ORDER = new Map(BUILTIN_SYMPTOMS.map((d, i) => [d.key, i]));

/** Definitions as the merged document shows them: built-ins first, then the person's own by key. */
export function symptomDefinitionsFromDoc(doc: SyncDoc): SymptomDefinition[] {
  const defs = Object.values(visibleValues(doc))
    .filter((v) => v !== null)
    .map((v) => symptomDefinition.parse(v));
  const rank = (d: SymptomDefinition) => BUILTIN_ORDER.get(d.key) ?? BUILTIN_ORDER.size;
  return defs.sort((a, b) => rank(a) - rank(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// ---- settings -----------------------------------------------------------------------------------------

/** The outbox change for a settings group (each setting merges on its own); `after` null deletes the group. */
export function settingsChange(group: string, before: Record<string, Json> | null, after: Record<string, Json> | null, at: number): OutboxChange | null {
  if (!SETTINGS_GROUP.test(group)) throw new Error(`settings group must be lower-case letters, digits, "-" or "_": ${JSON.stringify(group)}`);
  const name = settingsRecordName(group);
  if (!after) return before ? { name, at, op: 'delete' } : null;
  for (const key of Object.keys(after)) if (!FIELD_NAME.test(key) || key.startsWith('@')) throw new Error(`invalid setting name ${JSON.stringify(key)}`);
  const fields = diffFields(before, after);
  return Object.keys(fields).length === 0 ? null : { name, at, op: 'patch', fields };
}

export function settingsFromDoc(doc: SyncDoc): Record<string, Json> | null {
  if (!isLive(doc)) return null;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(visibleValues(doc))) if (v !== null) out[k] = v;
  return out;
}

// ---- applying merged state to the app -----------------------------------------------------------------

/** A change the store applies to the app's own data after a merge (the Dexie adapter writes these). */
export type AppliedChange =
  | { collection: 'log'; date: string; log: DailyLog | null }
  | { collection: 'symptoms'; definitions: SymptomDefinition[] }
  | { collection: 'settings'; group: string; values: Record<string, Json> | null };

/** The app-facing value of a merged document; throws (zod) when the decrypted content is not valid. */
export function appliedChangeOf(doc: SyncDoc): AppliedChange {
  const collection = collectionOf(doc.key);
  if (collection === 'log') return { collection, date: doc.key.slice(4), log: logFromDoc(doc) };
  if (collection === 'symptoms') return { collection, definitions: symptomDefinitionsFromDoc(doc) };
  if (collection === 'settings') return { collection, group: doc.key.slice(9), values: settingsFromDoc(doc) };
  throw new Error(`unknown record ${JSON.stringify(doc.key)}`);
}

/** Compares what the person sees (timestamps aside), to skip rewriting unchanged data. */
export function sameApplied(a: AppliedChange, b: AppliedChange): boolean {
  const strip = (c: AppliedChange) => (c.collection === 'log' && c.log ? { ...c, log: { ...c.log, updated_at: '' } } : c);
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}

// ---- turning sync on ----------------------------------------------------------------------------------

/**
 * Outbox changes that upload what a device already has when sync is turned on: every log stamped with its
 * own updated_at (so older data loses to newer edits from other devices), plus definitions and settings.
 */
export function initialChanges(
  data: { logs: readonly DailyLog[]; symptomDefinitions?: readonly SymptomDefinition[]; settings?: Readonly<Record<string, Record<string, Json>>> },
  at: number,
): OutboxChange[] {
  const out: OutboxChange[] = [];
  for (const log of data.logs) {
    const when = Date.parse(log.updated_at);
    const change = logChange(undefined, log, Number.isFinite(when) ? when : at);
    if (change) out.push(change);
  }
  if (data.symptomDefinitions?.length) {
    const change = symptomDefinitionsChange([], data.symptomDefinitions, at);
    if (change) out.push(change);
  }
  for (const [group, values] of Object.entries(data.settings ?? {})) {
    const change = settingsChange(group, null, values, at);
    if (change) out.push(change);
  }
  return out;
}
