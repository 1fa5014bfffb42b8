import type { IngredientFlag, NutrientsPer100g } from './types';

/**
 * Aurea's small curated knowledge table (DESIGN §3): what the nutrient tables cannot say.
 * Which everyday foods are fermented, prebiotic, polyphenol-rich, phytoestrogen sources,
 * caffeinated, refined sugar or refined grain, omega-3-rich or omega-6-heavy, and which are
 * (or contain) artificial sweeteners, emulsifiers or artificial colours — each with the reason
 * shown to the person — plus the "well studied" everyday foods used by the confidence rule and
 * the few nutrient values curated from a named source where USDA SR28's abbreviated table has none.
 *
 * Names are canonical food-table names (normalised). Flags are general properties of the food as
 * usually eaten or sold; a specific product's label (Open Food Facts additives) can add more.
 */

interface FlagGroup {
  flag: IngredientFlag;
  /** Shown to the person as the reason, e.g. "fermented with live bacterial cultures". */
  reason: string;
  foods: readonly string[];
}

/** Source texts cited by reasons and curated values. */
export const KNOWLEDGE_SOURCES = {
  polyphenols:
    'Pérez-Jiménez J, Neveu V, Vos F, Scalbert A. Identification of the 100 richest dietary sources of polyphenols (Phenol-Explorer). Eur J Clin Nutr 2010;64 Suppl 3:S112–S120.',
  prebiotics:
    'Carlson JL, Erickson JM, Lloyd BB, Slavin JL. Health effects and sources of prebiotic dietary fiber. Curr Dev Nutr 2018;2(3):nzy005.',
  phytoestrogens:
    'Thompson LU, Boucher BA, Liu Z, Cotterchio M, Kreiger N. Phytoestrogen content of foods consumed in Canada, including isoflavones, lignans, and coumestan. Nutr Cancer 2006;54(2):184–201.',
  fermented:
    'Marco ML, Heeney D, Binda S, et al. Health benefits of fermented foods: microbiota and beyond. Curr Opin Biotechnol 2017;44:94–102.',
  omega3:
    'US Dietary Guidelines 2020–2025 (seafood higher in EPA and DHA); NIH Office of Dietary Supplements, Omega-3 Fatty Acids fact sheet (ALA sources: flaxseed, chia, walnuts, canola and soybean oil).',
  omega6:
    'USDA SR28 fatty-acid profiles: linoleic acid (18:2, omega-6) is the dominant fatty acid of corn, sunflower (linoleic), safflower (linoleic), cottonseed, grapeseed, sesame and peanut oils, which contain little alpha-linolenic acid (omega-3).',
  caffeine:
    'USDA National Nutrient Database for Standard Reference, Release 28, nutrient 262 (caffeine) for the NDB number in the food table; the abbreviated SR28 file used for the table omits caffeine.',
  cokeZero:
    'Open Food Facts product 0049000042566 (Coca-Cola Zero, US): caffeine 34 mg per 355 ml serving = 9.6 mg/100 g; additives E950 acesulfame K, E951 aspartame, E150 caramel colour.',
  colaLabel: 'Coca-Cola Company product facts: Coca-Cola Classic 34 mg caffeine per 12 fl oz (355 ml) = 9.6 mg/100 ml.',
  redBull: 'Red Bull product label: 80 mg caffeine per 250 ml can = 32 mg/100 ml.',
  transFat:
    'US FDA, "Revealing Trans Fats", FDA Consumer 2003 (trans fat per tablespoon: stick margarine 3 g per 14 g; vegetable shortening 4 g per 12.8 g); products made with partially hydrogenated oil.',
  wellStudied:
    'Curated: everyday foods with a large body of human nutrition research (well over 100 published studies), e.g. in the evidence reviews behind the US Dietary Guidelines 2020–2025.',
} as const;

const FLAG_GROUPS: readonly FlagGroup[] = [
  // Fermented: kept only where live cultures or fermentation products survive in the food as eaten.
  // Alcoholic drinks and baked sourdough are fermented too, but carry no live cultures, so no gut credit.
  { flag: 'fermented', reason: 'fermented with live bacterial cultures', foods: ['yogurt', 'greek yogurt', 'kefir', 'buttermilk', 'skyr', 'soy yogurt', 'frozen yogurt'] },
  { flag: 'fermented', reason: 'lacto-fermented vegetables', foods: ['kimchi', 'sauerkraut'] },
  { flag: 'fermented', reason: 'fermented soybean food', foods: ['miso', 'tempeh', 'natto'] },
  { flag: 'fermented', reason: 'aged cheese made with bacterial cultures', foods: ['cheddar', 'parmesan', 'gouda', 'swiss cheese', 'brie', 'camembert', 'blue cheese', 'feta cheese', 'goat cheese', 'cheese', 'mozzarella', 'provolone', 'edam', 'gruyere', 'romano', 'cottage cheese'] },
  { flag: 'fermented', reason: 'cultured cream', foods: ['sour cream', 'creme fraiche'] },

  { flag: 'prebiotic', reason: 'source of inulin-type fructans (prebiotic fiber)', foods: ['garlic', 'onion', 'red onion', 'shallot', 'leek', 'green onion', 'asparagus', 'artichoke', 'jerusalem artichoke', 'chicory root', 'dandelion greens', 'garlic powder', 'onion powder'] },
  { flag: 'prebiotic', reason: 'source of resistant starch and fructans', foods: ['banana', 'plantain'] },
  { flag: 'prebiotic', reason: 'source of galacto-oligosaccharides (prebiotic)', foods: ['lentil', 'chickpea', 'black bean', 'kidney bean', 'pinto bean', 'navy bean', 'white bean', 'bean', 'split pea', 'lima bean', 'mung bean', 'hummus', 'baked bean', 'black eyed pea', 'edamame', 'soybean', 'cashew', 'pistachio', 'red lentil', 'dal', 'butter bean', 'fava bean', 'adzuki bean', 'refried bean', 'falafel'] },
  { flag: 'prebiotic', reason: 'cereal beta-glucan and arabinoxylan (prebiotic fiber)', foods: ['oats', 'porridge', 'oat bran', 'barley', 'rye bread', 'wheat bran', 'bran flakes', 'muesli'] },
  { flag: 'prebiotic', reason: 'source of pectin and polyphenols reaching the colon', foods: ['apple', 'green apple'] },

  { flag: 'polyphenols', reason: 'among the richest dietary sources of polyphenols (Phenol-Explorer)', foods: ['clove', 'cocoa', 'dark chocolate', 'flaxseed', 'blueberry', 'blackberry', 'strawberry', 'raspberry', 'cherry', 'plum', 'prune', 'black olive', 'olive', 'hazelnut', 'pecan', 'almond', 'caper', 'artichoke', 'red onion', 'shallot', 'spinach', 'apple', 'black bean', 'peach', 'grape', 'red wine', 'coffee', 'espresso', 'black tea', 'tea', 'green tea', 'oolong tea', 'extra virgin olive oil', 'olive oil', 'oregano', 'rosemary', 'thyme', 'sage', 'basil', 'mint', 'curry powder', 'cumin', 'cinnamon', 'ginger', 'celery seed', 'soybean', 'soy flour', 'black currant', 'elderberry', 'chestnut', 'walnut', 'cranberry', 'pomegranate', 'pomegranate juice', 'grape juice', 'apple juice', 'grapefruit juice', 'broccoli', 'onion', 'tempeh', 'tofu', 'turmeric', 'decaf coffee', 'green apple', 'sour cherry', 'milk chocolate', 'chocolate', 'semisweet chocolate', 'instant coffee'] },

  { flag: 'phytoestrogen', reason: 'soy isoflavones (phytoestrogens)', foods: ['soybean', 'edamame', 'tofu', 'tempeh', 'miso', 'natto', 'soy milk', 'soy yogurt', 'soy flour', 'soy protein', 'silken tofu', 'unsweetened soy milk'] },
  { flag: 'phytoestrogen', reason: 'lignans (phytoestrogens); flaxseed is the richest known source', foods: ['flaxseed', 'flaxseed oil'] },
  { flag: 'phytoestrogen', reason: 'sesame lignans (phytoestrogens)', foods: ['sesame seed', 'tahini', 'halva'] },

  { flag: 'caffeine', reason: 'contains caffeine', foods: ['coffee', 'espresso', 'instant coffee', 'black tea', 'tea', 'green tea', 'oolong tea', 'iced tea', 'soda', 'diet soda', 'energy drink', 'dark chocolate', 'cocoa', 'coffee liqueur', 'sugar free energy drink'] },

  { flag: 'refined_sugar', reason: 'mostly refined sugar', foods: ['sugar', 'brown sugar', 'powdered sugar', 'corn syrup', 'high fructose corn syrup', 'agave syrup', 'candy', 'jelly bean', 'gummy candy', 'marshmallow', 'licorice', 'caramel', 'toffee', 'fudge', 'lollipop', 'chocolate syrup', 'frosting', 'pancake syrup', 'raw sugar', 'molasses'] },
  { flag: 'refined_sugar', reason: 'sweetened with sugar or high-fructose corn syrup', foods: ['soda', 'lemonade', 'energy drink', 'sports drink', 'iced tea', 'ginger ale', 'root beer', 'tonic water', 'cranberry juice cocktail', 'fruit punch', 'chocolate milk', 'hot chocolate', 'milkshake', 'sweetened condensed milk', 'lemon lime soda', 'orange soda', 'cream soda', 'coffee liqueur', 'pina colada', 'hard lemonade'] },
  { flag: 'refined_sugar', reason: 'sweet made with refined sugar', foods: ['cake', 'chocolate cake', 'sponge cake', 'cheesecake', 'cookie', 'oatmeal cookie', 'shortbread', 'brownie', 'doughnut', 'muffin', 'pie', 'danish pastry', 'cinnamon roll', 'pastry', 'ice cream', 'frozen yogurt', 'sorbet', 'popsicle', 'pudding', 'custard', 'jam', 'marmalade', 'nutella', 'chocolate', 'milk chocolate', 'white chocolate', 'candy bar', 'granola bar', 'pop tart', 'waffle', 'pancake', 'french toast', 'gelatin dessert', 'dried cranberry', 'vanilla yogurt', 'fruit yogurt', 'caramel popcorn', 'granola', 'honey nut cheerios', 'frosted flakes', 'froot loops', 'cereal', 'protein bar', 'halva', 'mousse', 'eggnog', 'dulce de leche', 'chocolate ice cream', 'kit kat', 'm and ms', 'peanut butter cup', 'chocolate pudding', 'flan', 'rice pudding', 'tapioca pudding', 'sugar cookie', 'peanut butter cookie', 'oreo', 'graham cracker', 'wafer', 'ginger snap', 'fig bar', 'angel food cake', 'pound cake', 'apple pie', 'pumpkin pie', 'pecan pie', 'cherry pie', 'corn muffin', 'semisweet chocolate', 'banana bread', 'gingerbread'] },

  { flag: 'refined_sugar', reason: 'condiment sweetened with sugar or corn syrup', foods: ['ketchup', 'bbq sauce', 'teriyaki sauce', 'hoisin sauce', 'sweet and sour sauce', 'cranberry sauce', 'relish', 'honey mustard', 'french dressing', 'thousand island dressing', 'cocktail sauce', 'sriracha', 'peanut sauce', 'italian dressing'] },

  { flag: 'refined_grain', reason: 'made from refined (white) flour or milled grain', foods: ['white bread', 'bread', 'baguette', 'bagel', 'burger bun', 'hot dog bun', 'dinner roll', 'croissant', 'pita', 'naan', 'flour tortilla', 'tortilla', 'english muffin', 'white rice', 'basmati rice', 'jasmine rice', 'sushi rice', 'rice noodle', 'pasta', 'spaghetti', 'macaroni', 'egg noodle', 'noodle', 'udon', 'couscous', 'flour', 'cracker', 'saltine', 'pretzel', 'pita chip', 'rice cake', 'cornflakes', 'rice krispies', 'cereal', 'cake', 'chocolate cake', 'sponge cake', 'cookie', 'shortbread', 'brownie', 'doughnut', 'muffin', 'pie', 'danish pastry', 'cinnamon roll', 'pastry', 'pancake', 'waffle', 'french toast', 'pizza', 'dumpling', 'spring roll', 'polenta', 'grits', 'cornstarch', 'crouton', 'breadcrumb', 'gingerbread', 'pop tart', 'lasagna', 'mac and cheese', 'ravioli', 'tortellini', 'fried rice', 'instant noodle', 'sourdough bread', 'focaccia', 'brioche', 'hamburger', 'cheeseburger', 'burrito', 'chicken nugget', 'fried chicken', 'fish stick', 'onion ring', 'stuffing', 'matzo', 'graham cracker', 'melba toast', 'wonton wrapper', 'toast', 'italian bread', 'kaiser roll', 'buttermilk biscuit', 'raisin bread', 'oreo', 'sugar cookie', 'peanut butter cookie', 'wafer', 'ginger snap', 'fig bar', 'angel food cake', 'pound cake', 'apple pie', 'pumpkin pie', 'pecan pie', 'cherry pie', 'corn muffin', 'kit kat', 'cheese puff', 'fresh pasta', 'cream of wheat', 'egg roll', 'pepperoni pizza', 'fish sandwich', 'banana bread', 'cornbread', 'gluten free bread'] },

  { flag: 'omega3_rich', reason: 'oily fish rich in the long-chain omega-3 fats EPA and DHA', foods: ['salmon', 'smoked salmon', 'wild salmon', 'canned salmon', 'mackerel', 'sardine', 'herring', 'anchovy', 'trout', 'albacore tuna', 'tuna steak', 'bluefin tuna', 'sablefish', 'caviar', 'fish roe', 'fish oil', 'cod liver oil', 'mussel', 'oyster', 'sockeye salmon'] },
  { flag: 'omega3_rich', reason: 'rich plant source of alpha-linolenic acid (omega-3)', foods: ['flaxseed', 'flaxseed oil', 'chia seed', 'walnut', 'hemp seed', 'canola oil', 'walnut oil'] },

  { flag: 'omega6_heavy', reason: 'oil dominated by linoleic acid (omega-6) with little omega-3: ratio well over 10:1', foods: ['corn oil', 'sunflower oil', 'safflower oil', 'cottonseed oil', 'grapeseed oil', 'sesame oil', 'peanut oil'] },

  { flag: 'artificial_sweetener', reason: 'sweetened with aspartame (E951) and acesulfame K (E950), as in Coca-Cola Zero and Diet Coke', foods: ['diet soda'] },
  { flag: 'artificial_sweetener', reason: 'non-nutritive sweetener', foods: ['aspartame', 'sucralose', 'acesulfame k', 'saccharin', 'stevia', 'erythritol'] },
  { flag: 'artificial_sweetener', reason: 'sugar alcohol sweetener (polyol); large amounts ferment in the gut', foods: ['sorbitol', 'xylitol', 'maltitol'] },
  { flag: 'artificial_sweetener', reason: 'sugar-free version usually sweetened with sucralose or aspartame', foods: ['sugar free energy drink'] },

  { flag: 'emulsifier', reason: 'emulsifier / thickener additive', foods: ['carrageenan', 'polysorbate 80', 'xanthan gum', 'guar gum', 'cellulose gum', 'mono and diglyceride'] },
  { flag: 'emulsifier', reason: 'commercial versions usually contain emulsifiers and stabilisers (mono- and diglycerides E471, guar E412, carrageenan E407)', foods: ['ice cream', 'frozen yogurt', 'whipped topping', 'coffee creamer', 'margarine', 'stick margarine', 'cream cheese', 'almond milk', 'chocolate milk', 'chocolate ice cream'] },

  { flag: 'artificial_colour', reason: 'coloured with caramel colour (E150)', foods: ['soda', 'diet soda', 'root beer'] },
  { flag: 'artificial_colour', reason: 'usually coloured with synthetic food dyes (e.g. E129 Allura red, E102 tartrazine)', foods: ['candy', 'jelly bean', 'gummy candy', 'licorice', 'sports drink', 'froot loops', 'frosting', 'gelatin dessert', 'popsicle', 'lollipop', 'orange soda', 'm and ms'] },
  { flag: 'artificial_colour', reason: 'colour additive', foods: ['red 40', 'yellow 5', 'caramel color', 'titanium dioxide'] },
];

/** Everyday foods with a large evidence base (for the "high" confidence rule). */
export const WELL_STUDIED: ReadonlySet<string> = new Set([
  'milk', 'skim milk', 'yogurt', 'greek yogurt', 'kefir', 'cheese', 'cheddar', 'butter', 'cream', 'egg',
  'olive oil', 'extra virgin olive oil', 'canola oil', 'coconut oil', 'margarine', 'stick margarine', 'shortening',
  'coffee', 'espresso', 'decaf coffee', 'tea', 'black tea', 'green tea', 'red wine', 'white wine', 'wine', 'beer', 'vodka',
  'soda', 'diet soda', 'orange juice', 'apple juice', 'water',
  'soybean', 'tofu', 'soy milk', 'edamame', 'flaxseed', 'chia seed', 'walnut', 'almond', 'peanut', 'peanut butter', 'cashew', 'pistachio', 'hazelnut',
  'oats', 'porridge', 'barley', 'white bread', 'whole wheat bread', 'bread', 'rye bread', 'white rice', 'brown rice', 'pasta', 'whole wheat pasta', 'quinoa', 'cornflakes',
  'potato', 'sweet potato', 'french fries', 'potato chip',
  'lentil', 'chickpea', 'black bean', 'kidney bean', 'bean', 'pea', 'hummus',
  'apple', 'banana', 'orange', 'grapefruit', 'blueberry', 'strawberry', 'raspberry', 'grape', 'cherry', 'avocado', 'mango', 'kiwi', 'pear', 'watermelon',
  'tomato', 'broccoli', 'spinach', 'kale', 'carrot', 'onion', 'garlic', 'cabbage', 'lettuce', 'cauliflower', 'bell pepper', 'cucumber', 'mushroom', 'corn',
  'salmon', 'tuna', 'sardine', 'mackerel', 'cod', 'shrimp',
  'chicken', 'chicken breast', 'turkey', 'beef', 'ground beef', 'steak', 'pork', 'bacon', 'ham', 'sausage', 'hot dog', 'salami', 'lamb',
  'sugar', 'honey', 'high fructose corn syrup', 'dark chocolate', 'chocolate', 'cocoa', 'ice cream',
  'aspartame', 'sucralose', 'stevia', 'cinnamon', 'turmeric', 'ginger',
  'kimchi', 'sauerkraut', 'miso',
]);

/** Nutrient values curated from a named source where SR28's abbreviated table has no column for them. */
export interface CuratedValue {
  value: number;
  source: keyof typeof KNOWLEDGE_SOURCES;
  /** How the number was derived, shown with the value. */
  how: string;
}

export const CURATED_NUTRIENTS: Readonly<Record<string, Partial<Record<keyof NutrientsPer100g, CuratedValue>>>> = {
  coffee: { caffeine_mg: { value: 40, source: 'caffeine', how: 'SR28 NDB 14209, brewed coffee: 40 mg/100 g' } },
  espresso: { caffeine_mg: { value: 212, source: 'caffeine', how: 'SR28 NDB 14210, espresso: 212 mg/100 g' } },
  'black tea': { caffeine_mg: { value: 20, source: 'caffeine', how: 'SR28 NDB 14355, brewed black tea: 20 mg/100 g' } },
  tea: { caffeine_mg: { value: 20, source: 'caffeine', how: 'SR28 NDB 14355, brewed black tea: 20 mg/100 g' } },
  'green tea': { caffeine_mg: { value: 12, source: 'caffeine', how: 'SR28 NDB 14278, brewed green tea: 12 mg/100 g' } },
  'dark chocolate': { caffeine_mg: { value: 80, source: 'caffeine', how: 'SR28 NDB 19904, dark chocolate 70–85% cacao: 80 mg/100 g' } },
  cocoa: { caffeine_mg: { value: 230, source: 'caffeine', how: 'SR28 NDB 19165, unsweetened cocoa powder: 230 mg/100 g' } },
  'milk chocolate': { caffeine_mg: { value: 20, source: 'caffeine', how: 'SR28 NDB 19120, milk chocolate: 20 mg/100 g' } },
  chocolate: { caffeine_mg: { value: 20, source: 'caffeine', how: 'SR28 NDB 19120, milk chocolate: 20 mg/100 g' } },
  soda: { caffeine_mg: { value: 9.6, source: 'colaLabel', how: '34 mg per 355 ml, taken per 100 g' } },
  'diet soda': { caffeine_mg: { value: 9.6, source: 'cokeZero', how: '34 mg per 355 ml, taken per 100 g' } },
  'energy drink': { caffeine_mg: { value: 32, source: 'redBull', how: '80 mg per 250 ml, taken per 100 g' } },
  'sugar free energy drink': { caffeine_mg: { value: 32, source: 'redBull', how: '80 mg per 250 ml, taken per 100 g' } },
  'stick margarine': { trans_fat_g: { value: 21, source: 'transFat', how: '3 g per 14 g tablespoon, scaled to 100 g (approximate; partially hydrogenated soybean oil)' } },
  shortening: { trans_fat_g: { value: 31, source: 'transFat', how: '4 g per 12.8 g tablespoon, scaled to 100 g (approximate; partially hydrogenated soybean and cottonseed oil)' } },
};

/**
 * Additives people log as ingredients. They have no row in SR28 and are eaten in milligram
 * amounts, so the table carries them without nutrient data (confidence stays low).
 */
export const ADDITIVES: ReadonlyArray<{ name: string; aliases: readonly string[]; note: string }> = [
  { name: 'aspartame', aliases: ['e951', 'nutrasweet'], note: 'Sweetener E951; used in milligram amounts, so no nutrient data.' },
  { name: 'sucralose', aliases: ['e955', 'splenda'], note: 'Sweetener E955; used in milligram amounts, so no nutrient data.' },
  { name: 'acesulfame k', aliases: ['acesulfame potassium', 'e950'], note: 'Sweetener E950; used in milligram amounts, so no nutrient data.' },
  { name: 'saccharin', aliases: ['e954', 'sweet n low'], note: 'Sweetener E954; used in milligram amounts, so no nutrient data.' },
  { name: 'sorbitol', aliases: ['e420'], note: 'Sugar alcohol E420; no SR28 row.' },
  { name: 'xylitol', aliases: ['e967'], note: 'Sugar alcohol E967; no SR28 row.' },
  { name: 'erythritol', aliases: ['e968'], note: 'Sugar alcohol E968; no SR28 row.' },
  { name: 'maltitol', aliases: ['e965'], note: 'Sugar alcohol E965; no SR28 row.' },
  { name: 'carrageenan', aliases: ['e407'], note: 'Thickener and emulsifier E407 from red seaweed; no SR28 row.' },
  { name: 'polysorbate 80', aliases: ['e433', 'polysorbate'], note: 'Emulsifier E433; no SR28 row.' },
  { name: 'xanthan gum', aliases: ['e415'], note: 'Thickener E415; no SR28 row.' },
  { name: 'guar gum', aliases: ['e412'], note: 'Thickener E412; no SR28 row.' },
  { name: 'cellulose gum', aliases: ['e466', 'carboxymethylcellulose', 'cmc'], note: 'Thickener and emulsifier E466; no SR28 row.' },
  { name: 'mono and diglyceride', aliases: ['e471', 'mono and diglycerides of fatty acids'], note: 'Emulsifier E471; no SR28 row.' },
  { name: 'msg', aliases: ['e621'], note: 'Flavour enhancer E621 (monosodium glutamate); none of the scored flags apply; no SR28 row.' },
  { name: 'red 40', aliases: ['e129', 'allura red'], note: 'Colour E129; no SR28 row.' },
  { name: 'yellow 5', aliases: ['e102', 'tartrazine'], note: 'Colour E102; no SR28 row.' },
  { name: 'caramel color', aliases: ['e150', 'e150d', 'caramel colour'], note: 'Colour E150; no SR28 row.' },
  { name: 'titanium dioxide', aliases: ['e171'], note: 'Colour E171; no SR28 row.' },
];

export interface Knowledge {
  flags: IngredientFlag[];
  flag_reasons: Partial<Record<IngredientFlag, string>>;
  well_studied: boolean;
}

const BY_FOOD: ReadonlyMap<string, Knowledge> = (() => {
  const map = new Map<string, Knowledge>();
  for (const group of FLAG_GROUPS) {
    for (const food of group.foods) {
      const k = map.get(food) ?? { flags: [], flag_reasons: {}, well_studied: false };
      // The first group naming a food for a flag gives its reason.
      if (!k.flags.includes(group.flag)) {
        k.flags.push(group.flag);
        k.flag_reasons[group.flag] = group.reason;
      }
      map.set(food, k);
    }
  }
  return map;
})();

/** Every food name the knowledge table mentions (for the build's consistency check). */
export function knowledgeNames(): string[] {
  return [...new Set([...BY_FOOD.keys(), ...WELL_STUDIED, ...Object.keys(CURATED_NUTRIENTS)])].sort();
}

/** What the curated table knows about a canonical food name (empty when nothing). */
export function knowledgeFor(name: string): Knowledge {
  const k = BY_FOOD.get(name);
  return {
    flags: k ? [...k.flags] : [],
    flag_reasons: k ? { ...k.flag_reasons } : {},
    well_studied: WELL_STUDIED.has(name),
  };
}
