import { useId } from 'react';
import { componentFindings } from '../../../shared/insights/components-describe';
import type { ComponentTest } from '../../../shared/insights/components-types';
import { findingAnchor } from '../../../shared/insights/voice';
import type { SymptomPolarity } from '../../../shared/schema';
import { StrengthBadge } from './StrengthBadge';
import { Link } from '../router';

/** The re-challenge page, set up to test a whole food group against a symptom. */
export function componentChallengeUrl(component: string, symptom: string): string {
  return `/challenge?component=${encodeURIComponent(component)}&symptom=${encodeURIComponent(symptom)}`;
}

/**
 * Findings by food component ("Fructans (onion, garlic…) are linked to more bloating the next day"),
 * each with its numbers one tap away, like the per-food findings. Nothing shows when there is none.
 */
export function ComponentFindings({ tests, labelOf, polarityOf }: { tests: readonly ComponentTest[] | undefined; labelOf: (key: string) => string; polarityOf: (key: string) => SymptomPolarity }) {
  const id = useId();
  const findings = componentFindings(tests ?? [], (s) => ({ label: labelOf(s), polarity: polarityOf(s) }));
  if (findings.length === 0) return null;
  return (
    <section className="card insights-section" id="insights-components" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Food groups</h2>
      <p className="muted small">Some people react to something many foods share, such as the fructans in wheat, onion and garlic. These patterns look across all those foods at once.</p>
      <ul className="findings">
        {findings.map((f) => (
          <li key={f.id} className="finding finding-component" id={findingAnchor(f.id)}>
            <div className="finding-head">
              <p className="finding-sentence" id={`${id}-${f.id}`}>{f.sentence}</p>
              <span className="finding-tags">
                <StrengthBadge strength={f.strength} />
              </span>
            </div>
            <details className="finding-numbers small">
              <summary>Show the numbers</summary>
              <dl>
                {f.numbers.map((r) => (
                  <div key={r.label}>
                    <dt>{r.label}</dt>
                    <dd>{r.value}</dd>
                  </div>
                ))}
              </dl>
              <p className="muted">Which foods count: {f.source}</p>
            </details>
            {f.direction === 'worse' && (
              <p className="finding-actions">
                <Link to={componentChallengeUrl(f.component, f.symptom)} className="button small" aria-describedby={`${id}-${f.id}`}>
                  Test this food group
                </Link>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
