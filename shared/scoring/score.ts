import type {
  EvidenceConfidence,
  HormonalRelevance,
  ImpactLevel,
  IngredientData,
  IngredientFlag,
  ScoredIngredient,
  ScoreDimension,
  ScoreReason,
} from '../ingredients/types';
import { BLOOD_SUGAR, GUT, HORMONAL, INFLAMMATION, LOW_CARB_G, OVERALL_WEIGHTS, giAdjustment, giBand } from './rules';

/**
 * IngredientScorer (ADR §2, DESIGN §3): four rule-based dimensions, an overall score and the
 * evidence confidence, each with the rules that fired as reasons. Thresholds compare the exact
 * nutrient values (so 5.0 g fiber is not "over 5" and 5.01 g is); points are summed unrounded,
 * clamped to [0, 100] and only then rounded to whole numbers for display. The overall score is
 * computed from those displayed whole numbers, so a person can check it by hand.
 */
export function scoreIngredient(data: IngredientData): ScoredIngredient {
  const reasons: ScoreReason[] = [];
  const has = (f: IngredientFlag) => data.flags.includes(f);
  const n = data.nutrients;
  const add = (dimension: ScoreDimension, rule: string, points: number, text: string) => {
    reasons.push({ dimension, rule, points: roundPoints(points), text });
    return points;
  };

  // Blood sugar (higher = gentler).
  let bs = add('blood_sugar', 'base', BLOOD_SUGAR.base, `starting point: ${BLOOD_SUGAR.base}`);
  const gi = typeof data.glycemic_index === 'number' && Number.isFinite(data.glycemic_index) ? data.glycemic_index : null;
  const carbs = n.carbohydrate_g;
  let giMissing = false;
  if (gi !== null) {
    bs += add('blood_sugar', 'glycemic_index', giAdjustment(gi), `glycemic index ${amt(gi)} (${giBand(gi)}): ${signed(giAdjustment(gi))}`);
  } else if (carbs !== undefined && carbs < LOW_CARB_G) {
    bs += add('blood_sugar', 'low_carb_no_gi', giAdjustment(0), `no glycemic index needed: ${amt(carbs)} g carbohydrate/100 g (under ${LOW_CARB_G} g): ${signed(giAdjustment(0))}`);
  } else {
    giMissing = true;
    add(
      'blood_sugar',
      'gi_unknown',
      0,
      carbs === undefined ? 'glycemic index and carbohydrate unknown: no adjustment' : `glycemic index unknown with ${amt(carbs)} g carbohydrate/100 g: no adjustment`,
    );
  }
  const fiberBand = band(BLOOD_SUGAR.fiber, n.fiber_g);
  if (fiberBand) bs += add('blood_sugar', `fiber_gt_${fiberBand.over}`, fiberBand.points, `fiber ${amt(n.fiber_g!)} g/100 g: ${signed(fiberBand.points)}`);
  const sugarBand = band(BLOOD_SUGAR.addedSugar, n.added_sugars_g);
  if (sugarBand) bs += add('blood_sugar', `added_sugar_gt_${sugarBand.over}`, sugarBand.points, `added sugar ${amt(n.added_sugars_g!)} g/100 g: ${signed(sugarBand.points)}`);

  // Inflammation potential (higher = more inflammatory).
  let inf = add('inflammation', 'base', INFLAMMATION.base, `starting point: ${INFLAMMATION.base}`);
  const ratio = omegaRatio(n.omega6_g, n.omega3_g);
  if (ratio !== null) {
    const r = ratio === Infinity ? 'omega-6 with no omega-3' : `omega-6:omega-3 ratio ${amt(ratio)}:1`;
    if (ratio > 10) inf += add('inflammation', 'omega_ratio_gt_10', INFLAMMATION.ratio.over10, `${r}: ${signed(INFLAMMATION.ratio.over10)}`);
    else if (ratio >= 5) inf += add('inflammation', 'omega_ratio_5_10', INFLAMMATION.ratio.from5to10, `${r}: ${signed(INFLAMMATION.ratio.from5to10)}`);
    else if (ratio < 2) inf += add('inflammation', 'omega_ratio_lt_2', INFLAMMATION.ratio.under2, `${r}: ${signed(INFLAMMATION.ratio.under2)}`);
  } else if (has('omega6_heavy')) {
    // No fatty-acid numbers: the curated flag stands for the ratio it was curated from (> 10).
    inf += add('inflammation', 'omega6_heavy', INFLAMMATION.ratio.over10, `${reasonOf(data, 'omega6_heavy', 'omega-6 heavy')} (ratio over 10:1): ${signed(INFLAMMATION.ratio.over10)}`);
  }
  if (n.trans_fat_g !== undefined && n.trans_fat_g > 0) inf += add('inflammation', 'trans_fat', INFLAMMATION.transFat, `trans fat ${amt(n.trans_fat_g)} g/100 g: ${signed(INFLAMMATION.transFat)}`);
  if (n.saturated_fat_g !== undefined && n.saturated_fat_g > INFLAMMATION.saturatedFatOver) {
    inf += add('inflammation', 'saturated_fat_gt_5', INFLAMMATION.saturatedFat, `saturated fat ${amt(n.saturated_fat_g)} g/100 g: ${signed(INFLAMMATION.saturatedFat)}`);
  }
  if (n.vitamin_c_mg !== undefined && n.vitamin_c_mg > INFLAMMATION.vitaminCOver) {
    inf += add('inflammation', 'vitamin_c_gt_20', INFLAMMATION.vitaminC, `vitamin C ${amt(n.vitamin_c_mg)} mg/100 g: ${signed(INFLAMMATION.vitaminC)}`);
  }
  if (n.vitamin_e_mg !== undefined && n.vitamin_e_mg > INFLAMMATION.vitaminEOver) {
    inf += add('inflammation', 'vitamin_e_gt_5', INFLAMMATION.vitaminE, `vitamin E ${amt(n.vitamin_e_mg)} mg/100 g: ${signed(INFLAMMATION.vitaminE)}`);
  }
  if (has('refined_sugar')) inf += add('inflammation', 'refined_sugar', INFLAMMATION.refinedSugar, `${reasonOf(data, 'refined_sugar', 'refined sugar')}: ${signed(INFLAMMATION.refinedSugar)}`);
  if (has('refined_grain')) inf += add('inflammation', 'refined_grain', INFLAMMATION.refinedGrain, `${reasonOf(data, 'refined_grain', 'refined grain')}: ${signed(INFLAMMATION.refinedGrain)}`);
  if (has('artificial_sweetener')) {
    inf += add('inflammation', 'artificial_sweetener', INFLAMMATION.artificialSweetener, `${reasonOf(data, 'artificial_sweetener', 'artificial sweetener')}: ${signed(INFLAMMATION.artificialSweetener)}`);
  }
  if (has('polyphenols')) inf += add('inflammation', 'polyphenols', INFLAMMATION.polyphenols, `${reasonOf(data, 'polyphenols', 'rich in polyphenols')}: ${signed(INFLAMMATION.polyphenols)}`);
  if (has('omega3_rich')) inf += add('inflammation', 'omega3_rich', INFLAMMATION.omega3Rich, `${reasonOf(data, 'omega3_rich', 'rich in omega-3 fats')}: ${signed(INFLAMMATION.omega3Rich)}`);

  // Gut impact (higher = friendlier).
  let gut = add('gut', 'base', GUT.base, `starting point: ${GUT.base}`);
  const gutFiber = band(GUT.fiber, n.fiber_g);
  if (gutFiber) gut += add('gut', `fiber_gt_${gutFiber.over}`, gutFiber.points, `fiber ${amt(n.fiber_g!)} g/100 g: ${signed(gutFiber.points)}`);
  if (has('fermented')) gut += add('gut', 'fermented', GUT.fermented, `${reasonOf(data, 'fermented', 'fermented')}: ${signed(GUT.fermented)}`);
  if (has('prebiotic')) gut += add('gut', 'prebiotic', GUT.prebiotic, `${reasonOf(data, 'prebiotic', 'prebiotic')}: ${signed(GUT.prebiotic)}`);
  if (has('artificial_sweetener')) gut += add('gut', 'artificial_sweetener', GUT.artificialSweetener, `${reasonOf(data, 'artificial_sweetener', 'artificial sweetener')}: ${signed(GUT.artificialSweetener)}`);
  if (has('emulsifier')) gut += add('gut', 'emulsifier', GUT.emulsifier, `${reasonOf(data, 'emulsifier', 'emulsifier')}: ${signed(GUT.emulsifier)}`);
  if (has('artificial_colour')) gut += add('gut', 'artificial_colour', GUT.artificialColour, `${reasonOf(data, 'artificial_colour', 'artificial colour')}: ${signed(GUT.artificialColour)}`);

  const hormonal = hormonalRelevance(data, gi, add);

  const blood_sugar_impact = toScore(bs);
  const inflammation_potential = toScore(inf);
  const gut_impact = toScore(gut);
  const overall_score = overallScore(blood_sugar_impact, inflammation_potential, gut_impact, hormonal.score);

  const evidence_confidence = evidenceConfidence(data, giMissing, add);

  return {
    scores: { blood_sugar_impact, inflammation_potential, gut_impact, hormonal_relevance: hormonal, overall_score },
    evidence_confidence,
    reasons,
  };
}

type Add = (dimension: ScoreDimension, rule: string, points: number, text: string) => number;

/** Overall = 0.30·blood sugar + 0.30·(100 − inflammation) + 0.25·gut + 0.15·(100 − hormonal), rounded. */
export function overallScore(bloodSugar: number, inflammation: number, gut: number, hormonal: number): number {
  const w = OVERALL_WEIGHTS;
  return toScore(w.bloodSugar * bloodSugar + w.inflammation * (100 - inflammation) + w.gut * gut + w.hormonal * (100 - hormonal));
}

function hormonalRelevance(data: IngredientData, gi: number | null, add: Add): HormonalRelevance {
  const has = (f: IngredientFlag) => data.flags.includes(f);
  const added = data.nutrients.added_sugars_g;
  const caffeine = data.nutrients.caffeine_mg;

  // Insulin: high GI or refined carbohydrate → high (ADR); a medium GI or a fair amount of added sugar → moderate.
  const insulinWhy: string[] = [];
  let insulin: ImpactLevel = 'low';
  if (gi !== null && gi >= HORMONAL.highGi) insulinWhy.push(`high glycemic index ${amt(gi)}`);
  if (has('refined_sugar')) insulinWhy.push('refined sugar');
  if (has('refined_grain')) insulinWhy.push('refined grain');
  if (added !== undefined && added > HORMONAL.refinedAddedSugarOver && !has('refined_sugar')) insulinWhy.push(`${amt(added)} g added sugar/100 g`);
  if (insulinWhy.length > 0) insulin = 'high';
  else {
    if (gi !== null && gi >= HORMONAL.mediumGi) insulinWhy.push(`medium glycemic index ${amt(gi)}`);
    if (added !== undefined && added > HORMONAL.moderateAddedSugarOver) insulinWhy.push(`${amt(added)} g added sugar/100 g`);
    if (insulinWhy.length > 0) insulin = 'moderate';
  }

  const estrogen: ImpactLevel = has('phytoestrogen') ? 'moderate' : 'low';
  const caffeinated = has('caffeine') || (caffeine !== undefined && caffeine >= HORMONAL.caffeineMg);
  const cortisol: ImpactLevel = caffeinated ? 'moderate' : 'low';

  const p = HORMONAL.points;
  if (insulin !== 'low') add('hormonal', `insulin_${insulin}`, p[insulin], `${insulinWhy.join(', ')}: insulin impact ${insulin} (${signed(p[insulin])})`);
  if (estrogen !== 'low') add('hormonal', 'estrogen_moderate', p.moderate, `${reasonOf(data, 'phytoestrogen', 'phytoestrogens')}: estrogen impact moderate (${signed(p.moderate)})`);
  if (cortisol !== 'low') {
    const what = caffeine !== undefined ? `caffeine ${amt(caffeine)} mg/100 g` : 'contains caffeine';
    add('hormonal', 'cortisol_moderate', p.moderate, `${what}: cortisol impact moderate (${signed(p.moderate)})`);
  }
  const score = Math.min(100, p[insulin] + p[estrogen] + p[cortisol]);

  return { score, insulin_impact: insulin, estrogen_impact: estrogen, cortisol_impact: cortisol, details: hormonalDetails(insulin, estrogen, cortisol, insulinWhy, data) };
}

/** A calm sentence on what is generally known; never a statement about the person. */
function hormonalDetails(insulin: ImpactLevel, estrogen: ImpactLevel, cortisol: ImpactLevel, insulinWhy: string[], data: IngredientData): string {
  const parts: string[] = [];
  if (insulin === 'high') parts.push(`Generally prompts a quick, large insulin response (${insulinWhy.join(', ')}).`);
  else if (insulin === 'moderate') parts.push(`Generally prompts a moderate insulin response (${insulinWhy.join(', ')}).`);
  if (estrogen === 'moderate') parts.push(`Contains ${reasonOf(data, 'phytoestrogen', 'phytoestrogens')}: plant compounds with a mild estrogen-like effect.`);
  if (cortisol === 'moderate') parts.push('Its caffeine can raise cortisol for a few hours, most noticeably in people who rarely have caffeine.');
  if (parts.length === 0) return 'No notable effect on insulin, estrogen or cortisol is generally associated with this food.';
  return parts.join(' ');
}

const LEVELS: readonly EvidenceConfidence[] = ['low', 'medium', 'high'];

/**
 * Evidence confidence (ADR): high = USDA data with nothing important missing, for a well-studied
 * food or confirmed by a second source; medium = one reliable source (USDA or Open Food Facts) with
 * at most two gaps; low = no reliable source, or bigger gaps. A missing value counts as a gap only
 * when it could change a score: carbohydrate, fiber, added sugar (unless total sugars ≤ 10 g, which
 * caps it) and saturated fat (unless total fat ≤ 5 g). Trans fat and fatty-acid detail, absent from
 * SR28 for nearly every food, are not counted. Then DESIGN §3: an unknown GI where carbohydrate
 * matters (≥ 5 g, or unknown) drops the level by one.
 */
function evidenceConfidence(data: IngredientData, giMissing: boolean, add: Add): EvidenceConfidence {
  const names = new Set(data.sources.map((s) => s.name));
  const usda = names.has('USDA SR28') || names.has('USDA FoodData Central');
  const off = names.has('Open Food Facts');
  const reliable = usda || off;
  const agree = usda && off;
  const gaps = dataGaps(data);
  const gapText = gaps.length === 0 ? 'no important values missing' : `missing ${gaps.join(', ')}`;

  let level: EvidenceConfidence;
  let why: string;
  if (usda && gaps.length === 0 && (data.well_studied === true || agree)) {
    level = 'high';
    why = `USDA data, ${data.well_studied ? 'a well-studied food' : 'confirmed by Open Food Facts'}, ${gapText}`;
  } else if (reliable && gaps.length <= 2) {
    level = 'medium';
    why = `${usda ? 'USDA' : 'Open Food Facts'} data${data.well_studied || agree ? '' : ' (a less-studied food)'}, ${gapText}`;
  } else {
    level = 'low';
    why = reliable ? `${usda ? 'USDA' : 'Open Food Facts'} data with significant gaps: ${gapText}` : 'no nutrient data from USDA or Open Food Facts';
  }
  add('confidence', `confidence_${level}`, 0, `${why}: ${level}`);
  if (giMissing) {
    const lower = LEVELS[Math.max(0, LEVELS.indexOf(level) - 1)]!;
    add('confidence', 'gi_unknown', 0, `glycemic index unknown for a food with carbohydrate: ${level === 'low' ? 'stays low' : `lowered to ${lower}`}`);
    level = lower;
  }
  return level;
}

/** The nutrient values whose absence could change a score. */
export function dataGaps(data: IngredientData): string[] {
  const n = data.nutrients;
  const gaps: string[] = [];
  if (n.carbohydrate_g === undefined) gaps.push('carbohydrate');
  if (n.fiber_g === undefined) gaps.push('fiber');
  if (n.added_sugars_g === undefined && !(n.sugars_g !== undefined && n.sugars_g <= BLOOD_SUGAR.addedSugar[1].over)) gaps.push('added sugar');
  if (n.saturated_fat_g === undefined && !(n.fat_g !== undefined && n.fat_g <= INFLAMMATION.saturatedFatOver)) gaps.push('saturated fat');
  return gaps;
}

/** Omega-6 : omega-3 ratio, Infinity when there is omega-6 but no omega-3, null when unknown or both zero. */
function omegaRatio(omega6: number | undefined, omega3: number | undefined): number | null {
  if (omega6 === undefined || omega3 === undefined) return null;
  if (omega3 > 0) return omega6 / omega3;
  return omega6 > 0 ? Infinity : null;
}

function band<T extends { over: number; points: number }>(bands: readonly T[], value: number | undefined): T | undefined {
  if (value === undefined) return undefined;
  return bands.find((b) => value > b.over);
}

function reasonOf(data: IngredientData, flag: IngredientFlag, fallback: string): string {
  return data.flag_reasons?.[flag] ?? fallback;
}

function toScore(raw: number): number {
  return Math.round(Math.min(100, Math.max(0, raw)));
}

function roundPoints(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A nutrient amount as measured (up to 3 decimals, as SR28 gives them): 7.9 → "7.9", 5.004 → "5.004". */
export function amt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Math.round(x * 1000) / 1000);
}

/** Points, to one decimal: 12 → "12", 40.857 → "40.9". */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const r = Math.round(x * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** +10, −13.3, 0. */
export function signed(x: number): string {
  const s = fmt(Math.abs(x));
  if (s === '0') return '0';
  return x > 0 ? `+${s}` : `−${s}`;
}
