import type { Upstream } from './upstream';
import { parseOffProductResponse, parseOffSearch, type OffProductLookup, type OffSearchResult } from './off-parse';

/** Only the fields Aurea reads, to keep Open Food Facts answers small. */
export const OFF_FIELDS = [
  'code', 'product_name', 'product_name_en', 'generic_name', 'generic_name_en', 'brands', 'quantity', 'lang', 'lc',
  'categories', 'categories_tags', 'categories_hierarchy', 'pnns_groups_2', 'additives_tags', 'allergens_tags',
  'traces_tags', 'nutriments', 'nutrition_data_per', 'no_nutrition_data', 'serving_size', 'serving_quantity',
  'ingredients_text', 'ingredients_text_en', 'ingredients', 'nova_group', 'nutriscore_grade', 'nutrition_grades',
  'image_front_small_url', 'image_small_url', 'unique_scans_n',
].join(',');

/** Open Food Facts client (https://openfoodfacts.github.io/openfoodfacts-server/api/): product and search. */
export class OffClient {
  constructor(readonly upstream: Upstream) {}

  /** `/api/v2/product/{barcode}.json`; v0 and v3 envelopes are read too. */
  product(barcode: string): Promise<OffProductLookup> {
    return this.upstream.get('off.product', `/api/v2/product/${barcode}.json`, { fields: OFF_FIELDS }, (res) => {
      if (res.status === 404 && (res.body === null || typeof res.body !== 'object')) return { found: false, reason: 'product not found' };
      return parseOffProductResponse(res.body, barcode);
    });
  }

  /** Full-text product search (`/cgi/search.pl`, most scanned first). */
  search(terms: string, pageSize = 20): Promise<OffSearchResult> {
    return this.upstream.get(
      'off.search',
      '/cgi/search.pl',
      { search_terms: terms, search_simple: '1', action: 'process', json: '1', page: '1', page_size: String(pageSize), sort_by: 'unique_scans_n', fields: OFF_FIELDS },
      (res) => (res.status === 404 ? { count: 0, page: 1, products: [] } : parseOffSearch(res.body)),
    );
  }
}
