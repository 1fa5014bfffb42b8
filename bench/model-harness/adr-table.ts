/**
 * The ADR's feature table as a dense matrix, for the scikit-learn baselines: per ingredient seen in the
 * training part (present_today, present_last_3_days, frequency_last_7_days, days_since_last), then
 * day_of_week, is_weekend, days_since_first_log, cycle one-hot (4), days_until_menstruation (−1 when
 * unknown), rolling 7-day means (training mean when unknown) and trends. Built with the app's own
 * dayFeatures, so both sides see the same information.
 */
import { CYCLE_PHASES } from '../../shared/schema';
import { buildVocabulary, dayFeatures, ingredientFeatures, prepareHistory, type ModelLog } from '../../shared/model/features';
import { TARGETS } from '../../shared/model/targets';

export interface AdrTable {
  X_train: number[][];
  X_test: number[][];
  targets: Record<string, { y_train: number[]; y_test: number[] }>;
  columns: string[];
}

export function adrTable(sortedLogs: readonly ModelLog[], nTrain: number): AdrTable {
  const history = prepareHistory(sortedLogs);
  const train = sortedLogs.slice(0, nTrain);
  const vocab = buildVocabulary(train, 1, Infinity);
  const vocabSet = new Set(vocab);
  const symptoms = ['bloating', 'energy', 'focus'];
  const means = symptoms.map((s) => train.reduce((a, l) => a + (l.symptoms[s] ?? 0), 0) / Math.max(1, train.length));
  const columns = [
    ...vocab.flatMap((v) => [`${v}:present_today`, `${v}:present_last_3_days`, `${v}:frequency_last_7_days`, `${v}:days_since_last`]),
    'day_of_week',
    'is_weekend',
    'days_since_first_log',
    ...CYCLE_PHASES.map((p) => `cycle:${p}`),
    'days_until_menstruation',
    ...symptoms.map((s) => `avg_${s}_last_7_days`),
    ...symptoms.map((s) => `trend_${s}`),
  ];
  const rows = sortedLogs.map((l) => {
    const f = dayFeatures(history, { date: l.date, ingredients: l.ingredients, cycle_phase: l.cycle_phase ?? null }, vocabSet, symptoms);
    const row: number[] = [];
    for (const v of vocab) {
      const x = ingredientFeatures(f, v);
      row.push(x.present_today, x.present_last_3_days, x.frequency_last_7_days, x.days_since_last);
    }
    row.push(f.day_of_week, f.is_weekend, f.days_since_first_log);
    for (const p of CYCLE_PHASES) row.push(f.cycle_phase === p ? 1 : 0);
    row.push(f.days_until_menstruation ?? -1);
    symptoms.forEach((s, k) => row.push(f.rolling_mean_7d[s] ?? means[k]!));
    for (const s of symptoms) row.push(f.trend[s] ?? 0);
    return row;
  });
  const targets: AdrTable['targets'] = {};
  for (const t of TARGETS) {
    const y = sortedLogs.map((l) => (t.happened(l.symptoms[t.symptom]) ? 1 : 0));
    targets[t.key] = { y_train: y.slice(0, nTrain), y_test: y.slice(nTrain) };
  }
  return { X_train: rows.slice(0, nTrain), X_test: rows.slice(nTrain), targets, columns };
}
