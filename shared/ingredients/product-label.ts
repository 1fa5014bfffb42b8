import type { OffIngredientNode } from './off-ingredients';

/**
 * What a packaged product's label says, as the food server passes it on from Open Food Facts: one shape
 * for the server (which reads it) and the app (which shows it and logs the product).
 */
export interface OffLabel {
  /** The code Open Food Facts answered with (may differ from the requested barcode, e.g. without leading zeros). */
  code: string;
  name: string;
  brand?: string;
  quantity?: string;
  serving_size?: string;
  nutrition_data_per?: string;
  nova_group?: number;
  nutriscore_grade?: string;
  image_url?: string;
  lang?: string;
  ingredients_text?: string;
  /** The language of ingredients_text ("en" when Open Food Facts had an English text). */
  ingredients_lang?: string;
  /** Open Food Facts' structured reading of the label (ids in its taxonomy), for the app's ingredient parser. */
  ingredients?: OffIngredientNode[];
  allergens: string[];
  traces: string[];
  categories: string[];
}
