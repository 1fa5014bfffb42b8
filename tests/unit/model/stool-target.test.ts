import { describe, expect, it } from 'vitest';
import { generateDiary } from '../../../shared/demo';
import { predict, trainModelSet, type ModelLog } from '../../../shared/model';
import { disposeModelSet } from '../../../shared/model/train';
import { modelSetFromArtifacts, modelSetToArtifacts } from '../../../shared/model/persistence';
import { diaryForAnalysis } from '../../../shared/diary/for-analysis';
import { compareWithOutcome, trackRecord } from '../../../shared/model/track-record';

/** A generated diary where milk days (and only they) bring a loose stool, as the app stores it. */
function stoolDiary(days: number) {
  const logs = generateDiary({ seed: 7, days, missingRate: 0 }).logs.map((l, i) => {
    const milk = i % 3 === 0;
    return { ...l, ingredients: milk ? [...l.ingredients, 'milk'] : l.ingredients.filter((x) => x !== 'milk'), stool_types: milk ? [4, 7] : [i % 4 === 0 ? 2 : 4] };
  });
  return logs;
}

const core = (p: object) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('stool_loose') && k !== 'interpretation'));

describe('loose-stool chance', () => {
  it('is learnt from the stool outcome: a milk day is more likely loose than a day without', () => {
    const logs = diaryForAnalysis(stoolDiary(80));
    const set = trainModelSet(logs, { windowDays: null, trainedAt: '2026-01-01T00:00:00Z' });
    expect(set.stool?.model).toBeDefined();
    const last = logs[logs.length - 1]!.date;
    const withMilk = predict(set, logs, { date: `${Number(last.slice(0, 4)) + 1}${last.slice(4)}`, ingredients: ['milk', 'rice'] });
    const without = predict(set, logs, { date: `${Number(last.slice(0, 4)) + 1}${last.slice(4)}`, ingredients: ['rice'] });
    expect(withMilk.stool_loose_probability!).toBeGreaterThan(0.6);
    expect(without.stool_loose_probability!).toBeLessThan(0.2);
    expect(withMilk.stool_loose_contributions![0]).toMatchObject({ kind: 'ingredient', name: 'milk', direction: 'up' });
    expect(withMilk.interpretation).toMatch(/A loose stool is more likely than usual \(\d+ % against your usual \d+ %\), mainly because of milk\./);
    expect(withMilk.stool_loose_contributions![0]!.text).toMatch(/^milk that day raises the chance of loose stool by about \d+ in 100$/);
    disposeModelSet(set);
  });

  it('changes nothing about the other targets: same predictions with and without stool types', () => {
    const withStool = diaryForAnalysis(stoolDiary(60));
    const plain: ModelLog[] = withStool.map(({ stool_types: _s, ...l }) => ({ ...l, symptoms: Object.fromEntries(Object.entries(l.symptoms).filter(([k]) => !k.startsWith('stool_'))) }));
    const a = trainModelSet(withStool, { windowDays: null, trainedAt: '2026-01-01T00:00:00Z' });
    const b = trainModelSet(plain, { windowDays: null, trainedAt: '2026-01-01T00:00:00Z' });
    expect(b.stool).toBeUndefined();
    const q = { date: '2030-01-01', ingredients: ['milk', 'bread'] };
    const pa = predict(a, withStool, q);
    const pb = predict(b, plain, q);
    expect(pb.stool_loose_probability).toBeUndefined();
    expect(core(pa)).toEqual(core(pb));
    disposeModelSet(a);
    disposeModelSet(b);
  });

  it('with fewer than 14 tracked days it is the person\'s usual rate, with low confidence', () => {
    const logs = diaryForAnalysis(stoolDiary(10));
    const set = trainModelSet(logs, { trainedAt: '2026-01-01T00:00:00Z' });
    expect(set.tier).toBe('cold_start');
    const p = predict(set, logs, { date: '2030-01-01', ingredients: ['milk'] });
    // 4 loose of 10 tracked days, steadied by 4 typical days at 15 %: (4 + 0.6) / 14.
    expect(p.stool_loose_probability).toBeCloseTo(4.6 / 14, 12);
    expect(p.stool_loose_confidence).toBe('low');
  });

  it('is stored and loaded with the model set', async () => {
    const logs = diaryForAnalysis(stoolDiary(60));
    const set = trainModelSet(logs, { windowDays: null, trainedAt: '2026-01-01T00:00:00Z' });
    const loaded = await modelSetFromArtifacts(structuredClone(await modelSetToArtifacts(set)));
    const q = { date: '2030-01-01', ingredients: ['milk', 'bread'] };
    expect(predict(loaded, logs, q).stool_loose_probability).toBeCloseTo(predict(set, logs, q).stool_loose_probability!, 6);
    expect(loaded.stool?.base_rate).toBe(set.stool?.base_rate);
    disposeModelSet(set);
    disposeModelSet(loaded);
  });
});

describe('loose-stool track record', () => {
  const prediction = (date: string, p: number | undefined) => ({ date, bloating_probability: 0.5, energy_low_probability: 0.2, brain_fog_probability: 0.2, bloating_score: 2, ...(p === undefined ? {} : { stool_loose_probability: p }) });
  const log = (date: string, stool_types?: number[]) => ({ date, ingredients: [], symptoms: { bloating: 2 }, ...(stool_types ? { stool_types } : {}) });

  it('compares the chance with the day\'s stool types; a day with none logged is not counted', () => {
    expect(compareWithOutcome(prediction('2026-01-01', 0.7), log('2026-01-01', [4, 6])).stool_loose).toEqual({ probability: 0.7, happened: true, squared_error: expect.closeTo(0.09, 12), right: true });
    expect(compareWithOutcome(prediction('2026-01-02', 0.7), log('2026-01-02', [4])).stool_loose).toMatchObject({ happened: false, right: false });
    expect(compareWithOutcome(prediction('2026-01-03', 0.7), log('2026-01-03')).stool_loose).toMatchObject({ happened: null, right: null });
    expect(compareWithOutcome(prediction('2026-01-04', undefined), log('2026-01-04', [7])).stool_loose).toBeUndefined();
  });

  it('summarises like the other chances, and only when there were loose-stool chances', () => {
    const outcomes = [
      compareWithOutcome(prediction('2026-01-01', 0.7), log('2026-01-01', [7])),
      compareWithOutcome(prediction('2026-01-02', 0.2), log('2026-01-02', [4])),
      compareWithOutcome(prediction('2026-01-03', 0.6), log('2026-01-03', [3])),
    ];
    const record = trackRecord(outcomes);
    expect(record.stool_loose).toMatchObject({ n: 3, right: 2 });
    expect(record.stool_loose!.summary).toBe('Right on 2 of 3 days (67 %).');
    expect(trackRecord([compareWithOutcome(prediction('2026-01-01', undefined), log('2026-01-01', [7]))]).stool_loose).toBeUndefined();
  });
});
