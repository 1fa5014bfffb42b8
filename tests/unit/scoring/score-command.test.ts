import { describe, expect, it } from 'vitest';
import { run, type ScoreResult } from '../../../cli/commands/score';
import { main } from '../../../cli/main';

async function aurea(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('aurea score', () => {
  it('--json prints one object per name, in order, with scores, confidence and reasons', async () => {
    const { code, out } = await aurea(['White Bread', 'lentils', '--json']);
    expect(code).toBe(0);
    const results = JSON.parse(out) as ScoreResult[];
    expect(results.map((r) => [r.query, r.name, r.found])).toEqual([
      ['White Bread', 'white bread', true],
      ['lentils', 'lentil', true],
    ]);
    const [bread, lentil] = results as [ScoreResult, ScoreResult];
    expect(Object.keys(bread.scores!).sort()).toEqual(['blood_sugar_impact', 'gut_impact', 'hormonal_relevance', 'inflammation_potential', 'overall_score']);
    expect(Object.keys(bread.scores!.hormonal_relevance).sort()).toEqual(['cortisol_impact', 'details', 'estrogen_impact', 'insulin_impact', 'score']);
    expect(bread.scores!.hormonal_relevance.insulin_impact).toBe('high');
    expect(bread.evidence_confidence).toBe('high');
    expect(bread.source).toMatchObject({ table: 'offline', sr28: { ndb: '18069' }, glycemic_index: { value: 75, table: 'Atkinson 2008 Table 1', row: '2' } });
    expect(lentil.reasons).toContainEqual({ dimension: 'blood_sugar', rule: 'fiber_gt_5', points: 10, text: 'fiber 7.9 g/100 g: +10' });
    expect(lentil.scores!.blood_sugar_impact).toBeGreaterThan(bread.scores!.blood_sugar_impact);
  });

  it('reports an unknown name as found:false with a clear reason and exits 1', async () => {
    const { code, out } = await aurea(['pizza dough', 'tomat', 'tomatoes', '--json']);
    expect(code).toBe(1);
    const [dough, tomat, tomatoes] = JSON.parse(out) as [ScoreResult, ScoreResult, ScoreResult];
    expect(dough).toMatchObject({ query: 'pizza dough', name: null, found: false, scores: null, evidence_confidence: null, reasons: [] });
    expect(dough.reason).toMatch(/not in the offline food table/);
    // A partial name is not a food, but the close matches help; the plural is found.
    expect(tomat.found).toBe(false);
    expect(tomat.suggestions).toContain('tomato');
    expect(tomatoes).toMatchObject({ found: true, name: 'tomato' });
  });

  it('prints a readable table by default, framed as general guidance', async () => {
    const { code, out } = await aurea(['salmon', 'diet soda']);
    expect(code).toBe(0);
    expect(out).toMatch(/^In general \(not about you\): /);
    expect(out).toMatch(/food\s+blood sugar\s+inflammation\s+gut\s+hormonal\s+overall\s+confidence/);
    expect(out).toMatch(/\nsalmon\s+100\s+10\s+50\s+0\s+85\s+high\n/);
    expect(out).toMatch(/diet soda — Generally: /);
    expect(out).toMatch(/gut: .*aspartame/);
  });

  it('is registered in the aurea command list and explains its usage', async () => {
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
    expect(await main(['--help'], io)).toBe(0);
    expect(out).toMatch(/aurea score NAME/);
    expect(await main(['score'], io)).toBe(2);
    expect(err).toMatch(/usage: aurea score NAME/);
  });
});
