import * as z from 'zod/mini';
import { BUILTIN_SYMPTOMS, logInput, type Composite, symptomDefinition, symptomPolarity, symptomKeyFor, type DailyLog, type ExportFile, type LogInput, type SymptomDefinition } from '../../shared/schema';
import { buildLog, byDate, cleanIngredients } from '../../shared/diary/logs';
import { planImport, type ImportPlan } from '../../shared/diary/import';
import { buildExportFile, logsToCsv } from '../../shared/diary/export';
import { planExtras, type ExtrasPlan } from '../../shared/diary/import-extras';
import { cleanRecipe, type RecipeDraft } from '../../shared/diary/recipes';
import type { Recipe } from '../../shared/schema';
import { exportedChallenge } from '../../shared/schema/export';
import type { Json } from '../../shared/sync/doc';
import type { AureaDb, ChallengeRow, SavedMealRow } from './db';
import { PORTABLE_SETTINGS, SETTINGS } from './settings-schema';

/** Thrown for input a person can fix; the message is shown as is. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Thrown when the device refuses to store more (quota); nothing already saved is lost. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor() {
    super('Your device is out of storage space for Aurea, so this entry was not saved. Everything saved before is safe. Free some space (or export and remove old data) and try again.');
  }
}

function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}

/** Runs a write; a quota failure becomes a StorageFullError with a clear message. */
async function guardedWrite<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isQuotaError(e)) throw new StorageFullError();
    throw e;
  }
}

function hookList<H>(): { hooks: H[]; add(hook: H): () => void } {
  const hooks: H[] = [];
  return {
    hooks,
    add(hook) {
      hooks.push(hook);
      return () => {
        const i = hooks.indexOf(hook);
        if (i >= 0) hooks.splice(i, 1);
      };
    },
  };
}

/**
 * Hooks run inside the same transaction as a log change (the sync outbox uses this). `before` is the day as it
 * was (undefined when it was empty), so a hook can tell exactly which fields changed.
 */
export type LogChangeHook = (db: AureaDb, change: { type: 'put'; log: DailyLog; before?: DailyLog } | { type: 'delete'; date: string; before?: DailyLog }) => Promise<void>;
const logHooks = hookList<LogChangeHook>();
const changeHooks = logHooks.hooks;
export const onLogChange = logHooks.add;
/**
 * Reads a hook needs, started together with the write's own read of the day (one round trip to IndexedDB
 * instead of one per read: a save is on the person's critical path). Called inside the write's transaction.
 */
const logPrefetches = hookList<(db: AureaDb) => Promise<unknown>>();
export const onLogWriteStart = logPrefetches.add;
const readDayWithPrefetch = async (db: AureaDb, date: string): Promise<DailyLog | undefined> =>
  (await Promise.all([db.logs.get(date), ...logPrefetches.hooks.map((p) => p(db))]))[0] as DailyLog | undefined;

/** Hooks run inside the same transaction as a change to the person's own symptoms (the `symptoms` table rows). */
export type SymptomsChangeHook = (db: AureaDb, change: { before: SymptomDefinition[]; after: SymptomDefinition[] }) => Promise<void>;
const symptomHooks = hookList<SymptomsChangeHook>();
export const onSymptomsChange = symptomHooks.add;

/** Hooks run inside the same transaction as a setting change. */
export type SettingChangeHook = (db: AureaDb, change: { key: string; before: unknown; after: unknown }) => Promise<void>;
const settingHooks = hookList<SettingChangeHook>();
export const onSettingChange = settingHooks.add;

/** Hooks run inside the same transaction as a change to one of the person's recipes (null = none / deleted). */
export type RecipeChangeHook = (db: AureaDb, change: { id: string; before: Recipe | null; after: Recipe | null }) => Promise<void>;
const recipeHooks = hookList<RecipeChangeHook>();
export const onRecipeChange = recipeHooks.add;

/** Tables the change hooks write (the sync outbox), so every write can include them in its transaction. */
export const extraLogTables: string[] = [];
const hookTables = (db: AureaDb) => extraLogTables.map((t) => db.table(t));

/** Runs `write` on the symptoms table in one transaction with the symptom hooks. */
async function changeSymptoms<T>(db: AureaDb, write: () => Promise<T>): Promise<T> {
  return db.transaction('rw', [db.symptoms, ...hookTables(db)], async () => {
    const before = symptomHooks.hooks.length ? await db.symptoms.toArray() : [];
    const result = await write();
    if (symptomHooks.hooks.length) {
      const after = await db.symptoms.toArray();
      for (const h of symptomHooks.hooks) await h(db, { before, after });
    }
    return result;
  });
}

/** Saves the log for a date (creating or updating it). Validates first; bad input changes nothing. */
export async function saveLog(db: AureaDb, input: LogInput, now: Date = new Date()): Promise<{ log: DailyLog; created: boolean }> {
  const parsed = logInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`${issue.path.join('.') || 'entry'}: ${issue.message}`);
  }
  return guardedWrite(() =>
    db.transaction('rw', [db.logs, ...extraLogTables.map((t) => db.table(t))], async () => {
      const existing = await readDayWithPrefetch(db, parsed.data.date);
      const log = buildLog(parsed.data, existing, now.toISOString(), () => crypto.randomUUID());
      await db.logs.put(log);
      for (const h of changeHooks) await h(db, { type: 'put', log, before: existing });
      return { log, created: !existing };
    }),
  );
}

/**
 * Adds one food or product to a day's meal (Foods' "Add to today"): reads the day and saves it through
 * saveLog in one transaction, so the sync outbox, derived state and every other hook follow as for a save
 * from Today, and a change made meanwhile on Today is never overwritten. Returns the day before (for Undo)
 * and after.
 */
export async function addFoodToDay(db: AureaDb, date: string, meal: string | null, name: string, composite?: Composite, now: Date = new Date()): Promise<{ log: DailyLog; before: DailyLog | undefined }> {
  // The rule loads with the page that adds (Foods), not with the first load; before the transaction, which
  // an await on anything but IndexedDB would end early.
  const { addFoodToLog } = await import('../../shared/diary/add-to-day');
  return guardedWrite(() =>
    db.transaction('rw', [db.logs, ...hookTables(db)], async () => {
      const before = await db.logs.get(date);
      let input: LogInput;
      try {
        input = addFoodToLog(before, { date, meal, name, ...(composite ? { composite } : {}) });
      } catch (e) {
        throw new InputError((e as Error).message);
      }
      const { log } = await saveLog(db, input, now);
      return { log, before };
    }),
  );
}

/** Undoes an add: the day as it was, or no day when there was none (the outbox hears it like any change). */
export async function undoAddToDay(db: AureaDb, date: string, before: DailyLog | undefined): Promise<void> {
  if (before) await restoreLog(db, before);
  else await deleteLog(db, date);
}

export async function getLog(db: AureaDb, date: string): Promise<DailyLog | undefined> {
  return db.logs.get(date);
}

/** Deletes a day's log and returns it so the person can undo. */
export async function deleteLog(db: AureaDb, date: string): Promise<DailyLog | undefined> {
  return db.transaction('rw', [db.logs, ...extraLogTables.map((t) => db.table(t))], async () => {
    const log = await readDayWithPrefetch(db, date);
    if (!log) return undefined;
    await db.logs.delete(date);
    for (const h of changeHooks) await h(db, { type: 'delete', date, before: log });
    return log;
  });
}

/** Deletes several days in one transaction (the demo's removal); returns the logs that were there. */
export async function deleteLogs(db: AureaDb, dates: readonly string[]): Promise<DailyLog[]> {
  return db.transaction('rw', [db.logs, ...extraLogTables.map((t) => db.table(t))], async () => {
    const before = (await db.logs.bulkGet([...dates])).filter((l): l is DailyLog => l !== undefined);
    await db.logs.bulkDelete(before.map((l) => l.date));
    for (const log of before) for (const h of changeHooks) await h(db, { type: 'delete', date: log.date, before: log });
    return before;
  });
}

/** Puts a deleted log back exactly as it was (undo). */
export async function restoreLog(db: AureaDb, log: DailyLog): Promise<void> {
  await guardedWrite(() =>
    db.transaction('rw', [db.logs, ...extraLogTables.map((t) => db.table(t))], async () => {
      const restored = { ...log, updated_at: new Date().toISOString() };
      const before = await readDayWithPrefetch(db, log.date);
      await db.logs.put(restored);
      for (const h of changeHooks) await h(db, { type: 'put', log: restored, before });
    }),
  );
}

export async function countLogs(db: AureaDb): Promise<number> {
  return db.logs.count();
}

/** A page of logs, newest first. */
export async function logsPage(db: AureaDb, offset: number, limit: number): Promise<DailyLog[]> {
  return db.logs.orderBy('date').reverse().offset(offset).limit(limit).toArray();
}

/** Every log, oldest first (the order analysis uses). */
export async function allLogs(db: AureaDb): Promise<DailyLog[]> {
  return db.logs.orderBy('date').toArray();
}

export interface IngredientUsage {
  name: string;
  count: number;
  last: string;
  /** Days it was logged in each meal (by meal id), so Breakfast can offer breakfast foods first. */
  meals: Record<string, number>;
}

/** How often and how recently each ingredient was logged: drives type-ahead and one-tap chips. */
export async function ingredientUsage(db: AureaDb): Promise<IngredientUsage[]> {
  const usage = new Map<string, IngredientUsage>();
  await db.logs.each((log) => {
    for (const name of log.ingredients) {
      const u = usage.get(name);
      if (!u) usage.set(name, { name, count: 1, last: log.date, meals: {} });
      else {
        u.count++;
        if (log.date > u.last) u.last = log.date;
      }
    }
    for (const m of log.meals ?? []) {
      for (const name of m.ingredients) {
        const u = usage.get(name);
        if (u) u.meals[m.id] = (u.meals[m.id] ?? 0) + 1;
      }
    }
  });
  return [...usage.values()];
}

/** Built-in symptoms followed by the person's own. */
export async function symptomDefinitions(db: AureaDb): Promise<SymptomDefinition[]> {
  const custom = await db.symptoms.toArray();
  return [...BUILTIN_SYMPTOMS, ...custom.filter((c) => !c.builtin).sort((a, b) => a.label.localeCompare(b.label))];
}

const newSymptom = z.object({
  label: z.string().check(z.trim(), z.minLength(1, 'Give the symptom a name'), z.maxLength(40, 'Keep the name under 40 characters')),
  polarity: symptomPolarity,
});

export async function addCustomSymptom(db: AureaDb, input: { label: string; polarity: SymptomDefinition['polarity'] }): Promise<SymptomDefinition> {
  const parsed = newSymptom.safeParse(input);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message);
  const key = symptomKeyFor(parsed.data.label);
  if (!key) throw new InputError('Use letters, digits or an emoji in the symptom name');
  const existing = await symptomDefinitions(db);
  if (existing.some((s) => s.key === key)) throw new InputError(`You already track "${parsed.data.label}"`);
  const def: SymptomDefinition = { key, label: parsed.data.label, polarity: parsed.data.polarity, builtin: false };
  const valid = symptomDefinition.safeParse(def);
  if (!valid.success) throw new InputError(`Symptom name: ${valid.error.issues[0]!.message}`);
  await guardedWrite(() => changeSymptoms(db, () => db.symptoms.put(def)));
  return def;
}

/** Stops tracking a custom symptom; values already logged stay in the logs and in exports. */
export async function removeCustomSymptom(db: AureaDb, key: string): Promise<void> {
  await changeSymptoms(db, () => db.symptoms.delete(key));
}

export async function getSetting<T>(db: AureaDb, key: string, schema: z.ZodMiniType<T>, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  const parsed = schema.safeParse(row?.value);
  return parsed.success ? parsed.data : fallback;
}

export async function setSetting(db: AureaDb, key: string, value: unknown): Promise<void> {
  await guardedWrite(() =>
    db.transaction('rw', [db.settings, ...hookTables(db)], async () => {
      const before = settingHooks.hooks.length ? (await db.settings.get(key))?.value : undefined;
      await db.settings.put({ key, value });
      for (const h of settingHooks.hooks) await h(db, { key, before, after: value });
    }),
  );
}

/** The whole diary as an export file (format version 2): days with meals, symptoms, saved meals, re-challenges, settings. */
export async function buildExport(db: AureaDb, now: Date = new Date()): Promise<ExportFile> {
  const [logs, defs, saved, challenges, rows, recipes] = await Promise.all([
    allLogs(db),
    symptomDefinitions(db),
    db.meals.toArray(),
    db.challenges.toArray(),
    db.settings.bulkGet([...PORTABLE_SETTINGS]),
    db.recipes.toArray(),
  ]);
  const settings: Record<string, Json> = {};
  PORTABLE_SETTINGS.forEach((key, i) => {
    const value = rows[i]?.value;
    if (value !== undefined && SETTINGS[key].schema.safeParse(value).success) settings[key] = value as Json;
  });
  return buildExportFile(logs, defs, now.toISOString(), {
    savedMeals: saved.map((m) => ({ id: m.id, name: m.name, ingredients: m.ingredients, created_at: m.created_at, used_count: m.used_count })),
    challenges: challenges.flatMap((c) => {
      const parsed = exportedChallenge.safeParse(c);
      return parsed.success ? [parsed.data] : [];
    }),
    recipes,
    settings,
  });
}

/** Whether an imported setting is one of the person's choices, with a valid value. */
function portableSetting(key: string, value: unknown): boolean {
  return (PORTABLE_SETTINGS as readonly string[]).includes(key) && SETTINGS[key as (typeof PORTABLE_SETTINGS)[number]].schema.safeParse(value).success;
}

/** What an import adds beside the days: saved meals, re-challenges and settings (nothing written). */
export async function previewImportExtras(db: AureaDb, file: ExportFile, now: Date = new Date()): Promise<ExtrasPlan> {
  const [savedMeals, challenges, recipes] = await Promise.all([db.meals.toArray(), db.challenges.toArray(), db.recipes.toArray()]);
  return planExtras(file, { savedMeals, challenges, recipes }, portableSetting, now.toISOString());
}

export async function buildCsv(db: AureaDb): Promise<string> {
  const [logs, defs] = await Promise.all([allLogs(db), symptomDefinitions(db)]);
  return logsToCsv(logs, defs);
}

/** Plans an import against what is on the device now (nothing written). */
export async function previewImport(db: AureaDb, file: ExportFile, now: Date = new Date()): Promise<ImportPlan> {
  const existing = new Map((await db.logs.where('date').anyOf(file.logs.map((l) => l.date)).toArray()).map((l) => [l.date, l]));
  return planImport(file, existing, await symptomDefinitions(db), now.toISOString(), () => crypto.randomUUID());
}

/**
 * Applies an import atomically: the plan is recomputed inside one transaction (so a change made
 * since the preview is respected) and either every log is written or none is.
 */
export async function applyImport(db: AureaDb, file: ExportFile, now: Date = new Date()): Promise<ImportPlan> {
  return guardedWrite(() =>
    db.transaction('rw', [db.logs, db.symptoms, db.meals, db.challenges, db.settings, db.recipes, ...hookTables(db)], async () => {
      const plan = await previewImport(db, file, now);
      if (plan.newSymptoms.length || plan.undefinedSymptoms.length) {
        await changeSymptoms(db, async () => {
          if (plan.newSymptoms.length) await db.symptoms.bulkPut(plan.newSymptoms);
          if (plan.undefinedSymptoms.length) {
            await db.symptoms.bulkPut(
              plan.undefinedSymptoms
                .filter((k) => !BUILTIN_SYMPTOMS.some((b) => b.key === k))
                .map((k) => ({ key: k, label: k.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), polarity: 'higher_is_worse' as const, builtin: false })),
            );
          }
        });
      }
      const before = changeHooks.length && plan.writes.length ? await db.logs.bulkGet(plan.writes.map((l) => l.date)) : [];
      if (plan.writes.length) await db.logs.bulkPut(plan.writes);
      for (const [i, log] of plan.writes.entries()) for (const h of changeHooks) await h(db, { type: 'put', log, before: before[i] });
      // Format version 2 carries the rest of the diary: saved meals, re-challenges and settings.
      const extras = await previewImportExtras(db, file, now);
      if (extras.savedMeals.length) await db.meals.bulkPut(extras.savedMeals);
      if (extras.challenges.length) await db.challenges.bulkPut(extras.challenges as ChallengeRow[]);
      for (const r of extras.recipes) await putRecipe(db, r);
      for (const [key, value] of Object.entries(extras.settings)) {
        const prev = settingHooks.hooks.length ? (await db.settings.get(key))?.value : undefined;
        await db.settings.put({ key, value });
        for (const h of settingHooks.hooks) await h(db, { key, before: prev, after: value });
      }
      return plan;
    }),
  );
}

/** Erases every table on this device (the person confirmed). */
export async function deleteAllData(db: AureaDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
}

export { byDate };

const mealName = z.string().check(z.trim(), z.minLength(1, 'Give the meal a name'), z.maxLength(40, 'Keep the name under 40 characters'));

/** Saves a named set of ingredients ("usual breakfast") that adds to a day in one tap. */
export async function saveMeal(db: AureaDb, name: string, ingredients: readonly string[], now: Date = new Date()): Promise<SavedMealRow> {
  const parsed = mealName.safeParse(name);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]!.message);
  const names = cleanIngredients(ingredients);
  if (names.length === 0) throw new InputError('Add at least one ingredient to the meal');
  const existing = await db.meals.where('name').equalsIgnoreCase(parsed.data).first();
  const meal: SavedMealRow = { id: existing?.id ?? crypto.randomUUID(), name: parsed.data, ingredients: names, created_at: existing?.created_at ?? now.toISOString(), used_count: existing?.used_count ?? 0 };
  await guardedWrite(() => db.meals.put(meal));
  return meal;
}

export async function deleteMeal(db: AureaDb, id: string): Promise<void> {
  await db.meals.delete(id);
}

/** Counts a use so the most used meals come first. */
export async function noteMealUsed(db: AureaDb, id: string): Promise<void> {
  await db.meals.where('id').equals(id).modify((m) => {
    m.used_count += 1;
  });
}

/** Meals, most used first. */
export async function listMeals(db: AureaDb): Promise<SavedMealRow[]> {
  const meals = await db.meals.toArray();
  return meals.sort((a, b) => b.used_count - a.used_count || a.name.localeCompare(b.name));
}

/** The latest log strictly before a date (for "same as yesterday" and copying). */
export async function previousLog(db: AureaDb, date: string): Promise<DailyLog | undefined> {
  return db.logs.where('date').below(date).last();
}

// ---- personal recipes ------------------------------------------------------------------------------------

/** Writes one recipe and runs the recipe hooks; call inside a transaction that includes the hook tables. */
async function putRecipe(db: AureaDb, r: Recipe): Promise<void> {
  const before = recipeHooks.hooks.length ? ((await db.recipes.get(r.id)) ?? null) : null;
  await db.recipes.put(r);
  for (const h of recipeHooks.hooks) await h(db, { id: r.id, before, after: r });
}

/**
 * Saves a recipe ("my lasagna") from what the person typed: a new one, or `id`'s new content. A name that
 * another recipe already has is refused (one recipe per name, because the diary logs it by name).
 */
export async function saveRecipe(db: AureaDb, draft: RecipeDraft, id: string | null = null, now: Date = new Date()): Promise<Recipe> {
  const clean = cleanRecipe(draft);
  if (!clean.ok) throw new InputError(clean.message);
  return guardedWrite(() =>
    db.transaction('rw', [db.recipes, ...hookTables(db)], async () => {
      const same = await db.recipes.where('name').equals(clean.name).first();
      if (same && same.id !== id) throw new InputError(`You already have a recipe called ${clean.name}`);
      const existing = id ? await db.recipes.get(id) : undefined;
      const iso = now.toISOString();
      const r: Recipe = { id: existing?.id ?? id ?? crypto.randomUUID(), name: clean.name, ingredients: clean.ingredients, created_at: existing?.created_at ?? iso, updated_at: iso };
      await putRecipe(db, r);
      return r;
    }),
  );
}

export async function deleteRecipe(db: AureaDb, id: string): Promise<void> {
  await guardedWrite(() =>
    db.transaction('rw', [db.recipes, ...hookTables(db)], async () => {
      const before = (await db.recipes.get(id)) ?? null;
      if (!before) return;
      await db.recipes.delete(id);
      for (const h of recipeHooks.hooks) await h(db, { id, before, after: null });
    }),
  );
}

/** The person's recipes by name. */
export async function listRecipes(db: AureaDb): Promise<Recipe[]> {
  return (await db.recipes.toArray()).sort((a, b) => a.name.localeCompare(b.name));
}
