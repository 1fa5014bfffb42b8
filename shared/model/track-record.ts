/**
 * The model's track record: each stored prediction compared with what the person then logged, and a
 * summary in plain words ("when Aurea said about 70 %, it happened 6 times out of 10").
 */
import type { ModelLog } from './features';
import { STOOL_LOOSE_TARGET, TARGETS, type TargetKey } from './targets';
import { stoolOutcomes } from '../stool/outcomes';
import type { Prediction } from './types';

export type PredictionSummary = Pick<Prediction, 'date' | 'bloating_probability' | 'energy_low_probability' | 'brain_fog_probability' | 'bloating_score' | 'stool_loose_probability'>;

export interface TargetOutcome {
  probability: number;
  /** null when the person did not rate that symptom. */
  happened: boolean | null;
  /** (probability − outcome)²; null when not rated. */
  squared_error: number | null;
  /** The forecast read as yes at ≥ 50 % matched what happened. */
  right: boolean | null;
}

export interface Outcome {
  date: string;
  targets: Record<TargetKey, TargetOutcome>;
  /** Present when the prediction gave a loose-stool chance (the person tracks stool form). */
  stool_loose?: TargetOutcome;
  bloating_score: { predicted: number; actual: number | null; error: number | null };
}

/** Compares one stored prediction with the log of the same day. */
function outcomeOf(p: number, happened: boolean | null): TargetOutcome {
  return { probability: p, happened, squared_error: happened === null ? null : (p - (happened ? 1 : 0)) ** 2, right: happened === null ? null : p >= 0.5 === happened };
}

export function compareWithOutcome(prediction: PredictionSummary, actual: ModelLog & { stool_types?: readonly number[] }): Outcome {
  if (prediction.date !== actual.date) throw new Error(`prediction for ${prediction.date} compared with the log of ${actual.date}`);
  const targets = {} as Record<TargetKey, TargetOutcome>;
  for (const t of TARGETS) {
    const p = prediction[t.probabilityKey];
    const v = actual.symptoms[t.symptom];
    const rated = typeof v === 'number';
    const happened = rated ? t.happened(v) : null;
    targets[t.key] = {
      probability: p,
      happened,
      squared_error: happened === null ? null : (p - (happened ? 1 : 0)) ** 2,
      right: happened === null ? null : p >= 0.5 === happened,
    };
  }
  const b = actual.symptoms.bloating;
  // A day without a logged bowel movement is unknown, not "no loose stool".
  const stool = typeof prediction.stool_loose_probability === 'number' ? outcomeOf(prediction.stool_loose_probability, stoolOutcomes(actual.stool_types) ? stoolOutcomes(actual.stool_types)!.stool_loose === 1 : null) : undefined;
  return {
    date: prediction.date,
    targets,
    ...(stool ? { stool_loose: stool } : {}),
    bloating_score: { predicted: prediction.bloating_score, actual: typeof b === 'number' ? b : null, error: typeof b === 'number' ? prediction.bloating_score - b : null },
  };
}

export interface CalibrationBin {
  /** Forecasts in [from, to). */
  from: number;
  to: number;
  n: number;
  mean_probability: number;
  happened: number;
  text: string;
}

export interface TargetRecord {
  n: number;
  right: number;
  right_rate: number | null;
  brier: number | null;
  calibration: CalibrationBin[];
  /** The person's usual rate (usual.ts) the record is read against; null when there is none yet. */
  usual: number | null;
  /** Days on which simply expecting the usual day (yes when the usual rate is 50 % or more) was right. */
  usual_right: number | null;
  /** One line a person can read: how often right, and how well the percentages held up. */
  summary: string;
}

export interface TrackRecord {
  days: number;
  targets: Record<TargetKey, TargetRecord>;
  /** Only when some compared prediction gave a loose-stool chance. */
  stool_loose?: TargetRecord;
  bloating_score_mean_abs_error: number | null;
}

const BINS = [0, 0.2, 0.4, 0.6, 0.8, 1.0000001];
/** Bins with fewer forecasts say too little to report. */
const MIN_BIN = 3;

/** Summarises compared predictions per target: how often right, Brier score, calibration in words. */
export function trackRecord(outcomes: readonly Outcome[], usual?: Readonly<Record<TargetKey, number | null>>): TrackRecord {
  const targets = {} as Record<TargetKey, TargetRecord>;
  for (const t of TARGETS) targets[t.key] = targetRecord(outcomes.map((o) => o.targets[t.key]), t.label, usual?.[t.key] ?? null);
  const stool = outcomes.flatMap((o) => (o.stool_loose ? [o.stool_loose] : []));
  const errors = outcomes.map((o) => o.bloating_score.error).filter((e): e is number => e !== null);
  return {
    days: outcomes.length,
    targets,
    ...(stool.length ? { stool_loose: targetRecord(stool, STOOL_LOOSE_TARGET.label) } : {}),
    bloating_score_mean_abs_error: errors.length ? errors.reduce((a, e) => a + Math.abs(e), 0) / errors.length : null,
  };
}

/** One target's record from its compared forecasts (unrated days left out). */
function targetRecord(all: readonly TargetOutcome[], label: string, usualRate: number | null = null): TargetRecord {
  const rated = all.filter((o) => o.happened !== null);
  const n = rated.length;
  const right = rated.filter((o) => o.right).length;
  const brier = n ? rated.reduce((a, o) => a + o.squared_error!, 0) / n : null;
  const calibration: CalibrationBin[] = [];
  for (let b = 0; b < BINS.length - 1; b++) {
    const inBin = rated.filter((o) => o.probability >= BINS[b]! && o.probability < BINS[b + 1]!);
    if (inBin.length < MIN_BIN) continue;
    const mean = inBin.reduce((a, o) => a + o.probability, 0) / inBin.length;
    const happened = inBin.filter((o) => o.happened).length;
    const about = Math.round(mean * 10) * 10;
    calibration.push({
      from: BINS[b]!,
      to: Math.min(1, BINS[b + 1]!),
      n: inBin.length,
      mean_probability: mean,
      happened,
      text: `when Aurea said about ${about} %, ${label} happened ${happened} ${happened === 1 ? 'time' : 'times'} out of ${inBin.length}`,
    });
  }
  let summary: string;
  if (n === 0) summary = `No ${label} forecasts to check yet.`;
  else {
    summary = `Right on ${right} of ${n} ${n === 1 ? 'day' : 'days'} (${Math.round((right / n) * 100)} %).`;
    const best = [...calibration].sort((a, b) => b.n - a.n)[0];
    if (best) summary += ` ${best.text.charAt(0).toUpperCase()}${best.text.slice(1)}.`;
  }
  const usualRight = usualRate === null || n === 0 ? null : rated.filter((o) => o.happened === usualRate >= 0.5).length;
  if (usualRight !== null) summary += ` Simply expecting your usual day (${Math.round(usualRate! * 100)} %) would have been right on ${usualRight} of ${n}.`;
  return { n, right, right_rate: n ? right / n : null, brier, calibration, usual: usualRate, usual_right: usualRight, summary };
}
