import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { normaliseIngredient } from '../../../shared/ingredients/normalise';
import type { Recipe } from '../../../shared/schema';
import { appDb } from '../../db/db';
import { deleteRecipe, InputError, listRecipes, saveRecipe, StorageFullError } from '../../db/repo';
import type { FoodKnowledge } from '../state/foods';
import { toast } from '../state/toasts';
import { ConfirmDialog } from './Dialog';

interface Row {
  key: number;
  name: string;
  grams: string;
}

let nextKey = 1;
const row = (name = '', grams = ''): Row => ({ key: nextKey++, name, grams });

/**
 * "My recipes" (issue 14): the person's own version of a dish, defined once and logged by name on Today,
 * where its ingredients count in the analysis like a bundled dish's. Grams are optional. Phone first: one
 * ingredient per line, name and grams side by side.
 */
export function RecipesSection({ knowledge }: { knowledge: FoodKnowledge | null }) {
  const db = appDb();
  const id = useId();
  const recipes = useLiveQuery(() => listRecipes(db), []) ?? [];
  const [editing, setEditing] = useState<{ id: string | null; name: string; rows: Row[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Recipe | null>(null);

  const start = (r: Recipe | null) => {
    setError(null);
    setEditing(r ? { id: r.id, name: r.name, rows: [...r.ingredients.map((p) => row(p.name, p.grams ? String(p.grams) : '')), row()] } : { id: null, name: '', rows: [row(), row(), row()] });
  };
  const setRow = (key: number, patch: Partial<Row>) => setEditing((e) => (e ? { ...e, rows: e.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) } : e));

  // A recipe named like a bundled dish can start from the dish's usual ingredients.
  const dishName = editing ? normaliseIngredient(editing.name) : '';
  const dish = dishName && knowledge ? knowledge.table.entries[knowledge.table.index.get(dishName) ?? -1] : undefined;
  const canFill = !!dish?.made_of && editing !== null && editing.rows.every((r) => !r.name.trim());

  const onSave = async () => {
    if (!editing) return;
    try {
      const saved = await saveRecipe(db, { name: editing.name, ingredients: editing.rows.map((r) => ({ name: r.name, grams: r.grams })) }, editing.id);
      toast(`Saved your recipe ${saved.name}.`);
      setEditing(null);
      setError(null);
    } catch (e) {
      setError(e instanceof InputError || e instanceof StorageFullError ? e.message : `Could not save: ${(e as Error).message}. Nothing was changed.`);
    }
  };

  return (
    <section className="card recipes" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>My recipes</h2>
      <p className="hint">Your own version of a dish (“my lasagna”). Log it by name on Today: its ingredients count in your findings.</p>
      {recipes.length > 0 && (
        <ul className="recipe-list">
          {recipes.map((r) => (
            <li key={r.id} className="recipe-item">
              <div className="recipe-text">
                <strong>{r.name}</strong> <span className="kind-tag">my recipe</span>
                <p className="small muted">Made of: {r.ingredients.map((p) => (p.grams ? `${p.name} ${p.grams} g` : p.name)).join(', ')}</p>
              </div>
              <div className="row recipe-actions">
                <button type="button" className="small" onClick={() => start(r)} aria-label={`Edit ${r.name}`}>
                  Edit
                </button>
                <button type="button" className="small ghost" onClick={() => setDeleting(r)} aria-label={`Delete ${r.name}`}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {!editing && (
        <button type="button" onClick={() => start(null)}>
          + New recipe
        </button>
      )}
      {editing && (
        <form
          className="recipe-form stack"
          aria-label={editing.id ? `Edit ${editing.name}` : 'New recipe'}
          onSubmit={(e) => {
            e.preventDefault();
            void onSave();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-name`}>Recipe name</label>
            <input id={`${id}-name`} type="text" value={editing.name} maxLength={80} placeholder="e.g. my lasagna" autoCapitalize="none" onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
          </div>
          {canFill && dish && (
            <button type="button" className="small" onClick={() => setEditing({ ...editing, rows: [...dish.made_of!.map((p) => row(p.name, String(p.grams))), row()] })}>
              Start from the usual {dish.name}
            </button>
          )}
          <fieldset className="recipe-rows">
            <legend>Ingredients</legend>
            <p className="hint">Grams are optional.</p>
            {editing.rows.map((r, i) => (
              <div key={r.key} className="recipe-row">
                <label htmlFor={`${id}-i${r.key}`} className="visually-hidden">
                  Ingredient {i + 1}
                </label>
                <input id={`${id}-i${r.key}`} type="text" value={r.name} placeholder="ingredient" autoCapitalize="none" onChange={(e) => setRow(r.key, { name: e.target.value })} />
                <label htmlFor={`${id}-g${r.key}`} className="visually-hidden">
                  Grams of ingredient {i + 1}
                </label>
                <input id={`${id}-g${r.key}`} className="grams" type="text" inputMode="decimal" value={r.grams} placeholder="g" onChange={(e) => setRow(r.key, { grams: e.target.value })} />
                <button type="button" className="ghost remove-row" aria-label={`Remove ingredient ${i + 1}`} onClick={() => setEditing({ ...editing, rows: editing.rows.filter((x) => x.key !== r.key) })}>
                  ×
                </button>
              </div>
            ))}
            <button type="button" className="small ghost" onClick={() => setEditing({ ...editing, rows: [...editing.rows, row()] })}>
              + Add ingredient
            </button>
          </fieldset>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button type="submit" className="primary">
              Save recipe
            </button>
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setEditing(null);
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'this recipe'}?`}
        confirmLabel="Delete recipe"
        danger
        body={<p>Days you already logged it on keep what it was made of.</p>}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const r = deleting;
          setDeleting(null);
          if (r) void deleteRecipe(db, r.id).then(() => toast(`Deleted your recipe ${r.name}.`));
        }}
      />
    </section>
  );
}
