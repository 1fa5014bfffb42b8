import type { StaleDerivedState } from '../../../shared/diary/derived';
import { appDb, type AureaDb } from '../../db/db';
import { dropStaleDerived } from '../../db/derived';
import { refreshInsights } from './insights';
import { retrainModel } from './model';

/**
 * Called after every bulk change to the diary (demo loaded or removed, import, days deleted, sync
 * applied): drops what now stands on days that no longer exist (shared/diary/derived.ts), then starts
 * the retraining the rule asks for and a fresh insights run, both in their workers.
 */
export async function afterBulkChange(db: AureaDb = appDb(), stale?: StaleDerivedState): Promise<StaleDerivedState> {
  const decision = stale ?? (await dropStaleDerived(db));
  if (decision.retrain) void retrainModel(db);
  void refreshInsights(db);
  return decision;
}
