import { componentFindings, type ComponentFinding } from '../../../../shared/insights/components-describe';
import type { ComponentTest } from '../../../../shared/insights/components-types';
import { formatMean, formatP, inSentence, lagWords, strengthPhrase } from '../../../../shared/insights/voice';
import { COMPONENTS } from '../../../../shared/ingredients/components';
import type { SymptomPolarity } from '../../../../shared/schema';

/** The test as the report names it, with the size of the family its p-values were corrected over. */
export function componentTestName(familySize: number): string {
  return `Mann-Whitney U, two-sided, asymptotic with continuity correction; Bonferroni within the component family of ${familySize} tests`;
}

interface Props {
  tests: readonly ComponentTest[] | undefined;
  labelOf: (key: string) => string;
  polarityOf: (key: string) => SymptomPolarity;
}

/** The significant food-group findings of the period, in the words of the Insights page. */
export function reportComponentFindings({ tests, labelOf, polarityOf }: Props): ComponentFinding[] {
  return componentFindings(tests ?? [], (s) => ({ label: labelOf(s), polarity: polarityOf(s) }));
}

/** "Food groups: Fructans (onion, garlic, wheat bread…) are linked to more bloating the next day (strong evidence)." for "In brief". */
export function FoodGroupsBrief(props: Props) {
  const findings = reportComponentFindings(props);
  if (findings.length === 0) return null;
  return (
    <li>
      Food groups: {findings.map((f) => `${f.sentence} (${strengthPhrase(f.strength)})`).join('; ')}.
    </li>
  );
}

/**
 * Groups share foods (wheat bread carries fructans and gluten), so one pattern can show in two groups:
 * said once, with the first shared food, when two of the findings overlap.
 */
function overlap(findings: readonly ComponentFinding[], testOf: (f: ComponentFinding) => ComponentTest) {
  for (let i = 0; i < findings.length; i++) {
    for (let j = i + 1; j < findings.length; j++) {
      const a = findings[i]!;
      const b = findings[j]!;
      if (a.component === b.component) continue;
      const other = new Set(testOf(b).foods);
      const shared = testOf(a).foods.find((f) => other.has(f));
      if (!shared) continue;
      const name = (k: ComponentFinding['component']) => inSentence(COMPONENTS[k].label);
      return (
        <p className="small">
          Groups share foods ({shared} carries both {name(a.component)} and {name(b.component)}), so one pattern can show in more than one group; a re-introduction of each group tells them apart.
        </p>
      );
    }
  }
  return null;
}

const when = (lag: number) => (lag === 0 ? 'same day' : lagWords(lag).trim());

/**
 * The report's "Food groups" section: each significant component finding in the Insights sentence and
 * strength, the diary's foods of that group, its numbers in a table, and what such a finding does and
 * does not mean. Nothing is worded here that Insights words differently.
 */
export function FoodGroupsSection({ analysing, ...props }: Props & { analysing: boolean }) {
  const tests = props.tests ?? [];
  const findings = reportComponentFindings(props);
  const testOf = (f: ComponentFinding) => tests.find((t) => t.component === f.component && t.symptom === f.symptom && t.lag_days === f.lag_days)!;
  return (
    <section className="report-section" aria-labelledby="report-food-groups">
      <h3 id="report-food-groups">Food groups</h3>
      {analysing ? (
        <p className="muted">Analysing…</p>
      ) : findings.length === 0 ? (
        <p>{tests.length === 0 ? 'Too few days with and without each food group to test them.' : `No food group was linked to a symptom after correcting for the ${tests.length} food-group tests.`}</p>
      ) : (
        <>
          <ul className="report-sentences">
            {findings.map((f) => (
              <li key={f.id}>
                {f.sentence} ({strengthPhrase(f.strength)}). <span className="small">Foods of this group in the diary: {testOf(f).foods.join(', ')}.</span>
              </li>
            ))}
          </ul>
          <div className="report-kv-grid">
            {findings.map((f) => {
              const t = testOf(f);
              // The rows of "Show the numbers" on Insights, with the U statistic beside the test.
              const rows = f.numbers.flatMap((r) => (r.label === 'Test' ? [r, { label: 'U statistic', value: t.u_statistic === null ? '–' : String(t.u_statistic) }] : [r]));
              return (
                <div className="table-scroll" key={f.id}>
                  <table className="data report-kv">
                    <caption>
                      {COMPONENTS[t.component].label} → {props.labelOf(t.symptom).toLocaleLowerCase('en')} ({when(t.lag_days)})*
                    </caption>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={r.label}>
                          <th scope="row">{r.label}</th>
                          <td className="num">{r.value}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
          </div>
          <p className="small muted">* {componentTestName(tests.length)}. "With" counts the days with any food of the group (dishes and products through their ingredients); the averages are of the symptom that day or, for a later day, that many days after.</p>
          {overlap(findings, testOf)}
          <p className="small muted">Which foods count: {[...new Set(findings.map((f) => f.source))].join(' ')}</p>
          <p className="small">A food group is tested as a family of its own (every group, symptom and lag of 0–3 days), so the food-by-food results above are exactly what they would be without it.</p>
          <p className="small">A group link says the symptom tended to differ after days with any of these foods. It does not say which of them matters, and it is not a diagnosis of IBS, an intolerance or coeliac disease.</p>
          <p className="small">
            The usual next step is a re-introduction: leave the group out for a while, then bring its foods back one at a time — for FODMAP groups (fructans, lactose, GOS, excess fructose, polyols) best planned with a dietitian. The app can run such a food-group re-challenge; any done are listed under re-challenges.
          </p>
        </>
      )}
    </section>
  );
}
