import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AureaDb } from '../../../app/db/db';
import { addFoodToDay, getLog, InputError, onLogChange, saveLog, undoAddToDay, type LogChangeHook } from '../../../app/db/repo';
import { productComposite } from '../../../shared/diary/add-to-day';
import { diaryForAnalysis } from '../../../shared/diary/for-analysis';

let n = 0;
const dbs: Dexie[] = [];
function freshDb(): AureaDb {
  const db = new AureaDb(`add-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
const unhook: (() => void)[] = [];
afterEach(async () => {
  for (const u of unhook.splice(0)) u();
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const beans = productComposite({ name: "Bush's Onion Baked Beans", barcode: '0039400016014', ingredients: ['white bean', 'onion', 'brown sugar', 'bacon', 'garlic'] });

describe('addFoodToDay (Foods’ “Add to today”)', () => {
  it('saves through saveLog: the day’s change hooks (the sync outbox among them) see it, with the day before', async () => {
    const db = freshDb();
    await saveLog(db, { date: '2026-03-02', ingredients: [], meals: [{ id: 'breakfast', name: 'Breakfast', time: null, ingredients: ['oats'] }], symptoms: { bloating: 2 } });
    const seen: Parameters<LogChangeHook>[1][] = [];
    unhook.push(onLogChange(async (_db, change) => void seen.push(change)));
    const { log, before } = await addFoodToDay(db, '2026-03-02', 'Lunch', beans.name, beans);
    expect(before?.meals?.map((m) => m.id)).toEqual(['breakfast']);
    expect(log.meals?.map((m) => [m.id, m.ingredients])).toEqual([
      ['breakfast', ['oats']],
      ['lunch', [beans.name]],
    ]);
    expect(log.symptoms).toEqual({ bloating: 2 });
    expect(await getLog(db, '2026-03-02')).toEqual(log);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.type).toBe('put');
    expect(seen[0]!.before).toEqual(before);
    // The analysis reads the product's ingredients as the day's foods.
    const [day] = diaryForAnalysis([log]);
    expect(day!.ingredients).toEqual(expect.arrayContaining(['onion', 'garlic', 'white bean']));
  });

  it('Undo puts the day back as it was, or removes a day the add created', async () => {
    const db = freshDb();
    const created = await addFoodToDay(db, '2026-03-03', 'Dinner', beans.name, beans);
    expect(created.before).toBeUndefined();
    await undoAddToDay(db, '2026-03-03', created.before);
    expect(await getLog(db, '2026-03-03')).toBeUndefined();

    await saveLog(db, { date: '2026-03-04', ingredients: ['rice'], symptoms: {} });
    const added = await addFoodToDay(db, '2026-03-04', 'Dinner', 'salmon');
    await undoAddToDay(db, '2026-03-04', added.before);
    const back = await getLog(db, '2026-03-04');
    expect(back?.ingredients).toEqual(['rice']);
    expect(back?.meals).toBeUndefined();
  });

  it('bad input changes nothing and says why', async () => {
    const db = freshDb();
    await expect(addFoodToDay(db, '2026-03-05', 'Lunch', '!!')).rejects.toBeInstanceOf(InputError);
    await expect(addFoodToDay(db, '2026-02-30', 'Lunch', 'rice')).rejects.toBeInstanceOf(InputError);
    expect(await db.logs.count()).toBe(0);
  });
});

describe('an add while Today holds unsaved changes for that day', () => {
  it('joins the draft (so saving the draft keeps it); Undo takes it out again; no draft, nothing to do', async () => {
    const { todayDrafts } = await import('../../../app/src/state/today-drafts');
    const { addToTodayDraft, removeFromTodayDraft } = await import('../../../app/src/state/today-draft-add');
    expect(addToTodayDraft('2026-03-06', 'Lunch', beans.name, beans)).toBe(false);
    todayDrafts.set('2026-03-06', { meals: [{ id: 'breakfast', name: 'Breakfast', time: null, ingredients: ['oats'] }], symptoms: { bloating: 1 }, cycle_phase: null, notes: 'typing…', marks: { period: false, stool_types: [] }, composites: [] });
    expect(addToTodayDraft('2026-03-06', 'Lunch', beans.name, beans)).toBe(true);
    const d = todayDrafts.get('2026-03-06')!;
    expect(d.meals.map((m) => [m.id, m.ingredients])).toEqual([
      ['breakfast', ['oats']],
      ['lunch', [beans.name]],
    ]);
    expect(d.composites).toEqual([beans]);
    expect(d.notes).toBe('typing…');
    // Already in the draft: left as it is.
    expect(addToTodayDraft('2026-03-06', 'Dinner', beans.name, beans)).toBe(false);
    removeFromTodayDraft('2026-03-06', beans.name);
    expect(todayDrafts.get('2026-03-06')!.meals.flatMap((m) => m.ingredients)).toEqual(['oats']);
    expect(todayDrafts.get('2026-03-06')!.composites).toEqual([]);
    todayDrafts.clear();
  });
});
