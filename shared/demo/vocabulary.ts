/**
 * Everyday ingredient names for generated diaries, most commonly eaten first. A diary with
 * vocabulary size N draws from the first N names, so small vocabularies stay realistic
 * (coffee, milk, bread) and large ones add the long tail (tahini, kohlrabi).
 * Names are already normalised (lower case, singular where the app would singularise).
 */
export const VOCABULARY: readonly string[] = [
  // 1–40: staples most people log weekly
  'coffee', 'milk', 'wheat bread', 'tomato', 'pasta', 'chicken', 'white rice', 'sugar', 'cheese', 'eggs',
  'onion', 'garlic', 'lettuce', 'banana', 'yogurt', 'ground beef', 'butter', 'oats', 'olive oil', 'tea',
  'apple', 'potato', 'beans', 'orange juice', 'carrot', 'green tea', 'tomato sauce', 'soda', 'tortilla', 'cereal',
  'mozzarella', 'pizza dough', 'cinnamon', 'garlic powder', 'salmon', 'sparkling water', 'soy sauce', 'diet soda', 'aspartame', 'burger bun',
  // 41–100: regular but not daily
  'beer', 'red wine', 'oregano', 'avocado', 'beef steak', 'almonds', 'shrimp', 'noodles', 'orange', 'quinoa',
  'turkey', 'turmeric', 'cumin', 'flour', 'basil', 'bell pepper', 'peanut butter', 'pork', 'chocolate', 'cod',
  'granola', 'grapes', 'broccoli', 'honey', 'lemon', 'parsley', 'spinach', 'black pepper', 'kale', 'mint',
  'paprika', 'popcorn', 'thyme', 'tuna', 'bagel', 'blueberries', 'chickpeas', 'chives', 'parmesan', 'salsa',
  'strawberries', 'candy', 'curry powder', 'dark chocolate', 'dill', 'hummus', 'peach', 'seaweed', 'tofu', 'cilantro',
  'corn', 'cucumber', 'ginger', 'granola bar', 'mayonnaise', 'sour cream', 'walnuts', 'almond milk', 'arugula', 'asparagus',
  // 101–150: occasional
  'crackers', 'dates', 'fennel', 'french fries', 'kiwi', 'leek', 'potato chips', 'bok choy', 'brussels sprouts', 'coconut milk',
  'cookies', 'ice cream', 'peas', 'pepperoni', 'sweet potato', 'cream cheese', 'ketchup', 'maple syrup', 'pretzels', 'sesame seeds',
  'shallot', 'tahini', 'beetroot', 'blackberries', 'buckwheat', 'cauliflower', 'celery', 'green onion', 'hazelnuts', 'lentils',
  'muffin', 'mushrooms', 'mussels', 'red onion', 'rice cakes', 'zucchini', 'croissant', 'edamame', 'feta cheese', 'figs',
  'ham', 'mango', 'raspberries', 'rosemary', 'artichoke', 'cake', 'kimchi', 'pumpkin', 'raisins', 'salami',
  // 151–220: the long tail of a varied diet
  'brown rice', 'whole wheat pasta', 'rye bread', 'sourdough bread', 'cottage cheese', 'greek yogurt', 'cream', 'goat cheese', 'cheddar', 'brie',
  'bacon', 'sausage', 'lamb', 'duck', 'sardines', 'mackerel', 'trout', 'tilapia', 'crab', 'scallops',
  'pineapple', 'watermelon', 'melon', 'pear', 'plum', 'cherries', 'apricot', 'grapefruit', 'lime', 'pomegranate',
  'cabbage', 'red cabbage', 'green beans', 'eggplant', 'radish', 'turnip', 'squash', 'okra', 'watercress', 'endive',
  'cashews', 'pistachios', 'pecans', 'peanuts', 'sunflower seeds', 'pumpkin seeds', 'chia seeds', 'flaxseed', 'macadamia nuts', 'brazil nuts',
  'black beans', 'kidney beans', 'pinto beans', 'split peas', 'miso', 'tempeh', 'soy milk', 'oat milk', 'rice milk', 'coconut water',
  'white wine', 'vodka', 'whiskey', 'kombucha', 'energy drink', 'hot chocolate', 'apple juice', 'lemonade', 'espresso', 'decaf coffee',
  // 221–320: rarer foods, condiments and treats
  'mustard', 'vinegar', 'balsamic vinegar', 'hot sauce', 'barbecue sauce', 'pesto', 'guacamole', 'tzatziki', 'salad dressing', 'gravy',
  'coconut oil', 'sesame oil', 'canola oil', 'margarine', 'ghee', 'lard', 'jam', 'nutella', 'agave syrup', 'stevia',
  'sucralose', 'brown sugar', 'corn syrup', 'doughnut', 'brownie', 'pancakes', 'waffles', 'pie', 'cheesecake', 'pudding',
  'frozen yogurt', 'milkshake', 'gummy bears', 'licorice', 'marshmallows', 'tortilla chips', 'cheese puffs', 'instant noodles', 'frozen pizza', 'chicken nuggets',
  'hot dog', 'corned beef', 'prosciutto', 'chorizo', 'anchovies', 'caviar', 'smoked salmon', 'lobster', 'octopus', 'squid',
  'couscous', 'bulgur', 'barley', 'millet', 'polenta', 'spelt', 'rice noodles', 'udon', 'ramen', 'gnocchi',
  'cornflakes', 'muesli', 'bran flakes', 'pita bread', 'naan', 'baguette', 'english muffin', 'rye crackers', 'breadsticks', 'pretzel roll',
  'kohlrabi', 'parsnip', 'jicama', 'rutabaga', 'swiss chard', 'collard greens', 'mustard greens', 'bean sprouts', 'bamboo shoots', 'water chestnuts',
  'papaya', 'passion fruit', 'lychee', 'persimmon', 'guava', 'dragon fruit', 'cranberries', 'gooseberries', 'prunes', 'dried apricots',
  'saffron', 'cardamom', 'cloves', 'nutmeg', 'star anise', 'fenugreek', 'sumac', 'za\'atar', 'chili flakes', 'horseradish',
];

/** A meal pattern: each slot is one name, or alternatives of which one is chosen. */
export type MealSlot = string | readonly string[];
export interface MealTemplate {
  slots: readonly MealSlot[];
  /** Relative frequency among meals of the same kind. */
  weight: number;
}

export const BREAKFASTS: readonly MealTemplate[] = [
  { slots: ['cereal', 'milk'], weight: 5 },
  { slots: ['oats', 'milk', ['banana', 'blueberries', 'raisins', 'honey']], weight: 4 },
  { slots: ['eggs', 'wheat bread', 'butter'], weight: 4 },
  { slots: ['yogurt', 'granola', ['blueberries', 'strawberries', 'honey']], weight: 3 },
  { slots: ['bagel', ['cream cheese', 'butter', 'peanut butter']], weight: 2 },
  { slots: ['wheat bread', ['peanut butter', 'jam', 'nutella', 'butter'], ['banana', 'apple']], weight: 3 },
  { slots: ['pancakes', 'maple syrup', ['blueberries', 'butter']], weight: 1 },
  { slots: ['croissant', ['butter', 'jam']], weight: 1 },
  { slots: ['muesli', ['milk', 'yogurt', 'oat milk', 'almond milk']], weight: 2 },
  { slots: ['avocado', ['wheat bread', 'sourdough bread'], 'eggs'], weight: 2 },
  { slots: [['banana', 'apple', 'orange']], weight: 2 },
];

export const LUNCHES: readonly MealTemplate[] = [
  { slots: ['wheat bread', ['ham', 'turkey', 'chicken', 'tuna'], ['cheese', 'mayonnaise'], 'lettuce', 'tomato'], weight: 5 },
  { slots: ['lettuce', ['chicken', 'tuna', 'eggs', 'feta cheese'], ['tomato', 'cucumber', 'bell pepper'], 'olive oil'], weight: 4 },
  { slots: ['tortilla', ['chicken', 'ground beef', 'beans'], ['salsa', 'cheese'], ['lettuce', 'avocado']], weight: 3 },
  { slots: [['pasta', 'noodles'], ['tomato sauce', 'pesto'], ['parmesan', 'basil']], weight: 3 },
  { slots: ['white rice', ['chicken', 'tofu', 'shrimp'], ['soy sauce', 'curry powder'], ['broccoli', 'bok choy', 'bell pepper']], weight: 3 },
  { slots: ['burger bun', 'ground beef', ['cheese', 'ketchup'], 'lettuce', ['french fries', 'onion']], weight: 2 },
  { slots: [['lentils', 'chickpeas', 'beans'], ['spinach', 'kale'], ['cumin', 'turmeric', 'paprika']], weight: 2 },
  { slots: ['quinoa', ['chickpeas', 'salmon', 'tofu'], ['kale', 'arugula', 'spinach'], 'lemon'], weight: 2 },
  { slots: ['hummus', ['pita bread', 'crackers', 'carrot'], ['cucumber', 'bell pepper']], weight: 1 },
  { slots: ['pizza dough', 'tomato sauce', 'mozzarella', ['pepperoni', 'mushrooms', 'oregano', 'basil']], weight: 2 },
];

export const DINNERS: readonly MealTemplate[] = [
  { slots: ['pasta', 'tomato sauce', 'garlic', ['onion', 'parmesan', 'basil'], ['ground beef', 'olive oil']], weight: 5 },
  { slots: ['chicken', ['white rice', 'potato', 'quinoa'], ['broccoli', 'carrot', 'green beans', 'peas'], ['garlic', 'black pepper']], weight: 5 },
  { slots: [['salmon', 'cod', 'tuna', 'shrimp'], ['white rice', 'potato', 'sweet potato'], ['asparagus', 'spinach', 'broccoli'], 'lemon'], weight: 3 },
  { slots: ['beef steak', ['potato', 'french fries'], ['mushrooms', 'onion', 'butter']], weight: 2 },
  { slots: ['ground beef', ['tortilla', 'beans'], ['onion', 'bell pepper'], ['cumin', 'paprika', 'salsa']], weight: 3 },
  { slots: ['pizza dough', 'tomato sauce', 'mozzarella', ['pepperoni', 'oregano', 'mushrooms', 'bell pepper', 'onion']], weight: 3 },
  { slots: ['white rice', ['chicken', 'beans', 'chickpeas'], 'onion', ['curry powder', 'turmeric', 'ginger'], ['coconut milk', 'tomato']], weight: 3 },
  { slots: ['noodles', ['tofu', 'chicken', 'pork', 'shrimp'], 'soy sauce', ['bok choy', 'bell pepper', 'carrot'], ['garlic', 'ginger', 'green onion']], weight: 3 },
  { slots: [['pork', 'turkey', 'sausage', 'lamb'], ['potato', 'sweet potato', 'white rice'], ['cabbage', 'carrot', 'brussels sprouts', 'kale']], weight: 2 },
  { slots: [['eggs', 'cheese'], ['spinach', 'mushrooms', 'bell pepper', 'onion'], ['wheat bread', 'potato']], weight: 2 },
  { slots: [['lentils', 'beans', 'chickpeas'], 'onion', 'garlic', ['tomato', 'carrot', 'celery'], ['cumin', 'thyme', 'rosemary']], weight: 2 },
  { slots: ['burger bun', 'ground beef', ['cheese', 'ketchup', 'mayonnaise'], ['onion', 'lettuce', 'tomato'], 'french fries'], weight: 2 },
];

export const SNACKS: readonly MealTemplate[] = [
  { slots: [['apple', 'banana', 'orange', 'grapes', 'peach', 'kiwi', 'mango', 'pear']], weight: 6 },
  { slots: [['almonds', 'walnuts', 'cashews', 'peanuts', 'hazelnuts']], weight: 3 },
  { slots: [['chocolate', 'dark chocolate', 'cookies', 'candy', 'cake', 'muffin', 'ice cream']], weight: 4 },
  { slots: [['potato chips', 'popcorn', 'pretzels', 'crackers', 'rice cakes', 'granola bar']], weight: 4 },
  { slots: ['yogurt', ['honey', 'granola', 'strawberries']], weight: 2 },
  { slots: ['cheese', 'crackers'], weight: 2 },
  { slots: ['hummus', ['carrot', 'cucumber', 'celery']], weight: 1 },
];

/** Drinks beside the meals, each with its own daily probability. Diet soda brings its sweetener with it. */
export const DRINKS: readonly { slots: readonly string[]; daily: number }[] = [
  { slots: ['coffee'], daily: 0.55 },
  { slots: ['tea'], daily: 0.12 },
  { slots: ['green tea'], daily: 0.09 },
  { slots: ['orange juice'], daily: 0.09 },
  { slots: ['soda', 'sugar'], daily: 0.06 },
  { slots: ['diet soda', 'aspartame'], daily: 0.07 },
  { slots: ['sparkling water'], daily: 0.07 },
  { slots: ['beer'], daily: 0.05 },
  { slots: ['red wine'], daily: 0.05 },
];

/** Additions to the day's food: sugar in coffee, milk in tea. Probabilities given the drink. */
export const ADDITIONS: readonly { when: string; add: string; p: number }[] = [
  { when: 'coffee', add: 'milk', p: 0.3 },
  { when: 'coffee', add: 'sugar', p: 0.25 },
  { when: 'tea', add: 'milk', p: 0.3 },
  { when: 'tea', add: 'sugar', p: 0.3 },
];
