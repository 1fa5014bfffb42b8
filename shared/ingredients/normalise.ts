
/**
 * Ingredient name normalisation (DESIGN §3). The app stores the normalised name, so this decides
 * what people see in their diary: it has to be predictable, and it must be idempotent
 * (normaliseIngredient(normaliseIngredient(x)) === normaliseIngredient(x)).
 *
 * Steps, in order:
 *  1. Unicode NFKC, lowercase, accents dropped from Latin letters ("jalapeño" → "jalapeno").
 *  2. "&" → "and", "%" → "percent"; apostrophes vanish ("m&m's" → "m and ms"); every other
 *     punctuation mark, hyphens included, becomes a space; spaces collapse; trim.
 *  3. The last word is singularised ("blueberries" → "blueberry", "tomatoes" → "tomato",
 *     "bay leaves" → "bay leaf"), except plural-only food words ("oats", "grits", "greens",
 *     "flakes", "fries", "hummus", "asparagus", "molasses" …) and a few whole phrases
 *     ("fish and chips"). Only the last word: it is the head noun in English food names
 *     ("brussels sprouts" → "brussels sprout", "peas and carrots" keeps "peas").
 *  4. Word respellings ("yoghurt" → "yogurt", "chilli" → "chili", "soya" → "soy"), including the
 *     British names of two vegetables ("aubergine" → "eggplant", "courgette" → "zucchini").
 *  5. Whole-name aliases: different names for the very same food and data
 *     ("scallion", "spring onion" → "green onion"; "whole milk" → "milk"; "diet coke" → "diet soda").
 *     Broader or looser names ("cola" for soda, "coriander" for cilantro) are not rewritten here;
 *     the food table resolves them without changing what the person typed.
 */
export function normaliseIngredient(raw: string): string {
  const cleaned = cleanName(raw);
  if (!cleaned) return '';
  const phrase = respell(singulariseLast(cleaned));
  return ALIASES.get(phrase) ?? phrase;
}

/** Steps 1–2 only: lowercase, accents, punctuation, spaces. Used for type-ahead matching. */
export function cleanName(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/['’‘`´]/g, '')
    .replace(/&/g, ' and ')
    .replace(/%/g, ' percent ')
    .normalize('NFD')
    // Drop combining marks after Latin letters only, so other scripts keep their marks.
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plural-only or mass-noun words that stay as they are at the end of a name. */
const INVARIANT = new Set([
  'oats', 'grits', 'greens', 'flakes', 'fries', 'sprinkles', 'molasses', 'hummus', 'houmous', 'couscous',
  'asparagus', 'citrus', 'octopus', 'hibiscus', 'cactus', 'lotus', 'jus', 'swiss', 'brussels', 'tapas',
  'pastis', 'anis', 'haggis', 'bitters', 'schnapps', 'hops', 'series', 'species', 'cheerios', 'doritos',
  'skittles', 'weetabix', 'krispies', 'preserves', 'giblets', 'chitterlings', 'nibs', 'cornflakes', 'nachos', 'loops',
]);

/** Whole cleaned phrases that keep their plural. */
const INVARIANT_PHRASES = new Set(['fish and chips', 'bangers and mash', 'pigs in blankets', 'hundreds and thousands']);

/** Irregular plurals, and -ves / -oes words whose singular is not found by the general rules. */
const IRREGULAR = new Map<string, string>([
  ['leaves', 'leaf'], ['loaves', 'loaf'], ['halves', 'half'], ['calves', 'calf'], ['knives', 'knife'],
  ['shelves', 'shelf'], ['wolves', 'wolf'], ['scarves', 'scarf'],
  ['tomatoes', 'tomato'], ['potatoes', 'potato'], ['mangoes', 'mango'], ['avocadoes', 'avocado'],
  ['pimentoes', 'pimento'], ['buffaloes', 'buffalo'], ['jalapenoes', 'jalapeno'], ['geese', 'goose'],
]);

/** Words whose singular ends in "-ie" (so "-ies" → "-ie", not "-y"). */
const IE_WORDS = new Set([
  'cookie', 'brownie', 'smoothie', 'veggie', 'hoagie', 'calorie', 'goodie', 'rookie', 'beanie', 'birdie',
  'movie', 'selfie', 'sweetie', 'foodie', 'pierogie', 'collie', 'genie', 'prairie', 'rotisserie',
  'patisserie', 'charcuterie', 'brie', 'magpie', 'potpie', 'pinkie', 'cutie', 'auntie', 'nightie',
  'oldie', 'hippie', 'boogie', 'whoopie', 'kiddie', 'mountie', 'zombie', 'lassie', 'cabbie', 'hottie',
]);

/** Words ending in "-che" whose plural is "-ches" (so not "-ch"). */
const CHE_WORDS = new Set(['quiche', 'brioche', 'ganache', 'mache', 'cache', 'niche', 'cliche', 'pastiche', 'creche', 'fiche', 'gouache', 'panache', 'moustache', 'avalanche']);

/** The singular of one lower-case word. Idempotent: singularWord(singularWord(w)) === singularWord(w). */
export function singularWord(w: string): string {
  // Each rule shortens the word, so repeating until nothing changes ends, at a fixed point.
  let current = w;
  for (;;) {
    const next = singularStep(current);
    if (next === current) return current;
    current = next;
  }
}

function singularStep(w: string): string {
  if (w.length <= 3 || INVARIANT.has(w)) return w;
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (!w.endsWith('s') || w.endsWith('ss') || w.endsWith('us')) return w;
  if (w.endsWith('ies')) {
    const stem = w.slice(0, -1);
    if (w.length <= 4 || IE_WORDS.has(stem)) return stem; // pies, cookies
    return `${w.slice(0, -3)}y`; // berries → berry
  }
  if (w.endsWith('sses')) return w.slice(0, -2); // glasses → glass
  if (/(ch|sh|x|zz)es$/.test(w)) {
    const stem = w.slice(0, -1);
    return CHE_WORDS.has(stem) ? stem : w.slice(0, -2); // peaches → peach, quiches → quiche
  }
  return w.slice(0, -1); // apples, olives, cheeses, avocados
}

function singulariseLast(phrase: string): string {
  if (INVARIANT_PHRASES.has(phrase)) return phrase;
  const i = phrase.lastIndexOf(' ');
  const last = phrase.slice(i + 1);
  const singular = singularWord(last);
  return singular === last ? phrase : phrase.slice(0, i + 1) + singular;
}

/**
 * Spelling variants of single words. Keys are what step 3 leaves (so "chillies" arrives as
 * "chilly"); values are fixed points of every step.
 */
const RESPELL = new Map<string, string>([
  ['yoghurt', 'yogurt'], ['yogourt', 'yogurt'], ['yoghourt', 'yogurt'],
  ['chilli', 'chili'], ['chilly', 'chili'], ['chily', 'chili'], ['chile', 'chili'],
  ['soya', 'soy'], ['houmous', 'hummus'], ['hommus', 'hummus'], ['humous', 'hummus'],
  ['donut', 'doughnut'], ['catsup', 'ketchup'], ['ketsup', 'ketchup'],
  ['whisky', 'whiskey'], ['mozarella', 'mozzarella'], ['parmigiano', 'parmesan'],
  ['expresso', 'espresso'], ['tumeric', 'turmeric'], ['brocoli', 'broccoli'], ['brocolli', 'broccoli'],
  ['zuchini', 'zucchini'], ['zucchinni', 'zucchini'], ['cinammon', 'cinnamon'], ['cinamon', 'cinnamon'],
  ['aubergine', 'eggplant'], ['courgette', 'zucchini'],
]);

function respell(phrase: string): string {
  if (!phrase.split(' ').some((w) => RESPELL.has(w))) return phrase;
  return phrase
    .split(' ')
    .map((w) => RESPELL.get(w) ?? w)
    .join(' ');
}

/**
 * Whole-name aliases: the very same food under another name, so one diary entry, one set of data.
 * Written naturally here; keys are normalised (steps 1–4) when the module loads.
 */
const ALIAS_SOURCE: Record<string, readonly string[]> = {
  'green onion': ['scallion', 'spring onion', 'salad onion', 'green onions'],
  milk: ['whole milk', 'full fat milk', 'full-fat milk', 'cows milk', 'cow milk', 'whole cows milk', 'vitamin d milk'],
  'skim milk': ['skimmed milk', 'nonfat milk', 'non-fat milk', 'fat free milk', 'fat-free milk'],
  'diet soda': ['coke zero', 'coca cola zero', 'coca-cola zero', 'diet coke', 'coke light', 'coca cola light', 'diet pepsi', 'pepsi max', 'pepsi zero sugar', 'diet cola', 'sugar free cola', 'zero sugar cola'],
  chickpea: ['garbanzo', 'garbanzo beans', 'chick peas', 'ceci beans', 'chana'],
  yogurt: ['curd', 'dahi', 'plain yogurt', 'natural yogurt'],
  'green bean': ['string beans', 'french beans', 'snap beans', 'haricots verts'],
  arugula: ['rocket', 'roquette', 'rucola'],
  cilantro: ['coriander leaves', 'fresh coriander', 'chinese parsley'],
  shrimp: ['prawns'],
  rutabaga: ['swede'],
  'snow pea': ['mangetout', 'mange tout'],
  'bell pepper': ['capsicum', 'sweet pepper'],
  beetroot: ['beets', 'red beet'],
  'sweet potato': ['kumara'],
  cornstarch: ['cornflour', 'corn starch'],
  'powdered sugar': ['icing sugar', 'confectioners sugar'],
  sugar: ['white sugar', 'table sugar', 'granulated sugar', 'caster sugar', 'cane sugar', 'sucrose'],
  'heavy cream': ['heavy whipping cream'],
  'light cream': ['coffee cream', 'table cream'],
  'french fries': ['fries', 'french fry', 'pommes frites'],
  'potato chip': ['crisps', 'potato crisps'],
  'ground beef': ['beef mince', 'minced beef', 'hamburger meat', 'mince'],
  'ground pork': ['pork mince', 'minced pork'],
  'ground turkey': ['turkey mince', 'minced turkey'],
  'ground lamb': ['lamb mince', 'minced lamb'],
  jam: ['fruit jam', 'preserves', 'fruit preserves'],
  candy: ['sweets', 'lollies'],
  popsicle: ['ice lolly', 'ice pop'],
  soda: ['soft drink', 'fizzy drink'],
  'sparkling water': ['carbonated water', 'fizzy water', 'seltzer', 'soda water'],
  'energy drink': ['red bull'],
  'high fructose corn syrup': ['hfcs', 'glucose fructose syrup', 'isoglucose'],
  msg: ['monosodium glutamate', 'e621'],
  aspartame: ['e951', 'nutrasweet'],
  sucralose: ['e955', 'splenda'],
  'acesulfame k': ['acesulfame potassium', 'acesulfame', 'ace k', 'e950'],
  carrageenan: ['e407', 'carrageenin'],
  eggplant: ['brinjal'],
  okra: ['ladies finger', 'bhindi'],
  cantaloupe: ['rockmelon', 'cantaloupe melon', 'muskmelon'],
  'passion fruit': ['passionfruit', 'granadilla'],
  'dragon fruit': ['pitaya', 'pitahaya'],
  'bok choy': ['pak choi', 'pak choy', 'bok choi', 'pok choi'],
  'napa cabbage': ['chinese cabbage', 'nappa cabbage', 'wombok'],
  'pumpkin seed': ['pepitas'],
  flaxseed: ['linseed', 'flax seed', 'flax'],
  tahini: ['tahina', 'tahini paste', 'sesame paste'],
  'whey protein': ['whey protein powder'],
  'soy sauce': ['shoyu'],
  espresso: ['short black'],
  coffee: ['black coffee', 'filter coffee', 'drip coffee', 'brewed coffee'],
  'black tea': ['english breakfast tea', 'builders tea'],
  ghee: ['clarified butter'],
  oats: ['rolled oats', 'porridge oats', 'oat flakes', 'old fashioned oats', 'quick oats'],
  porridge: ['oatmeal porridge', 'oat porridge', 'cooked oatmeal'],
  cornflakes: ['corn flakes'],
  'brussels sprout': ['brussel sprouts', 'brussels'],
  'swiss chard': ['chard', 'silverbeet', 'rainbow chard'],
  'collard greens': ['collards', 'collard'],
  spinach: ['baby spinach', 'english spinach'],
  lettuce: ['green leaf lettuce', 'leaf lettuce'],
  'romaine lettuce': ['romaine', 'cos lettuce', 'cos'],
  'iceberg lettuce': ['iceberg'],
  yuca: ['cassava', 'manioc', 'yucca'],
  salmon: ['atlantic salmon', 'salmon fillet'],
  tuna: ['canned tuna', 'tinned tuna', 'tuna in water'],
  sardine: ['canned sardines', 'tinned sardines'],
  squid: ['calamari'],
  egg: ['whole egg', 'hen egg', 'chicken egg'],
  'peanut butter': ['pb'],
  mayonnaise: ['mayo'],
  ketchup: ['tomato ketchup'],
  'hot sauce': ['pepper sauce'],
  'coconut water': ['coconut juice'],
};

function buildAliases(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [target, names] of Object.entries(ALIAS_SOURCE)) {
    for (const name of names) {
      const key = respell(singulariseLast(cleanName(name)));
      if (key !== target) map.set(key, target);
    }
  }
  return map;
}

const ALIASES = buildAliases();

/** The alias table as [normalised alias, canonical name] pairs (for the food table build and tests). */
export function aliasPairs(): Array<[string, string]> {
  return [...ALIASES.entries()];
}

/**
 * The food-table entry for anything a person might type: any case, punctuation, plural or alias.
 * Tries the normalised name first, then the cleaned spelling as typed (for table-only names
 * that differ from the normalised form only by a plural).
 */
// Generic over the table's shape, so this module (which food-table.ts builds on) never imports it back.
export function resolveIngredient<E>(name: string, table: { index: ReadonlyMap<string, number>; entries: readonly E[] }): E | undefined {
  const normalised = normaliseIngredient(name);
  if (!normalised) return undefined;
  const i = table.index.get(normalised) ?? table.index.get(cleanName(name));
  return i === undefined ? undefined : table.entries[i];
}
