/**
 * The ADR §2 IngredientScorer rules as data, with DESIGN §3's settlements. Every threshold lives
 * here so the tests, the UI's "why" and the code read the same numbers.
 */

/** Glycemic index → blood-sugar points: piecewise linear through these points, flat beyond. */
export const GI_POINTS: ReadonlyArray<readonly [gi: number, points: number]> = [
  [0, 50],
  [35, 40],
  [55, 10],
  [70, -10],
  [100, -30],
];

/** Below this much carbohydrate per 100 g a food with no GI is treated as GI 0 (meat, fish, oils). */
export const LOW_CARB_G = 5;

export const BLOOD_SUGAR = {
  base: 50,
  /** Not cumulative: the higher band replaces the lower. Thresholds are strict (>). */
  fiber: [
    { over: 10, points: 15 },
    { over: 5, points: 10 },
  ],
  addedSugar: [
    { over: 20, points: -30 },
    { over: 10, points: -20 },
  ],
} as const;

export const INFLAMMATION = {
  base: 30,
  /** Omega-6 : omega-3 ratio bands (ADR): > 10 → +40; 5 to 10 → +20; 2 to under 5 → 0; under 2 → −10. */
  ratio: { over10: 40, from5to10: 20, under2: -10 },
  transFat: 30,
  saturatedFatOver: 5,
  saturatedFat: 15,
  vitaminCOver: 20,
  vitaminC: -10,
  vitaminEOver: 5,
  vitaminE: -10,
  refinedSugar: 15,
  refinedGrain: 10,
  artificialSweetener: 10,
  polyphenols: -15,
  omega3Rich: -20,
} as const;

export const GUT = {
  base: 50,
  fiber: [
    { over: 7, points: 25 },
    { over: 3, points: 15 },
  ],
  fermented: 20,
  prebiotic: 15,
  artificialSweetener: -20,
  emulsifier: -15,
  artificialColour: -10,
} as const;

/**
 * Hormonal relevance. The ADR gives the three impacts and leaves the number open; Aurea's number
 * is the sum of the three impacts, low = 0, moderate = 25, high = 50, capped at 100. So one high
 * impact (white bread's insulin) scores 50, one moderate (coffee's cortisol, soy's estrogen) 25,
 * a food with no notable impact 0, and only foods touching several systems approach 100.
 */
export const HORMONAL = {
  points: { low: 0, moderate: 25, high: 50 },
  /** Conventional GI bands (glucose = 100): high ≥ 70, medium 56–69, low ≤ 55. */
  highGi: 70,
  mediumGi: 56,
  /** Added sugar (g/100 g) that makes a food a refined carbohydrate even without a flag. */
  refinedAddedSugarOver: 20,
  moderateAddedSugarOver: 10,
  /** Caffeine (mg/100 g) that counts as caffeinated even without the flag. */
  caffeineMg: 10,
} as const;

/** Overall = 0.30·blood_sugar + 0.30·(100 − inflammation) + 0.25·gut + 0.15·(100 − hormonal). */
export const OVERALL_WEIGHTS = { bloodSugar: 0.3, inflammation: 0.3, gut: 0.25, hormonal: 0.15 } as const;

/** Blood-sugar points for a glycemic index: continuous, piecewise linear, flat outside 0–100. */
export function giAdjustment(gi: number): number {
  const first = GI_POINTS[0]!;
  const last = GI_POINTS[GI_POINTS.length - 1]!;
  if (gi <= first[0]) return first[1];
  if (gi >= last[0]) return last[1];
  for (let i = 1; i < GI_POINTS.length; i++) {
    const [x1, y1] = GI_POINTS[i]!;
    const [x0, y0] = GI_POINTS[i - 1]!;
    if (gi <= x1) return y0 + ((gi - x0) * (y1 - y0)) / (x1 - x0);
  }
  return last[1];
}

/** "low" ≤ 55, "medium" 56–69, "high" ≥ 70 (for wording). */
export function giBand(gi: number): 'low' | 'medium' | 'high' {
  if (gi >= HORMONAL.highGi) return 'high';
  if (gi >= HORMONAL.mediumGi) return 'medium';
  return 'low';
}
