import { useId } from 'react';
import type { PredictionView } from '../../state/model';
import { chanceSentence, confidenceWords, keepPercents, percent, PROBABILITY_KEY, STOOL_WORDS, stoolChanceSentence, TARGET_KEYS, TARGET_WORDS } from './wording';
import { DEFAULT_WINDOW_DAYS as USUAL_WINDOW_DAYS } from '../../../../shared/model/thresholds';
import { STOOL_LOOSE } from '../../../../shared/stool/outcomes';
import type { TargetKey } from '../../../../shared/model/targets';
import type { InsightItem } from '../../../../shared/insights/describe';
import { predictionStrength, type Strength } from '../../../../shared/insights/voice';

/**
 * The strength behind one chance: the model's own (from days it had not seen), lifted by any finding
 * in Insights about a planned food that points the same way, so both pages say the same thing.
 */
export function chanceStrength(view: PredictionView, k: TargetKey, findings: readonly InsightItem[]): Strength {
  const p = view.prediction;
  const usual = view.usual.rates[k].rate;
  // Only a finding pointing the way this chance moves from the usual rate backs it up.
  const way = usual === null || view.usualDay ? null : p[PROBABILITY_KEY[k]] > usual ? 'worse' : 'better';
  const backing = p.tier === 'cold_start' || way === null ? [] : findings.filter((f) => f.symptom === TARGET_WORDS[k].symptom && f.direction === way).map((f) => f.strength);
  return predictionStrength(p.confidence_by_target[k], backing);
}

/** The loose-stool chance's strength, backed (as the others) by findings about planned foods pointing the same way. */
function stoolStrength(view: PredictionView, findings: readonly InsightItem[]): Strength {
  const p = view.prediction;
  const diff = (p.stool_loose_probability ?? 0) - (view.usual_stool_loose ?? 0);
  const way = diff > 0 ? 'worse' : 'better';
  const backing = p.tier === 'cold_start' ? [] : findings.filter((f) => f.symptom === STOOL_LOOSE && f.direction === way).map((f) => f.strength);
  return predictionStrength(p.stool_loose_confidence ?? 'low', backing);
}

/**
 * The three chances (and the loose-stool chance for people who track stool form) as percentages with a bar each (the tick marks the person's usual rate), the
 * expected bloating score, the confidence per target and the plain interpretation.
 */
export function Chances({ view, findings = [] }: { view: PredictionView; findings?: readonly InsightItem[] }) {
  const p = view.prediction;
  const coldStart = p.tier === 'cold_start';
  const anyUsual = TARGET_KEYS.some((k) => view.usual.rates[k].rate !== null);
  return (
    <div className="p-chances">
      <ul className="p-targets">
        {TARGET_KEYS.map((k) => {
          const usual = view.usual.rates[k];
          // An empty plan without enough rated days has no usual day to show: no made-up percentage.
          const probability = view.usualDay && usual.rate === null ? null : p[PROBABILITY_KEY[k]];
          return (
            <ChanceRow
              key={k}
              words={TARGET_WORDS[k]}
              probability={probability}
              usual={usual.rate}
              sentence={chanceSentence(p[PROBABILITY_KEY[k]], usual, chanceStrength(view, k, findings), coldStart, k, view.usualDay)}
              confidence={view.usualDay ? null : confidenceWords(chanceStrength(view, k, findings), coldStart)}
            />
          );
        })}
        {p.stool_loose_probability !== undefined && view.usual_stool_loose !== null && !view.usualDay && (
          <ChanceRow
            words={STOOL_WORDS}
            probability={p.stool_loose_probability}
            usual={view.usual_stool_loose}
            sentence={stoolChanceSentence(p.stool_loose_probability, view.usual_stool_loose, stoolStrength(view, findings), coldStart)}
            confidence={confidenceWords(stoolStrength(view, findings), coldStart)}
          />
        )}
      </ul>
      {anyUsual && (
        <p className="p-legend small muted">
          <span className="p-tick" aria-hidden="true" /> The tick on each bar is your usual rate: how often it happened on your rated days in the last {USUAL_WINDOW_DAYS} days.
        </p>
      )}
      {!(view.usualDay && view.usual.bloating_mean === null) && (
        <p className="p-score">
          Expected bloating: <strong>{p.bloating_score.toFixed(1)} of 5</strong> {view.usual.bloating_mean !== null && !view.usualDay && <span className="muted">(usually {view.usual.bloating_mean.toFixed(1)})</span>}
        </p>
      )}
      <p className="p-interpretation">{keepPercents(p.interpretation)}</p>
    </div>
  );
}

function ChanceRow({ words, probability, usual, sentence, confidence }: { words: { name: string; outcome: string }; probability: number | null; usual: number | null; sentence: string; confidence: string | null }) {
  const id = useId();
  if (probability === null) {
    return (
      <li className="p-target">
        <div className="p-target-head">
          <h3 id={`${id}-name`}>
            {words.name} <span className="p-outcome">({words.outcome})</span>
          </h3>
        </div>
        <p className="p-says">{sentence}</p>
      </li>
    );
  }
  const pct = Math.round(probability * 100);
  const level = probability >= 0.5 ? 'high' : probability >= 0.3 ? 'mid' : 'low';
  return (
    <li className="p-target">
      <div className="p-target-head">
        <h3 id={`${id}-name`}>
          {words.name} <span className="p-outcome">({words.outcome})</span>
        </h3>
        <span className="p-pct" aria-hidden="true">
          {percent(probability)}
        </span>
      </div>
      <div
        className={`p-bar ${level}`}
        role="meter"
        aria-labelledby={`${id}-name`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={usual === null ? `${pct} % chance` : `${pct} % chance, usually ${Math.round(usual * 100)} %`}
      >
        <span className="p-fill" style={{ width: `${Math.max(1, pct)}%` }} />
        {usual !== null && <span className="p-usual" style={{ left: `${Math.round(usual * 100)}%` }} title={`Usually ${percent(usual)}`} />}
      </div>
      <p className="p-says">{sentence}</p>
      {confidence && <p className="p-confidence small muted">{confidence}</p>}
    </li>
  );
}
