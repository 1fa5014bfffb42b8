import { memo, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ASSOCIATION_NOTE, findingNumbers, type InsightItem } from '../../../shared/insights/describe';
import { findingAnchor } from '../../../shared/insights/voice';
import { StrengthBadge } from '../components/StrengthBadge';
import { ComponentFindings } from '../components/ComponentFindings';
import { MIN_DAYS_PER_GROUP } from '../../../shared/insights/analyse';
import type { DiaryEntry, InsightsResult } from '../../../shared/insights/types';
import { BUILTIN_SYMPTOMS, type SymptomPolarity } from '../../../shared/schema';
import { appDb } from '../../db/db';
import { symptomDefinitions } from '../../db/repo';
import { Link } from '../router';
import { refreshInsights, useCachedInsights, useInsightsRefreshState, type CachedInsights } from '../state/insights';
import { plural } from '../format';
import { useChartTheme, type ChartTheme } from '../components/charts/theme';
import { SymptomOverTimeChart } from '../components/charts/SymptomOverTimeChart';
import { CyclePhaseChart } from '../components/charts/CyclePhaseChart';
import { WithWithoutChart, comparisonGroups } from '../components/charts/WithWithoutChart';
import { dayLabel, rating } from '../components/charts/format';
import { ExplainedFindings } from '../components/insights/ExplainedFindings';
import { STOOL_DEFINITIONS } from '../../../shared/stool/outcomes';

/** Below this many logged days there is nothing to compare yet: a food needs 4 days with it and 4 without. */
const FIRST_INSIGHTS_DAYS = 2 * MIN_DAYS_PER_GROUP;
/** Foods still waiting for data are many in a long diary; the closest few show, the rest on request. */
const FOOD_GAPS_SHOWN = 6;

const LAG_TAG = ['Same day', 'Next day', 'Two days later', 'Three days later'];

/** Where a suspect food is tested deliberately: leave it out for a week, then bring it back. */
export function challengeUrl(food: string, symptom: string): string {
  return `/challenge?food=${encodeURIComponent(food)}&symptom=${encodeURIComponent(symptom)}`;
}

interface Groups {
  triggers: InsightItem[];
  noTriggers: InsightItem[];
  delayed: InsightItem[];
  protective: InsightItem[];
  cycle: InsightItem[];
  weekday: InsightItem[];
  overTime: InsightItem[];
  gaps: InsightItem[];
  foodGaps: InsightItem[];
}

function groupItems(items: readonly InsightItem[]): Groups {
  const of = (...kinds: InsightItem['kind'][]) => items.filter((i) => kinds.includes(i.kind));
  const missing = of('not_enough_data');
  return {
    triggers: of('trigger'),
    noTriggers: of('no_triggers'),
    delayed: of('delayed'),
    protective: of('protective'),
    cycle: of('cycle'),
    weekday: of('weekday'),
    overTime: of('trend', 'seasonal'),
    gaps: missing.filter((i) => i.subject !== 'ingredient'),
    foodGaps: missing.filter((i) => i.subject === 'ingredient'),
  };
}

/**
 * Insights: what the person's own diary shows, as plain sentences with the numbers behind them,
 * grouped by kind, with charts and their text alternatives. The analysis runs in a worker; the last
 * result shows at once and is marked "Updating…" while a fresh one is computed.
 */
export function InsightsPage() {
  const db = appDb();
  const cached = useCachedInsights();
  const { updating, error } = useInsightsRefreshState();
  const logCount = useLiveQuery(() => db.logs.count(), [db]);
  const defs = useLiveQuery(() => symptomDefinitions(db), [db]);

  useEffect(() => {
    void refreshInsights();
  }, []);

  // Keyed on the labels themselves: the definitions query hands back a new array after any write,
  // and a new function here would re-render every finding and chart.
  const labelPairs = [...BUILTIN_SYMPTOMS, ...STOOL_DEFINITIONS, ...(defs ?? [])].map((d) => `${d.key}\u0000${d.label}`).join('\u0001');
  const labelOf = useMemo(() => {
    const labels = new Map(labelPairs.split('\u0001').map((p) => p.split('\u0000') as [string, string]));
    return (key: string) => labels.get(key) ?? key;
  }, [labelPairs]);

  const count = logCount ?? cached?.result.log_count ?? 0;
  const hasResult = !!cached;

  return (
    <div className="insights">
      <div className="insights-head">
        <h1>Insights</h1>
        <p className={`insights-status${updating ? ' busy' : ''}`} role="status" aria-live="polite">
          {updating ? 'Updating…' : hasResult && !error && count > 0 ? 'Up to date' : ''}
        </p>
      </div>
      {cached && cached.result.log_count > 0 && <DiaryRange result={cached.result} />}
      <p className="banner info insights-note">
        <strong>Patterns, not proof.</strong> {ASSOCIATION_NOTE}
      </p>
      {error && <RefreshError message={error} cached={cached ?? null} />}
      <HowToRead />
      {cached === undefined || (cached === null && !error) ? (
        logCount !== undefined && logCount < FIRST_INSIGHTS_DAYS ? (
          <EmptyState count={count} gaps={[]} />
        ) : (
          <p className="muted insights-loading">{cached === undefined ? 'Loading your insights…' : 'Looking for patterns in your diary…'}</p>
        )
      ) : cached === null ? null : count < FIRST_INSIGHTS_DAYS ? (
        <EmptyState count={count} gaps={cached.items.filter((i) => i.kind === 'not_enough_data' && i.subject !== 'ingredient')} />
      ) : (
        <Findings cached={cached} labelOf={labelOf} />
      )}
      <p><Link to="/report">Make a report for your doctor</Link></p>
    </div>
  );
}

function DiaryRange({ result }: { result: InsightsResult }) {
  return (
    <p className="insights-range muted small">
      From {plural(result.log_count, 'logged day')}
      {result.first_date && result.last_date && result.first_date !== result.last_date && (
        <>
          , {dayLabel(result.first_date)} to {dayLabel(result.last_date)}
        </>
      )}
      .
    </p>
  );
}

function RefreshError({ message, cached }: { message: string; cached: CachedInsights | null }) {
  const when = cached ? new Date(cached.computed_at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : null;
  return (
    <div className="banner insights-error" role="alert">
      <p>
        <strong>Your insights could not be updated just now.</strong> {when ? `What you see was worked out on ${when}. ` : ''}Your diary itself is safe.
      </p>
      <p className="small muted">Details: {message}</p>
      <button type="button" className="small" onClick={() => void refreshInsights()}>
        Try again
      </button>
    </div>
  );
}

function HowToRead() {
  return (
    <details className="card insights-howto">
      <summary>How to read this</summary>
      <ul>
        <li>Each finding compares your days with a food against your days without it. The numbers are averages on your 0–5 scale, with how many days are behind them.</li>
        <li>
          The evidence comes from a p-value: the chance of a difference this big turning up by luck if the food made no difference. Because many foods are compared at once, a few would look linked by luck alone, so each p-value is corrected for the number of foods tested. Only
          findings still below 0.05 after that correction are listed: <strong>strong</strong> below 0.001, <strong>moderate</strong> below 0.01, <strong>weak</strong> below 0.05.
        </li>
        <li>A link is a lead to check, not a diagnosis. To check a suspect food, test it deliberately: leave it out for a week, then bring it back and see whether the symptom returns. “Test this food” sets that up.</li>
        <li>Before cutting out whole food groups for longer, talk to a doctor or dietitian.</li>
      </ul>
    </details>
  );
}

function EmptyState({ count, gaps }: { count: number; gaps: InsightItem[] }) {
  const id = useId();
  const more = Math.max(0, FIRST_INSIGHTS_DAYS - count);
  return (
    <>
      <section className="card insights-empty" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>Your insights will appear here</h2>
        <p>
          {count === 0
            ? `Log a few days first. After about ${FIRST_INSIGHTS_DAYS} days with your symptoms rated, Aurea starts looking for patterns.`
            : `You have logged ${plural(count, 'day')}. ${more > 0 ? `Log ${plural(more, 'more day')} and Aurea starts looking for patterns.` : 'Aurea is looking for patterns now.'}`}
        </p>
        <div className="insights-progress">
          <progress max={FIRST_INSIGHTS_DAYS} value={Math.min(count, FIRST_INSIGHTS_DAYS)} aria-label="Days logged towards your first insights" />
          <span className="small muted">
            {Math.min(count, FIRST_INSIGHTS_DAYS)} of {FIRST_INSIGHTS_DAYS} days
          </span>
        </div>
        <h3>What you will see, and when</h3>
        <ul className="insights-when">
          <li>
            <strong>Foods linked to your symptoms</strong> once a food has at least {MIN_DAYS_PER_GROUP} days with it and {MIN_DAYS_PER_GROUP} without it.
          </li>
          <li>
            <strong>Delayed effects</strong> (“the day after onion”) when you log on back-to-back days.
          </li>
          <li>
            <strong>Trends</strong>, whether symptoms are easing or rising, after four weeks.
          </li>
          <li>
            <strong>Your cycle</strong>, if you log your cycle phase, once two phases have a few days each.
          </li>
        </ul>
        <Link to="/today" className="button primary">
          Log a day
        </Link>
      </section>
      {gaps.length > 0 && <GapsSection gaps={gaps} foodGaps={[]} />}
    </>
  );
}

/** Memoised: the refresh state changing ("Updating…" on and off) must not re-render every finding and chart. */
const Findings = memo(function Findings({ cached, labelOf }: { cached: CachedInsights; labelOf: (key: string) => string }) {
  const db = appDb();
  const theme = useChartTheme();
  const groups = useMemo(() => groupItems(cached.items), [cached.items]);
  const result = cached.result;
  const polarityOf = useMemo(() => {
    const map = new Map(result.symptoms.map((s) => [s.symptom, s.polarity]));
    return (key: string): SymptomPolarity => map.get(key) ?? 'higher_is_worse';
  }, [result]);

  // The over-time chart needs the days themselves; read once per analysed state of the diary.
  const [logs, setLogs] = useState<DiaryEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    void db.logs
      .orderBy('date')
      .toArray()
      .then((rows) => live && setLogs(rows));
    return () => {
      live = false;
    };
  }, [db, cached.hash]);

  // Arriving from another page's "See the finding" link: bring that finding into view once it is drawn.
  useEffect(() => {
    const target = decodeURIComponent(location.hash.slice(1));
    const el = target ? document.getElementById(target) : null;
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [groups]);

  const sections: { id: string; title: string; show: boolean }[] = [
    { id: 'insights-triggers', title: 'Linked foods', show: true },
    { id: 'insights-components', title: 'Food groups', show: (result.components ?? []).some((t) => t.significant) },
    { id: 'insights-delayed', title: 'Delayed effects', show: groups.delayed.length > 0 },
    { id: 'insights-better', title: 'Feeling better', show: groups.protective.length > 0 },
    { id: 'insights-cycle', title: 'Cycle', show: groups.cycle.length > 0 },
    { id: 'insights-weekdays', title: 'Weekdays', show: groups.weekday.length > 0 },
    { id: 'insights-time', title: 'Over time', show: true },
    { id: 'insights-missing', title: 'Not enough data', show: groups.gaps.length + groups.foodGaps.length > 0 },
  ];

  return (
    <>
      <nav className="insights-jump" aria-label="Sections on this page">
        <ul>
          {sections
            .filter((s) => s.show)
            .map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
        </ul>
      </nav>
      <TriggersSection id="insights-triggers" groups={groups} result={result} labelOf={labelOf} polarityOf={polarityOf} theme={theme} />
      <ComponentFindings tests={result.components} labelOf={labelOf} polarityOf={polarityOf} />
      {groups.delayed.length > 0 && (
        <Section id="insights-delayed" title="Delayed effects" intro="Foods that go with a change in a symptom a day or more later, rather than on the same day.">
          <FindingList items={groups.delayed} level={3} tag={(i) => LAG_TAG[i.lag ?? 0] ?? `${i.lag} days later`} />
        </Section>
      )}
      <ExplainedFindings items={cached.items} />
      {groups.protective.length > 0 && (
        <Section id="insights-better" title="Foods that go with feeling better" intro="On days with these foods your symptoms tended to be milder. Like the links above, these are patterns to notice, not advice to eat more.">
          <FindingList items={groups.protective} level={3} />
        </Section>
      )}
      {groups.cycle.length > 0 && <CycleSection id="insights-cycle" items={groups.cycle} result={result} labelOf={labelOf} polarityOf={polarityOf} theme={theme} />}
      {groups.weekday.length > 0 && (
        <Section id="insights-weekdays" title="Weekdays vs weekends">
          <FindingList items={groups.weekday} level={3} />
        </Section>
      )}
      <OverTimeSection id="insights-time" items={groups.overTime} result={result} logs={logs} labelOf={labelOf} polarityOf={polarityOf} theme={theme} />
      {groups.gaps.length + groups.foodGaps.length > 0 && <GapsSection id="insights-missing" gaps={groups.gaps} foodGaps={groups.foodGaps} />}
    </>
  );
});

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="card insights-section" id={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {intro && <p className="muted small">{intro}</p>}
      {children}
    </section>
  );
}

/** The two averages a finding compares, at a glance, each with the days behind it. */
function FindingStats({ item }: { item: InsightItem }) {
  const g = comparisonGroups(item);
  const n = item.numbers;
  const days = (d: number | null) => (d === null ? null : <span className="finding-days">{plural(d, 'day')}</span>);
  return (
    <dl className="finding-stats">
      <div className="with">
        <dt>{g.with}</dt>
        <dd>
          {rating(n.mean_with)} {days(g.daysWith)}
        </dd>
      </div>
      <div>
        <dt>{g.without}</dt>
        <dd>
          {rating(n.mean_without)} {days(g.daysWithout)}
        </dd>
      </div>
    </dl>
  );
}

function Finding({ item, level, tag }: { item: InsightItem; level: 3 | 4; tag?: string | undefined }) {
  const id = useId();
  // "About the same" results need no headline and badge: the sentence says it, with its numbers.
  if (item.strength === 'none') {
    return (
      <li className="finding finding-quiet" id={findingAnchor(item.id)}>
        <p className="finding-sentence">{item.sentence}</p>
        <ShowNumbers item={item} />
      </li>
    );
  }
  const Heading = level === 3 ? 'h3' : 'h4';
  const compares = item.kind === 'trigger' || item.kind === 'protective' || item.kind === 'delayed';
  const testable = (item.kind === 'trigger' || (item.kind === 'delayed' && item.direction === 'worse')) && item.ingredient && item.symptom;
  return (
    <li className={`finding finding-${item.kind}`} id={findingAnchor(item.id)} tabIndex={-1}>
      <div className="finding-head">
        <Heading id={`${id}-h`} className="finding-title">
          {item.headline}
        </Heading>
        <span className="finding-tags">
          {tag && <span className="finding-tag">{tag}</span>}
          <StrengthBadge strength={item.strength} />
        </span>
      </div>
      {compares && <FindingStats item={item} />}
      <p className="finding-sentence">{item.sentence}</p>
      <ShowNumbers item={item} />
      {testable && (
        <p className="finding-actions">
          <Link to={challengeUrl(item.ingredient!, item.symptom!)} className="button small" aria-describedby={`${id}-h`}>
            Test this food
          </Link>
        </p>
      )}
    </li>
  );
}

/** The numbers behind a finding (p, adjusted p, counts, means, the test), one tap away. */
function ShowNumbers({ item }: { item: InsightItem }) {
  const rows = findingNumbers(item);
  if (rows.length === 0) return null;
  return (
    <details className="finding-numbers small">
      <summary>Show the numbers</summary>
      <dl>
        {rows.map((r) => (
          <div key={r.label}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function FindingList({ items, level, tag }: { items: InsightItem[]; level: 3 | 4; tag?: (item: InsightItem) => string }) {
  return (
    <ul className="findings">
      {items.map((i) => (
        <Finding key={i.id} item={i} level={level} tag={tag?.(i)} />
      ))}
    </ul>
  );
}

function SymptomSelect({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (v: string) => void }) {
  const id = useId();
  if (options.length < 2) return null;
  return (
    <div className="chart-controls">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface SectionProps {
  id: string;
  result: InsightsResult;
  labelOf: (key: string) => string;
  polarityOf: (key: string) => SymptomPolarity;
  theme: ChartTheme;
}

function TriggersSection({ id, groups, result, labelOf, polarityOf, theme }: SectionProps & { groups: Groups }) {
  const [chosen, setChosen] = useState<string | null>(null);
  // One block per analysed symptom, in the engine's order: its triggers, or "no food stands out yet".
  const blocks = result.symptoms
    .map((s) => ({ symptom: s.symptom, triggers: groups.triggers.filter((t) => t.symptom === s.symptom), none: groups.noTriggers.find((n) => n.symptom === s.symptom) }))
    .filter((b) => b.triggers.length > 0 || b.none);
  const comparable = [...groups.triggers, ...groups.delayed, ...groups.protective];
  const selected = comparable.find((i) => i.id === chosen) ?? comparable[0];
  const optionLabel = (i: InsightItem) => `${i.ingredient} and ${(i.symptom_label ?? '').toLocaleLowerCase()}${i.lag ? `, ${(LAG_TAG[i.lag] ?? '').toLocaleLowerCase()}` : ''}${i.kind === 'protective' ? ' (better)' : ''}`;

  return (
    <Section id={id} title="Foods linked to worse symptoms">
      {blocks.length === 0 && <p>No food stands out yet. Keep logging: each food is compared once it has enough days with and without it.</p>}
      {blocks.map((b) => (
        <div key={b.symptom} className="symptom-block">
          <h3>{labelOf(b.symptom)}</h3>
          {b.triggers.length > 0 ? (
            <FindingList items={b.triggers} level={4} />
          ) : (
            b.none && <p className="muted">{b.none.sentence}</p>
          )}
        </div>
      ))}
      {selected && selected.symptom && (
        <div className="symptom-block">
          <h3>Days with and without</h3>
          <WithWithoutChart
            item={selected}
            polarity={polarityOf(selected.symptom)}
            theme={theme}
            controls={<SymptomSelect label="Finding" value={selected.id} options={comparable.map((i) => ({ value: i.id, label: optionLabel(i) }))} onChange={setChosen} />}
          />
        </div>
      )}
    </Section>
  );
}

function CycleSection({ id, items, result, labelOf, polarityOf, theme }: SectionProps & { items: InsightItem[] }) {
  const firstClear = items.find((i) => i.strength !== 'none')?.symptom ?? result.cycle[0]?.symptom ?? '';
  const [symptom, setSymptom] = useState<string | null>(null);
  const cycle = result.cycle.find((c) => c.symptom === (symptom ?? firstClear)) ?? result.cycle[0];
  const coverage = result.symptoms.find((s) => s.symptom === cycle?.symptom);
  return (
    <Section id={id} title="Your cycle">
      <FindingList items={items} level={3} />
      {cycle && (
        <CyclePhaseChart
          cycle={cycle}
          label={labelOf(cycle.symptom)}
          polarity={polarityOf(cycle.symptom)}
          phaseDays={coverage?.phase_counts}
          theme={theme}
          controls={<SymptomSelect label="Symptom" value={cycle.symptom} options={result.cycle.map((c) => ({ value: c.symptom, label: labelOf(c.symptom) }))} onChange={setSymptom} />}
        />
      )}
    </Section>
  );
}

function OverTimeSection({ id, items, result, logs, labelOf, polarityOf, theme }: SectionProps & { items: InsightItem[]; logs: DiaryEntry[] | null }) {
  const analysed = result.symptoms.filter((s) => s.status === 'analysed');
  const preferred = result.triggers[0]?.symptom ?? analysed[0]?.symptom ?? null;
  const [symptom, setSymptom] = useState<string | null>(null);
  const current = analysed.find((s) => s.symptom === symptom)?.symptom ?? preferred;
  return (
    <Section id={id} title="Over time">
      {items.length > 0 ? <FindingList items={items} level={3} /> : <p className="muted">Trends show once your diary covers four weeks.</p>}
      {current && logs && (
        <SymptomOverTimeChart
          logs={logs}
          symptom={current}
          label={labelOf(current)}
          polarity={polarityOf(current)}
          trend={result.trend.find((t) => t.symptom === current)}
          theme={theme}
          controls={<SymptomSelect label="Symptom" value={current} options={analysed.map((s) => ({ value: s.symptom, label: labelOf(s.symptom) }))} onChange={setSymptom} />}
        />
      )}
    </Section>
  );
}

function GapsSection({ id = 'insights-missing', gaps, foodGaps }: { id?: string; gaps: InsightItem[]; foodGaps: InsightItem[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? foodGaps : foodGaps.slice(0, FOOD_GAPS_SHOWN);
  return (
    <Section id={id} title="Not enough data yet" intro="What Aurea cannot compare yet, and what would let it.">
      {gaps.length > 0 && (
        <ul className="gaps">
          {gaps.map((g) => (
            <li key={g.id}>
              <strong>{g.headline}</strong>
              <span>{g.sentence}</span>
            </li>
          ))}
        </ul>
      )}
      {foodGaps.length > 0 && (
        <>
          <h3>Foods not tested yet</h3>
          <p className="muted small">
            Each food needs at least {MIN_DAYS_PER_GROUP} days with it and {MIN_DAYS_PER_GROUP} without it before it can be compared. Closest first:
          </p>
          <ul className="gaps food-gaps">
            {shown.map((g) => (
              <li key={g.id}>{g.sentence}</li>
            ))}
          </ul>
          {foodGaps.length > FOOD_GAPS_SHOWN && (
            <button type="button" className="small" aria-expanded={all} onClick={() => setAll(!all)}>
              {all ? 'Show fewer' : `Show all ${foodGaps.length} foods`}
            </button>
          )}
        </>
      )}
    </Section>
  );
}
