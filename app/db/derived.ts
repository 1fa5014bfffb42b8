import { staleDerivedState, type ModelBasis, type StaleDerivedState } from '../../shared/diary/derived';
import type { AureaDb, ModelRow } from './db';
import { extraLogTables } from './repo';

/** The setting holding the last model version ever used, so a dropped model's number is never reused. */
export const MODEL_VERSION_SEQ = 'modelVersionSeq';

/** What shared/diary/derived.ts needs from a `models` row (rows of older versions lack trained_dates). */
export function modelBasis(row: ModelRow): ModelBasis {
  const r = row as ModelRow & { version: number; log_count?: number; trained_dates?: string[] | null; window?: { from: string; to: string } | null };
  return {
    version: r.version,
    is_active: r.is_active === 1,
    trained_at: r.trained_at,
    training_samples: r.training_samples,
    ...(typeof r.log_count === 'number' ? { log_count: r.log_count } : {}),
    trained_dates: Array.isArray(r.trained_dates) ? r.trained_dates : null,
    window: r.window && typeof r.window.from === 'string' ? { from: r.window.from, to: r.window.to } : null,
  };
}

/**
 * Applies the staleness rule (shared/diary/derived.ts) to what is on the device, in one transaction:
 * deletes models trained on days that no longer exist (their weights are in the same rows), predictions
 * and re-challenges made from demo days that are gone, insight results computed from missing days, and
 * the nudge memory of a dropped re-challenge. Joins the caller's transaction when there is one, so a
 * bulk change and its clean-up are seen together. Returns the decision (retraining is the caller's).
 */
export async function dropStaleDerived(db: AureaDb, now: Date = new Date()): Promise<StaleDerivedState> {
  const tables = [db.logs, db.models, db.predictions, db.challenges, db.insightCache, db.settings, ...extraLogTables.map((t) => db.table(t))];
  return db.transaction('rw', tables, async () => {
    const [dates, demoDays, models, predictions, challenges, insights] = await Promise.all([
      db.logs.toCollection().primaryKeys() as Promise<string[]>,
      db.logs.filter((l) => l.demo === true).count(),
      db.models.toArray(),
      db.predictions.toArray(),
      db.challenges.toArray(),
      db.insightCache.toArray(),
    ]);
    const stale = staleDerivedState({
      diary: { dates, demoDays },
      models: models.filter((m) => typeof m.version === 'number').map(modelBasis),
      predictions: predictions.map((p) => ({ id: p.id, ...(p.demo ? { demo: true } : {}) })),
      challenges: challenges.map((c) => ({ id: c.id, status: c.status, ...(c.demo ? { demo: true } : {}) })),
      insights: insights.map((r) => ({
        id: r.key,
        ...(r.demo ? { demo: true } : {}),
        dates: Array.isArray(r.dates) ? r.dates : null,
        log_count: (r.result as { result?: { log_count?: number } } | undefined)?.result?.log_count ?? null,
      })),
      now,
    });
    if (stale.models.length) {
      const highest = Math.max(...models.map((m) => m.version ?? 0));
      const seq = (await db.settings.get(MODEL_VERSION_SEQ))?.value;
      await db.settings.put({ key: MODEL_VERSION_SEQ, value: Math.max(highest, typeof seq === 'number' ? seq : 0) });
      await db.models.bulkDelete(stale.models);
    }
    if (stale.predictions.length) await db.predictions.bulkDelete(stale.predictions);
    if (stale.challenges.length) await db.challenges.bulkDelete(stale.challenges);
    if (stale.insights.length) await db.insightCache.bulkDelete(stale.insights);
    if (stale.resetNudges) await db.settings.delete('challengeNudgeShown');
    return stale;
  });
}

/** The next model version: above every row and every version dropped before. */
export async function nextModelVersion(db: AureaDb): Promise<number> {
  const [rows, seq] = await Promise.all([db.models.toCollection().primaryKeys(), db.settings.get(MODEL_VERSION_SEQ)]);
  const highest = Math.max(0, ...(rows as number[]), typeof seq?.value === 'number' ? seq.value : 0);
  return highest + 1;
}
