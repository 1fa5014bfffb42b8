import type { IngredientFlag } from './types';

/**
 * Food additives (E-numbers) and the flags they raise (DESIGN §3): colours E100–E199 →
 * artificial_colour; emulsifiers and thickeners E400–E499 (carrageenan E407, polysorbates
 * E432–E436 among them) → emulsifier; sweeteners E950–E969 → artificial_sweetener. The flag follows
 * the E-number range, as DESIGN specifies; the taxonomy classes are carried along for display.
 * Also reads the clear cases out of an ingredient list ("sugar" first → refined_sugar).
 */

export interface AdditiveInfo {
  /** Open Food Facts tag without the language prefix: "e951", "e322i", "e14xx". */
  tag: string;
  /** Display code: "E951", "E322i", "E14XX". */
  code: string;
  /** English name from the taxonomy, e.g. "Aspartame"; null for codes the taxonomy does not know. */
  name: string | null;
  /** Taxonomy classes, e.g. ["sweetener"] or ["emulsifier", "stabilizer", "thickener"]. */
  classes: string[];
  /** The flag this additive raises, if any. */
  flag: IngredientFlag | null;
}

export interface FlagResult {
  flags: IngredientFlag[];
  /** Why each flag is set, in words the UI can show. */
  reasons: Partial<Record<IngredientFlag, string>>;
}

const FLAG_ORDER: readonly IngredientFlag[] = ['artificial_sweetener', 'emulsifier', 'artificial_colour', 'refined_sugar', 'refined_grain', 'caffeine'];

/**
 * Normalises any spelling of an additive to its tag: "en:E951", "E 951", "e-950", "E160a(i)",
 * "E322 (i)" → "e951", "e950", "e160ai", "e322i". Returns null when it is not an E-number.
 */
export function additiveTag(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/^[a-z]{2}:/, '');
  const m = /^e\s*-?\s*(\d{3,4}|\d{1,3}x{1,3})\s*([a-z])?\s*(?:\(?\s*(i{1,3}|iv|v|vi{0,3}|ix|x)\s*\)?)?$/.exec(s);
  if (!m) return null;
  return `e${m[1]}${m[2] ?? ''}${m[3] ?? ''}`;
}

/** The E-number as an integer (951 for "e951", "e950", "e960c"), or null for group codes such as "e14xx". */
function numberOf(tag: string): number | null {
  const m = /^e(\d{3,4})(?![\dx])/.exec(tag);
  return m ? Number(m[1]) : null;
}

/** The flag an additive raises, by DESIGN's E-number ranges. */
export function additiveFlag(tag: string): IngredientFlag | null {
  const n = numberOf(tag);
  if (n === null) return null;
  if (n >= 100 && n <= 199) return 'artificial_colour';
  if (n >= 400 && n <= 499) return 'emulsifier';
  if (n >= 950 && n <= 969) return 'artificial_sweetener';
  return null;
}

const PARTS = /^(e\d{3,4})([a-f]?)(i{1,3}|iv|vi{0,3}|ix)?$/;

/** Looks a tag up, falling back from a sub-variant to its parent (e331iii → e331, e960c → e960). */
function lookup(tag: string): readonly [string, string] | undefined {
  const exact = TAXONOMY[tag];
  if (exact) return exact;
  const m = PARTS.exec(tag);
  if (!m) return undefined;
  return TAXONOMY[`${m[1]}${m[2]}`] ?? TAXONOMY[m[1]!];
}

/** The parent of a numbered sub-variant (e322i → e322, e160ai → e160a); null otherwise. */
function romanParent(tag: string): string | null {
  const m = PARTS.exec(tag);
  return m && m[3] ? `${m[1]}${m[2]}` : null;
}

/** Everything known about one additive tag (any spelling additiveTag accepts). */
export function describeAdditive(raw: string): AdditiveInfo | null {
  const tag = additiveTag(raw);
  if (!tag) return null;
  const hit = lookup(tag);
  const classes = hit && hit[1] !== '' ? hit[1].split(',').map((i) => CLASS_NAMES[Number(i)] ?? 'unknown') : [];
  return { tag, code: `E${tag.slice(1).toUpperCase().replace(/(\d)([A-Z]+)$/, (_, d: string, s: string) => d + s.toLowerCase())}`, name: hit?.[0] || null, classes, flag: additiveFlag(tag) };
}

/** True when the taxonomy snapshot lists exactly this additive (not just its parent). */
export function isKnownAdditive(raw: string): boolean {
  const tag = additiveTag(raw);
  return tag !== null && Object.hasOwn(TAXONOMY, tag);
}

/** "E951 (aspartame)" — how reasons name an additive. */
export function additiveLabel(info: AdditiveInfo): string {
  return info.name ? `${info.code} (${info.name.charAt(0).toLowerCase() + info.name.slice(1)})` : info.code;
}

function collect(into: Map<IngredientFlag, string[]>, flag: IngredientFlag, why: string) {
  const list = into.get(flag) ?? [];
  if (!list.includes(why)) list.push(why);
  into.set(flag, list);
}

function finish(found: Map<IngredientFlag, string[]>, describe: (flag: IngredientFlag, whys: string[]) => string): FlagResult {
  const flags = FLAG_ORDER.filter((f) => found.has(f));
  const reasons: Partial<Record<IngredientFlag, string>> = {};
  for (const f of flags) reasons[f] = describe(f, found.get(f)!);
  return { flags, reasons };
}

/**
 * Flags raised by a list of additive tags (Open Food Facts `additives_tags`). A parent tag and its
 * sub-variant (e322 and e322i) count once, under the parent.
 */
export function flagsFromAdditives(tags: readonly string[]): FlagResult {
  const found = new Map<IngredientFlag, string[]>();
  const infos = tags.map(describeAdditive).filter((x): x is AdditiveInfo => x !== null);
  const seen = new Set(infos.map((i) => i.tag));
  for (const info of infos) {
    if (!info.flag) continue;
    const parent = romanParent(info.tag);
    if (parent && seen.has(parent)) continue;
    collect(found, info.flag, additiveLabel(info));
  }
  return finish(found, (_, whys) => `${whys.length === 1 ? 'additive' : 'additives'} ${whys.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Ingredient text

/** Splits an ingredient list at top-level commas/semicolons (not inside brackets). */
export function splitIngredients(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ',' || ch === ';' || ch === '\n')) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map(cleanIngredient).filter((s) => s.length > 0);
}

/** Lower-case, allergen underscores, percentages, bracketed detail and trailing dots removed. */
function cleanIngredient(s: string): string {
  return s
    .toLowerCase()
    .replace(/_/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g, ' ')
    .replace(/\d+(?:[.,]\d+)?\s*%/g, ' ')
    .replace(/^[\s:.*-]+|[\s:.*-]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const WATER = /^(?:carbonated |sparkling |mineral |filtered |purified )?water$|^(?:eau|eau gazeuse|eau minérale|wasser|acqua|agua|vatten|water|aqua)(?: gazeuse| minérale naturelle| gasata| con gas)?$/;

// A sugar or syrup as the whole ingredient, in the languages of the data (en, fr, de, it, es, nl, sv).
const REFINED_SUGAR =
  /^(?:(?:white|cane|brown|beet|raw cane|granulated|invert|liquid|organic cane) )?(?:sugar|sucrose|dextrose|glucose|fructose)$|^(?:high fructose |glucose-fructose |fructose-glucose |glucose |corn |invert sugar |invert )syrup$|^(?:sucre|sucre de canne|sucre roux|sucre blanc|dextrose|sirop de glucose|sirop de glucose-fructose|sirop de fructose-glucose|sirop de sucre inverti|zucker|rohrzucker|glukosesirup|glucosesirup|glukose-fruktose-sirup|zucchero|zucchero di canna|sciroppo di glucosio|sciroppo di glucosio-fruttosio|azúcar|azucar|jarabe de glucosa|suiker|glucosestroop|socker|glukossirap)$/;

// Refined flour as the main ingredient; whole-grain flours are excluded by the negative look-ahead.
const REFINED_GRAIN =
  /^(?!.*\b(?:whole|wholemeal|wholegrain|complète|complet|intégrale|vollkorn|integrale|integral|volkoren|fullkorn)\b)(?:(?:enriched |bleached |unbleached |white |refined )*(?:wheat )?flour|enriched (?:wheat )?flour|farine de blé(?: t\d+)?|farine|weizenmehl(?: type \d+)?|farina di grano tenero(?: tipo 0+)?|farina 0+|harina de trigo|tarwebloem|vetemjöl|white rice|riz blanc)$/;

const SWEETENER_WORDS: [RegExp, string][] = [
  [/\baspartam[eo]?\b/, 'aspartame'],
  [/\bacesulfam[e]?(?:[\s-]?(?:k|potassium|kalium))?\b/, 'acesulfame K'],
  [/\bsucralos[ea]\b/, 'sucralose'],
  [/\bsa(?:c)?char(?:in|ine|ina)\b|\bsaccarina\b|\bsacarina\b/, 'saccharin'],
  [/\b(?:natrium|sodium |calcium )?cyclamat[e]?\b|\bciclammato\b|\bciclamato\b|\bcyclamate de sodium\b/, 'cyclamate'],
  [/\bneotame\b/, 'neotame'],
  [/\badvantame\b/, 'advantame'],
  [/\bsteviol\s?glycosides?\b|\bsteviolglycosid[e]?\b|\bglycosides de stéviol\b|\bglicosidi (?:dello )?steviolo\b/, 'steviol glycosides'],
  [/\b(?:maltitol|lactitol|xylitol|erythritol|isomalt)\b/, 'a polyol sweetener'],
];
const EMULSIFIER_WORDS: [RegExp, string][] = [
  [/\bcarra(?:g|gh)(?:ee|ée|e)nan[eo]?\b|\bcarrageen(?:an)?\b|\bcarragenina\b|\bcarraghénanes?\b/, 'carrageenan'],
  [/\bpolysorbat[e]?\s?\d*\b/, 'polysorbate'],
  [/\bcarboxymethyl\s?cellulose\b|\bcellulose gum\b/, 'carboxymethyl cellulose'],
  [/\bmono-? ?(?:and|&) ?diglycerides\b|\bmono- et diglycérides\b/, 'mono- and diglycerides'],
];
const COLOUR_WORDS: [RegExp, string][] = [
  [/\bfd&c\b|\bfd and c\b/, 'FD&C colour'],
  [/\b(?:red|yellow|blue|green) (?:no\.? ?)?\d{1,2}(?: lake)?\b/, ''],
  [/\bartificial colou?rs?\b|\bartificially colou?red\b/, 'artificial colour'],
  [/\bcaramel colou?r(?:ing)?\b/, 'caramel colour'],
];
const CAFFEINE = /\bcaff?[eé]in[ea]?\b|\bkoffein\b|\bcafeína\b|\bcafeina\b/;
const E_NUMBER = /\be\s?-?(\d{3,4})\s?([a-f])?(?:\s?\(?\s?(i{1,3}|iv)\s?\)?)?(?![\w])/g;

export interface TextFlags extends FlagResult {
  /** E-numbers written in the ingredient text, as tags ("e950"). */
  additives: string[];
}

/**
 * Flags that an ingredient list states plainly: a sugar or syrup as the first ingredient (after water)
 * → refined_sugar; refined flour first → refined_grain; named sweeteners, carrageenan, polysorbates,
 * synthetic colours, caffeine; and E-numbers written out in the text.
 */
export function flagsFromIngredientText(text: string | null | undefined): TextFlags {
  const found = new Map<IngredientFlag, string[]>();
  if (!text || !text.trim()) return { flags: [], reasons: {}, additives: [] };
  const items = splitIngredients(text);
  const firstReal = items.find((i) => !WATER.test(i));
  const position = firstReal === items[0] ? 'the first ingredient' : 'the first ingredient after water';
  if (firstReal && REFINED_SUGAR.test(firstReal)) collect(found, 'refined_sugar', `"${firstReal}" is ${position}`);
  if (firstReal && REFINED_GRAIN.test(firstReal)) collect(found, 'refined_grain', `"${firstReal}" is ${position}`);
  const lower = text.toLowerCase().replace(/_/g, '');
  for (const [re, what] of SWEETENER_WORDS) if (re.test(lower)) collect(found, 'artificial_sweetener', what);
  for (const [re, what] of EMULSIFIER_WORDS) if (re.test(lower)) collect(found, 'emulsifier', what);
  for (const [re, what] of COLOUR_WORDS) {
    const m = re.exec(lower);
    if (m) collect(found, 'artificial_colour', what || m[0]);
  }
  if (CAFFEINE.test(lower)) collect(found, 'caffeine', 'caffeine');

  const additives: string[] = [];
  for (const m of lower.matchAll(E_NUMBER)) {
    const n = Number(m[1]);
    if (n < 100 || n > 1599) continue;
    const tag = `e${m[1]}${m[2] ?? ''}${m[3] ?? ''}`;
    if (!additives.includes(tag)) additives.push(tag);
  }
  const fromCodes = flagsFromAdditives(additives);
  for (const f of fromCodes.flags) for (const why of (fromCodes.reasons[f] ?? '').replace(/^additives? /, '').split(', ')) collect(found, f, why);

  return { ...finish(found, (flag, whys) => (flag === 'refined_sugar' || flag === 'refined_grain' ? whys.join('; ') : `ingredient list names ${whys.join(', ')}`)), additives };
}

/** Merges flag results; the first reason given for a flag is kept. */
export function combineFlags(...results: FlagResult[]): FlagResult {
  const reasons: Partial<Record<IngredientFlag, string>> = {};
  const set = new Set<IngredientFlag>();
  for (const r of results) {
    for (const f of r.flags) {
      set.add(f);
      if (!reasons[f] && r.reasons[f]) reasons[f] = r.reasons[f];
    }
  }
  const flags = [...set].sort((a, b) => rank(a) - rank(b));
  return { flags, reasons };
}

/** English taxonomy name (cleaned: lower case, letters and digits) → tag, built on first use. */
let byName: Map<string, string> | undefined;
const nameKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The tag of an additive written by its English name ("citric acid" → "e330", "Potassium benzoate" →
 * "e212"), from the taxonomy's names; null when no additive has that name. Names shared by several tags
 * resolve to the first (lowest) one, which is the parent where the taxonomy has sub-variants.
 */
export function additiveByName(name: string): string | null {
  if (!byName) {
    byName = new Map();
    for (const [tag, [n]] of Object.entries(TAXONOMY)) {
      const key = nameKey(n);
      // Also the singular ("potassium citrates" is written "potassium citrate" once normalised).
      for (const k of [key, key.replace(/s$/, '')]) if (k && !byName.has(k)) byName.set(k, tag);
    }
  }
  return byName.get(nameKey(name)) ?? null;
}

function rank(f: IngredientFlag): number {
  const i = FLAG_ORDER.indexOf(f);
  return i < 0 ? FLAG_ORDER.length : i;
}

// BEGIN GENERATED by cli/tools/gen-additives-table.ts from the Open Food Facts additives taxonomy (ODbL).
/** Additive classes named in the taxonomy; the table refers to them by index. */
const CLASS_NAMES = ["antioxidant","carrier","colour","emulsifier","flavour-enhancer","humectant","preservative","propellant","sequestrant","stabilizer","sweetener","thickener"] as const;
/** tag → [English name, comma-separated indexes into CLASS_NAMES]. 631 entries. */
const TAXONOMY: Record<string, readonly [string, string]> = {
  e14xx: ["Modified Starch", "3,9,11"],
  e15x: ["", ""],
  e100: ["Curcumin", "2"],
  e101: ["Riboflavin", "2"],
  e101a: ["Riboflavin-5'-Phosphate", "2"],
  e101i: ["Riboflavin", "2"],
  e101ii: ["Riboflavin-5′-phosphate", "2"],
  e102: ["Tartrazine", "2"],
  e103: ["Alkannin", ""],
  e104: ["Quinoline yellow", "2"],
  e105: ["", ""],
  e106: ["Flavin mononucleotide", ""],
  e107: ["Yellow 2G", ""],
  e110: ["Sunset yellow FCF", "2"],
  e111: ["Orange GGN", ""],
  e120: ["Cochineal", "2"],
  e121: ["Citrus Red 2", ""],
  e122: ["Azorubine", "2"],
  e123: ["Amaranth", "2"],
  e124: ["Ponceau 4r", "2"],
  e125: ["Scarlet GN", ""],
  e126: ["Ponceau 6R", ""],
  e127: ["Erythrosine", "2"],
  e128: ["Red 2G", "2"],
  e129: ["Allura red ac", "2"],
  e130: ["Indanthrene blue RS", ""],
  e131: ["Patent blue v", ""],
  e132: ["Indigotine", "2"],
  e133: ["Brilliant blue FCF", "2"],
  e140: ["Chlorophylls and Chlorophyllins", "2"],
  e140i: ["Chlorophylls", "2"],
  e140ii: ["Chlorophyllins", "2"],
  e141: ["Copper complexes of chlorophylls and chlorophyllins", "2"],
  e141i: ["Copper complexes of chlorophylls", "2"],
  e141ii: ["Copper complexes of chlorophyllins", "2"],
  e142: ["Green s", ""],
  e143: ["Fast Green FCF", "2"],
  e150: ["Caramel", ""],
  e150a: ["Plain caramel", "2"],
  e150b: ["Caustic sulphite caramel", "2"],
  e150c: ["Ammonia caramel", "2"],
  e150d: ["Sulphite ammonia caramel", "2"],
  e151: ["Brilliant black bn", "2"],
  e152: ["Black 7984", ""],
  e153: ["Vegetable carbon", ""],
  e154: ["Brown FK", ""],
  e155: ["Brown ht", "2"],
  e160: ["Carotenoids", ""],
  e160a: ["Carotenes", "2"],
  e160ai: ["Beta-carotene", "2"],
  e160aii: ["Plant carotenes", "2"],
  e160aiii: ["Beta-carotene from blakeslea trispora", "2"],
  e160aiv: ["Algal carotenes", "2"],
  e160b: ["Annatto", "2"],
  e160c: ["Paprika extract", "2"],
  e160d: ["Lycopene", "2"],
  e160e: ["Beta-apo-8′-carotenal (c30)", "2"],
  e160f: ["Ethyl ester of beta-apo-8'-carotenic acid (C 30)", "2"],
  e161: ["Xanthophylls", ""],
  e161a: ["Flavoxanthin", ""],
  e161b: ["Lutein", "2"],
  e161c: ["Cryptoaxanthin", ""],
  e161d: ["Rubixanthin", ""],
  e161e: ["Violaxanthin", ""],
  e161f: ["Rhodoxanthin", ""],
  e161g: ["Canthaxanthin", "2"],
  e161h: ["Zeaxanthin", "2"],
  e161i: ["Citranaxanthin", ""],
  e161j: ["Astaxanthin", ""],
  e162: ["Beetroot red", "2"],
  e163: ["Anthocyanins", "2"],
  e163a: ["Cyanidin", "2"],
  e163b: ["Delphinidin", "2"],
  e163c: ["Malvidin", "2"],
  e163d: ["Pelargonidin", "2"],
  e163e: ["Peonidin", "2"],
  e163f: ["Petunidin", "2"],
  e164: ["", ""],
  e165: ["", ""],
  e166: ["", ""],
  e170: ["Calcium carbonate", "2,9"],
  e171: ["Titanium dioxide", "2"],
  e172: ["Iron oxides and iron hydroxides", "2"],
  e172i: ["Black iron oxide", "2"],
  e172ii: ["Red iron oxide", "2"],
  e172iii: ["Yellow iron oxide", "2"],
  e173: ["Aluminium", ""],
  e174: ["Silver", ""],
  e175: ["Gold", ""],
  e180: ["Litholrubine bk", ""],
  e181: ["Tannin", "2,3,9,11"],
  e182: ["Orcein", ""],
  e200: ["Sorbic acid", "6"],
  e201: ["Sodium sorbate", "6"],
  e202: ["Potassium sorbate", "6"],
  e203: ["Calcium sorbate", "6"],
  e209: ["Heptylparaben", ""],
  e210: ["Benzoic acid", "6"],
  e211: ["Sodium benzoate", "6"],
  e212: ["Potassium benzoate", "6"],
  e213: ["Calcium benzoate", "6"],
  e214: ["Ethyl p-hydroxybenzoate", "6"],
  e215: ["Sodium ethyl p-hydroxybenzoate", ""],
  e216: ["Propyl para-hydroxybenzoate", ""],
  e217: ["Sodium propyl para-hydroxybenzoate", ""],
  e218: ["Methyl p-hydroxybenzoate", "6"],
  e219: ["Sodium methyl p-hydroxybenzoate", ""],
  e220: ["Sulphur dioxide", "0,6"],
  e221: ["Sodium sulphite", "0,6"],
  e222: ["Sodium bisulphite", "0,6"],
  e223: ["Sodium metabisulphite", "0,6"],
  e224: ["Potassium metabisulphite", "0,6"],
  e225: ["Calcium Disulphite", "0,6"],
  e226: ["Calcium sulphite", ""],
  e227: ["Calcium bisulphite", ""],
  e228: ["Potassium bisulphite", ""],
  e230: ["Biphenyl", "6"],
  e231: ["Orthophenyl phenol", "6"],
  e232: ["Sodium orthophenyl phenol", "6"],
  e233: ["Thiabendazole", ""],
  e234: ["Nisin", "6"],
  e235: ["Natamycin", "6"],
  e236: ["Formic acid", ""],
  e237: ["Sodium formiate", ""],
  e238: ["Calcium formiate", ""],
  e239: ["Hexamethylene tetramine", "6"],
  e240: ["Formaldehyde", ""],
  e241: ["", ""],
  e242: ["Dimethyl dicarbonate", "6"],
  e243: ["Ethyl lauroyl arginate", "6"],
  e249: ["Potassium nitrite", "6"],
  e250: ["Sodium nitrite", "6"],
  e251: ["Sodium nitrate", "6"],
  e252: ["Potassium nitrate", "6"],
  e260: ["Acetic acid", "6"],
  e261: ["Potassium acetate", "6"],
  e262: ["Sodium acetates", "6,8"],
  e262i: ["Sodium acetate", "6,8"],
  e262ii: ["Sodium diacetate", "6,8"],
  e263: ["Calcium acetate", "6,9"],
  e264: ["Ammonium acetate", ""],
  e265: ["Dehydroacetic acid", ""],
  e266: ["Sodium dehydroacetate", ""],
  e270: ["Lactic acid", ""],
  e280: ["Propionic acid", "6"],
  e281: ["Sodium propionate", "6"],
  e282: ["Calcium propionate", "6"],
  e283: ["Potassium propionate", "6"],
  e284: ["Boric acid", ""],
  e285: ["Sodium tetraborate (borax)", ""],
  e290: ["Carbon dioxide", "6,7"],
  e296: ["Malic acid", ""],
  e297: ["Fumaric acid", ""],
  e300: ["Ascorbic acid", "0,8"],
  e301: ["Sodium ascorbate", "0"],
  e302: ["Calcium ascorbate", "0"],
  e303: ["Potassium ascorbate", ""],
  e304: ["Fatty acid esters of ascorbic acid", "0"],
  e304i: ["Ascorbyl palmitate", "0"],
  e304ii: ["Ascorbyl stearate", "0"],
  e306: ["Tocopherol-rich extract", ""],
  e307: ["Alpha-tocopherol", ""],
  e307a: ["Alpha-tocopherol", "0"],
  e307b: ["Alpha-tocopherol", "0"],
  e307c: ["Alpha-tocopherol", "0"],
  e308: ["Gamme-tocopherol", ""],
  e309: ["Delta-tocopherol", ""],
  e310: ["Propyl gallate", "0"],
  e311: ["Octyl gallate", ""],
  e312: ["Dodecyl gallate", ""],
  e313: ["Ethyl gallate", ""],
  e314: ["Guaiacum", "0"],
  e315: ["Erythorbic acid", "0"],
  e316: ["Sodium erythorbate", "0"],
  e317: ["Erythorbin acid", ""],
  e318: ["Sodium erythorbin", ""],
  e319: ["Tertiary-butylhydroquinone (tbhq)", "0"],
  e320: ["Butylated hydroxyanisole (bha)", "0"],
  e321: ["Butylated hydroxytoluene", "0"],
  e322: ["Lecithin", "0,3"],
  e322i: ["Lecithin", "0,3"],
  e322ii: ["Lecithin", "0,3"],
  e323: ["", ""],
  e324: ["Ethoxyquin", ""],
  e325: ["Sodium lactate", "0,3,5,11"],
  e326: ["Potassium lactate", "0,3,5"],
  e327: ["Calcium lactate", "11"],
  e328: ["Ammonium lactate", ""],
  e329: ["Magnesium lactate", ""],
  e330: ["Citric acid", "0,8"],
  e331: ["Sodium citrates", "3,8,9"],
  e331i: ["Monosodium citrate", "3,8,9"],
  e331ii: ["Disodium citrate", "3,8,9"],
  e331iii: ["Trisodium citrate", "3,8,9"],
  e332: ["Potassium citrates", "8,9"],
  e332i: ["Monopotassium citrate", "8,9"],
  e332ii: ["Tripotassium citrate", "8,9"],
  e333: ["Calcium citrates", "8,9"],
  e333i: ["Monocalcium citrate", "8,9"],
  e333ii: ["Dicalcium citrate", "8,9"],
  e333iii: ["Tricalcium citrate", "8,9"],
  e334: ["L(+)-tartaric acid", "0,8"],
  e335: ["Sodium tartrates", "8,9"],
  e335i: ["Monosodium tartrate", "8,9"],
  e335ii: ["Disodium tartrate", "8,9"],
  e336: ["Potassium tartrates", ""],
  e336i: ["Monopotassium tartrate", ""],
  e336ii: ["Dipotassium tartrate", ""],
  e337: ["Potassium sodium tartrate", "8,9"],
  e338: ["Phosphoric acid", "0,8"],
  e339: ["Sodium phosphates", "3,5,6,8,9,11"],
  e339i: ["Monosodium phosphate", "3,5,6,8,9,11"],
  e339ii: ["Disodium phosphate", "3,5,6,8,9,11"],
  e339iii: ["Trisodium phosphate", "3,5,6,8,9,11"],
  e340: ["Potassium phosphates", "3,5,8,9,11"],
  e340i: ["Monopotassium phosphate", "3,5,8,9,11"],
  e340ii: ["Dipotassium phosphate", "3,5,8,9,11"],
  e340iii: ["Tripotassium phosphate", "3,5,8,9,11"],
  e341: ["Calcium phosphates", "3,5,8,9,11"],
  e341i: ["Monocalcium phosphate", "3,5,8,9,11"],
  e341ii: ["Dicalcium phosphate", "3,5,8,9,11"],
  e341iii: ["Tricalcium phosphate", "3,5,8,9,11"],
  e342: ["Ammonium phosphate", "9,11"],
  e343: ["Magnesium phosphates", "9,11"],
  e343i: ["Monomagnesium phosphate", "9,11"],
  e343ii: ["Dimagnesium phosphate", "9,11"],
  e344: ["", ""],
  e345: ["Magnesium citrate", ""],
  e349: ["Ammonium malate", ""],
  e350: ["Sodium malates", "5"],
  e350i: ["Sodium malate", "5"],
  e350ii: ["Sodium hydrogen malate", "5"],
  e351: ["Potassium malate", ""],
  e352: ["Calcium malates", ""],
  e352i: ["Calcium malate", ""],
  e352ii: ["Calcium hydrogen malate", ""],
  e353: ["Metatartaric acid", ""],
  e354: ["Calcium tartrate", ""],
  e355: ["Adipic acid", ""],
  e356: ["Sodium adipate", ""],
  e357: ["Potassium adipate", ""],
  e359: ["Ammonium adipate", ""],
  e363: ["Succinic acid", ""],
  e364: ["", ""],
  e365: ["Sodium fumarate", ""],
  e366: ["Potassium fumarate", ""],
  e367: ["Calcium fumarate", ""],
  e368: ["Ammonium fumarate", ""],
  e370: ["1\\", ""],
  e375: ["Nicotinic acid", ""],
  e380: ["Triammonium citrate", ""],
  e381: ["Ammoniumferrocitrate", ""],
  e383: ["Calcium glycerylphosphate", ""],
  e384: ["", "0,6,8"],
  e385: ["Calcium disodium ethylenediaminetetraacetate", "0,6,8"],
  e386: ["", "0,6,8,9"],
  e387: ["", ""],
  e388: ["Thiodipropionic acid", "0"],
  e389: ["", "0"],
  e390: ["", ""],
  e391: ["Phytic acid", ""],
  e392: ["Extracts of rosemary", ""],
  e399: ["Calcium lactobionate", ""],
  e400: ["Alginic acid", "1,3,5,8,9,11"],
  e401: ["Sodium alginate", "1,3,5,8,9,11"],
  e402: ["Potassium alginate", "1,3,5,8,9,11"],
  e403: ["Ammonium alginate", "1,3,5,8,9,11"],
  e404: ["Calcium alginate", "1,5,8,9,11"],
  e405: ["Propane-1\\", "1,3,9,11"],
  e406: ["Agar", "1,3,5,9,11"],
  e407: ["Carrageenan", "1,3,5,9,11"],
  e407a: ["Processed eucheuma seaweed (carrageenan)", "1,3,5,9,11"],
  e408: ["Bakers yeast glycan", ""],
  e409: ["Arabinogalactan", ""],
  e410: ["Locust bean gum", "3,9,11"],
  e411: ["", ""],
  e412: ["Guar gum", "3,9,11"],
  e413: ["Tragacanth", "3,9,11"],
  e414: ["Acacia gum", "1,3,9,11"],
  e414a: ["", "1,3,9,11"],
  e415: ["Xanthan gum", "3,9,11"],
  e416: ["Karaya-gum", "3,9,11"],
  e417: ["Tara gum", "9,11"],
  e418: ["Gellan gum", "9,11"],
  e419: ["Gum ghatti", "9,11"],
  e420: ["Sorbitol", "5,8,9,10,11"],
  e420i: ["Sorbitol", "5,8,9,10,11"],
  e420ii: ["Sorbitol syrup", "5,8,9,10,11"],
  e421: ["Mannitol", "5,9,10,11"],
  e422: ["Glycerol", "5,11"],
  e424: ["Curdlan", "9,11"],
  e425: ["Konjac", "1,3,5,9,11"],
  e425i: ["Konjac gum", "1,3,5,9,11"],
  e425ii: ["Konjac glucomannan", "1,3,5,9,11"],
  e426: ["Soybean hemicellulose", ""],
  e427: ["Cassia gum", "3,9,11"],
  e428: ["Gelatine", ""],
  e429: ["Peptone", ""],
  e430: ["Polyoxyethylene (8) stearate", "3"],
  e431: ["Polyoxyethylene (40) stearate", "3"],
  e432: ["Polysorbate 20", "3,9"],
  e433: ["Polysorbate 80", "3,9"],
  e434: ["Polysorbate 40", "3"],
  e435: ["Polysorbate 60", "3,9"],
  e436: ["Polysorbate 65", "3,9"],
  e440: ["Pectins", "3,9,11"],
  e440a: ["Pectin", "3,9,11"],
  e440aii: ["Sodium pectate", "3,9,11"],
  e440aiii: ["Potassium pectate", "3,9,11"],
  e440aiv: ["Ammonium Pectate", "3,9,11"],
  e440b: ["Pectin amide", "3,9,11"],
  e440i: ["Pectin", "3,9,11"],
  e440ii: ["Amidated pectin", "3,9,11"],
  e441: ["Superglycerinated hydrogenated rapeseed oil", ""],
  e442: ["Ammonium phosphatides", "3"],
  e443: ["Brominated vegetable oil", ""],
  e444: ["Sucrose acetate isobutyrate", "3,9"],
  e445: ["Glycerol esters of wood rosin", "3,9"],
  e446: ["Succistearin", ""],
  e450: ["Diphosphates", "3,5,8,9,11"],
  e450i: ["Disodium diphosphate", "3,5,8,9,11"],
  e450ii: ["Trisodium diphosphate", "3,5,8,9,11"],
  e450iii: ["Tetrasodium diphosphate", "3,5,8,9,11"],
  e450iv: ["Dipotassium dihydrogenpyrophosphate", "3,5,8,9,11"],
  e450v: ["Tetrapotassium diphosphate", "3,5,8,9,11"],
  e450vi: ["Dicalcium diphosphate", "3,5,8,9,11"],
  e450vii: ["Calcium dihydrogen diphosphate", "3,5,8,9,11"],
  e450viii: ["Magnesium pyrophosphate", "3,5,8,9,11"],
  e451: ["Triphosphates", "3,5,8,9,11"],
  e451i: ["Pentasodium triphosphate", "3,5,8,9,11"],
  e451ii: ["Pentapotassium triphosphate", "3,5,8,9,11"],
  e452: ["Polyphosphates", "3,5,8,9,11"],
  e452i: ["Sodium polyphosphate", "3,5,8,9,11"],
  e452ii: ["Potassium polyphosphate", "3,5,8,9,11"],
  e452iii: ["Sodium calcium polyphosphate", "3,5,8,9,11"],
  e452iv: ["Calcium polyphosphate", "3,5,8,9,11"],
  e452v: ["Ammonium polyphosphate", "3,5,8,9,11"],
  e452vi: ["Sodium tripolyphosphate", "3,5,8,9,11"],
  e457: ["Alpha-Cyclodextrine", "9,11"],
  e458: ["Gamma-Cyclodextrine", "9,11"],
  e459: ["Beta-cyclodextrine", "1,9,11"],
  e460: ["Cellulose", "1,3,5,9,11"],
  e460i: ["Microcrystalline cellulose", "1,3,5,9,11"],
  e460ii: ["Powdered cellulose", "1,3,5,9,11"],
  e461: ["Methyl cellulose", "3,9,11"],
  e462: ["Ethyl cellulose", "1,11"],
  e463: ["Hydroxypropyl cellulose", "3,9,11"],
  e464: ["Hydroxypropyl methyl cellulose", "3,9,11"],
  e465: ["Ethyl methyl cellulose", "3,9,11"],
  e466: ["Carboxymethyl cellulose", "3,5,9,11"],
  e467: ["Ethulose", "3,9,11"],
  e468: ["Cross-linked sodium carboxymethylcellulose", "9,11"],
  e469: ["Enzymatically hydrolysed carboxymethylcellulose", "9,11"],
  e470: ["Sodium/potassium/calcium and magnesium salts of fatty acids", "3,9,11"],
  e470a: ["Sodium\\", "3,9,11"],
  e470ai: ["Sodium salts of fatty acids", "3,9,11"],
  e470aii: ["Potassium salts of fatty acids", "3,9,11"],
  e470aiii: ["Calcium salts of fatty acids", "3,9,11"],
  e470b: ["Magnesium salts of fatty acids", "3,9,11"],
  e471: ["Mono- and diglycerides of fatty acids", "3,9"],
  e472: ["Acid esters of mono- and diglycerides of fatty acids", ""],
  e472a: ["Acetic acid esters of mono- and diglycerides of fatty acids", "3,8,9"],
  e472b: ["Lactic acid esters of mono- and diglycerides of fatty acids", "3,8,9"],
  e472c: ["Citric acid esters of mono- and diglycerides of fatty acids", "0,3,8,9"],
  e472d: ["Tartaric acid esters of mono- and diglycerides of fatty acids", ""],
  e472e: ["Mono- and diacetyltartaric acid esters of mono- and diglycerides of fatty acids", "3,8,9"],
  e472f: ["Mixed acetic and tartaric acid esters of mono- and diglycerides of fatty acids", ""],
  e472g: ["Succinylated monoglycerides", ""],
  e473: ["Sucrose esters of fatty acids", "3,9"],
  e473a: ["", "3,9"],
  e474: ["Sucroglycerides", "3"],
  e475: ["Polyglycerol esters of fatty acids", "3,9"],
  e476: ["Polyglycerol polyricinoleate", "3"],
  e477: ["Propane-1\\", "3"],
  e478: ["Lactylated fatty acid esters of glycerol and propane-1", ""],
  e479b: ["Thermally oxidised soya bean oil interacted with mono- and diglycerides of fatty acids", "3"],
  e481: ["Sodium stearoyl-2-lactylate", "3,9"],
  e482: ["Calcium stearoyl-2-lactylate", "3,9"],
  e483: ["Stearyl tartrate", ""],
  e484: ["Stearyl citrate", "0,3,8"],
  e485: ["Sodium stearoyl fumarate", ""],
  e486: ["Calcium stearoyl fumarate", ""],
  e487: ["Sodium dodecyl sulfate", ""],
  e488: ["Ethoxylated Mono- and Di-Glycerides", ""],
  e489: ["Methyl glucoside-coconut oil ester", ""],
  e490: ["Propylene glycol", ""],
  e491: ["Sorbitan monostearate", "3"],
  e492: ["Sorbitan tristearate", "3,9"],
  e493: ["Sorbitan monolaurate", "3,9"],
  e494: ["Sorbitan monooleate", "3,9"],
  e495: ["Sorbitan monopalmitate", "3"],
  e496: ["Sorbitan trioleate", ""],
  e500: ["Sodium carbonates", "9,11"],
  e500i: ["Sodium carbonate", "9,11"],
  e500ii: ["Sodium hydrogen carbonate", "9,11"],
  e500iii: ["Sodium sesquicarbonate", "9,11"],
  e501: ["Potassium carbonates", "9"],
  e501i: ["Potassium carbonate", "9"],
  e501ii: ["Potassium hydrogen carbonate", "9"],
  e502: ["Carbonates", ""],
  e503: ["Ammonium carbonates", ""],
  e503i: ["Ammonium carbonate", ""],
  e503ii: ["Ammonium hydrogen carbonate", ""],
  e504: ["Magnesium carbonates", "1"],
  e504i: ["Magnesium carbonate", "1"],
  e504ii: ["Magnesium hydroxide carbonate", "1"],
  e505: ["Ferrous carbonate", ""],
  e507: ["Hydrochloric acid", ""],
  e508: ["Potassium chloride", "9,11"],
  e509: ["Calcium chloride", "9,11"],
  e510: ["Ammonium chloride", ""],
  e511: ["Magnesium chloride", "9"],
  e512: ["Stannous chloride", "0"],
  e513: ["Sulphuric acid", ""],
  e514: ["Sodium sulphates", ""],
  e514i: ["Sodium sulphate", ""],
  e514ii: ["Sodium hydrogen sulphate", ""],
  e515: ["Potassium sulphates", ""],
  e515i: ["Potassium sulphate", ""],
  e515ii: ["Potassium hydrogen sulphate", ""],
  e516: ["Calcium sulphate", "8,9"],
  e517: ["Ammonium sulphate", ""],
  e518: ["Magnesium sulphate", ""],
  e519: ["Copper sulphate", ""],
  e520: ["Aluminium sulphate", ""],
  e521: ["Aluminium sodium sulphate", ""],
  e522: ["Aluminium potassium sulphate", ""],
  e523: ["Aluminium ammonium sulphate", "9"],
  e524: ["Sodium hydroxide", ""],
  e525: ["Potassium hydroxide", ""],
  e526: ["Calcium hydroxide", ""],
  e527: ["Ammonium hydroxide", ""],
  e528: ["Magnesium hydroxide", ""],
  e529: ["Calcium oxide", ""],
  e530: ["Magnesium oxide", ""],
  e535: ["Sodium ferrocyanide", ""],
  e536: ["Potassium ferrocyanide", ""],
  e537: ["Ferrous hexacyanomanganate", ""],
  e538: ["Calcium ferrocyanide", ""],
  e539: ["Sodium thiosulfate", "0,8"],
  e540: ["Dicalcium diphosphate", ""],
  e541: ["Sodium aluminium phosphate", "3,9,11"],
  e541i: ["Sodium aluminium phosphate", "3,9,11"],
  e541ii: ["Sodium aluminium phosphate", "3,9,11"],
  e542: ["Bone phosphate", "3,5"],
  e543: ["Calcium sodium polyphosphate", ""],
  e544: ["Calcium polyphosphate", ""],
  e545: ["Ammonium polyphosphate", ""],
  e546: ["", ""],
  e550: ["Sodium silicate", ""],
  e551: ["Silicon dioxide", "1"],
  e552: ["Calcium silicate", ""],
  e553: ["Magnesium silicates", "11"],
  e553a: ["Magnesium silicates", "11"],
  e553ai: ["Magnesium silicate", "11"],
  e553aii: ["Magnesium trisilicate", "11"],
  e553b: ["Talc", "11"],
  e554: ["Sodium aluminium silicate", ""],
  e555: ["Potassium aluminium silicate", ""],
  e556: ["Calcium aluminium silicate", ""],
  e557: ["Hemimorphite", ""],
  e558: ["Bentonite", ""],
  e559: ["Aluminium silicate", ""],
  e560: ["Potassium silicate", ""],
  e570: ["Fatty acids", ""],
  e571: ["", ""],
  e572: ["Magnesium stearate", ""],
  e573: ["Aluminium stearate", ""],
  e574: ["Gluconic acid", ""],
  e575: ["Glucono-delta-lactone", "8"],
  e576: ["Sodium gluconate", "8,9,11"],
  e577: ["Potassium gluconate", "8"],
  e578: ["Calcium gluconate", "8"],
  e579: ["Ferrous gluconate", ""],
  e580: ["Magnesium Gluconate", ""],
  e585: ["Ferrous lactate", ""],
  e586: ["4-hexylresorcinol", ""],
  e620: ["Glutamic acid", ""],
  e621: ["Monosodium glutamate", "4"],
  e622: ["Monopotassium glutamate", ""],
  e623: ["Calcium diglutamate", ""],
  e624: ["Monoammonium glutamate", ""],
  e625: ["Magnesium diglutamate", ""],
  e626: ["Guanylic acid", ""],
  e627: ["Disodium guanylate", ""],
  e628: ["Dipotassium guanylate", ""],
  e629: ["Calcium guanylate", ""],
  e630: ["Inosinic acid", ""],
  e631: ["Disodium inosinate", ""],
  e632: ["Dipotassium inosinate", ""],
  e633: ["Calcium inosinate", ""],
  e634: ["Calcium 5'-ribonucleotide", ""],
  e635: ["Disodium 5'-ribonucleotide", ""],
  e636: ["Maltol", ""],
  e637: ["Ethyl maltol", ""],
  e638: ["", ""],
  e639: ["", ""],
  e640: ["Glycine and its sodium salt", ""],
  e640i: ["Glycine", ""],
  e640ii: ["Sodiumglycinate", ""],
  e641: ["", ""],
  e642: ["", ""],
  e650: ["Zinc acetate", ""],
  e710: ["Spiramycin", ""],
  e713: ["Tylosin", ""],
  e900: ["Dimethyl polysiloxane", ""],
  e900a: ["", "3"],
  e900b: ["", ""],
  e901: ["White and yellow beeswax", "1,3,9,11"],
  e902: ["Candelilla wax", "1,3,11"],
  e903: ["Carnauba wax", "1"],
  e904: ["Shellac", ""],
  e905: ["Microcrystalline wax", ""],
  e905a: ["Mineral oil", ""],
  e905b: ["Petroleum jelly", ""],
  e905c: ["", ""],
  e905d: ["", ""],
  e905e: ["", ""],
  e905f: ["", ""],
  e905g: ["", ""],
  e906: ["Benzoin resin", ""],
  e907: ["Hydrogenated poly-1-decene", ""],
  e908: ["Rice bran wax", ""],
  e909: ["Spermaceti", ""],
  e910: ["Wax ester", ""],
  e911: ["Fatty acid methyl ester", ""],
  e912: ["Montanic acid esters", ""],
  e913: ["Lanolin", ""],
  e914: ["Oxidised polyethylene wax", ""],
  e915: ["Esters of Colophane", ""],
  e916: ["Calcium iodate", ""],
  e917: ["Potassium iodate", ""],
  e918: ["Nitrogen oxides", ""],
  e919: ["Nitrosyl chloride", ""],
  e920: ["L-cysteine hydrochloride", ""],
  e921: ["L-cysteine hydrochloride monohydrate", ""],
  e922: ["Potassium persulfate", ""],
  e923: ["Ammonium persulfate", ""],
  e924: ["Potassium bromate", ""],
  e924a: ["Potassium bromate", ""],
  e924b: ["Calcium bromate", ""],
  e925: ["Chlorine", ""],
  e926: ["Chlorine dioxide", ""],
  e927: ["", ""],
  e927a: ["Azodicarbonamide", ""],
  e927b: ["Carbamide", ""],
  e928: ["Benzole peroxide", "6"],
  e929: ["Acetone peroxide", ""],
  e930: ["Calcium peroxide", ""],
  e931: ["", ""],
  e932: ["", ""],
  e938: ["Argon", ""],
  e939: ["Helium", ""],
  e940: ["Dichlorodifluoromethane", ""],
  e941: ["Nitrogen", "7"],
  e942: ["Nitrous oxide", "0,7"],
  e943a: ["Butane", ""],
  e943b: ["Isobutane", ""],
  e944: ["Propane", ""],
  e945: ["Chloropentafluoroethane", ""],
  e946: ["Octafluorocyclobutane", ""],
  e948: ["Oxygen", ""],
  e949: ["Hydrogen", ""],
  e950: ["Acesulfame K", "10"],
  e951: ["Aspartame", "10"],
  e952: ["Cyclamate", "10"],
  e953: ["Isomalt", "9,10,11"],
  e954: ["Saccharin", "10"],
  e955: ["Sucralose", "10"],
  e956: ["Alitame", "10"],
  e957: ["Thaumatin", "10"],
  e958: ["Glycyrrhizin", ""],
  e959: ["Neohesperidine dihydrochalcone", ""],
  e960: ["Steviol glycosides", "10"],
  e961: ["Neotame", "10"],
  e962: ["Salt of aspartame-acesulfame", "10"],
  e963: ["Tagatose", "10"],
  e964: ["Polyglycitol syrup", "10"],
  e965: ["Maltitol", "3,5,9,10,11"],
  e965i: ["D-Maltitol", "3,5,9,10,11"],
  e965ii: ["Maltitol syrup", "3,5,9,10,11"],
  e966: ["Lactitol", "3,10,11"],
  e967: ["Xylitol", "3,5,9,10,11"],
  e968: ["Erythritol", "5,10"],
  e999: ["Quillaia extract", "3"],
  e1000: ["Cholic acid", ""],
  e1001: ["Choline salt", ""],
  e1100: ["Alpha-Amylase", ""],
  e1101: ["Protease", "9"],
  e1102: ["Glucose oxidase", "0"],
  e1103: ["Invertase", "9"],
  e1104: ["Lipase", ""],
  e1105: ["Lysozyme", "6"],
  e1200: ["Polydextrose", "5,9,11"],
  e1201: ["Polyvinylpyrrolidone", "3,9,11"],
  e1202: ["Polyvinylpolypyrrolidone", "9"],
  e1203: ["Polyvinyl alcohol", "11"],
  e1204: ["Pullulan", "11"],
  e1205: ["Basic methacrylate copolymer", ""],
  e1400: ["Dextrin", "1,3,9,11"],
  e1401: ["Acid-treated modified starch", "3,9,11"],
  e1402: ["Alkaline modified starch", "3,9,11"],
  e1403: ["Bleached starch", "3,9,11"],
  e1404: ["Oxidised starch", "3,9,11"],
  e1405: ["Enzyme treated starch", "3,9,11"],
  e1410: ["Monostarch phosphate", "3,9,11"],
  e1411: ["Distarch glycerol", "3,9,11"],
  e1412: ["Distarch phosphate", "3,9,11"],
  e1413: ["Phosphated distarch phosphate", "3,9,11"],
  e1414: ["Acetylated distarch phosphate", "3,9,11"],
  e1420: ["Acetylated starch", "3,9,11"],
  e1421: ["Acetylated starch", "3,9,11"],
  e1422: ["Acetylated distarch adipate", "3,9,11"],
  e1423: ["Acetylated distarch glycerol", "3,9,11"],
  e1430: ["Distarch glycerine", "3,9,11"],
  e1440: ["Hydroxypropyl starch", "3,9,11"],
  e1441: ["Hydroxy propyl distarch glycerine", "3,9,11"],
  e1442: ["Hydroxypropyl distarch phosphate", "3,9,11"],
  e1443: ["Hydroxy propyl distarch glycerol", "3,9,11"],
  e1450: ["Starch sodium octenyl succinate", "3,9,11"],
  e1451: ["Acetylated oxidised starch", "3,9,11"],
  e1452: ["Starch aluminium octenyl succinate", "3,9,11"],
  e1503: ["Castor oil", "1,3"],
  e1504: ["Ethyl acetate", "1"],
  e1505: ["Triethyl citrate", "1,3,8,9"],
  e1510: ["Ethanol", ""],
  e1517: ["Glyceryl diacetate", ""],
  e1518: ["Glyceryl triacetate", "1,3,5"],
  e1519: ["Benzyl alcohol", ""],
  e1520: ["Propylene Glycol", "3,5"],
  e1521: ["Polyethylene glycol", ""],
};
// END GENERATED
