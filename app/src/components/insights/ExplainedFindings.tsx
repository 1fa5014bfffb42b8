import { useId } from 'react';
import { findingNumbers, type InsightItem } from '../../../../shared/insights/describe';
import { findingAnchor } from '../../../../shared/insights/voice';
import { explainedSentence } from '../../../../shared/insights/explained-words';
import { Link } from '../../router';
import { useCachedInsights } from '../../state/insights';

/** Where the likelier trigger is tested deliberately (the same route as Insights' "Test this food"). */
const testUrl = (food: string, symptom: string) => `/challenge?food=${encodeURIComponent(food)}&symptom=${encodeURIComponent(symptom)}`;


/**
 * Insights: foods that only look linked to a symptom because they are mostly eaten with a likelier
 * trigger ("explained by", issue 16). Said in plain words, with the likelier trigger named and offered
 * for a test instead; the numbers stay one tap away.
 */
export function ExplainedFindings({ items }: { items: readonly InsightItem[] }) {
  const id = useId();
  const explained = items.filter((i) => i.kind === 'explained' && i.explained_by && i.ingredient && i.symptom);
  if (explained.length === 0) return null;
  return (
    <section className="card insights-section" id="insights-explained" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Foods that only look linked</h2>
      <p className="muted small">
        These foods go with worse days mostly because they are eaten with another food that goes with worse days on its own. That other food is the likelier cause; this does not prove the first one is fine for you.
      </p>
      <ul className="findings">
        {explained.map((i) => (
          <li key={i.id} className="finding finding-explained" id={findingAnchor(i.id)} tabIndex={-1}>
            <div className="finding-head">
              <h3 id={`${id}-${i.id}`} className="finding-title">
                {i.headline}
              </h3>
            </div>
            <p className="finding-sentence">{i.sentence}</p>
            <details className="finding-numbers small">
              <summary>Show the numbers</summary>
              {/* Labels keep at least half the width: a long value (the test's name) must not squeeze them to a letter a line at 360 px. */}
              <dl>
                {findingNumbers(i).map((r) => (
                  <div key={r.label}>
                    <dt>{r.label}</dt>
                    <dd>{r.value}</dd>
                  </div>
                ))}
              </dl>
            </details>
            <p className="finding-actions">
              <Link to={testUrl(i.explained_by!.ingredient, i.symptom!)} className="button small" aria-describedby={`${id}-${i.id}`}>
                Test {i.explained_by!.ingredient} instead
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The report: the same sentences, listed apart from the foods linked to worse symptoms. */
export function ExplainedReportNote({ items }: { items: readonly InsightItem[] }) {
  const explained = items.filter((i) => i.kind === 'explained');
  if (explained.length === 0) return null;
  return (
    <>
      <p className="small">
        <strong>Foods that only look linked</strong> (mostly eaten with a likelier trigger; left out of the table above):
      </p>
      <ul className="report-sentences">
        {explained.map((i) => (
          <li key={i.id}>{i.sentence}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * Predict: under a food the model counts against a symptom, the same caution when the person's
 * insights explain that food by another one.
 */
export function ExplainedFactorNote({ food, symptom, label }: { food: string; symptom: string; label: string }) {
  const cached = useCachedInsights();
  const result = cached?.result;
  const e = (result?.explained ?? []).find((x) => x.ingredient === food && x.symptom === symptom);
  if (!e || !result) return null;
  const polarity = result.symptoms.find((s) => s.symptom === symptom)?.polarity ?? 'higher_is_worse';
  return <span className="small muted explained-note"> {explainedSentence(e, { name: label.toLocaleLowerCase(), polarity })}</span>;
}
