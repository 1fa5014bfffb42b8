import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { additiveFlag, additiveTag, describeAdditive, isKnownAdditive, flagsFromAdditives, flagsFromIngredientText, splitIngredients } from '../../../shared/ingredients/additives';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const taxonomyPath = resolve(repoRoot, '../shared/data/off/taxonomies/additives.txt');
const hasTaxonomy = existsSync(taxonomyPath);
if (!hasTaxonomy) console.warn(`[skip] ${taxonomyPath} is missing: the taxonomy cross-check is skipped`);

describe('additiveTag', () => {
  it.each([
    ['en:e951', 'e951'],
    ['E951', 'e951'],
    ['E 950', 'e950'],
    ['e-955', 'e955'],
    ['en:e322i', 'e322i'],
    ['E322(i)', 'e322i'],
    ['en:e331iii', 'e331iii'],
    ['E160a(ii)', 'e160aii'],
    ['en:e14xx', 'e14xx'],
    ['en:e960c', 'e960c'],
  ])('%s → %s', (raw, tag) => expect(additiveTag(raw)).toBe(tag));

  it.each(['sugar', 'en:sugar', 'e95', 'E12345', ''])('rejects %j', (raw) => expect(additiveTag(raw)).toBeNull());
});

describe('flags follow DESIGN §3 E-number ranges', () => {
  it.each([
    ['e100', 'artificial_colour'],
    ['e133', 'artificial_colour'],
    ['e150d', 'artificial_colour'],
    ['e199', 'artificial_colour'],
    ['e400', 'emulsifier'],
    ['e407', 'emulsifier'],
    ['e432', 'emulsifier'],
    ['e433', 'emulsifier'],
    ['e436', 'emulsifier'],
    ['e471', 'emulsifier'],
    ['e499', 'emulsifier'],
    ['e950', 'artificial_sweetener'],
    ['e951', 'artificial_sweetener'],
    ['e955', 'artificial_sweetener'],
    ['e960c', 'artificial_sweetener'],
    ['e969', 'artificial_sweetener'],
  ])('%s → %s', (tag, flag) => expect(additiveFlag(tag)).toBe(flag));

  it.each(['e200', 'e300', 'e322', 'e330', 'e500', 'e900', 'e970', 'e1400', 'e14xx'])('%s raises no flag', (tag) => expect(additiveFlag(tag)).toBeNull());
});

describe('describeAdditive', () => {
  it.each([
    ['en:e951', 'Aspartame', ['sweetener']],
    ['en:e950', 'Acesulfame K', ['sweetener']],
    ['en:e955', 'Sucralose', ['sweetener']],
    ['en:e322', 'Lecithin', ['antioxidant', 'emulsifier']],
    ['en:e407', 'Carrageenan', ['carrier', 'emulsifier', 'humectant', 'stabilizer', 'thickener']],
    ['en:e433', 'Polysorbate 80', ['emulsifier', 'stabilizer']],
    ['en:e471', 'Mono- and diglycerides of fatty acids', ['emulsifier', 'stabilizer']],
    ['en:e466', 'Carboxymethyl cellulose', ['emulsifier', 'humectant', 'stabilizer', 'thickener']],
    ['en:e102', 'Tartrazine', ['colour']],
    ['en:e129', 'Allura red ac', ['colour']],
    ['en:e171', 'Titanium dioxide', ['colour']],
  ])('%s is %s with classes %j', (tag, name, classes) => {
    const info = describeAdditive(tag)!;
    expect(info.name).toBe(name);
    expect(info.classes).toEqual(classes);
  });

  it('reads sub-variants and group codes', () => {
    expect(describeAdditive('en:e322i')).toMatchObject({ code: 'E322i', name: 'Lecithin', classes: ['antioxidant', 'emulsifier'], flag: null });
    expect(describeAdditive('en:e331iii')).toMatchObject({ code: 'E331iii', name: 'Trisodium citrate', flag: null });
    expect(describeAdditive('en:e160ai')).toMatchObject({ name: 'Beta-carotene', classes: ['colour'], flag: 'artificial_colour' });
    // E960c is newer than the taxonomy snapshot: it falls back to its parent E960.
    expect(describeAdditive('en:e960c')).toMatchObject({ code: 'E960c', name: 'Steviol glycosides', classes: ['sweetener'], flag: 'artificial_sweetener' });
    expect(describeAdditive('en:e14xx')).toMatchObject({ code: 'E14xx', name: 'Modified Starch', flag: null });
  });

  it('keeps unknown E-numbers with no name rather than inventing one', () => {
    expect(describeAdditive('e1599')).toMatchObject({ tag: 'e1599', name: null, classes: [], flag: null });
  });
});

describe('flagsFromAdditives', () => {
  it('flags the Coke Zero additive list with named reasons', () => {
    const r = flagsFromAdditives(['en:e150d', 'en:e290', 'en:e331', 'en:e338', 'en:e950', 'en:e951', 'en:e960c']);
    expect(r.flags).toEqual(['artificial_sweetener', 'artificial_colour']);
    expect(r.reasons.artificial_sweetener).toBe('additives E950 (acesulfame K), E951 (aspartame), E960c (steviol glycosides)');
    expect(r.reasons.artificial_colour).toBe('additive E150d (sulphite ammonia caramel)');
  });

  it('counts a parent and its numbered sub-variant once', () => {
    const r = flagsFromAdditives(['en:e160a', 'en:e160ai', 'en:e300']);
    expect(r.reasons.artificial_colour).toBe('additive E160a (carotenes)');
  });

  it('flags carrageenan and polysorbates as emulsifiers, lecithin not', () => {
    expect(flagsFromAdditives(['e407']).flags).toEqual(['emulsifier']);
    expect(flagsFromAdditives(['e432', 'e436']).reasons.emulsifier).toBe('additives E432 (polysorbate 20), E436 (polysorbate 65)');
    expect(flagsFromAdditives(['en:e322', 'en:e322i']).flags).toEqual([]);
  });
});

describe('flagsFromIngredientText', () => {
  it('sugar as the first ingredient is refined sugar', () => {
    const r = flagsFromIngredientText('sugar, cacao mass, full cream _milk_ powder');
    expect(r.flags).toEqual(['refined_sugar']);
    expect(r.reasons.refined_sugar).toBe('"sugar" is the first ingredient');
  });

  it('looks past water (soft drinks) and reads other languages', () => {
    expect(flagsFromIngredientText('eau gazeuse ,sucre , acidifiants: E330').reasons.refined_sugar).toBe('"sucre" is the first ingredient after water');
    expect(flagsFromIngredientText('Zucker, Kakaobutter').flags).toContain('refined_sugar');
    expect(flagsFromIngredientText('CORN SYRUP, SUGAR, PEANUT FILLING [PEANUT FLOUR]').reasons.refined_sugar).toBe('"corn syrup" is the first ingredient');
  });

  it('does not call sugar refined when it is not the main ingredient, nor sugar snap peas', () => {
    expect(flagsFromIngredientText('white beans, water, onions, brown sugar, sugar').flags).not.toContain('refined_sugar');
    expect(flagsFromIngredientText('sugar snap peas, water, salt').flags).toEqual([]);
  });

  it('refined flour first is refined grain; wholemeal is not', () => {
    expect(flagsFromIngredientText('Enriched flour (wheat flour, niacin), sugar').flags).toContain('refined_grain');
    expect(flagsFromIngredientText('farine de blé, sucre, huile de palme').flags).toContain('refined_grain');
    expect(flagsFromIngredientText('Farine complète de blé (63%), eau, farine de blé (2%)').flags).toEqual([]);
    expect(flagsFromIngredientText('whole wheat flour, water').flags).toEqual([]);
  });

  it('names sweeteners, emulsifiers, colours and caffeine written out in words', () => {
    const cola = flagsFromIngredientText('carbonated water, caramel color, phosphoric acid, aspartame, potassium benzoate, acesulfame potassium, caffeine');
    expect(cola.flags).toEqual(['artificial_sweetener', 'artificial_colour', 'caffeine']);
    expect(cola.reasons.artificial_sweetener).toBe('ingredient list names aspartame, acesulfame K');
    const de = flagsFromIngredientText('Wasser, Kohlensäure, Süßungsmittel Natriumcyclamat, Acesulfam K, Aspartam, Aroma Koffein');
    expect(de.flags).toEqual(['artificial_sweetener', 'caffeine']);
    expect(flagsFromIngredientText('milk, carrageenan, polysorbate 80').reasons.emulsifier).toBe('ingredient list names carrageenan, polysorbate');
    expect(flagsFromIngredientText('sugar, corn syrup, red 40, yellow 5').reasons.artificial_colour).toBe('ingredient list names red 40');
  });

  it('reads E-numbers written in the text', () => {
    const r = flagsFromIngredientText('eau gazeuse ,sucre , acidifiants: E330; E331; E300. conservateur:  E202. E414 . E 950. E955 . colorant : E104');
    expect(r.additives).toEqual(['e330', 'e331', 'e300', 'e202', 'e414', 'e950', 'e955', 'e104']);
    expect(r.flags).toEqual(['artificial_sweetener', 'emulsifier', 'artificial_colour', 'refined_sugar']);
  });

  it('is empty for no text', () => {
    expect(flagsFromIngredientText(undefined)).toEqual({ flags: [], reasons: {}, additives: [] });
    expect(flagsFromIngredientText('   ')).toEqual({ flags: [], reasons: {}, additives: [] });
  });

  it('splits at top-level commas only', () => {
    expect(splitIngredients('A (b, c), D [e; f]; _milk_ 12%')).toEqual(['a', 'd', 'milk']);
  });
});

describe.skipIf(!hasTaxonomy)('the committed table agrees with the OFF taxonomy', () => {
  it('has every E-number of additives.txt with its classes', () => {
    const text = readFileSync(taxonomyPath, 'utf8');
    let entries = 0;
    let withClasses = 0;
    for (const block of text.split(/\r?\n\s*\r?\n/)) {
      const lines = block.split(/\r?\n/);
      const head = lines.find((l) => /^en:E\d/.test(l));
      if (!head) continue;
      const code = head.slice(3).split(',')[0]!;
      const info = describeAdditive(code);
      expect(isKnownAdditive(code), code).toBe(true);
      // Names come from the English line unless it is only the placeholder "E105 food additive".
      if (!/food additive$/.test(head)) expect(info?.name, code).toBeTruthy();
      entries++;
      const classLine = lines.find((l) => l.startsWith('additives_classes:en:'));
      if (!classLine) continue;
      const classes = classLine.slice('additives_classes:en:'.length).split(',').map((c) => c.trim().replace(/^en:/, ''));
      expect(info!.classes, code).toEqual(classes);
      withClasses++;
    }
    expect(entries).toBeGreaterThan(600);
    expect(withClasses).toBeGreaterThan(300);
  });
});
