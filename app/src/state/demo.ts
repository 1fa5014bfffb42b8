import { localToday, addDays } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { applyImport, deleteLogs, extraLogTables } from '../../db/repo';
import { dropStaleDerived } from '../../db/derived';
import { saveSetting } from './settings';

/**
 * A demo diary to explore the app before there is enough real data: 75 generated days ending
 * yesterday, each log marked `demo: true`. It never overwrites a day the person logged, and it is
 * removed in one tap (days the person edited since are theirs and stay).
 */
export async function loadDemoDiary(): Promise<number> {
  const db = appDb();
  const { generateDiary, diaryToExport } = await import('../../../shared/demo');
  const diary = generateDiary({ persona: 'demo', endDate: addDays(localToday(), -1), seed: 'aurea-demo' });
  const file = diaryToExport(diary);
  const taken = new Set((await db.logs.where('date').anyOf(file.logs.map((l) => l.date)).primaryKeys()) as string[]);
  const logs = file.logs.filter((l) => !taken.has(l.date)).map((l) => ({ ...l, demo: true }));
  await applyImport(db, { ...file, logs });
  // Only once the days are stored: the banner (and leaving the page) never stands for a half-loaded demo.
  await saveSetting('demoActive', true);
  await saveSetting('trackCycle', true);
  // Trains at once in the background, so Predict has the personal model by the time it is opened.
  await (await import('./diaryChanges')).afterBulkChange(db);
  return logs.length;
}

/**
 * Removes the demo days and, in the same transaction, everything derived from them (models and their
 * track record, re-challenges, insight results, nudges): nothing of the demo is ever shown again.
 */
export async function removeDemoDiary(): Promise<number> {
  const db = appDb();
  const dates = (await db.logs.filter((l) => l.demo === true).primaryKeys()) as string[];
  const tables = [db.logs, db.models, db.predictions, db.challenges, db.insightCache, db.settings, ...extraLogTables.map((t) => db.table(t))];
  const stale = await db.transaction('rw', tables, async () => {
    await deleteLogs(db, dates);
    await saveSetting('demoActive', false);
    return dropStaleDerived(db);
  });
  // Loaded on demand: the model and insights modules stay out of the first-load bundle.
  await (await import('./diaryChanges')).afterBulkChange(db, stale);
  return dates.length;
}
