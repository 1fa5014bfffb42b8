import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { mealPatterns } from '../../../shared/diary/meals';
import { useLiveQuery } from 'dexie-react-hooks';
import type { InsightItem, InsightsResult } from '../../../shared/insights';
import { SIGNIFICANCE } from '../../../shared/insights/analyse';
import { CYCLE_PHASES, type DailyLog, type SymptomDefinition } from '../../../shared/schema';
import { logsToCsv } from '../../../shared/diary/export';
import { addDays, daysBetween, localToday } from '../../../shared/util/dates';
import type { ChallengeResult } from '../../../shared/challenge/evaluate';
import type { ComponentPlan } from '../../../shared/challenge/plan';
import { appDb } from '../../db/db';
import { symptomDefinitions } from '../../db/repo';
import { gateway } from '../../gateway';
import { navigate, useLocation } from '../router';
import { downloadText } from '../download';
import { dateWithYear, plural, shortDate } from '../format';
import { useChartTheme } from '../components/charts/theme';
import { SymptomOverTimeChart } from '../components/charts/SymptomOverTimeChart';
import { CyclePhaseChart } from '../components/charts/CyclePhaseChart';
import { PHASE_LABELS } from '../components/CyclePhasePicker';
import type { Challenge } from '../state/challenges';
import { ExplainedReportNote } from '../components/insights/ExplainedFindings';
import { EstimatedPhasesNote } from '../components/report/EstimatedPhasesNote';
import { FoodGroupsBrief, FoodGroupsSection, componentTestName } from '../components/report/FoodGroups';
import { definitionsForAnalysis, diaryForAnalysis } from '../../../shared/diary/for-analysis';
import { STOOL_DEFINITIONS } from '../../../shared/stool/outcomes';

const PRESETS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 365, label: 'Last year' },
] as const;

const fmt = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const pfmt = (p: number | null | undefined) => (p === null || p === undefined ? '–' : p < 0.001 ? '< 0.001' : p.toFixed(3));

/** What a food-group test left out, for the clinician: "Left out: onion, garlic, … and 12 more; 28 moderate foods in small servings." */
function groupTestFoods(c: ComponentPlan): string {
  const shown = c.avoid.slice(0, 6).join(', ') + (c.avoid.length > 6 ? ` and ${c.avoid.length - 6} more` : '');
  return `Left out: ${shown}${c.goEasy.length ? `; ${plural(c.goEasy.length, 'moderate food')} in small servings` : ''}.`;
}

interface PeriodAnalysis {
  result: InsightsResult;
  items: InsightItem[];
}

/**
 * A printable report for a clinician: the period's logs summarised, symptom charts, the foods linked to
 * symptoms with their numbers, delayed effects, the cycle pattern, re-challenge results, and a
 * one-page appendix on method. Printing (or "Save as PDF") happens in the browser; nothing is uploaded.
 */
export function ReportPage() {
  const db = appDb();
  const id = useId();
  const { query } = useLocation();
  const today = localToday();
  const to = query.get('to') ?? today;
  const from = query.get('from') ?? addDays(to, -89);
  const [name, setName] = useState('');
  const defs = useLiveQuery(() => symptomDefinitions(db), []);
  const logs = useLiveQuery(() => db.logs.where('date').between(from, to, true, true).toArray(), [from, to]);
  const challenges = useLiveQuery(async () => (await db.challenges.toArray()) as Challenge[], []);
  const [analysis, setAnalysis] = useState<PeriodAnalysis | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The same engine as the Insights page, run in the worker on just this period.
  useEffect(() => {
    if (!logs || !defs) return;
    let live = true;
    setAnalysis(null);
    setError(null);
    gateway
      .insights()
      .analyse({ logs: diaryForAnalysis(logs).map((l) => ({ date: l.date, ingredients: l.ingredients, symptoms: l.symptoms, cycle_phase: l.cycle_phase ?? null })), definitions: definitionsForAnalysis(defs, logs), knownHash: null })
      .then((r) => {
        if (live && !r.unchanged) setAnalysis({ result: r.result, items: r.items });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [logs, defs]);

  const setPeriod = (f: string, t: string) => navigate(`/report?from=${f}&to=${t}`, { replace: true });
  const periodDays = daysBetween(from, to) + 1;

  return (
    <div className="report">
      <div className="no-print">
        <h1>Report for your clinician</h1>
        <p className="muted small">Choose a period, then print it or save it as a PDF from the print dialog. The report is made on this device; nothing is sent anywhere unless you share the file.</p>
        <section className="card stack" aria-label="Report options">
          <div className="row">
            {PRESETS.map((p) => (
              <button key={p.days} type="button" className="small" aria-pressed={periodDays === p.days && to === today} onClick={() => setPeriod(addDays(today, -(p.days - 1)), today)}>
                {p.label}
              </button>
            ))}
          </div>
          <div className="row">
            <div style={{ flex: '1 1 9rem' }}>
              <label htmlFor={`${id}-from`}>From</label>
              <input id={`${id}-from`} type="date" value={from} max={to} onChange={(e) => e.target.value && setPeriod(e.target.value, to)} />
            </div>
            <div style={{ flex: '1 1 9rem' }}>
              <label htmlFor={`${id}-to`}>To</label>
              <input id={`${id}-to`} type="date" value={to} min={from} onChange={(e) => e.target.value && setPeriod(from, e.target.value)} />
            </div>
          </div>
          <div>
            <label htmlFor={`${id}-name`}>Name on the report (optional, only printed)</label>
            <input id={`${id}-name`} type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} autoComplete="name" />
          </div>
          <div className="row">
            <button type="button" className="primary" onClick={() => window.print()} disabled={!analysis}>
              Print or save as PDF
            </button>
            <button type="button" disabled={!logs?.length || !defs} onClick={() => logs && defs && downloadText(`aurea-logs-${from}-to-${to}.csv`, logsToCsv(logs, defs), 'text/csv')}>
              Download CSV of these days
            </button>
          </div>
        </section>
      </div>

      {error && <p className="banner error">The analysis failed: {error}</p>}
      {!logs || !defs ? (
        <p className="muted">Loading…</p>
      ) : logs.length === 0 ? (
        <p className="card">No days are logged between {dateWithYear(from)} and {dateWithYear(to)}.</p>
      ) : (
        <ReportBody name={name} from={from} to={to} logs={logs} defs={defs} analysis={analysis} challenges={(challenges ?? []).filter((c) => c.plan.start <= to && c.plan.end >= from)} />
      )}
    </div>
  );
}

function ReportBody({ name, from, to, logs, defs, analysis, challenges }: { name: string; from: string; to: string; logs: DailyLog[]; defs: SymptomDefinition[]; analysis: PeriodAnalysis | null; challenges: Challenge[] }) {
  // The report is drawn on paper colours in every theme, so its charts read their colours from it.
  const paper = useRef<HTMLElement>(null);
  const theme = useChartTheme(paper);
  const labelOf = (k: string) => (defs.find((d) => d.key === k) ?? STOOL_DEFINITIONS.find((d) => d.key === k))?.label ?? k;
  const periodDays = daysBetween(from, to) + 1;
  const symptomStats = useMemo(
    () =>
      defs
        .map((d) => {
          const values = logs.map((l) => l.symptoms[d.key]).filter((v): v is number => v !== undefined);
          const bad = values.filter((v) => (d.polarity === 'higher_is_worse' ? v >= 3 : v <= 2)).length;
          return { def: d, n: values.length, mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, bad };
        })
        .filter((s) => s.n > 0),
    [defs, logs],
  );
  const topFoods = useMemo(() => {
    const counts = new Map<string, number>();
    for (const l of logs) for (const i of l.ingredients) counts.set(i, (counts.get(i) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12);
  }, [logs]);
  const meals = useMemo(() => mealPatterns(logs), [logs]);
  const result = analysis?.result;
  const polarity = (k: string) => result?.symptoms.find((s) => s.symptom === k)?.polarity ?? 'higher_is_worse';
  // A food explained by a co-occurring stronger one is not listed as a trigger (issue 16).
  const triggers = (result?.triggers ?? []).filter((t) => !(result?.explained ?? []).some((e) => e.ingredient === t.ingredient && e.symptom === t.symptom && e.lag_days === 0));
  const delayed = result?.delayed ?? [];
  const testedCount = (symptom: string) => result?.symptoms.find((s) => s.symptom === symptom)?.foods_tested ?? 0;
  const cycle = result?.cycle ?? [];

  return (
    <article className="report-body" aria-label="Report" ref={paper}>
      <header className="report-head">
        <h2>
          Food and symptom diary, <span className="report-date">{dateWithYear(from)}</span> to <span className="report-date">{dateWithYear(to)}</span>
        </h2>
        <p className="small">
          {name && (
            <>
              <strong>{name}</strong> ·{' '}
            </>
          )}
          Made with Aurea on {dateWithYear(localToday())} · {plural(logs.length, 'day')} logged of {periodDays} ({Math.round((100 * logs.length) / periodDays)}%).
        </p>
      </header>

      <section className="report-section">
        <h3>In brief</h3>
        {!result ? (
          <p className="muted">Analysing…</p>
        ) : (
          <ul className="report-sentences">
            <li>
              {triggers.length === 0
                ? 'No food was clearly linked to worse symptoms on the same day.'
                : `Linked to worse symptoms on the same day: ${triggers.map((t) => `${t.ingredient} (${labelOf(t.symptom).toLowerCase()})`).join(', ')}.`}
            </li>
            <li>
              {delayed.length === 0
                ? 'No food was clearly followed by a symptom change one to three days later.'
                : `Followed by a change one to three days later: ${delayed.map((d) => `${d.ingredient} (${labelOf(d.symptom).toLowerCase()}, ${plural(d.lag, 'day')} later)`).join(', ')}.`}
            </li>
            <FoodGroupsBrief tests={result.components} labelOf={labelOf} polarityOf={polarity} />
            {cycle
              .filter((c) => c.p_value !== null && c.p_value < SIGNIFICANCE && c.worst_phase)
              .map((c) => (
                <li key={c.symptom}>
                  {labelOf(c.symptom)} differed between cycle phases; it was worst in the {PHASE_LABELS[c.worst_phase!].toLowerCase()} phase.
                </li>
              ))}
            {symptomStats.map((s) => (
              <li key={s.def.key}>
                {s.def.label}: difficult on {s.bad} of {plural(s.n, 'rated day')}.
              </li>
            ))}
            {challenges.some((c) => c.result) && <li>Deliberate re-challenges were done; their results are below.</li>}
          </ul>
        )}
        <p className="small muted">These are patterns in the person's own diary, not proof of cause; the appendix says how they were found.</p>
      </section>

      <section className="report-section">
        <h3>Summary</h3>
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">Symptoms in this period</caption>
            <thead>
              <tr>
                <th scope="col">
                  Symptom <span style={{ whiteSpace: 'nowrap' }}>(0–5)</span>
                </th>
                <th scope="col" className="num">Days rated</th>
                <th scope="col" className="num">Average</th>
                <th scope="col" className="num">Difficult days</th>
              </tr>
            </thead>
            <tbody>
              {symptomStats.map((s) => (
                <tr key={s.def.key}>
                  <th scope="row">
                    {s.def.label} <span className="muted small">({s.def.polarity === 'higher_is_worse' ? 'higher is worse' : 'higher is better'})</span>
                  </th>
                  <td className="num">{s.n}</td>
                  <td className="num">{fmt(s.mean)}</td>
                  <td className="num">
                    {s.bad} <span className="muted small">({s.def.polarity === 'higher_is_worse' ? '≥ 3' : '≤ 2'})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="small">
          <strong>Most frequent foods:</strong> {topFoods.map(([f, n]) => `${f} (${n})`).join(', ')}.
        </p>
        {meals.length > 0 && (
          <p className="small">
            <strong>Meals:</strong> {meals.map((m) => `${m.name} on ${plural(m.days, 'day')}${m.usualTime ? ` (usually about ${m.usualTime})` : ''}`).join(', ')}.
          </p>
        )}
      </section>

      <section className="report-section">
        <h3>Foods linked to worse symptoms</h3>
        {!result ? (
          <p className="muted">Analysing…</p>
        ) : triggers.length === 0 ? (
          <p>No food was linked to a worse symptom after correcting for the number of foods tested.</p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="data">
                <caption className="visually-hidden">Foods linked to worse symptoms, with the test results</caption>
                <thead>
                  <tr>
                    <th scope="col">Food → symptom</th>
                    <th scope="col" className="num">Days with / without</th>
                    <th scope="col" className="num">Average with / without</th>
                    <th scope="col" className="num">r</th>
                    <th scope="col" className="num">p*</th>
                  </tr>
                </thead>
                <tbody>
                  {triggers.map((t) => (
                    <tr key={`${t.ingredient}-${t.symptom}`}>
                      <th scope="row">
                        {t.ingredient} → {labelOf(t.symptom).toLowerCase()}
                      </th>
                      <td className="num">
                        {t.n_present} / {t.n_absent}
                      </td>
                      <td className="num">
                        {fmt(t.mean_present)} / {fmt(t.mean_absent)}
                      </td>
                      <td className="num">{fmt(t.correlation, 2)}</td>
                      <td className="num">{pfmt(t.p_adjusted)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="small muted">
              * p corrected for the number of foods tested:{' '}
              {[...new Set(triggers.map((t) => t.symptom))].map((k) => `${plural(testedCount(k), 'food')} for ${labelOf(k).toLowerCase()}`).join(', ')}.
            </p>
          </>
        )}
        {analysis && (
          <ul className="report-sentences">
            {analysis.items
              .filter((i) => i.kind === 'trigger')
              .map((i) => (
                <li key={i.id}>{i.sentence}</li>
              ))}
          </ul>
        )}
        {analysis && <ExplainedReportNote items={analysis.items} />}
      </section>

      <section className="report-section">
        <h3>Delayed effects</h3>
        {!result ? (
          <p className="muted">Analysing…</p>
        ) : delayed.length === 0 ? (
          <p>No food was followed by a symptom change one to three days later beyond what chance explains.</p>
        ) : (
          <ul className="report-sentences">
            {analysis!.items
              .filter((i) => i.kind === 'delayed')
              .map((i) => (
                <li key={i.id}>{i.sentence}</li>
              ))}
          </ul>
        )}
      </section>

      <FoodGroupsSection analysing={!result} tests={result?.components} labelOf={labelOf} polarityOf={polarity} />

      {cycle.length > 0 && (
        <section className="report-section">
          <h3>Cycle phase</h3>
          <EstimatedPhasesNote logs={logs ?? []} />
          <div className="report-charts">
            {cycle.map((c) => (
              <div key={c.symptom} className="report-chart">
                <CyclePhaseChart cycle={c} label={labelOf(c.symptom)} polarity={polarity(c.symptom)} phaseDays={result?.symptoms.find((s) => s.symptom === c.symptom)?.phase_counts} theme={theme} />
                <p className="small">
                  {labelOf(c.symptom)} by phase: {CYCLE_PHASES.filter((p) => c.phase_means[p] !== undefined).map((p) => `${PHASE_LABELS[p]} ${fmt(c.phase_means[p])}`).join(', ')}; worst phase {c.worst_phase ? PHASE_LABELS[c.worst_phase] : '–'} (ANOVA F = {fmt(c.f_statistic, 2)}, p = {pfmt(c.p_value)}).
                </p>
              </div>
            ))}
          </div>
        </section>
      )}

      <section className="report-section">
        <h3>Symptoms over time</h3>
        <div className="report-charts">
          {symptomStats.map((s) => (
            <div key={s.def.key} className="report-chart">
              <SymptomOverTimeChart logs={logs} symptom={s.def.key} label={s.def.label} polarity={s.def.polarity} trend={result?.trend.find((t) => t.symptom === s.def.key)} theme={theme} />
            </div>
          ))}
        </div>
      </section>

      {challenges.length > 0 && (
        <section className="report-section">
          <h3>Deliberate re-challenges</h3>
          <ul className="report-sentences">
            {challenges.map((c) => (
              <li key={c.id}>
                <strong>
                  {c.ingredient} and {labelOf(c.symptom).toLowerCase()}
                </strong>{' '}
                ({shortDate(c.plan.start)} – {shortDate(c.plan.end)}, {plural(c.plan.avoidDays, 'day')} without, {plural(c.plan.challengeDates.length, 'challenge day')}):{' '}
                {c.status === 'cancelled' ? 'stopped early.' : c.result ? (c.result as ChallengeResult).sentence : 'in progress.'}
                {c.plan.component && <span className="small"> {groupTestFoods(c.plan.component)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="report-section appendix">
        <h3>Appendix: how these findings were made</h3>
        <p className="small">
          <strong>Data.</strong> The person logs each day the foods and drinks they had and rates each symptom from 0 to 5 (for bloating higher is worse; for energy and focus higher is better; own symptoms say which way they go). Days without a log are missing, not zero.
        </p>
        <p className="small">
          <strong>Same-day links.</strong> For each symptom, every food eaten on at least 4 rated days (and not eaten on at least 4) is compared: the symptom on days with the food against days without it, with a two-sided Mann-Whitney U test (normal approximation with tie and continuity correction). The correlation r is the point-biserial correlation between eating the food (1/0) and the rating.
        </p>
        <p className="small">
          <strong>Correction for many comparisons.</strong> Testing many foods makes some look linked by chance. Each p-value is multiplied by the number of foods tested for that symptom (Bonferroni) and capped at 1; a link is reported only when this corrected p is below 0.05. A food is "linked to worse symptoms" when the link goes in the worse direction for that symptom.
        </p>
        <p className="small">
          <strong>Delayed effects.</strong> For each tested food, eating it on a day is correlated (Pearson r) with the symptom 0, 1, 2 and 3 days later, over pairs of logged days (at least 8 pairs). The lag with the strongest correlation is reported as delayed when it is 1–3 days and its p-value is below 0.05 divided by the number of foods tested.
        </p>
        <p className="small">
          <strong>Food groups.</strong> Each food is given a level (high, moderate, low) for each component — lactose, fructans, GOS, excess fructose, polyols, gluten, caffeine, alcohol, capsaicin — from a table with a published source for every group; dishes and products take the levels of their ingredients. A day counts as "with" a group when any of its foods carries it at a moderate or high level. For each group, symptom and lag of 0 to 3 days with at least 4 days on each side, the symptom after days with the group is compared with the rest: {componentTestName(result?.components?.length ?? 0)}. The correlation r is point-biserial. This family is corrected on its own, so no per-food number changes because of it.
        </p>
        <p className="small">
          <strong>Cycle, weekdays and time.</strong> Symptom means by cycle phase are compared with one-way ANOVA; weekdays against weekends with Welch's t-test; the trend is a linear regression of the rating on days since the first log.
        </p>
        <p className="small">
          <strong>What "linked" means — and does not mean.</strong> A link is a pattern in this person's own diary: the symptom tended to differ on days with the food. It is not proof that the food causes the symptom: foods eaten together, habits, stress, sleep or the cycle can produce the same pattern, and a real effect can be missed when a food is rarely eaten. Re-challenges (avoiding a food for a week, then eating it on planned days) test a suspect deliberately and are reported above when done. These results support, and do not replace, clinical assessment.
        </p>
        <p className="small muted">General food scores shown in the app (blood sugar, inflammation, gut, hormonal) come from nutrition data and published rules, not from this person's diary, and are not part of these findings.</p>
      </section>
    </article>
  );
}
