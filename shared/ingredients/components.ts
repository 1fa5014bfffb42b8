/**
 * Food components (issue 14 point 3): which foods carry which component, and how much of it in a usual
 * serving — high, moderate or low. A component is what often drives symptoms across many foods at
 * once (fructans in wheat, onion and garlic), so the insight engine can test "any fructan food that
 * day" when each food alone is eaten too rarely to test.
 *
 * Levels are categories, not measurements: they follow the published group and cut-off in each
 * component's source (no numbers are invented here). Names are the app's normalised ingredient names
 * (a unit test checks each normalises to itself). Dishes and products inherit from their ingredients.
 */

import { COMPONENT_KEYS, type ComponentKey } from './component-keys';

export { COMPONENT_KEYS, type ComponentKey };
export type ComponentLevel = 'high' | 'moderate' | 'low';

export interface ComponentInfo {
  key: ComponentKey;
  /** Plain name for sentences ("Fructans"). */
  label: string;
  /** Where the grouping and levels come from. */
  source: string;
}

export const COMPONENTS: Record<ComponentKey, ComponentInfo> = {
  lactose: {
    key: 'lactose',
    label: 'Lactose',
    source:
      'USDA National Nutrient Database for Standard Reference, Release 28 (2016), nutrient 213 lactose; Varney J et al. (2017) FODMAPs: food composition, defining cutoff values and international application. J Gastroenterol Hepatol 32 Suppl 1:53-61.',
  },
  fructans: {
    key: 'fructans',
    label: 'Fructans',
    source:
      'Muir JG et al. (2007) Fructan and free fructose content of common Australian vegetables and fruit. J Agric Food Chem 55:6619-6627; Biesiekierski JR et al. (2011) Quantification of fructans, galacto-oligosacharides and other short-chain carbohydrates in processed grains and cereals. J Hum Nutr Diet 24:154-176; Varney et al. 2017.',
  },
  gos: {
    key: 'gos',
    label: 'Galacto-oligosaccharides (GOS)',
    source: 'Biesiekierski et al. 2011 (J Hum Nutr Diet 24:154-176) for legumes and grains; Varney et al. 2017 (J Gastroenterol Hepatol 32 Suppl 1:53-61).',
  },
  excess_fructose: {
    key: 'excess_fructose',
    label: 'Excess fructose',
    source: 'Muir et al. 2007 (J Agric Food Chem 55:6619-6627) free fructose in excess of glucose; Varney et al. 2017 cut-off of 0.15 g excess fructose per serve.',
  },
  polyols: {
    key: 'polyols',
    label: 'Polyols (sorbitol, mannitol)',
    source: 'Yao CK et al. (2014) Dietary sorbitol and mannitol: food content and distinct absorption patterns between healthy individuals and patients with IBS. J Hum Nutr Diet 27 Suppl 2:263-275; Varney et al. 2017.',
  },
  gluten: {
    key: 'gluten',
    label: 'Gluten',
    source: 'Codex Alimentarius Standard 118-1979 (gluten-containing cereals: wheat, rye, barley and their crossbreeds); oats are low when uncontaminated.',
  },
  caffeine: {
    key: 'caffeine',
    label: 'Caffeine',
    source: 'USDA National Nutrient Database for Standard Reference, Release 28 (2016), nutrient 262 caffeine.',
  },
  alcohol: {
    key: 'alcohol',
    label: 'Alcohol',
    source: 'USDA National Nutrient Database for Standard Reference, Release 28 (2016), nutrient 221 alcohol, ethyl.',
  },
  capsaicin: {
    key: 'capsaicin',
    label: 'Capsaicin (chili heat)',
    source: 'Capsaicinoids occur only in Capsicum fruits (chili peppers) and foods made from them: Govindarajan VS, Sathyanarayana MN (1991) Capsicum — production, technology, chemistry, and quality. Part V. Crit Rev Food Sci Nutr 29:435-474.',
  },
};

export interface ComponentEntry {
  food: string;
  component: ComponentKey;
  level: ComponentLevel;
  /** Why, when the level would surprise (aged cheese is a dairy food yet low in lactose). */
  reason?: string;
}

const e = (component: ComponentKey, level: ComponentLevel, foods: readonly string[], reason?: string): ComponentEntry[] =>
  foods.map((food) => (reason ? { food, component, level, reason } : { food, component, level }));

/** The curated table. A food appears at most once per component. */
export const COMPONENT_TABLE: readonly ComponentEntry[] = [
  ...e('lactose', 'high', ['milk', 'ice cream', 'custard', 'yogurt', 'buttermilk', 'cream', 'milkshake', 'evaporated milk', 'hot chocolate']),
  ...e('lactose', 'moderate', ['cottage cheese', 'ricotta', 'cream cheese', 'sour cream', 'kefir', 'milk chocolate', 'whipped cream']),
  ...e('lactose', 'low', ['cheddar', 'parmesan', 'swiss cheese', 'gouda'], 'aged hard cheese: most lactose goes with the whey or is fermented away while it ripens'),
  ...e('lactose', 'low', ['brie', 'camembert', 'mozzarella'], 'ripened or drained soft cheese keeps little lactose'),
  ...e('lactose', 'low', ['butter'], 'butter is mostly milk fat and holds very little lactose'),

  ...e('fructans', 'high', ['onion', 'garlic', 'shallot', 'leek', 'artichoke', 'wheat bread', 'white bread', 'whole wheat bread', 'rye bread', 'pasta', 'couscous', 'barley', 'onion powder', 'garlic powder', 'pistachio', 'cashew', 'bagel', 'pizza']),
  ...e('fructans', 'moderate', ['green onion', 'croissant', 'cracker', 'noodle', 'spelt', 'flour', 'cake', 'cookie', 'pancake', 'waffle', 'pretzel', 'tortilla', 'muesli', 'granola', 'pita', 'naan', 'sourdough bread', 'fennel', 'beetroot', 'dried fig', 'date', 'raisin', 'chickpea', 'lentil', 'watermelon', 'nectarine', 'snow pea', 'wheat germ']),
  ...e('fructans', 'low', ['oats', 'potato', 'banana', 'orange', 'strawberry', 'blueberry', 'grape', 'pineapple', 'broccoli', 'cabbage', 'pumpkin']),

  ...e('gos', 'high', ['chickpea', 'lentil', 'kidney bean', 'baked bean', 'black bean', 'pinto bean', 'navy bean', 'lima bean', 'split pea', 'soybean', 'falafel', 'hummus', 'cashew', 'pistachio', 'soy milk']),
  ...e('gos', 'moderate', ['pea', 'edamame', 'almond', 'hazelnut', 'butternut squash']),
  ...e('gos', 'low', ['tofu'], 'firm tofu loses most GOS into the whey when pressed'),

  ...e('excess_fructose', 'high', ['apple', 'pear', 'mango', 'watermelon', 'honey', 'asparagus', 'cherry', 'fig']),
  ...e('excess_fructose', 'moderate', ['sugar snap pea', 'dried apricot', 'raisin', 'date']),
  ...e('excess_fructose', 'low', ['banana', 'orange', 'strawberry', 'blueberry', 'grape', 'pineapple']),

  ...e('polyols', 'high', ['apple', 'pear', 'apricot', 'peach', 'plum', 'prune', 'nectarine', 'blackberry', 'cherry', 'mushroom', 'cauliflower', 'avocado', 'xylitol', 'sorbitol']),
  ...e('polyols', 'moderate', ['celery', 'sweet potato', 'snow pea', 'watermelon', 'dried apricot']),

  ...e('gluten', 'high', ['wheat bread', 'white bread', 'whole wheat bread', 'rye bread', 'sourdough bread', 'pasta', 'couscous', 'barley', 'bagel', 'croissant', 'cracker', 'flour', 'pizza', 'pita', 'naan', 'spelt', 'pretzel', 'wheat germ', 'beer']),
  ...e('gluten', 'moderate', ['noodle', 'cake', 'cookie', 'pancake', 'waffle', 'muesli', 'granola', 'tortilla']),
  ...e('gluten', 'low', ['oats'], 'oats carry no gluten of their own; only cross-contact with wheat adds some'),

  ...e('caffeine', 'high', ['coffee', 'espresso', 'energy drink']),
  ...e('caffeine', 'moderate', ['tea', 'black tea', 'green tea', 'iced tea', 'dark chocolate']),
  ...e('caffeine', 'low', ['milk chocolate', 'chocolate', 'hot chocolate', 'cocoa', 'soda']),

  ...e('alcohol', 'high', ['vodka', 'whiskey', 'gin', 'rum', 'tequila']),
  ...e('alcohol', 'moderate', ['beer', 'wine', 'red wine', 'white wine', 'champagne', 'cider']),

  ...e('capsaicin', 'high', ['chili', 'chili pepper', 'jalapeno', 'hot sauce', 'cayenne', 'sriracha', 'tabasco', 'chili powder']),
  ...e('capsaicin', 'moderate', ['salsa', 'kimchi']),
  ...e('capsaicin', 'low', ['paprika'], 'sweet paprika is made from mild peppers'),
];

/** Component → food → entry, built once. */
const BY_COMPONENT: ReadonlyMap<ComponentKey, ReadonlyMap<string, ComponentEntry>> = new Map(
  COMPONENT_KEYS.map((k) => [k, new Map(COMPONENT_TABLE.filter((x) => x.component === k).map((x) => [x.food, x]))] as const),
);

/** The level of a component in a (normalised) food, or undefined when the food is not listed for it. */
export function componentLevel(food: string, component: ComponentKey): ComponentLevel | undefined {
  return BY_COMPONENT.get(component)!.get(food)?.level;
}

/** Counts as exposure: a moderate or high level (a low level is listed to say so, not to count). */
export function carriesComponent(food: string, component: ComponentKey): boolean {
  const level = componentLevel(food, component);
  return level === 'high' || level === 'moderate';
}

/** Every food that carries a component at moderate or high level, in table order. */
export function foodsCarrying(component: ComponentKey): string[] {
  return COMPONENT_TABLE.filter((x) => x.component === component && x.level !== 'low').map((x) => x.food);
}
