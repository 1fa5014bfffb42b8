// zod/mini: the app loads this on the Today page, where classic zod's size would cost load time.
import * as z from 'zod/mini';
import { knowledgeFor } from './knowledge';
import { cleanName, normaliseIngredient, resolveIngredient } from './normalise';
import type { IngredientData, IngredientFlag, NutrientsPer100g, SourceRef } from './types';

/**
 * The bundled offline food table (DESIGN §3, resolution step 3): everyday ingredients under the
 * names people type, each mapped to a USDA SR28 row (nutrients per 100 g) and, where a glycemic
 * index table measured the food, its GI. Built by `npm run build:foods` into foods.data.json,
 * a compact columnar file that the app loads lazily (its own chunk) with loadFoodTable().
 * Flags come from the curated knowledge table, joined when the table is loaded.
 */

export const FOOD_CATEGORIES = [
  'dairy', 'egg', 'meat', 'poultry', 'fish', 'seafood', 'legume', 'soy', 'nut', 'seed', 'grain', 'pasta',
  'bread', 'cereal', 'fruit', 'vegetable', 'herb', 'spice', 'oil', 'sauce', 'drink', 'alcohol', 'prepared',
  'sweetener', 'sweet', 'snack', 'additive',
] as const;
export type FoodCategory = (typeof FOOD_CATEGORIES)[number];

/** Nutrient columns of the file, in NutrientsPer100g's names. */
export const NUTRIENT_COLUMNS = [
  'energy_kcal', 'protein_g', 'fat_g', 'carbohydrate_g', 'fiber_g', 'sugars_g', 'added_sugars_g',
  'saturated_fat_g', 'trans_fat_g', 'vitamin_c_mg', 'vitamin_e_mg', 'caffeine_mg', 'sodium_mg',
] as const satisfies ReadonlyArray<keyof NutrientsPer100g>;
export type NutrientColumn = (typeof NUTRIENT_COLUMNS)[number];

export type GiTable = 'atkinson2008' | 'mygi';

export interface GiSource {
  table: GiTable;
  /** Row id in that table: the row number for Atkinson 2008, the record id for MyGi. */
  row: string;
  /** The food as the GI table names it. */
  food: string;
}

export interface FoodEntry {
  /** Canonical, normalised name. */
  name: string;
  /** Other normalised names that resolve to this entry (normalisation aliases included). */
  aliases: string[];
  category: FoodCategory;
  /** USDA SR28 NDB number, or null for knowledge-only entries (additives). */
  ndb: string | null;
  /** SR28 short description of the chosen row. */
  sr28: string | null;
  nutrients: NutrientsPer100g;
  /** Total polyunsaturated fat (SR28 FA_Poly), g/100 g: an upper bound on omega-3 + omega-6. */
  pufa_g?: number;
  glycemic_index: number | null;
  gi_source: GiSource | null;
  /** Nutrient values that were curated or derived rather than measured, with how. */
  curated: Partial<Record<NutrientColumn, string>>;
  note: string | null;
  flags: IngredientFlag[];
  flag_reasons: Partial<Record<IngredientFlag, string>>;
  well_studied: boolean;
  /** A dish: what one serving is made of (food-table names, grams); null for a single food. */
  made_of: DishPart[] | null;
}

export interface DishPart {
  name: string;
  grams: number;
}

export interface FoodTable {
  version: number;
  entries: FoodEntry[];
  /** Normalised name or alias → index into entries. */
  index: Map<string, number>;
  sources: FoodsFile['sources'];
}

const nullableNumber = z.nullable(z.number());
const nullableString = z.nullable(z.string());
const column = <T extends z.ZodMiniType>(t: T) => z.array(t);

/** The file written by `npm run build:foods`. */
export const foodsFileSchema = z.object({
  format: z.literal('aurea.foods'),
  version: z.literal(1),
  sources: z.object({
    sr28: z.string(),
    gi: z.record(z.string(), z.string()),
    knowledge: z.string(),
    dishes: z.optional(z.string()),
  }),
  categories: z.array(z.enum(FOOD_CATEGORIES)),
  /** Texts explaining curated values, referenced by index from the `curated` column. */
  curation: z.array(z.string()),
  columns: z.object({
    name: column(z.string()),
    /** "|"-joined normalised aliases. */
    aliases: column(z.string()),
    category: column(z.number().check(z.int(), z.nonnegative())),
    ndb: column(nullableString),
    sr28: column(nullableString),
    nutrients: z.object(Object.fromEntries(NUTRIENT_COLUMNS.map((c) => [c, column(nullableNumber)])) as Record<NutrientColumn, z.ZodMiniArray<typeof nullableNumber>>),
    pufa_g: column(nullableNumber),
    gi: column(nullableNumber),
    /** "A:<row>" (Atkinson 2008 Table 1) or "M:<id>" (MyGi), with the food name in gi_food. */
    gi_ref: column(nullableString),
    gi_food: column(nullableString),
    /** "field=curationIndex;field=curationIndex". */
    curated: column(nullableString),
    note: column(nullableString),
    /** Dishes: "name:grams|name:grams" per serving; null for single foods. */
    made_of: z.optional(column(nullableString)),
  }),
});
export type FoodsFile = z.infer<typeof foodsFileSchema>;

const GI_TABLES: Record<string, GiTable> = { A: 'atkinson2008', M: 'mygi' };

/** Turns the columnar file into entries and a name index, joining the curated flags. */
export function decodeFoodTable(raw: unknown): FoodTable {
  const file = foodsFileSchema.parse(raw);
  const c = file.columns;
  const n = c.name.length;
  const lengths = [c.aliases, c.category, c.ndb, c.sr28, c.pufa_g, c.gi, c.gi_ref, c.gi_food, c.curated, c.note, ...(c.made_of ? [c.made_of] : []), ...Object.values(c.nutrients)].map((a) => a.length);
  if (lengths.some((l) => l !== n)) throw new Error('foods.data.json: columns differ in length');

  const entries: FoodEntry[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const name = c.name[i]!;
    const nutrients: NutrientsPer100g = {};
    for (const col of NUTRIENT_COLUMNS) {
      const v = c.nutrients[col][i];
      if (v !== null && v !== undefined) nutrients[col] = v;
    }
    const curated: Partial<Record<NutrientColumn, string>> = {};
    for (const pair of (c.curated[i] ?? '').split(';').filter(Boolean)) {
      const [field, at] = pair.split('=');
      const text = file.curation[Number(at)];
      if (field && text) curated[field as NutrientColumn] = text;
    }
    const ref = c.gi_ref[i] ?? null;
    const giTable = ref ? GI_TABLES[ref.slice(0, 1)] : undefined;
    const madeOf = decodeMadeOf(c.made_of?.[i] ?? null);
    const own = knowledgeFor(name);
    // A dish SR28 measured keeps the knowledge table's word; a dish computed from its parts takes theirs.
    const knowledge = madeOf && !c.ndb[i] ? dishKnowledge(madeOf, own.well_studied) : own;
    const pufa = c.pufa_g[i];
    const entry: FoodEntry = {
      name,
      aliases: c.aliases[i] ? c.aliases[i]!.split('|') : [],
      category: file.categories[c.category[i]!] ?? 'prepared',
      ndb: c.ndb[i] ?? null,
      sr28: c.sr28[i] ?? null,
      nutrients,
      ...(pufa !== null && pufa !== undefined ? { pufa_g: pufa } : {}),
      glycemic_index: c.gi[i] ?? null,
      gi_source: ref && giTable ? { table: giTable, row: ref.slice(2), food: c.gi_food[i] ?? '' } : null,
      curated,
      note: c.note[i] ?? null,
      flags: knowledge.flags,
      flag_reasons: knowledge.flag_reasons,
      well_studied: knowledge.well_studied,
      made_of: madeOf,
    };
    entries.push(entry);
    index.set(name, i);
  }
  // Aliases never shadow a canonical name.
  entries.forEach((e, i) => {
    for (const a of e.aliases) if (!index.has(a)) index.set(a, i);
  });
  return { version: file.version, entries, index, sources: file.sources };
}

function decodeMadeOf(text: string | null): DishPart[] | null {
  if (!text) return null;
  return text.split('|').map((p) => {
    const at = p.lastIndexOf(':');
    return { name: p.slice(0, at), grams: Number(p.slice(at + 1)) };
  });
}

/** Parts making up at least this share of a dish's weight pass their flags on to it. */
export const DISH_FLAG_SHARE = 0.1;

/**
 * A dish's flags come from its parts (issue 14: dishes inherit from their ingredients): a flag counts
 * when the parts carrying it make up at least a tenth of the serving, so a pinch of garlic does not make
 * a lasagna "prebiotic" while the cheese in a pizza still makes it "fermented".
 */
export function dishKnowledge(parts: readonly DishPart[], wellStudied = false): Pick<FoodEntry, 'flags' | 'flag_reasons' | 'well_studied'> {
  const total = parts.reduce((s, p) => s + p.grams, 0);
  const carriers = new Map<IngredientFlag, { grams: number; names: string[]; reason: string }>();
  for (const p of parts) {
    const k = knowledgeFor(p.name);
    for (const f of k.flags) {
      const c = carriers.get(f) ?? { grams: 0, names: [], reason: k.flag_reasons[f] ?? f };
      c.grams += p.grams;
      c.names.push(p.name);
      carriers.set(f, c);
    }
  }
  const flags: IngredientFlag[] = [];
  const flag_reasons: Partial<Record<IngredientFlag, string>> = {};
  for (const [f, c] of carriers) {
    if (total <= 0 || c.grams / total < DISH_FLAG_SHARE) continue;
    flags.push(f);
    flag_reasons[f] = `${c.names.join(', ')}: ${c.reason}`;
  }
  return { flags, flag_reasons, well_studied: wellStudied };
}

let loading: Promise<FoodTable> | undefined;

/** Loads the bundled table once (a separate chunk, fetched on first use). */
export function loadFoodTable(): Promise<FoodTable> {
  loading ??= import('./foods.data.json').then((m) => decodeFoodTable((m as { default: unknown }).default ?? m));
  return loading;
}

/** Scorer input for a food-table entry. */
export function toIngredientData(entry: FoodEntry): IngredientData {
  const sources: SourceRef[] = [];
  if (entry.ndb) sources.push({ name: 'USDA SR28', id: entry.ndb, ...(entry.sr28 ? { detail: entry.sr28 } : {}) });
  else if (entry.made_of) sources.push({ name: 'USDA SR28', detail: 'the rows of its ingredients, weighted by grams' });
  if (entry.gi_source) {
    sources.push({
      name: 'Glycemic index table',
      id: `${entry.gi_source.table === 'atkinson2008' ? 'Atkinson 2008 Table 1' : 'MyGi'} row ${entry.gi_source.row}`,
      detail: entry.gi_source.food,
    });
  }
  if (entry.made_of) {
    sources.push({ name: 'Aurea knowledge table', detail: `dish table: made of ${entry.made_of.map((p) => `${p.name} ${p.grams} g`).join(', ')}` });
  } else if (entry.flags.length > 0 || Object.keys(entry.curated).length > 0 || !entry.ndb || entry.well_studied) {
    sources.push({ name: 'Aurea knowledge table' });
  }
  return {
    name: entry.name,
    nutrients: { ...entry.nutrients },
    glycemic_index: entry.glycemic_index,
    flags: [...entry.flags],
    flag_reasons: { ...entry.flag_reasons },
    category: entry.category,
    sources,
    well_studied: entry.well_studied,
  };
}

/** IngredientData for anything a person might type, or undefined when the table has no such food. */
export function lookup(table: FoodTable, name: string): IngredientData | undefined {
  const entry = resolveIngredient(name, table);
  return entry ? toIngredientData(entry) : undefined;
}

/** All canonical names, alphabetical. */
export function canonicalNames(table: FoodTable): string[] {
  return table.entries.map((e) => e.name).sort();
}

export type MatchKind = 'exact' | 'prefix' | 'word_prefix' | 'substring' | 'alias';

export interface FoodMatch {
  name: string;
  /** The alias that matched, when the match came through one. */
  via?: string;
  match: MatchKind;
  entry: FoodEntry;
}

const RANK: Record<MatchKind, number> = { exact: 0, prefix: 1, word_prefix: 2, substring: 3, alias: 4 };

function matchKind(text: string, q: string): Exclude<MatchKind, 'alias' | 'exact'> | null {
  if (text.startsWith(q)) return 'prefix';
  if (text.includes(` ${q}`)) return 'word_prefix';
  if (text.includes(q)) return 'substring';
  return null;
}

/**
 * Type-ahead search: canonical names that start with the query, then names with a word starting
 * with it, then names containing it, then entries reached through an alias (any position).
 * The food the whole query resolves to (what lookup() returns, e.g. "cola" → soda) comes first.
 * Within a tier, shorter names first, then alphabetical. The query is matched both as typed
 * (cleaned) and normalised, so "Tomatoes", "scallion" and "yoghurt" all find their food.
 */
export function searchFoods(table: FoodTable, query: string, limit = 10): FoodMatch[] {
  const queries = [...new Set([cleanName(query), normaliseIngredient(query)].filter(Boolean))];
  if (queries.length === 0 || limit <= 0) return [];
  const best = new Map<number, FoodMatch>();
  const exact = resolveIngredient(query, table);
  table.entries.forEach((entry, i) => {
    let found: FoodMatch | undefined = entry === exact ? { name: entry.name, match: 'exact', entry } : undefined;
    if (found && entry.name !== normaliseIngredient(query)) {
      const via = entry.aliases.find((a) => queries.includes(a));
      if (via) found.via = via;
    }
    for (const q of queries) {
      const kind = matchKind(entry.name, q);
      if (kind && (!found || RANK[kind] < RANK[found.match])) found = { name: entry.name, match: kind, entry };
    }
    if (!found) {
      for (const q of queries) {
        const alias = entry.aliases.find((a) => matchKind(a, q) !== null);
        if (alias) {
          found = { name: entry.name, via: alias, match: 'alias', entry };
          break;
        }
      }
    }
    if (found) best.set(i, found);
  });
  return [...best.values()]
    .sort((a, b) => RANK[a.match] - RANK[b.match] || a.name.length - b.name.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}

/** The ingredient names of a dish as the table knows it (by name or alias), or undefined for a single food. */
export function dishIngredientsOf(table: FoodTable, name: string): string[] | undefined {
  const entry = resolveIngredient(name, table);
  return entry?.made_of ? entry.made_of.map((p) => p.name) : undefined;
}
