import type * as z from 'zod/mini';
import { describeAdditive, type AdditiveInfo } from '../../../../shared/ingredients/additives';
import type { FoodEntry } from '../../../../shared/ingredients/food-table';
import { normaliseIngredient, resolveIngredient } from '../../../../shared/ingredients/normalise';
import { parseOffIngredients, readOffIngredientNodes, type ParsedOffIngredients, type Resolve } from '../../../../shared/ingredients/off-ingredients';
import type { FoodKnowledge } from '../foods';
import { isFlag, type additiveSchema, type ServerIngredient, type ServerProduct, type ServerSearchHit } from './schemas';
import type { FoodView, ProductLabel } from './types';

/** The cards: a server answer, a search pick or the offline table's entry as a FoodView. */

export const productKey = (barcode: string) => `product:${barcode}`;

/** The food table's name for an ingredient name, when the table is loaded and knows it. */
export function tableResolver(knowledge: FoodKnowledge | null | undefined): Resolve | undefined {
  return knowledge ? (name) => resolveIngredient(name, knowledge.table)?.name : undefined;
}

/** A label's ingredients as the diary's names (shared/ingredients/off-ingredients.ts). */
export function parseLabel(label: Pick<ProductLabel, 'ingredients' | 'ingredients_text' | 'ingredients_lang'>, resolve?: Resolve): ParsedOffIngredients {
  return parseOffIngredients({ ingredients: label.ingredients, ingredients_text: label.ingredients_text ?? null, lang: label.ingredients_lang ?? null }, resolve);
}

/** The additives of an ingredient with names and classes (the taxonomy is in the Foods chunk, with the label parser). */
async function describeAdditives(tags: readonly string[] | undefined): Promise<AdditiveInfo[]> {
  if (!tags || tags.length === 0) return [];
  return tags.map((t) => describeAdditive(t)).filter((x): x is AdditiveInfo => x !== null);
}

export function asAdditives(list: z.infer<typeof additiveSchema>[]): AdditiveInfo[] {
  return list.map((a) => ({ ...a, flag: a.flag !== null && isFlag(a.flag) ? a.flag : null }));
}

/** The card for a food the server answered for by name. */
export async function viewFromIngredient(r: ServerIngredient): Promise<FoodView> {
  return {
    key: normaliseIngredient(r.name) || r.name,
    name: r.ingredient.name || r.name,
    ingredient: r.ingredient,
    score: r.score,
    origin: 'server',
    fetched_at: r.fetched_at,
    stale: r.stale,
    warnings: r.warnings,
    provenance: r.provenance ?? {},
    additives: await describeAdditives(r.ingredient.additives),
    product: null,
    table: null,
  };
}

/** The card for a packaged product. */
export function viewFromProduct(r: ServerProduct, resolve?: Resolve): FoodView {
  const { additives, ingredients: rawNodes, ...rest } = r.product;
  const label = { ...rest, ...(rawNodes?.length ? { ingredients: readOffIngredientNodes(rawNodes) } : {}) };
  return {
    key: productKey(r.barcode),
    name: r.product.name,
    ingredient: r.ingredient,
    score: r.score,
    origin: 'server',
    fetched_at: r.fetched_at,
    stale: r.stale,
    warnings: r.warnings,
    provenance: r.provenance ?? {},
    additives: asAdditives(additives),
    product: { ...label, barcode: r.barcode, parsed: parseLabel(label, resolve) },
    table: null,
  };
}

/** A label read back from the device (a row of an older version has no `parsed`: it is worked out now). */
export function labelFromStored(p: Omit<ProductLabel, 'parsed' | 'ingredients'> & { ingredients?: unknown[]; parsed?: ParsedOffIngredients }, resolve?: Resolve): ProductLabel {
  const { ingredients: rawNodes, parsed, ...rest } = p;
  const label = { ...rest, ...(rawNodes?.length ? { ingredients: readOffIngredientNodes(rawNodes) } : {}) };
  return { ...label, parsed: parsed ?? parseLabel(label, resolve) };
}

/** The card for a generic food picked from the server's search results. */
export async function viewFromSearchHit(hit: ServerSearchHit, fetchedAt: string): Promise<FoodView> {
  return {
    key: normaliseIngredient(hit.suggested_name) || hit.id,
    name: hit.suggested_name,
    ingredient: hit.ingredient,
    score: hit.score,
    origin: 'server',
    fetched_at: fetchedAt,
    stale: false,
    warnings: [],
    provenance: {},
    additives: await describeAdditives(hit.ingredient.additives),
    product: null,
    table: null,
  };
}

/** The offline table's card for a name, or null when the table does not know it. */
export function bundledFood(knowledge: FoodKnowledge, name: string): FoodView | null {
  const data = knowledge.lookup(knowledge.table, name);
  const score = knowledge.scoreOf(name);
  if (!data || !score) return null;
  const first = knowledge.search(knowledge.table, name, 1)[0];
  const entry: FoodEntry | undefined = first && first.match === 'exact' ? first.entry : undefined;
  const refs = knowledge.table.sources;
  const references: string[] = [];
  if (entry?.ndb || entry?.made_of) references.push(refs.sr28);
  if (entry?.made_of && refs.dishes) references.push(refs.dishes);
  if (entry?.gi_source) {
    const gi = refs.gi[entry.gi_source.table === 'atkinson2008' ? 'A' : 'M'];
    if (gi) references.push(gi);
  }
  if (data.sources.some((s) => s.name === 'Aurea knowledge table')) references.push(refs.knowledge);
  return {
    key: data.name,
    name: data.name,
    ingredient: data,
    score,
    origin: 'bundled',
    fetched_at: null,
    stale: false,
    warnings: [],
    provenance: {},
    additives: [],
    product: null,
    table: { curated: entry ? { ...entry.curated } : {}, note: entry?.note ?? null, references, made_of: entry?.made_of ?? null },
  };
}

