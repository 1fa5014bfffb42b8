import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AureaDb, SCHEMA_V1 } from '../../../app/db/db';
import {
  addCustomSymptom,
  allLogs,
  applyImport,
  buildCsv,
  buildExport,
  deleteAllData,
  deleteLog,
  getLog,
  ingredientUsage,
  InputError,
  listMeals,
  logsPage,
  previewImport,
  previewImportExtras,
  removeCustomSymptom,
  restoreLog,
  saveLog,
  saveMeal,
  setSetting,
  symptomDefinitions,
} from '../../../app/db/repo';
import type { ExportFile } from '../../../shared/schema';
import { componentPlanOptions, planChallenge } from '../../../shared/challenge';

let n = 0;
const dbs: Dexie[] = [];
function freshDb(): AureaDb {
  const db = new AureaDb(`test-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('saving logs', () => {
  it('creates a log with normalised, de-duplicated ingredients', async () => {
    const db = freshDb();
    const { log, created } = await saveLog(db, { date: '2026-03-01', ingredients: ['  Milk', 'milk', 'Oats!'], symptoms: { bloating: 3 } });
    expect(created).toBe(true);
    expect(log.ingredients).toEqual(['milk', 'oats']);
    expect(log.id).toMatch(/[0-9a-f-]{36}/);
    expect(await getLog(db, '2026-03-01')).toEqual(log);
  });

  it('saving a date that already has a log updates it, keeping id and created_at', async () => {
    const db = freshDb();
    const first = await saveLog(db, { date: '2026-03-01', ingredients: ['milk'], symptoms: { bloating: 3 } }, new Date('2026-03-01T08:00:00Z'));
    const second = await saveLog(db, { date: '2026-03-01', ingredients: ['rice'], symptoms: { bloating: 1 }, notes: ' calm day ' }, new Date('2026-03-01T20:00:00Z'));
    expect(second.created).toBe(false);
    expect(second.log.id).toBe(first.log.id);
    expect(second.log.created_at).toBe('2026-03-01T08:00:00.000Z');
    expect(second.log.updated_at).toBe('2026-03-01T20:00:00.000Z');
    expect(second.log.notes).toBe('calm day');
    expect(await db.logs.count()).toBe(1);
  });

  it('refuses bad input and changes nothing', async () => {
    const db = freshDb();
    await expect(saveLog(db, { date: '2026-02-30', ingredients: [], symptoms: {} })).rejects.toThrow(InputError);
    await expect(saveLog(db, { date: '2026-03-01', ingredients: [], symptoms: { bloating: 9 as 5 } })).rejects.toThrow(/symptoms.bloating: must be from 0 to 5/);
    expect(await db.logs.count()).toBe(0);
  });

  it('deletes with undo', async () => {
    const db = freshDb();
    const { log } = await saveLog(db, { date: '2026-03-01', ingredients: ['milk'], symptoms: {} });
    const removed = await deleteLog(db, '2026-03-01');
    expect(removed?.id).toBe(log.id);
    expect(await getLog(db, '2026-03-01')).toBeUndefined();
    await restoreLog(db, removed!);
    expect((await getLog(db, '2026-03-01'))?.ingredients).toEqual(['milk']);
  });

  it('pages newest first and counts ingredient usage', async () => {
    const db = freshDb();
    for (let d = 1; d <= 9; d++) await saveLog(db, { date: `2026-03-0${d}`, ingredients: d % 2 ? ['milk', 'oats'] : ['milk'], symptoms: {} });
    const page = await logsPage(db, 2, 3);
    expect(page.map((l) => l.date)).toEqual(['2026-03-07', '2026-03-06', '2026-03-05']);
    const usage = await ingredientUsage(db);
    expect(usage.find((u) => u.name === 'milk')).toEqual({ name: 'milk', count: 9, last: '2026-03-09', meals: {} });
    expect(usage.find((u) => u.name === 'oats')).toEqual({ name: 'oats', count: 5, last: '2026-03-09', meals: {} });
  });
});

describe('custom symptoms', () => {
  it('adds with polarity, refuses duplicates and empty names, and keeps logged values on removal', async () => {
    const db = freshDb();
    const def = await addCustomSymptom(db, { label: 'Joint pain', polarity: 'higher_is_worse' });
    expect(def.key).toBe('joint_pain');
    await expect(addCustomSymptom(db, { label: 'joint pain', polarity: 'higher_is_worse' })).rejects.toThrow(/already track/);
    await expect(addCustomSymptom(db, { label: '  ', polarity: 'higher_is_worse' })).rejects.toThrow(/name/);
    await expect(addCustomSymptom(db, { label: 'Energy', polarity: 'higher_is_better' })).rejects.toThrow(/already track/);
    await saveLog(db, { date: '2026-03-01', ingredients: [], symptoms: { joint_pain: 2 } });
    await removeCustomSymptom(db, 'joint_pain');
    expect((await symptomDefinitions(db)).map((s) => s.key)).toEqual(['bloating', 'energy', 'focus']);
    expect((await getLog(db, '2026-03-01'))?.symptoms).toEqual({ joint_pain: 2 });
  });
});

describe('export and import', () => {
  const file = (logs: ExportFile['logs']): ExportFile => ({ format: 'aurea.export', version: 1, logs });

  it('round-trips an export into a fresh database with identical logs', async () => {
    const a = freshDb();
    await addCustomSymptom(a, { label: 'Headache', polarity: 'higher_is_worse' });
    await saveLog(a, { date: '2026-03-01', ingredients: ['milk', 'oats'], symptoms: { bloating: 3, headache: 1 }, cycle_phase: 'luteal', notes: 'hm' });
    await saveLog(a, { date: '2026-03-02', ingredients: ['rice'], symptoms: { energy: 4 } });
    const exported = JSON.parse(JSON.stringify(await buildExport(a)));
    const b = freshDb();
    const plan = await applyImport(b, exported);
    expect(plan.counts).toEqual({ new: 2, updated: 0, unchanged: 0, total: 2 });
    const strip = (l: Record<string, unknown>) => ({ ...l, updated_at: undefined });
    expect((await allLogs(b)).map(strip)).toEqual((await allLogs(a)).map(strip));
    expect((await symptomDefinitions(b)).map((s) => s.key)).toContain('headache');
  });

  it('previews new / updated / unchanged without writing', async () => {
    const db = freshDb();
    await saveLog(db, { date: '2026-03-01', ingredients: ['milk'], symptoms: { bloating: 3 } });
    await saveLog(db, { date: '2026-03-02', ingredients: ['rice'], symptoms: { bloating: 1 } });
    const f = file([
      { date: '2026-03-01', ingredients: ['milk'], symptoms: { bloating: 3 }, cycle_phase: null },
      { date: '2026-03-02', ingredients: ['rice', 'egg'], symptoms: { bloating: 1 } },
      { date: '2026-03-03', ingredients: ['tea'], symptoms: {} },
    ]);
    const plan = await previewImport(db, f);
    expect(plan.counts).toEqual({ new: 1, updated: 1, unchanged: 1, total: 3 });
    expect(await db.logs.count()).toBe(2);
    await applyImport(db, f);
    expect(await db.logs.count()).toBe(3);
    expect((await getLog(db, '2026-03-02'))?.ingredients).toEqual(['rice', 'egg']);
  });

  it('writes CSV with one row per log and every symptom column', async () => {
    const db = freshDb();
    await saveLog(db, { date: '2026-03-01', ingredients: ['milk', 'oats'], symptoms: { bloating: 3 }, notes: 'said "hi", then =1+1' });
    const csv = await buildCsv(db);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('date,ingredients,meals,bloating,energy,focus,cycle_phase,notes');
    expect(lines[1]).toBe('2026-03-01,milk; oats,,3,,,,"said ""hi"", then =1+1"');
  });

  it('deletes all data', async () => {
    const db = freshDb();
    await saveLog(db, { date: '2026-03-01', ingredients: ['milk'], symptoms: {} });
    await addCustomSymptom(db, { label: 'Headache', polarity: 'higher_is_worse' });
    await deleteAllData(db);
    expect(await db.logs.count()).toBe(0);
    expect(await db.symptoms.count()).toBe(0);
  });
});

describe('meals', () => {
  const day = { date: '2026-03-05', ingredients: [], symptoms: { bloating: 2 } };

  it('saves a day as meals with times; its foods are their union, the order of the day', async () => {
    const db = freshDb();
    const { log } = await saveLog(db, {
      ...day,
      meals: [
        { id: 'x', name: 'Dinner', time: '19:30', ingredients: ['Pasta', 'cheese'] },
        { id: 'x2', name: 'Breakfast', time: '07:45', ingredients: ['oats', 'Milk'] },
        { id: 'x3', name: 'Snacks', time: null, ingredients: [] },
      ],
    });
    expect(log.meals).toEqual([
      { id: 'breakfast', name: 'Breakfast', time: '07:45', ingredients: ['oats', 'milk'] },
      { id: 'dinner', name: 'Dinner', time: '19:30', ingredients: ['pasta', 'cheese'] },
    ]);
    expect(log.ingredients).toEqual(['oats', 'milk', 'pasta', 'cheese']);
    // Saving again without meals (a plain list) drops the old meals rather than keeping stale ones.
    const { log: plain } = await saveLog(db, { ...day, ingredients: ['rice'] });
    expect(plain.meals).toBeUndefined();
    expect(plain.ingredients).toEqual(['rice']);
  });

  it('refuses a bad time, and two meals of one name, changing nothing', async () => {
    const db = freshDb();
    await expect(saveLog(db, { ...day, meals: [{ id: 'a', name: 'Lunch', time: '25:00', ingredients: ['soup'] }] })).rejects.toThrow(/time like 08:30/);
    await expect(saveLog(db, { ...day, meals: [{ id: 'a', name: 'Lunch', ingredients: ['soup'] }, { id: 'a', name: 'Lunch', ingredients: ['bread'] }] })).rejects.toThrow(/its own name/);
    expect(await db.logs.count()).toBe(0);
  });

  it('exports format version 2 with meals, saved meals, re-challenges and settings, and imports it whole', async () => {
    const a = freshDb();
    await saveLog(a, { ...day, meals: [{ id: 'b', name: 'Breakfast', time: '08:00', ingredients: ['oats'] }, { id: 'l', name: 'My brunch', time: '11:00', ingredients: ['egg', 'toast'] }] });
    await saveMeal(a, 'usual breakfast', ['oats', 'milk']);
    await a.challenges.put({ id: 'c1', ingredient: 'milk', symptom: 'bloating', status: 'active', created_at: '2026-03-01T00:00:00.000Z', plan: { ingredient: 'milk', symptom: 'bloating', start: '2026-03-01', avoidDays: 7, challengeDates: ['2026-03-08', '2026-03-10', '2026-03-12'], end: '2026-03-13' } });
    await setSetting(a, 'trackCycle', true);
    await setSetting(a, 'theme', 'dark');
    await setSetting(a, 'demoActive', true);
    const exported = JSON.parse(JSON.stringify(await buildExport(a))) as ExportFile;
    expect(exported.version).toBe(2);
    expect(exported.logs[0]!.meals!.map((m) => m.name)).toEqual(['Breakfast', 'My brunch']);
    expect(exported.saved_meals!.map((m) => m.name)).toEqual(['usual breakfast']);
    expect(exported.challenges!.map((c) => c.ingredient)).toEqual(['milk']);
    // The person's choices travel; this device's state (a loaded demo) does not.
    expect(exported.settings).toEqual({ theme: 'dark', trackCycle: true });

    const b = freshDb();
    await applyImport(b, exported);
    expect((await getLog(b, day.date))!.meals).toEqual((await getLog(a, day.date))!.meals);
    expect((await getLog(b, day.date))!.ingredients).toEqual(['oats', 'egg', 'toast']);
    expect((await listMeals(b)).map((m) => m.name)).toEqual(['usual breakfast']);
    expect((await b.challenges.toArray()).map((c) => c.status)).toEqual(['active']);
    expect((await b.settings.get('trackCycle'))?.value).toBe(true);
    expect(await b.settings.get('demoActive')).toBeUndefined();
  });

  it('reads format version 1 files as they are, and keeps a running test when the file has another', async () => {
    const db = freshDb();
    await applyImport(db, { format: 'aurea.export', version: 1, logs: [{ date: '2026-03-01', ingredients: ['milk'], symptoms: {} }] });
    expect((await getLog(db, '2026-03-01'))!.meals).toBeUndefined();
    await db.challenges.put({ id: 'mine', ingredient: 'onion', symptom: 'bloating', status: 'active', created_at: '2026-03-01T00:00:00.000Z', plan: {} });
    const theirs = { id: 'theirs', ingredient: 'milk', symptom: 'bloating', status: 'active' as const, created_at: '2026-03-01T00:00:00.000Z', plan: { ingredient: 'milk', symptom: 'bloating', start: '2026-03-01', avoidDays: 7, challengeDates: ['2026-03-08', '2026-03-10'], end: '2026-03-11' } };
    const extras = await previewImportExtras(db, { format: 'aurea.export', version: 2, logs: [], challenges: [theirs] });
    expect(extras.challengesStopped).toBe(1);
    await applyImport(db, { format: 'aurea.export', version: 2, logs: [], challenges: [theirs] });
    expect((await db.challenges.get('theirs'))!.status).toBe('cancelled');
    expect((await db.challenges.get('mine'))!.status).toBe('active');
  });

  it('a food-group re-challenge exports and imports with its foods (issue 14)', async () => {
    const a = freshDb();
    const plan = planChallenge(componentPlanOptions({ component: 'fructans', symptom: 'bloating', start: '2026-03-01', seen: ['onion'] }));
    await a.challenges.put({ id: 'g1', ingredient: plan.ingredient, symptom: 'bloating', status: 'completed', created_at: '2026-03-01T00:00:00.000Z', plan });
    const exported = JSON.parse(JSON.stringify(await buildExport(a))) as ExportFile;
    expect(exported.challenges![0]!.plan.component).toEqual(plan.component);
    const b = freshDb();
    await applyImport(b, exported);
    const back = (await b.challenges.get('g1'))!;
    expect(back.plan).toEqual(plan);
    expect(back.ingredient).toBe('foods high in fructans');
  });

  it('writes meals in the CSV', async () => {
    const db = freshDb();
    await saveLog(db, { ...day, meals: [{ id: 'b', name: 'Breakfast', time: '08:00', ingredients: ['oats', 'milk'] }, { id: 'l', name: 'Lunch', ingredients: ['soup'] }] });
    const [, row] = (await buildCsv(db)).trim().split('\r\n');
    expect(row).toBe('2026-03-05,oats; milk; soup,"Breakfast 08:00: oats, milk | Lunch: soup",2,,,,');
  });
});

describe('schema upgrade', () => {
  it('opens a filled version-1 database with the current schema, losing nothing', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    const oldLogs = Array.from({ length: 50 }, (_, i) => ({
      date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
      ingredients: ['milk', `food ${i}`],
      symptoms: { bloating: i % 6, headache: i % 3 },
      updated_at: '2026-01-31T00:00:00.000Z',
      ...(i % 2 ? { id: `old-${i}`, created_at: '2026-01-01T00:00:00.000Z', cycle_phase: 'luteal' } : {}),
    }));
    const unique = [...new Map(oldLogs.map((l) => [l.date, l])).values()];
    await v1.table('logs').bulkPut(unique);
    await v1.table('settings').put({ key: 'customSymptoms', value: [{ key: 'headache', label: 'Headache', polarity: 'higher_is_worse', builtin: false }] });
    await v1.table('settings').put({ key: 'theme', value: 'dark' });
    v1.close();

    const db = new AureaDb(name);
    dbs.push(db);
    const logs = await allLogs(db);
    expect(logs).toHaveLength(unique.length);
    for (const old of unique) {
      const now = logs.find((l) => l.date === old.date)!;
      expect(now.ingredients).toEqual(old.ingredients);
      expect(now.symptoms).toEqual(old.symptoms);
      expect(now.id).toBeTruthy();
      if ('id' in old) expect(now.id).toBe(old.id);
      expect(now.cycle_phase ?? null).toBe('cycle_phase' in old ? old.cycle_phase : null);
      expect(now.created_at).toBeTruthy();
    }
    expect((await symptomDefinitions(db)).map((s) => s.key)).toContain('headache');
    expect(await db.settings.get('customSymptoms')).toBeUndefined();
    expect((await db.settings.get('theme'))?.value).toBe('dark');
    // Version 4: each day's foods become one meal without a name; the day's foods are unchanged.
    for (const old of unique) {
      const now = logs.find((l) => l.date === old.date)!;
      expect(now.meals).toEqual([{ id: 'day', name: '', time: null, ingredients: old.ingredients }]);
    }
  });
});
