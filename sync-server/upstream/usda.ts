import type { Upstream } from './upstream';
import { UpstreamFormatError } from './errors';
import { parseUsdaSearch, usdaFoodToIngredient, type UsdaFood, type UsdaSearchResult } from './usda-parse';

/** Generic foods only: Foundation and SR Legacy are per-100 g analyses, not one brand's label. */
export const USDA_GENERIC_TYPES = 'Foundation,SR Legacy';

/** USDA FoodData Central client (https://fdc.nal.usda.gov/api-guide): search and food detail. */
export class UsdaClient {
  constructor(readonly upstream: Upstream) {}

  /** `/foods/search` over Foundation and SR Legacy foods. */
  search(query: string, pageSize = 10): Promise<UsdaSearchResult> {
    return this.upstream.get('usda.search', '/foods/search', { query, dataType: USDA_GENERIC_TYPES, pageSize: String(pageSize) }, (res) =>
      res.status === 404 ? { totalHits: 0, foods: [] } : parseUsdaSearch(res.body),
    );
  }

  /**
   * `/food/{fdcId}`; some Foundation ids answer 404 with an empty body in the full format while the
   * abridged format works, so a 404 is retried once with `format=abridged`. Null when both are 404.
   */
  async food(fdcId: number): Promise<UsdaFood | null> {
    const read = (res: { status: number; body: unknown }) => {
      if (res.status === 404) return null;
      const food = usdaFoodToIngredient(res.body);
      if (food.fdcId !== fdcId) throw new UpstreamFormatError(`asked for food ${fdcId}, got ${food.fdcId}`);
      return food;
    };
    const full = await this.upstream.get('usda.food', `/food/${fdcId}`, {}, read);
    if (full) return full;
    return this.upstream.get('usda.food', `/food/${fdcId}`, { format: 'abridged' }, read);
  }
}
