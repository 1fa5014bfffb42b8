import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateExport } from '../../../shared/schema';
import { analyseDiary, indexDiary, insightsReport, pairEvidence, type ExplainedFinding } from '../../../shared/insights';
import { differences } from './close';

// Hand-made edge-case diaries with scipy's answers, produced once by tests/golden/insights/generate.py.
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../golden/insights');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && f !== 'stats.json')
  .sort()
  .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { case: string; description: string; export: unknown; expected: unknown; expected_extra: { seasonal: unknown; delayed: unknown; protective: unknown; explained: ExplainedFinding[]; explained_pairs: ExplainedPair[] } });

/** The "explained by" numbers for one ordered pair of findings, as scipy computed them. */
interface ExplainedPair {
  ingredient: string;
  symptom: string;
  lag_days: number;
  by_ingredient: string;
  by_lag_days: number;
  days: number;
  days_with_a: number;
  days_with_both: number;
  overlap: number | null;
  p_without: number;
  p_by_without: number;
}

describe('hand-made edge-case diaries agree with the scipy reference', () => {
  it('has every planned case', () => {
    expect(cases.map((c) => c.case).sort()).toEqual(
      ['constant-groups-and-names', 'custom-higher-is-better', 'explained-by', 'missing-days-and-lags', 'single-phase-and-constant', 'three-logs', 'ties-and-boundaries', 'tiny-p-values'].sort(),
    );
  });

  describe.each(cases.map((c) => [c.case, c] as const))('%s', (_name, c) => {
    const v = validateExport(c.export);
    if (!v.ok) throw new Error(`${c.case}: export is invalid`);
    const result = analyseDiary(v.file.logs, { definitions: v.file.symptom_definitions });

    it(`§4 report matches (${c.description.slice(0, 60)}…)`, () => {
      expect(differences(insightsReport(result), c.expected, { strictTiny: true })).toEqual([]);
    });
    it('seasonal month means, delayed effects and protective foods match', () => {
      expect(differences(result.seasonal, c.expected_extra.seasonal, { strictTiny: true })).toEqual([]);
      expect(differences(result.delayed, c.expected_extra.delayed, { strictTiny: true })).toEqual([]);
      expect(differences(result.protective, c.expected_extra.protective, { strictTiny: true })).toEqual([]);
    });
    it('"explained by": every pair of findings has scipy\'s overlap and conditional p-values, and the same findings are explained', () => {
      const ix = indexDiary(v.file.logs);
      for (const p of c.expected_extra.explained_pairs) {
        const got = pairEvidence(ix, { ingredient: p.ingredient, symptom: p.symptom, lag: p.lag_days }, { ingredient: p.by_ingredient, symptom: p.symptom, lag: p.by_lag_days });
        const { ingredient: _a, symptom: _s, lag_days: _l, by_ingredient: _b, by_lag_days: _bl, ...want } = p;
        expect(differences(got, want, { strictTiny: true }), `${p.ingredient} by ${p.by_ingredient}`).toEqual([]);
      }
      expect(differences(result.explained, c.expected_extra.explained, { strictTiny: true })).toEqual([]);
    });
  });
});
