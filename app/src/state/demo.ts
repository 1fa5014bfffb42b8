import { localToday, addDays } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { applyImport, deleteLog } from '../../db/repo';
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
  await saveSetting('demoActive', true);
  await saveSetting('trackCycle', true);
  return logs.length;
}

export async function removeDemoDiary(): Promise<number> {
  const db = appDb();
  const dates = (await db.logs.filter((l) => l.demo === true).primaryKeys()) as string[];
  for (const d of dates) await deleteLog(db, d);
  await saveSetting('demoActive', false);
  return dates.length;
}
