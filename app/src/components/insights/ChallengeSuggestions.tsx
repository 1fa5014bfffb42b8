import { challengeSuggestions, explainedChoice } from '../../../../shared/challenge/suggest';
import { explainedSentence } from '../../../../shared/insights/explained-words';
import { useCachedInsights } from '../../state/insights';

/**
 * On "Start a test": the person's own findings worth testing, strongest first (never a food that only
 * rides along with another), and a word when the chosen food is one of those riders.
 */
export function ChallengeSuggestions({ ingredient, symptom, labelOf, onPick }: { ingredient: string; symptom: string; labelOf: (key: string) => string; onPick: (food: string, symptom: string) => void }) {
  const result = useCachedInsights()?.result;
  if (!result) return null;
  const offered = challengeSuggestions(result).slice(0, 5);
  const chosen = ingredient.trim().toLowerCase();
  const rider = chosen ? explainedChoice(result, chosen, symptom) : undefined;
  const polarity = result.symptoms.find((s) => s.symptom === symptom)?.polarity ?? 'higher_is_worse';
  return (
    <>
      {offered.length > 0 && (
        <div>
          <p className="small muted">From your insights:</p>
          <div className="row">
            {offered.map((s) => (
              <button key={`${s.ingredient}:${s.symptom}`} type="button" className="small" aria-pressed={chosen === s.ingredient && symptom === s.symptom} onClick={() => onPick(s.ingredient, s.symptom)}>
                {s.ingredient} → {labelOf(s.symptom).toLocaleLowerCase()}
              </button>
            ))}
          </div>
        </div>
      )}
      {rider && (
        <p className="banner info small" role="status">
          {explainedSentence(rider, { name: labelOf(symptom).toLocaleLowerCase(), polarity })}{' '}
          <button type="button" className="small" onClick={() => onPick(rider.by_ingredient, symptom)}>
            Test {rider.by_ingredient} instead
          </button>
        </p>
      )}
    </>
  );
}
