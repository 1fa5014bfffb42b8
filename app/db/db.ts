import Dexie, { type EntityTable, type Table } from 'dexie';
import type { DailyLog, Recipe, SymptomDefinition } from '../../shared/schema';
import { UNNAMED_MEAL_ID } from '../../shared/diary/meals';
import type { SyncAccountRow, SyncDocRow, SyncMetaRow, SyncOutboxRow } from '../sync/types';

/** A key/value setting (theme, cycle tracking, first-run state, reminder time …). */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** Insights computed for a particular state of the diary (stale-while-revalidate cache). */
export interface InsightCacheRow {
  key: string;
  hash: string;
  computed_at: string;
  result: unknown;
  /** The dates it was computed from, and whether demo days were among them (shared/diary/derived.ts). */
  dates?: string[];
  demo?: boolean;
}

/** A food looked up through the server proxy, kept for offline use within its TTL. */
export interface FoodCacheRow {
  name: string;
  fetched_at: string;
  data: unknown;
}

/** Metadata of a trained per-person model; the weights live in tfjs's own IndexedDB store. */
export interface ModelRow {
  version?: number;
  trained_at: string;
  training_samples: number;
  metrics: unknown;
  is_active: 0 | 1;
  tier: string;
  reason: string;
  artifacts_key: string | null;
}

/** A stored prediction, later compared with what actually happened. */
export interface PredictionRow {
  id: string;
  date: string;
  created_at: string;
  ingredients: string[];
  cycle_phase: string | null;
  result: unknown;
  /** Made while demo days were in the diary: goes when they go. */
  demo?: boolean;
}

export interface SavedMealRow {
  id: string;
  name: string;
  ingredients: string[];
  created_at: string;
  used_count: number;
}

export interface ChallengeRow {
  id: string;
  ingredient: string;
  symptom: string;
  status: 'active' | 'completed' | 'cancelled';
  created_at: string;
  plan: unknown;
  result?: unknown;
  /** Started while demo days were in the diary: goes when they go. */
  demo?: boolean;
}

/**
 * The on-device database. Version history (never edit a released version; add a new one):
 * 1 — logs and settings; custom symptoms lived in settings["customSymptoms"]; early logs had no id.
 * 2 — custom symptoms get their own table; every log gets an id and an explicit cycle_phase;
 *     caches for insights and foods; models, predictions, saved meals and re-challenges.
 * 3 — sync (app/sync): the outbox of local changes, the sync documents, the engine's state and status, and
 *     this device's account (keys as non-extractable CryptoKeys). Empty until sync is turned on.
 * 4 — meals: every day holds its foods in meals; a day logged before becomes one meal without a name.
 * 5 — recipes: the person's own recipes ("my lasagna"), a new table; nothing else changes.
 */
export class AureaDb extends Dexie {
  logs!: EntityTable<DailyLog, 'date'>;
  settings!: EntityTable<SettingRow, 'key'>;
  symptoms!: EntityTable<SymptomDefinition, 'key'>;
  insightCache!: EntityTable<InsightCacheRow, 'key'>;
  foodCache!: EntityTable<FoodCacheRow, 'name'>;
  models!: Table<ModelRow, number>;
  predictions!: EntityTable<PredictionRow, 'id'>;
  meals!: EntityTable<SavedMealRow, 'id'>;
  challenges!: EntityTable<ChallengeRow, 'id'>;
  recipes!: EntityTable<Recipe, 'id'>;
  syncOutbox!: Table<SyncOutboxRow, number>;
  syncDocs!: EntityTable<SyncDocRow, 'name'>;
  syncMeta!: EntityTable<SyncMetaRow, 'key'>;
  syncAccount!: EntityTable<SyncAccountRow, 'id'>;

  constructor(name = 'aurea', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores({
        ...SCHEMA_V1,
        symptoms: '&key',
        insightCache: '&key',
        foodCache: '&name, fetched_at',
        models: '++version, is_active, trained_at',
        predictions: '&id, date, created_at',
        meals: '&id, name',
        challenges: '&id, status, ingredient',
      })
      .upgrade(async (tx) => {
        const custom = await tx.table('settings').get('customSymptoms');
        if (custom && Array.isArray(custom.value)) {
          for (const d of custom.value as SymptomDefinition[]) await tx.table('symptoms').put({ ...d, builtin: false });
          await tx.table('settings').delete('customSymptoms');
        }
        await tx
          .table('logs')
          .toCollection()
          .modify((log: Partial<DailyLog>) => {
            if (!log.id) log.id = crypto.randomUUID();
            if (log.cycle_phase === undefined) log.cycle_phase = null;
            if (!log.created_at) log.created_at = log.updated_at ?? new Date().toISOString();
            if (!log.updated_at) log.updated_at = log.created_at;
          });
      });
    this.version(3).stores({
      syncOutbox: '++seq',
      syncDocs: '&name, [dirty+name]',
      syncMeta: '&key',
      syncAccount: '&id',
    });
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table('logs')
          .toCollection()
          .modify((log: Partial<DailyLog>) => {
            if (log.meals) return;
            const foods = log.ingredients ?? [];
            log.meals = foods.length ? [{ id: UNNAMED_MEAL_ID, name: '', time: null, ingredients: [...foods] }] : [];
          });
      });
    this.version(5).stores({ recipes: '&id, name' });
  }
}

/** Version 1 as it shipped: kept verbatim so upgrades from it can be tested. */
export const SCHEMA_V1 = {
  logs: '&date, updated_at, *ingredients',
  settings: '&key',
} as const;

let instance: AureaDb | null = null;

/** The app's database (one per page). */
export function appDb(): AureaDb {
  instance ??= new AureaDb();
  return instance;
}
