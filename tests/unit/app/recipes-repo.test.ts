import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AureaDb } from '../../../app/db/db';
import { applyImport, buildExport, deleteRecipe, getLog, InputError, listRecipes, saveLog, saveRecipe } from '../../../app/db/repo';
import { validateExport } from '../../../shared/schema';

let n = 0;
const dbs: Dexie[] = [];
function freshDb(): AureaDb {
  const db = new AureaDb(`recipes-${++n}-${Math.random()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('personal recipes on the device', () => {
  it('saves, edits and deletes a recipe; one recipe per name; bad input changes nothing', async () => {
    const db = freshDb();
    const r = await saveRecipe(db, { name: 'My Lasagna', ingredients: [{ name: 'Pasta', grams: '120' }, { name: 'ricotta', grams: '' }] });
    expect(r).toMatchObject({ name: 'my lasagna', ingredients: [{ name: 'pasta', grams: 120 }, { name: 'ricotta' }] });
    await expect(saveRecipe(db, { name: 'my lasagna', ingredients: [{ name: 'egg' }] })).rejects.toThrow(/already have a recipe called my lasagna/);
    await expect(saveRecipe(db, { name: 'soup', ingredients: [] })).rejects.toBeInstanceOf(InputError);
    const edited = await saveRecipe(db, { name: 'my lasagna', ingredients: [{ name: 'gluten free pasta', grams: 120 }] }, r.id);
    expect(edited.id).toBe(r.id);
    expect(edited.created_at).toBe(r.created_at);
    expect(await listRecipes(db)).toEqual([edited]);
    await deleteRecipe(db, r.id);
    expect(await listRecipes(db)).toEqual([]);
  });

  it('exports recipes and the days that use them, and imports both into another device', async () => {
    const a = freshDb();
    const r = await saveRecipe(a, { name: 'my lasagna', ingredients: [{ name: 'pasta', grams: 120 }, { name: 'ground beef', grams: 90 }] });
    await saveLog(a, {
      date: '2026-06-01',
      ingredients: ['my lasagna', 'latte'],
      composites: [
        { name: 'my lasagna', kind: 'recipe', ingredients: ['pasta', 'ground beef'] },
        { name: 'latte', kind: 'dish', ingredients: ['espresso', 'milk'] },
      ],
      symptoms: { bloating: 2 },
    });
    const file = JSON.parse(JSON.stringify(await buildExport(a)));
    expect(file.recipes).toEqual([r]);
    expect(file.logs[0].composites).toHaveLength(2);
    const checked = validateExport(file);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;

    const b = freshDb();
    await saveRecipe(b, { name: 'my lasagna', ingredients: [{ name: 'spinach' }] });
    const mineId = (await listRecipes(b))[0]!.id;
    await applyImport(b, checked.file);
    const after = await listRecipes(b);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: mineId, name: 'my lasagna', ingredients: r.ingredients });
    expect((await getLog(b, '2026-06-01'))?.composites).toEqual(file.logs[0].composites);
  });

  it('opens a version-4 database at version 5 with its days and saved meals intact and an empty recipes table', async () => {
    const name = `v4-${Math.random()}`;
    const old = new Dexie(name);
    old.version(4).stores({ logs: '&date, updated_at, *ingredients', settings: '&key', meals: '&id, name' });
    await old.open();
    await old.table('logs').put({ id: 'x', date: '2026-06-02', ingredients: ['rye bread'], meals: [], symptoms: {}, cycle_phase: null, created_at: 'a', updated_at: 'b' });
    await old.table('meals').put({ id: 'm', name: 'usual', ingredients: ['oats'], created_at: 'a', used_count: 2 });
    old.close();
    const db = new AureaDb(name);
    dbs.push(db);
    expect((await getLog(db, '2026-06-02'))?.ingredients).toEqual(['rye bread']);
    expect(await db.meals.get('m')).toMatchObject({ used_count: 2 });
    expect(await db.recipes.count()).toBe(0);
  });
});
