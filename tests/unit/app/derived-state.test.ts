import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AureaDb } from '../../../app/db/db';
import { deleteLogs } from '../../../app/db/repo';
import { dropStaleDerived, nextModelVersion } from '../../../app/db/derived';
import type { DailyLog } from '../../../shared/schema';
import { addDays } from '../../../shared/util/dates';

let n = 0;
const dbs: AureaDb[] = [];
function freshDb(): AureaDb {
  const db = new AureaDb(`derived-state-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const log = (date: string, demo: boolean): DailyLog => ({ id: `id-${date}`, date, ingredients: ['milk'], symptoms: { bloating: 3 }, cycle_phase: null, created_at: `${date}T20:00:00.000Z`, updated_at: `${date}T20:00:00.000Z`, ...(demo ? { demo: true } : {}) });

describe('dropStaleDerived on the device database', () => {
  it('after the demo is removed, nothing derived from it is left: model, track record, re-challenge, insights, nudge', async () => {
    const db = freshDb();
    const demoDates = Array.from({ length: 30 }, (_, i) => addDays('2026-01-01', i));
    await db.logs.bulkPut(demoDates.map((d) => log(d, true)));
    await db.models.put({ version: 1, trained_at: '2026-02-01T08:00:00.000Z', training_samples: 30, metrics: {}, is_active: 1, tier: 'logistic', reason: 'first personal model from 30 logs', artifacts_key: 'aurea-model-v1', trained_dates: demoDates, log_count: 30 } as never);
    await db.predictions.put({ id: 'p1', date: '2026-02-01', created_at: '2026-01-31T08:00:00.000Z', ingredients: ['milk'], cycle_phase: null, result: {}, demo: true });
    await db.challenges.put({ id: 'c1', ingredient: 'milk', symptom: 'bloating', status: 'active', created_at: '2026-01-31T08:00:00.000Z', plan: {}, demo: true });
    await db.insightCache.put({ key: 'diary', hash: 'h', computed_at: '2026-01-31T08:00:00.000Z', result: { result: { log_count: 30 } }, dates: demoDates, demo: true });
    await db.settings.put({ key: 'challengeNudgeShown', value: '2026-01-31' });

    await deleteLogs(db, demoDates);
    const stale = await dropStaleDerived(db, new Date('2026-02-01T09:00:00Z'));

    expect(stale).toMatchObject({ models: [1], retrain: false, predictions: ['p1'], challenges: ['c1'], insights: ['diary'], resetNudges: true });
    expect(await db.models.count()).toBe(0);
    expect(await db.predictions.count()).toBe(0);
    expect(await db.challenges.count()).toBe(0);
    expect(await db.insightCache.count()).toBe(0);
    expect(await db.settings.get('challengeNudgeShown')).toBeUndefined();
    // The next model never reuses the dropped one's number (the worker may still hold v1 in memory).
    expect(await nextModelVersion(db)).toBe(2);
  });

  it("the person's own days and what was made from them stay", async () => {
    const db = freshDb();
    const own = Array.from({ length: 20 }, (_, i) => addDays('2026-03-01', i));
    await db.logs.bulkPut(own.map((d) => log(d, false)));
    await db.models.put({ version: 1, trained_at: '2026-03-21T08:00:00.000Z', training_samples: 20, metrics: {}, is_active: 1, tier: 'logistic', reason: 'ok', artifacts_key: 'k', trained_dates: own, log_count: 20 } as never);
    await db.predictions.put({ id: 'p1', date: '2026-03-22', created_at: '2026-03-21T08:00:00.000Z', ingredients: ['milk'], cycle_phase: null, result: {} });
    const stale = await dropStaleDerived(db, new Date('2026-03-21T09:00:00Z'));
    expect(stale).toMatchObject({ models: [], retrain: false, predictions: [], challenges: [], insights: [] });
    expect(await db.models.count()).toBe(1);
    expect(await db.predictions.count()).toBe(1);
  });
});
