/**
 * A packaged product's ingredient list (Open Food Facts) as the diary's canonical food names, so a logged
 * product's wheat flour counts as the flour typed on another day (issue 14).
 *
 * Open Food Facts gives two forms:
 * - `ingredients`: its own parse of the label, a tree of `{id, text, percent…, ingredients?}` where ids in
 *   its ingredients taxonomy are English ("en:wheat-flour") whatever the label's language, and ids outside
 *   it keep the label's language ("fr:radiatori cuits"); older bodies have ids without a prefix.
 * - `ingredients_text`: the label as printed, with nested brackets, percentages, "contains …" statements
 *   and allergens marked with underscores.
 * The structured list is used when present; the text only when there is none and it is English. The
 * recorded taxonomies in ../shared/data/off/taxonomies are the additives ones only (no ingredients taxonomy),
 * so the English names come from the ids Open Food Facts itself resolved, and the app's normaliser and food
 * table take it from there.
 *
 * What is kept, and why:
 * - Foods, mapped through the app's normaliser, then the food table when the caller passes one (`resolve`),
 *   after dropping preparation words the table does not name ("cooked chickpeas" → chickpea).
 * - Additives (E-numbers, "citric acid" by its taxonomy id) are dropped, except those the food table
 *   carries as foods of their own (sweeteners, polyols such as sorbitol, carrageenan …): those raise flags
 *   and components people ask about. Additive function words ("emulsifier", "acidity regulator") are labels,
 *   not ingredients: their bracketed contents are read instead.
 * - Flavourings are dropped (unnamed, trace amounts), except caffeine added as a flavouring.
 * - Plain water is dropped: it is in most products and carries nothing the analysis can use. Carbonated
 *   water is kept (it is a food of the table, and fizz is something people with bloating ask about), and so
 *   is salt (a real ingredient the table knows; a food in nearly every product simply yields no finding).
 * - Names in another language than English (outside the taxonomy) cannot be matched to the diary's names,
 *   so they are left out and reported in `unread`, never guessed.
 * - A bracketed ingredient's own name ("milk chocolate (sugar, cocoa butter…)") is kept when the food
 *   table knows it, besides its contents; a label-only name ("seasoning packet") is not.
 */
import { additiveByName, additiveTag } from './additives';
import { ADDITIVES } from './knowledge';
import { normaliseIngredient } from './normalise';

/** One node of Open Food Facts' structured ingredient list, reduced to what the parser reads. */
export interface OffIngredientNode {
  id: string;
  text?: string;
  percent?: number;
  ingredients?: OffIngredientNode[];
}

export interface ParsedOffIngredients {
  /** Canonical ingredient names, in label order, each once. */
  names: string[];
  /** Which form they came from ('none': the product has no ingredient list Aurea can read). */
  from: 'list' | 'text' | 'none';
  /** Ingredients left out because they are written in another language than English. */
  unread: string[];
}

/** The most names one product contributes (the diary's limit for one item). */
export const MAX_PRODUCT_INGREDIENTS = 80;
const MAX_DEPTH = 6;

/**
 * Reads `ingredients` from an Open Food Facts body defensively (it is upstream data): nodes without an id
 * are skipped, numbers must be finite, nesting stops at a depth no real label reaches. Used by the food
 * server to pass the list on, and by the app to read what it stored.
 */
export function readOffIngredientNodes(raw: unknown, depth = 0): OffIngredientNode[] {
  if (!Array.isArray(raw) || depth > MAX_DEPTH) return [];
  const out: OffIngredientNode[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const r = item as Record<string, unknown>;
    const id = typeof r.id === 'string' ? r.id.trim() : '';
    if (!id) continue;
    const node: OffIngredientNode = { id };
    if (typeof r.text === 'string' && r.text.trim()) node.text = r.text.trim();
    const pct = typeof r.percent === 'number' ? r.percent : typeof r.percent_estimate === 'number' ? r.percent_estimate : undefined;
    if (pct !== undefined && Number.isFinite(pct)) node.percent = Math.round(pct * 100) / 100;
    const sub = readOffIngredientNodes(r.ingredients, depth + 1);
    if (sub.length) node.ingredients = sub;
    out.push(node);
  }
  return out;
}

/** Additive function words (the FAO technological functions in the additives classes taxonomy, in English). */
const FUNCTION_WORDS = new Set(
  [
    'acid', 'acids', 'acidifier', 'acidifying agent', 'acidulant', 'acidity regulator', 'acidity regulators', 'antioxidant', 'antioxidants',
    'anti caking agent', 'anticaking agent', 'bulking agent', 'carrier', 'colour', 'colours', 'color', 'colors', 'colouring', 'coloring',
    'emulsifier', 'emulsifiers', 'emulsifying salt', 'emulsifying salts', 'firming agent', 'flavour enhancer', 'flavor enhancer',
    'foaming agent', 'gelling agent', 'glazing agent', 'humectant', 'preservative', 'preservatives', 'propellant', 'packaging gas',
    'raising agent', 'raising agents', 'leavening agent', 'sequestrant', 'stabiliser', 'stabilisers', 'stabilizer', 'stabilizers',
    'sweetener', 'sweeteners', 'thickener', 'thickeners', 'thickening agent', 'flour treatment agent', 'modified starch', 'additive',
  ].map((w) => normaliseIngredient(w)),
);

const FLAVOURING = /\b(?:flavou?rings?|flavou?rs?|aromas?|aromatic extract)$/;
const PLAIN_WATER = new Set(['water', 'drinking water', 'mineral water', 'filtered water', 'spring water', 'purified water', 'natural mineral water']);
/** Preparation words that name how a food was treated, not a different food; dropped to find the food. */
const PREPARATION = new Set([
  'fresh', 'whole', 'cooked', 'pre', 'fried', 'prefried', 'chopped', 'crushed', 'grilled', 'roasted', 'toasted', 'dried', 'dehydrated',
  'pasteurised', 'pasteurized', 'homogenised', 'homogenized', 'organic', 'concentrated', 'double', 'hulled', 'sliced', 'diced', 'raw',
  'frozen', 'smoked', 'salted', 'unsalted', 'peeled', 'steamed', 'boiled', 'rehydrated', 'blanched', 'free', 'range', 'british', 'italian',
  'from', 'concentrate', 'puree', 'pulp', 'pulpe', 'powdered', 'organically', 'produced', 'organic',
]);

/** E-number tag → the food table's name for the additives it carries as foods (aspartame, sorbitol …). */
const TABLE_ADDITIVES: ReadonlyMap<string, string> = new Map(
  ADDITIVES.flatMap((a) => a.aliases.map((alias) => [additiveTag(alias), a.name] as const).filter((p): p is readonly [string, string] => p[0] !== null)),
);

/** The language and English words of an ingredient id: "en:wheat-flour" → ['en', 'wheat flour']; "sugar" → ['en', 'sugar']. */
function idWords(id: string): [string, string] {
  const m = /^([a-z]{2}):(.*)$/.exec(id);
  const lang = m ? m[1]! : 'en';
  const rest = (m ? m[2]! : id).replace(/[-_]+/g, ' ');
  return [lang, rest];
}

export type Resolve = (name: string) => string | undefined;

/** The diary's name for one English ingredient name, or null when it is not an ingredient to keep. */
function canonical(words: string, resolve?: Resolve): string | null {
  const tag = additiveTag(words.replace(/\s+/g, ''));
  if (tag) return TABLE_ADDITIVES.get(tag) ?? TABLE_ADDITIVES.get(tag.replace(/[a-z]+$/, '')) ?? null;
  let name = normaliseIngredient(words.replace(/_/g, ' ').replace(/\d+(?:[.,]\d+)?\s*%/g, ' ')).replace(/^(?:including|incl|with|and|of) /, '');
  // Bare numbers ("330" of "acid (330)") and preparation words alone ("rice (cooked)") name nothing.
  if (!name || /^[\d ]+$/.test(name) || PREPARATION.has(name)) return null;
  if (PLAIN_WATER.has(name) || FUNCTION_WORDS.has(name)) return null;
  if (FLAVOURING.test(name)) return /\bcaff?ein/.test(name) ? 'caffeine' : null;
  const hit = resolve?.(name);
  if (hit) return hit;
  // An additive written by name ("citric acid", "potassium benzoate"), as its E-number would be.
  const named = additiveByName(name);
  if (named) return TABLE_ADDITIVES.get(named) ?? TABLE_ADDITIVES.get(named.replace(/[a-z]+$/, '')) ?? null;
  if (resolve) {
    // "whole fresh eggs" → "egg": preparation words dropped from the front until the table knows the food.
    const words = name.split(' ');
    while (words.length > 1 && PREPARATION.has(words[0]!)) {
      words.shift();
      const found = resolve(words.join(' '));
      if (found) return found;
    }
    const trailing = name.split(' ');
    while (trailing.length > 1 && PREPARATION.has(trailing[trailing.length - 1]!)) {
      trailing.pop();
      const found = resolve(trailing.join(' '));
      if (found) return found;
    }
  }
  if ([...name].length > 80) name = [...name].slice(0, 80).join('').trim();
  return name;
}

/** Names from the structured list, depth first, parents before their contents. */
function fromNodes(nodes: readonly OffIngredientNode[], resolve: Resolve | undefined, out: string[], unread: string[]): void {
  for (const n of nodes) {
    const [lang, words] = idWords(n.id);
    const english = lang === 'en';
    const name = english ? canonical(words, resolve) : null;
    if (n.ingredients?.length) {
      // A bracketed ingredient: its own name only when it is a food Aurea knows, then its contents.
      if (name && (!resolve || resolve(name))) out.push(name);
      fromNodes(n.ingredients, resolve, out, unread);
    } else if (name) out.push(name);
    else if (!english) unread.push((n.text ?? words).replace(/_/g, '').trim());
  }
}

/** A printed list as nodes: top-level commas and semicolons split, brackets nest. */
export function textToNodes(text: string): OffIngredientNode[] {
  const cleaned = text
    .replace(/\r/g, '')
    .replace(/^\s*ingredients?\s*:/i, '')
    // "contains milk, soy" and "may contain nuts": allergen statements, not ingredients.
    .replace(/[.;]?\s*(?:may )?contains?\b[^.;]*(?:[.;]|$)/gi, ';')
    .replace(/\b(?:traces? of|produced in a factory|made in a factory)\b[^.;]*(?:[.;]|$)/gi, ';');
  const root: OffIngredientNode[] = [];
  const stack: OffIngredientNode[][] = [root];
  let cur = '';
  const flush = () => {
    let words = cur.replace(/_/g, '').replace(/\d+(?:[.,]\d+)?\s*%/g, ' ').replace(/\s+/g, ' ').trim();
    cur = '';
    // "acidity regulator: citric acid", "noodle: rice" — the part after the colon is the ingredient.
    if (words.includes(':')) words = words.slice(words.lastIndexOf(':') + 1).trim();
    words = words.replace(/^[\s.*-]+|[\s.*-]+$/g, '');
    if (!words) return null;
    const node: OffIngredientNode = { id: `en:${words}`, text: words };
    stack[stack.length - 1]!.push(node);
    return node;
  };
  // The ingredient just closed at this level, so "sugar 10% (from beet)" attaches its bracket to sugar.
  let last: OffIngredientNode | null = null;
  const chars = [...cleaned];
  chars.forEach((ch, i) => {
    const between = /\d/.test(chars[i - 1] ?? '') && /\d/.test(chars[i + 1] ?? '');
    if (ch === '(' || ch === '[') {
      const parent = flush() ?? last;
      if (parent && stack.length < MAX_DEPTH) {
        parent.ingredients ??= [];
        stack.push(parent.ingredients);
      } else stack.push([]);
      last = null;
    } else if (ch === ')' || ch === ']') {
      flush();
      if (stack.length > 1) stack.pop();
      const level = stack[stack.length - 1]!;
      last = level[level.length - 1] ?? null;
    } else if ((ch === ',' || ch === '.') && between) {
      cur += '.'; // a decimal number ("4,4 %")
    } else if (ch === ',' || ch === ';' || ch === '\n' || ch === '.') {
      flush();
      last = null;
    } else cur += ch;
  });
  flush();
  return root;
}

/**
 * A product's ingredients as canonical names. `resolve` maps a normalised name to the food table's
 * canonical name (undefined when the table does not know it); without it only the normaliser applies.
 * `lang` is the language of `ingredients_text` (the text is read only when it is English or unknown).
 */
export function parseOffIngredients(input: { ingredients?: unknown; ingredients_text?: string | null; lang?: string | null }, resolve?: Resolve): ParsedOffIngredients {
  const nodes = readOffIngredientNodes(input.ingredients);
  const out: string[] = [];
  const unread: string[] = [];
  let from: ParsedOffIngredients['from'] = 'none';
  if (nodes.length) {
    from = 'list';
    fromNodes(nodes, resolve, out, unread);
  } else if (input.ingredients_text?.trim()) {
    if (!input.lang || input.lang === 'en') {
      from = 'text';
      fromNodes(textToNodes(input.ingredients_text), resolve, out, unread);
    } else unread.push(input.ingredients_text.trim());
  }
  const names = [...new Set(out)].slice(0, MAX_PRODUCT_INGREDIENTS);
  return { names, from: names.length ? from : 'none', unread: [...new Set(unread)].filter(Boolean) };
}
