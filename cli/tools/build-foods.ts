/**
 * `npm run build:foods`: builds shared/ingredients/foods.data.json, the bundled offline food table,
 * from the real USDA SR28 abbreviated table and the two glycemic-index tables in ../shared/data,
 * following shared/ingredients/catalogue.ts (which row stands for which food) and the curated
 * knowledge table (curated caffeine and trans-fat values). Writes facts only: names, numbers,
 * NDB numbers and short descriptions, GI values with their table and row.
 *
 * Usage: npm run build:foods [-- --data DIR] [--out FILE] [--check]
 *   --check  build in memory and compare with the committed file; exit 1 when it is stale.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CATALOGUE, type CatalogueEntry } from '../../shared/ingredients/catalogue';
import { FOOD_CATEGORIES, NUTRIENT_COLUMNS, decodeFoodTable, type FoodsFile, type NutrientColumn } from '../../shared/ingredients/food-table';
import { DISHES, MEASURED_DISHES } from '../../shared/ingredients/dishes';
import { ADDITIVES, CURATED_NUTRIENTS, KNOWLEDGE_SOURCES, knowledgeFor, knowledgeNames } from '../../shared/ingredients/knowledge';
import { aliasPairs, normaliseIngredient, resolveIngredient } from '../../shared/ingredients/normalise';
import { parseArgs } from '../lib/args';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

// ---------------------------------------------------------------------------------------------
// SR28 ABBREV: "^"-separated, text fields wrapped in "~", CRLF, Latin-1, empty field = missing.

/** Field positions in ABBREV.txt (SR28 documentation, Table 4). */
const F = {
  ndb: 0, desc: 1, energy_kcal: 3, protein_g: 4, fat_g: 5, carbohydrate_g: 7, fiber_g: 8, sugars_g: 9,
  sodium_mg: 15, vitamin_c_mg: 20, vitamin_e_mg: 40, saturated_fat_g: 44, pufa_g: 46,
} as const;
const SR28_FIELDS = 53;
const GMWT_DESC1 = 49;

export interface Sr28Row {
  ndb: string;
  desc: string;
  /** First household portion, e.g. "1 cup" (GmWt_Desc1); kept to check the text decoding. */
  portion: string | null;
  values: Partial<Record<Exclude<keyof typeof F, 'ndb' | 'desc'>, number>>;
}

export function parseAbbrev(bytes: Buffer): Map<string, Sr28Row> {
  const text = new TextDecoder('latin1').decode(bytes);
  const rows = new Map<string, Sr28Row>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields = line.split('^');
    if (fields.length !== SR28_FIELDS) throw new Error(`ABBREV: ${fields.length} fields in line starting ${line.slice(0, 20)}`);
    const text = (i: number) => fields[i]!.replace(/^~|~$/g, '');
    const num = (i: number): number | undefined => {
      const s = fields[i]!.trim();
      if (s === '') return undefined; // empty = missing, not zero
      const v = Number(s);
      if (!Number.isFinite(v)) throw new Error(`ABBREV: bad number "${s}" for ${text(0)}`);
      return v;
    };
    const row: Sr28Row = { ndb: text(F.ndb), desc: text(F.desc), portion: text(GMWT_DESC1) || null, values: {} };
    for (const [key, i] of Object.entries(F)) {
      if (key === 'ndb' || key === 'desc') continue;
      const v = num(i);
      if (v !== undefined) row.values[key as keyof Sr28Row['values']] = v;
    }
    rows.set(row.ndb, row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Glycemic index tables.

interface GiRow {
  ref: string;
  food: string;
  gi: number;
}

/** Minimal CSV line splitter for the Atkinson file (quoted fields may hold commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseAtkinson(csv: string): Map<string, GiRow> {
  const rows = new Map<string, GiRow>();
  const lines = csv.split(/\r?\n/).filter((l) => l.trim());
  const header = splitCsvLine(lines[0]!);
  const iFood = header.indexOf('Food');
  const iGi = header.indexOf('gi');
  for (const line of lines.slice(1)) {
    const f = splitCsvLine(line);
    const row = f[0]!.trim();
    const gi = Number(f[iGi]);
    if (!row || !Number.isFinite(gi)) throw new Error(`Atkinson table: bad line ${line}`);
    // The "*" and "†" are the article's footnote markers, not part of the name.
    rows.set(row, { ref: `A:${row}`, food: f[iFood]!.replace(/[*†]/g, '').trim(), gi });
  }
  return rows;
}

export function parseMyGi(json: unknown): Map<string, GiRow & { id: string }> {
  const rows = new Map<string, GiRow & { id: string }>();
  for (const r of json as Array<{ name: string; gi: string | number; id: string }>) {
    // Two records carry the bare number 100 instead of a string (Cup Cake, English Muffin): a
    // placeholder, not a measurement (their published GIs are far lower), so they are not used.
    if (typeof r.gi !== 'string') continue;
    const gi = Number(r.gi);
    if (!Number.isFinite(gi)) continue;
    rows.set(r.name, { ref: `M:${r.id}`, food: r.name, gi, id: r.id });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------

const CURATION_TEXT = {
  addedZeroWhole: 'Added sugar 0: unprocessed or unsweetened food, so its sugars are intrinsic (derived, not measured).',
  addedZeroNoSugar: 'Added sugar 0: SR28 measures no sugars at all (derived).',
  addedAllSugar: 'Added sugar = total sugars: a refined sugar product, or a sweet whose sugar is almost all added (derived; intrinsic sugar too small to change a score band).',
};

export interface BuildResult {
  file: FoodsFile;
  json: string;
  warnings: string[];
}

export function buildFoods(dataDir: string): BuildResult {
  const sr28 = parseAbbrev(readFileSync(join(dataDir, 'usda-sr-legacy/ABBREV.sr28.txt')));
  const atkinson = parseAtkinson(readFileSync(join(dataDir, 'glycemic-index/GI_Harvard_Atkinson2008_Table1.csv'), 'utf8'));
  const mygi = parseMyGi(JSON.parse(readFileSync(join(dataDir, 'glycemic-index/mygi-gi-data.json'), 'utf8')));
  const problems: string[] = [];
  const warnings: string[] = [];

  const curation: string[] = [];
  const curationIndex = (text: string) => {
    let i = curation.indexOf(text);
    if (i < 0) i = curation.push(text) - 1;
    return i;
  };

  // Every canonical name and alias must be what normalisation produces, or it could never be found.
  const owner = new Map<string, string>();
  const claim = (name: string, by: string) => {
    const prev = owner.get(name);
    if (prev && prev !== by) problems.push(`"${name}" is claimed by both "${prev}" and "${by}"`);
    owner.set(name, by);
  };
  for (const e of CATALOGUE) {
    if (normaliseIngredient(e.name) !== e.name) problems.push(`name "${e.name}" is not normalised (→ "${normaliseIngredient(e.name)}")`);
    claim(e.name, e.name);
  }
  for (const a of ADDITIVES) {
    if (normaliseIngredient(a.name) !== a.name) problems.push(`additive name "${a.name}" is not normalised (→ "${normaliseIngredient(a.name)}")`);
    claim(a.name, a.name);
  }

  type Draft = {
    entry: CatalogueEntry | { name: string; category: 'additive'; note: string; aliases: readonly string[] };
    aliases: Set<string>;
  };
  const drafts: Draft[] = [
    ...CATALOGUE.map((entry) => ({ entry, aliases: new Set<string>() })),
    ...ADDITIVES.map((a) => ({ entry: { name: a.name, category: 'additive' as const, note: a.note, aliases: a.aliases }, aliases: new Set<string>() })),
  ];
  const byName = new Map(drafts.map((d) => [d.entry.name, d]));

  for (const d of drafts) {
    for (const raw of d.entry.aliases) {
      const alias = normaliseIngredient(raw);
      if (!alias || alias === d.entry.name) continue;
      if (byName.has(alias)) {
        warnings.push(`alias "${raw}" of "${d.entry.name}" is a food of its own; dropped`);
        continue;
      }
      claim(alias, d.entry.name);
      d.aliases.add(alias);
    }
  }
  // Normalisation aliases ("scallion" → "green onion") become search aliases of their target.
  for (const [alias, target] of aliasPairs()) {
    const d = byName.get(target);
    if (!d) {
      const w = `normalisation alias target "${target}" has no table entry`;
      if (!warnings.includes(w)) warnings.push(w);
      continue;
    }
    claim(alias, target);
    d.aliases.add(alias);
  }

  const cols: FoodsFile['columns'] = {
    name: [], aliases: [], category: [], ndb: [], sr28: [],
    nutrients: Object.fromEntries(NUTRIENT_COLUMNS.map((c) => [c, []])) as unknown as FoodsFile['columns']['nutrients'],
    pufa_g: [], gi: [], gi_ref: [], gi_food: [], curated: [], note: [], made_of: [],
  };
  const madeOf = cols.made_of!;

  for (const d of drafts) {
    const e = d.entry;
    const curated: string[] = [];
    const nutrients: Partial<Record<NutrientColumn, number>> = {};
    let ndb: string | null = null;
    let desc: string | null = null;
    let pufa: number | null = null;
    let gi: GiRow | undefined;

    if ('ndb' in e) {
      const row = sr28.get(e.ndb);
      if (!row) {
        problems.push(`${e.name}: NDB ${e.ndb} is not in SR28`);
        continue;
      }
      ndb = row.ndb;
      desc = row.desc;
      const v = row.values;
      for (const c of ['energy_kcal', 'protein_g', 'fat_g', 'carbohydrate_g', 'fiber_g', 'sugars_g', 'saturated_fat_g', 'vitamin_c_mg', 'vitamin_e_mg', 'sodium_mg'] as const) {
        if (v[c] !== undefined) nutrients[c] = v[c];
      }
      pufa = v.pufa_g ?? null;
      // SR28 has no added-sugar column: derive it only where that is honest.
      if (nutrients.sugars_g === 0) {
        nutrients.added_sugars_g = 0;
        curated.push(`added_sugars_g=${curationIndex(CURATION_TEXT.addedZeroNoSugar)}`);
      } else if (e.kind === 'whole') {
        nutrients.added_sugars_g = 0;
        curated.push(`added_sugars_g=${curationIndex(CURATION_TEXT.addedZeroWhole)}`);
      } else if (e.kind === 'sugar' && nutrients.sugars_g !== undefined) {
        nutrients.added_sugars_g = nutrients.sugars_g;
        curated.push(`added_sugars_g=${curationIndex(CURATION_TEXT.addedAllSugar)}`);
      }
      if (e.gi) {
        const [table, key] = [e.gi.slice(0, 1), e.gi.slice(2)];
        gi = table === 'A' ? atkinson.get(key) : table === 'M' ? mygi.get(key) : undefined;
        if (!gi) problems.push(`${e.name}: GI reference ${e.gi} not found`);
      }
    }
    for (const [field, value] of Object.entries(CURATED_NUTRIENTS[e.name] ?? {})) {
      nutrients[field as NutrientColumn] = value.value;
      curated.push(`${field}=${curationIndex(`${value.how} (curated). Source: ${KNOWLEDGE_SOURCES[value.source]}`)}`);
    }

    cols.name.push(e.name);
    cols.aliases.push([...d.aliases].sort().join('|'));
    cols.category.push(FOOD_CATEGORIES.indexOf(e.category));
    cols.ndb.push(ndb);
    cols.sr28.push(desc);
    for (const c of NUTRIENT_COLUMNS) cols.nutrients[c].push(nutrients[c] ?? null);
    cols.pufa_g.push(pufa);
    cols.gi.push(gi?.gi ?? null);
    cols.gi_ref.push(gi?.ref ?? null);
    cols.gi_food.push(gi?.food ?? null);
    cols.curated.push(curated.length ? curated.join(';') : null);
    cols.note.push(e.note ?? null);
    madeOf.push(null);
  }

  addDishes(cols, claim, problems, curationIndex);

  // The knowledge table must speak of foods the table has (a typo would silently drop a flag).
  const names = new Set(cols.name);
  for (const k of Object.keys(MEASURED_DISHES)) if (!names.has(k)) problems.push(`measured dish "${k}" is not a food-table name`);
  for (const k of knowledgeNames()) if (!names.has(k)) problems.push(`knowledge table names "${k}", which is not a food-table name`);
  for (const k of Object.keys(CURATED_NUTRIENTS)) if (!names.has(k)) problems.push(`curated value for unknown food "${k}"`);

  if (problems.length) throw new Error(`build-foods: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);

  const file: FoodsFile = {
    format: 'aurea.foods',
    version: 1,
    sources: {
      sr28: 'USDA Agricultural Research Service, USDA National Nutrient Database for Standard Reference, Release 28 (2016), abbreviated file ABBREV.txt. Public domain. Values per 100 g edible portion; a missing value means not measured.',
      gi: {
        A: 'Atkinson FS, Foster-Powell K, Brand-Miller JC. International Tables of Glycemic Index and Glycemic Load Values: 2008. Diabetes Care 2008;31(12):2281–2283, Table 1 (mean GI, glucose = 100).',
        M: 'MyGi glycemic index compilation (bitmoremedia/mygi, data/gi-data.json), aggregated from Harvard Health, Mendosa (2008) and other published tables; glucose = 100.',
      },
      knowledge: 'Aurea curated knowledge table (shared/ingredients/knowledge.ts): flags with their reasons, well-studied foods, curated caffeine and trans-fat values with their sources.',
      dishes: 'Aurea dish table (shared/ingredients/dishes.ts): a typical serving of each dish as grams of food-table ingredients; values per 100 g are the gram-weighted mean of the parts, flags those of parts making up at least a tenth of the serving. Dishes SR28 measured as a whole keep the measured values.',
    },
    categories: [...FOOD_CATEGORIES],
    curation,
    columns: cols,
  };
  // Round-trip through the decoder so a file that would not load is never written.
  decodeFoodTable(JSON.parse(JSON.stringify(file)));
  return { file, json: `${JSON.stringify(file)}\n`, warnings };
}

const DISH_TEXT = {
  computed: 'Computed from the dish\'s ingredients, gram-weighted (a typical recipe, not a measurement).',
  smallGap: 'Computed from the dish\'s ingredients, gram-weighted; ingredients under 5 % of the serving with no measured value count as 0.',
};
/** Parts without a value may count as 0 only while they are this small a share of the serving. */
const DISH_GAP_SHARE = 0.05;
/** A dish gets a GI only when parts with a measured GI carry this share of its available carbohydrate. */
const DISH_GI_CARB_SHARE = 0.8;

/**
 * Adds the dish table (shared/ingredients/dishes.ts) to the columns: each dish is a row whose values per
 * 100 g are the gram-weighted mean of its parts' rows, and whose GI (where its carbohydrate comes from
 * foods with a measured GI) is the carbohydrate-weighted mean of theirs (FAO/WHO 1998 mixed-meal rule).
 * Dishes SR28 measured as a whole only get their parts recorded.
 */
function addDishes(
  cols: FoodsFile['columns'],
  claim: (name: string, by: string) => void,
  problems: string[],
  curationIndex: (text: string) => number,
): void {
  const madeOf = cols.made_of!;
  const rowOf = new Map(cols.name.map((n, i) => [n, i]));
  const encodeParts = (dish: string, parts: ReadonlyArray<readonly [string, number]>): string | null => {
    for (const [part, grams] of parts) {
      if (!rowOf.has(part) || cols.ndb[rowOf.get(part)!] === null) problems.push(`dish "${dish}": "${part}" is not a food-table food with an SR28 row`);
      if (!(grams > 0)) problems.push(`dish "${dish}": "${part}" has ${grams} g`);
    }
    return parts.length ? parts.map(([p, g]) => `${p}:${g}`).join('|') : null;
  };
  for (const [name, parts] of Object.entries(MEASURED_DISHES)) {
    const i = rowOf.get(name);
    if (i !== undefined) madeOf[i] = encodeParts(name, parts);
  }
  for (const dish of DISHES) {
    if (normaliseIngredient(dish.name) !== dish.name) problems.push(`dish name "${dish.name}" is not normalised (→ "${normaliseIngredient(dish.name)}")`);
    if (rowOf.has(dish.name)) {
      problems.push(`dish "${dish.name}" is already a food-table name`);
      continue;
    }
    claim(dish.name, dish.name);
    const aliases = new Set<string>();
    for (const raw of dish.aliases) {
      const alias = normaliseIngredient(raw);
      if (!alias || alias === dish.name) continue;
      claim(alias, dish.name);
      aliases.add(alias);
    }
    const encoded = encodeParts(dish.name, dish.parts);
    const total = dish.parts.reduce((s, [, g]) => s + g, 0);
    const rows = dish.parts.map(([p, g]) => ({ i: rowOf.get(p) ?? -1, g })).filter((r) => r.i >= 0);
    const mean = (value: (i: number) => number | null | undefined): { v: number | null; gap: boolean } => {
      let sum = 0;
      let missing = 0;
      for (const r of rows) {
        const v = value(r.i);
        if (v === null || v === undefined) missing += r.g;
        else sum += v * r.g;
      }
      if (total <= 0 || missing / total > DISH_GAP_SHARE) return { v: null, gap: false };
      return { v: Math.round((sum / total) * 1000) / 1000, gap: missing > 0 };
    };
    const curated: string[] = [];
    for (const c of NUTRIENT_COLUMNS) {
      // Caffeine is known only for caffeinated foods: a part the knowledge table does not call
      // caffeinated has none, so milk does not leave a latte's caffeine unknown.
      const value = c === 'caffeine_mg' ? (i: number) => cols.nutrients[c][i] ?? (knowledgeFor(cols.name[i]!).flags.includes('caffeine') ? null : 0) : (i: number) => cols.nutrients[c][i];
      const { v, gap } = mean(value);
      cols.nutrients[c].push(v);
      if (v !== null) curated.push(`${c}=${curationIndex(gap ? DISH_TEXT.smallGap : DISH_TEXT.computed)}`);
    }
    cols.pufa_g.push(mean((i) => cols.pufa_g[i]).v);
    // Mixed-meal GI: weighted by each part's available carbohydrate (carbohydrate minus fibre).
    let carb = 0;
    let carbWithGi = 0;
    let weighted = 0;
    for (const r of rows) {
      const avail = Math.max(0, (cols.nutrients.carbohydrate_g[r.i] ?? 0) - (cols.nutrients.fiber_g[r.i] ?? 0)) * r.g;
      carb += avail;
      const gi = cols.gi[r.i];
      if (gi !== null && gi !== undefined) {
        carbWithGi += avail;
        weighted += gi * avail;
      }
    }
    const gi = carb > 0 && carbWithGi / carb >= DISH_GI_CARB_SHARE ? Math.round(weighted / carbWithGi) : null;
    cols.name.push(dish.name);
    cols.aliases.push([...aliases].sort().join('|'));
    cols.category.push(FOOD_CATEGORIES.indexOf(dish.category));
    cols.ndb.push(null);
    cols.sr28.push(null);
    cols.gi.push(gi);
    cols.gi_ref.push(null);
    cols.gi_food.push(null);
    cols.curated.push(curated.length ? curated.join(';') : null);
    cols.note.push(dish.note ?? null);
    madeOf.push(encoded);
    rowOf.set(dish.name, cols.name.length - 1);
  }
}

/** Distinct ingredient names in the sample diaries, and which of them the table resolves. */
export function diaryCoverage(dataDir: string, file: FoodsFile): { total: number; resolved: string[]; unresolved: string[] } {
  const dir = join(dataDir, 'diaries');
  const names = new Set<string>();
  for (const d of readdirSync(dir)) {
    const p = join(dir, d, 'export.json');
    if (!existsSync(p)) continue;
    const exp = JSON.parse(readFileSync(p, 'utf8')) as { logs: Array<{ ingredients: string[] }> };
    for (const log of exp.logs) for (const i of log.ingredients) names.add(i);
  }
  const table = decodeFoodTable(JSON.parse(JSON.stringify(file)));
  const resolved: string[] = [];
  const unresolved: string[] = [];
  for (const n of [...names].sort()) (resolveIngredient(n, table) ? resolved : unresolved).push(n);
  return { total: names.size, resolved, unresolved };
}

function main(): number {
  const { flags } = parseArgs(process.argv.slice(2), ['data', 'out']);
  const dataDir = resolve(String(flags.get('data') ?? join(repoRoot, '../shared/data')));
  const out = resolve(String(flags.get('out') ?? join(repoRoot, 'shared/ingredients/foods.data.json')));
  if (!existsSync(join(dataDir, 'usda-sr-legacy/ABBREV.sr28.txt'))) {
    process.stderr.write(`build-foods: no SR28 data under ${dataDir} (pass --data DIR)\n`);
    return 2;
  }
  const { file, json, warnings } = buildFoods(dataDir);
  for (const w of warnings) process.stderr.write(`build-foods: warning: ${w}\n`);
  if (flags.has('check')) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== json) {
      process.stderr.write(`build-foods: ${out} is stale; run npm run build:foods\n`);
      return 1;
    }
    process.stdout.write(`build-foods: ${out} is up to date\n`);
    return 0;
  }
  writeFileSync(out, json);
  const raw = Buffer.byteLength(json);
  const gz = gzipSync(json, { level: 9 }).length;
  const withGi = file.columns.gi.filter((g) => g !== null).length;
  const withNdb = file.columns.ndb.filter((n) => n !== null).length;
  process.stdout.write(`build-foods: wrote ${out}\n  ${file.columns.name.length} foods (${withNdb} with an SR28 row, ${withGi} with a GI), ${raw} bytes, ${gz} bytes gzipped\n`);
  if (existsSync(join(dataDir, 'diaries'))) {
    const cov = diaryCoverage(dataDir, file);
    process.stdout.write(`  sample diaries: ${cov.resolved.length}/${cov.total} distinct ingredient names resolve (${((100 * cov.resolved.length) / cov.total).toFixed(1)}%)\n`);
    if (cov.unresolved.length) process.stdout.write(`  unresolved: ${cov.unresolved.join(', ')}\n`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
