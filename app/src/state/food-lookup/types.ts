import type { OffLabel } from '../../../../shared/ingredients/product-label';
import type { DishPart } from '../../../../shared/ingredients/food-table';
import type { AdditiveInfo } from '../../../../shared/ingredients/additives';
import type { OffIngredientNode, ParsedOffIngredients } from '../../../../shared/ingredients/off-ingredients';
import type { IngredientData, ScoredIngredient, SourceName } from '../../../../shared/ingredients/types';

/**
 * Where the Foods page gets a food from (DESIGN §3): the device's food cache while fresh (24 h),
 * then the food server (GET /api/ingredients/:name, /api/ingredients?q=, /api/products/:barcode),
 * then the bundled offline table. The folder holds it by role: what a card shows (this file), the
 * validation of server answers (schemas), the server client (server), the cards (views), the device
 * cache (cache), the resolution order (resolve) and the React hooks (hooks). Barcode checks are pure
 * and live in shared/ingredients/barcode.ts; a product's ingredient parser in shared/ingredients/off-ingredients.ts.
 */
export const FOOD_CACHE_TTL_MS = 24 * 60 * 60 * 1000;
/** Cached answers older than this are dropped; within it they are still an offline fallback. */
export const FOOD_CACHE_KEEP_MS = 60 * 24 * 60 * 60 * 1000;
export const SEARCH_DEBOUNCE_MS = 350;
/** The server itself waits up to 8 s per upstream call and may chain two. */
export const SERVER_TIMEOUT_MS = 20_000;
/** The server's limits for a search term (normalised). */
export const SEARCH_MIN_CHARS = 2;

// ---------------------------------------------------------------------------------------------
// What the UI shows

/** Where a card's data came from. */
export type FoodOrigin = 'server' | 'cache' | 'bundled';

/** A packaged product's label, as Open Food Facts has it. */
export interface ProductLabel extends OffLabel {
  /** The barcode asked for. */
  barcode: string;
  /** The label's ingredients as the diary's food names (kept on the device so the product can be logged offline). */
  parsed: ParsedOffIngredients;
}

/** What the offline table adds about one of its foods. */
export interface TableDetails {
  /** Nutrient values that were curated or derived rather than measured, with how. */
  curated: Partial<Record<string, string>>;
  note: string | null;
  /** Citations of the table's sources used by this food (SR28, the GI table, the knowledge table). */
  references: string[];
  /** A dish: what a typical serving is made of. */
  made_of?: DishPart[] | null;
}

/** One food or product as a card shows it. */
export interface FoodView {
  /** foodCache key: the normalised name, or "product:<barcode>". */
  key: string;
  name: string;
  ingredient: IngredientData;
  score: ScoredIngredient;
  origin: FoodOrigin;
  /** When the data was fetched from USDA / Open Food Facts (null for the offline table). */
  fetched_at: string | null;
  /** Past its freshness window (the server's, or the device cache's 24 h). */
  stale: boolean;
  /** Things the server wants the person to know (a source that was down, …). */
  warnings: string[];
  /** Which source each field came from, when the server merged several. */
  provenance: Partial<Record<string, SourceName>>;
  /** Additives with their names and classes. */
  additives: AdditiveInfo[];
  product: ProductLabel | null;
  table: TableDetails | null;
}

export type NoteKind = 'offline' | 'unreachable' | 'unavailable' | 'stale' | 'not_found' | 'invalid';

/** A small, calm sentence about where the data came from or why the server was not used. */
export interface LookupNote {
  kind: NoteKind;
  text: string;
}

export interface FoodResolution {
  food: FoodView | null;
  /** The offline table's own version of the food, when it knows it (for a side-by-side switch). */
  bundled: FoodView | null;
  note: LookupNote | null;
}

