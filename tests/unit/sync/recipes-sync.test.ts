import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AureaDb } from '../../../app/db/db';
import { deleteRecipe, listRecipes, saveLog, saveRecipe } from '../../../app/db/repo';
import { createSyncAccount, signInToSync } from '../../../app/sync/account';
import { installSyncHooks } from '../../../app/sync/hooks';
import { SyncRuntime } from '../../../app/sync/runtime';
import { readSyncSnapshot } from '../../../app/sync/status';
import { changeOfIntent } from '../../../app/sync/store';
import { BASE_URL, startTestApp, type TestApp } from '../../server/helpers/sync-app';

/**
 * Personal recipes follow the person (issue 14): they sync as the settings group "recipes", one field per
 * recipe, through the real server app, between two Dexie devices; no server change.
 */

beforeAll(() => installSyncHooks());

let n = 0;
const dbs: AureaDb[] = [];
let app: TestApp | null = null;
afterEach(async () => {
  app?.close();
  app = null;
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function device(app: TestApp) {
  const db = new AureaDb(`recipes-sync-${++n}-${Math.random()}`);
  dbs.push(db);
  const runtime = new SyncRuntime(db, { fetch: app.fetch });
  const sync = async () => {
    const outcome = await runtime.sync({ wait: true });
    if (outcome.kind !== 'synced') throw new Error(`sync did not run: ${JSON.stringify(outcome)}`);
    return outcome.report;
  };
  return { db, env: { fetch: app.fetch }, sync };
}

const EMAIL = 'robin@example.org';
const PASSPHRASE = 'quiet harbour lantern seven';
const content = (rs: Awaited<ReturnType<typeof listRecipes>>) => rs.map(({ name, ingredients }) => ({ name, ingredients }));

describe('recipes on two devices through the real server', () => {
  it('a recipe made before sync and one made on each device appear on both; edits and deletes follow', async () => {
    app = startTestApp();
    const a = await device(app);
    await saveRecipe(a.db, { name: 'my lasagna', ingredients: [{ name: 'gluten free pasta', grams: 120 }, { name: 'ground turkey', grams: 100 }] });
    await saveLog(a.db, { date: '2026-06-01', ingredients: ['my lasagna'], composites: [{ name: 'my lasagna', kind: 'recipe', ingredients: ['gluten free pasta', 'ground turkey'] }], symptoms: { bloating: 1 } });
    await createSyncAccount(a.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, a.env);
    expect((await readSyncSnapshot(a.db)).pending).toBe(2); // the day and the recipes record
    await a.sync();

    const b = await device(app);
    await signInToSync(b.db, { serverUrl: BASE_URL, email: EMAIL, passphrase: PASSPHRASE }, b.env);
    await b.sync();
    expect(content(await listRecipes(b.db))).toEqual(content(await listRecipes(a.db)));
    expect((await b.db.logs.get('2026-06-01'))?.composites).toEqual([{ name: 'my lasagna', kind: 'recipe', ingredients: ['gluten free pasta', 'ground turkey'] }]);

    // Each device makes one while apart: both survive the merge (one field per recipe).
    await saveRecipe(a.db, { name: 'green smoothie', ingredients: [{ name: 'kale' }, { name: 'banana', grams: 100 }] });
    const soup = await saveRecipe(b.db, { name: 'my soup', ingredients: [{ name: 'leek' }, { name: 'potato' }] });
    await a.sync();
    await b.sync();
    await a.sync();
    expect((await listRecipes(a.db)).map((r) => r.name)).toEqual(['green smoothie', 'my lasagna', 'my soup']);
    expect(content(await listRecipes(b.db))).toEqual(content(await listRecipes(a.db)));

    // An edit on A and a delete on B both arrive.
    const lasagna = (await listRecipes(a.db)).find((r) => r.name === 'my lasagna')!;
    await saveRecipe(a.db, { name: 'my lasagna', ingredients: [{ name: 'gluten free pasta', grams: 150 }] }, lasagna.id);
    await deleteRecipe(b.db, soup.id);
    await a.sync();
    await b.sync();
    await a.sync();
    for (const d of [a, b]) {
      const rs = await listRecipes(d.db);
      expect(rs.map((r) => r.name)).toEqual(['green smoothie', 'my lasagna']);
      expect(rs[1]!.ingredients).toEqual([{ name: 'gluten free pasta', grams: 150 }]);
    }
    expect(await b.sync()).toMatchObject({ pushed: 0, rejected: [] });
  });

  it('queues a recipe change as a field of settings:recipes, nothing for a no-op', () => {
    const r = { id: 'r1', name: 'my soup', ingredients: [{ name: 'leek' }], created_at: 'a', updated_at: 'b' };
    expect(changeOfIntent({ kind: 'recipe', at: 5, id: 'r1', before: null, after: r })).toEqual({
      name: 'settings:recipes',
      at: 5,
      op: 'patch',
      fields: { r1: { name: 'my soup', ingredients: [{ name: 'leek' }], created_at: 'a', updated_at: 'b' } },
    });
    expect(changeOfIntent({ kind: 'recipe', at: 6, id: 'r1', before: r, after: null })).toEqual({ name: 'settings:recipes', at: 6, op: 'patch', fields: { r1: null } });
    expect(changeOfIntent({ kind: 'recipe', at: 7, id: 'r1', before: r, after: r })).toBeNull();
    expect(changeOfIntent({ kind: 'recipe', at: 7, id: 'r1', before: null, after: null })).toBeNull();
  });
});
