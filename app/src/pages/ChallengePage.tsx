import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState } from 'react';
import { challengeDay, dayInstruction, planDays, testedFoodsIn, type DayRole } from '../../../shared/challenge/plan';
import { componentChallengeFoods, componentName } from '../../../shared/challenge/component';
import { COMPONENT_KEYS, COMPONENTS, type ComponentKey } from '../../../shared/ingredients/components';
import { expandedIngredients } from '../../../shared/diary/composites';
import type { ChallengeResult } from '../../../shared/challenge/evaluate';
import { daysBetween, localToday } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { InputError, ingredientUsage, symptomDefinitions } from '../../db/repo';
import { useLocation } from '../router';
import { completeIfFinished, currentResult, startChallenge, startComponentChallenge, stopChallenge, useChallenges, type Challenge } from '../state/challenges';
import { useCachedInsights } from '../state/insights';
import { GroupFoods } from '../components/challenge/GroupFoods';
import { ConfirmDialog } from '../components/Dialog';
import { toast } from '../state/toasts';
import { shortDate } from '../format';
import { ChallengeSuggestions } from '../components/insights/ChallengeSuggestions';

const ROLE_TEXT: Record<DayRole, string> = { before: '', avoid: 'avoid', challenge: 'eat it', rest: 'rest', after: '' };

/**
 * Guided re-challenge: start a plan for a suspected trigger, follow it day by day, and read the
 * verdict computed with the same statistics as the insights.
 */
export function ChallengePage() {
  const challenges = useChallenges();
  const active = challenges?.find((c) => c.status === 'active');
  const past = challenges?.filter((c) => c.status !== 'active') ?? [];
  // A test that finished in the last two weeks is shown first, with its verdict.
  const recent = !active ? past.find((c) => c.status === 'completed' && c.result && daysBetween(c.plan.end, localToday()) <= 14) : undefined;
  return (
    <>
      <h1>Test a food</h1>
      <p className="muted small">
        Your insights show foods that go with worse days; a re-challenge tests one deliberately. Leave the food (or a whole food group, such as every food high in fructans) out for a week, then have it on a few planned days while you keep logging. If you have a diagnosed allergy or severe reactions, talk to a clinician before reintroducing a food; a FODMAP re-introduction is best planned with a dietitian.
      </p>
      {recent && <RecentResult challenge={recent} />}
      {challenges === undefined ? <p className="muted">Loading…</p> : active ? <ActiveChallenge challenge={active} /> : <StartChallenge />}
      {past.length > 0 && (
        <section className="card" aria-labelledby="past-h">
          <h2 id="past-h">Earlier tests</h2>
          <ul className="plain-list">
            {past.map((c) => (
              <li key={c.id}>
                <strong>
                  {c.ingredient} → {c.symptom}
                </strong>{' '}
                <span className="muted small">
                  {shortDate(c.plan.start)} – {shortDate(c.plan.end)} · {c.status === 'cancelled' ? 'stopped' : 'finished'}
                </span>
                {c.result && <p className="small">{(c.result as ChallengeResult).sentence}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function RecentResult({ challenge }: { challenge: Challenge }) {
  const result = challenge.result as ChallengeResult;
  return (
    <section className={`card challenge-result ${result.verdict}`} aria-labelledby="recent-h">
      <h2 id="recent-h">
        Your {challenge.plan.component ? componentName(challenge.plan.component.key) : challenge.ingredient} test is finished
      </h2>
      <p>{result.sentence}</p>
      <p className="muted small">
        {shortDate(challenge.plan.start)} – {shortDate(challenge.plan.end)}. One test is a good signal, not a diagnosis: share it with your clinician, and repeat it if the result surprises you.
      </p>
    </section>
  );
}

function StartChallenge() {
  const db = appDb();
  const { query } = useLocation();
  const id = useId();
  const defs = useLiveQuery(() => symptomDefinitions(db), []) ?? [];
  const usage = useLiveQuery(() => ingredientUsage(db), []) ?? [];
  const [ingredient, setIngredient] = useState(query.get('food') ?? '');
  const asked = query.get('component');
  const [group, setGroup] = useState<ComponentKey | null>((COMPONENT_KEYS as readonly string[]).includes(asked ?? '') ? (asked as ComponentKey) : null);
  const [symptom, setSymptom] = useState(query.get('symptom') ?? 'bloating');
  // The person's own foods of the group (most eaten first), from the component finding that suggested it.
  const components = useCachedInsights()?.result.components;
  const seen = group ? (components?.find((t) => t.component === group)?.foods ?? []) : [];
  // Switching to a food group starts on the diary's strongest food-group finding, if it has one.
  const strongestGroup = [...(components ?? [])].filter((t) => t.significant).sort((a, b) => Math.abs(b.correlation ?? 0) - Math.abs(a.correlation ?? 0))[0];
  const [avoidDays, setAvoidDays] = useState(7);
  const [challenges, setChallenges] = useState(3);
  const [start, setStart] = useState(localToday());
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setError(null);
    try {
      const c = group ? await startComponentChallenge({ component: group, symptom, start, avoidDays, challenges, seen }) : await startChallenge({ ingredient: ingredient.trim().toLowerCase(), symptom, start, avoidDays, challenges });
      toast(`Test started: no ${c.ingredient} until ${shortDate(c.plan.challengeDates[0]!)}.`);
    } catch (e) {
      setError(e instanceof InputError ? e.message : (e as Error).message);
    }
  };

  return (
    <form
      className="card stack"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-h`}>Start a test</h2>
      <fieldset>
        <legend>What to test</legend>
        <div className="segmented">
          <span>
            <input type="radio" id={`${id}-one`} name={`${id}-kind`} checked={group === null} onChange={() => setGroup(null)} />
            <label htmlFor={`${id}-one`}>One food</label>
          </span>
          <span>
            <input
              type="radio"
              id={`${id}-group`}
              name={`${id}-kind`}
              checked={group !== null}
              onChange={() => {
                setGroup(strongestGroup?.component ?? 'fructans');
                if (strongestGroup) setSymptom(strongestGroup.symptom);
              }}
            />
            <label htmlFor={`${id}-group`}>A food group</label>
          </span>
        </div>
      </fieldset>
      {group === null ? (
        <>
          <ChallengeSuggestions ingredient={ingredient} symptom={symptom} labelOf={(k) => defs.find((d) => d.key === k)?.label ?? k} onPick={(f, s) => { setIngredient(f); setSymptom(s); }} />
          <div>
            <label htmlFor={`${id}-food`}>Food to test</label>
            <input id={`${id}-food`} type="text" list={`${id}-foods`} value={ingredient} onChange={(e) => setIngredient(e.target.value)} placeholder="e.g. milk" autoComplete="off" />
            <datalist id={`${id}-foods`}>
              {[...usage]
                .sort((a, b) => b.count - a.count)
                .slice(0, 40)
                .map((u) => (
                  <option key={u.name} value={u.name} />
                ))}
            </datalist>
          </div>
        </>
      ) : (
        <>
          <div>
            <label htmlFor={`${id}-component`}>Food group to test</label>
            <select id={`${id}-component`} value={group} onChange={(e) => setGroup(e.target.value as ComponentKey)}>
              {COMPONENT_KEYS.map((k) => (
                <option key={k} value={k}>
                  {COMPONENTS[k].label}
                </option>
              ))}
            </select>
          </div>
          <GroupFoods plan={componentChallengeFoods(group, seen)} />
        </>
      )}
      <div>
        <label htmlFor={`${id}-symptom`}>Symptom to watch</label>
        <select id={`${id}-symptom`} value={symptom} onChange={(e) => setSymptom(e.target.value)}>
          {defs.map((d) => (
            <option key={d.key} value={d.key}>
              {d.label}
            </option>
          ))}
        </select>
      </div>
      <div className="row">
        <div style={{ flex: '1 1 8rem' }}>
          <label htmlFor={`${id}-avoid`}>Days without it</label>
          <input id={`${id}-avoid`} type="number" min={3} max={28} value={avoidDays} onChange={(e) => setAvoidDays(Number(e.target.value))} />
        </div>
        <div style={{ flex: '1 1 8rem' }}>
          <label htmlFor={`${id}-ch`}>Challenge days</label>
          <input id={`${id}-ch`} type="number" min={2} max={6} value={challenges} onChange={(e) => setChallenges(Number(e.target.value))} />
        </div>
        <div style={{ flex: '1 1 10rem' }}>
          <label htmlFor={`${id}-start`}>Start</label>
          <input id={`${id}-start`} type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Start the test
      </button>
    </form>
  );
}

function ActiveChallenge({ challenge }: { challenge: Challenge }) {
  const db = appDb();
  const today = localToday();
  const [result, setResult] = useState<ChallengeResult | null>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  const logs = useLiveQuery(() => db.logs.where('date').between(challenge.plan.start, challenge.plan.end, true, true).toArray(), [challenge.id]);
  useEffect(() => {
    void completeIfFinished(challenge, today).then(async (c) => setResult(c.result ?? (await currentResult(c))));
  }, [challenge, logs, today]);

  const byDate = new Map((logs ?? []).map((l) => [l.date, l]));
  const instruction = dayInstruction(challenge.plan, today);
  const days = planDays(challenge.plan);
  return (
    <section className="card stack" aria-labelledby="active-h">
      <h2 id="active-h">
        Testing {challenge.ingredient} and {challenge.symptom}
      </h2>
      {challenge.plan.component && <GroupFoods plan={challenge.plan.component} />}
      <p className="banner info" role="status">
        <strong>{instruction ?? (challengeDay(challenge.plan, today).role === 'before' ? `The test starts ${shortDate(challenge.plan.start)}.` : 'The test is over.')}</strong>
      </p>
      <ol className="plan-days" aria-label="Plan, day by day">
        {days.map((d) => {
          const log = byDate.get(d.date);
          const had = log ? testedFoodsIn(challenge.plan, expandedIngredients(log)) : [];
          const rated = log?.symptoms[challenge.symptom] !== undefined;
          const slip = d.role !== 'challenge' && had.length > 0;
          return (
            <li key={d.date} className={`plan-day ${d.role}${d.date === today ? ' today' : ''}`}>
              <span className="when">{shortDate(d.date)}</span>
              <span className="what">{ROLE_TEXT[d.role]}</span>
              <span className="status">{!log ? (d.date <= today ? 'not logged' : '') : slip ? `had ${had.join(', ')}` : rated ? `${challenge.symptom} ${log.symptoms[challenge.symptom]}` : 'not rated'}</span>
            </li>
          );
        })}
      </ol>
      {result && (
        <div className={`banner ${result.verdict === 'consistent' ? 'error' : result.verdict === 'incomplete' ? '' : 'ok'}`} role="region" aria-label="Result so far">
          <p>
            <strong>{today > challenge.plan.end ? 'Result' : 'So far'}:</strong> {result.sentence}
          </p>
          {(result.slips.length > 0 || result.missed_challenges.length > 0) && (
            <p className="small">
              Left out: {result.slips.length > 0 && `${result.slips.length} avoidance day(s) with ${challenge.ingredient}`}
              {result.slips.length > 0 && result.missed_challenges.length > 0 && ', '}
              {result.missed_challenges.length > 0 && `${result.missed_challenges.length} challenge day(s) without it`}.
            </p>
          )}
        </div>
      )}
      <div>
        <button type="button" onClick={() => setConfirmStop(true)}>
          Stop this test
        </button>
      </div>
      <ConfirmDialog
        open={confirmStop}
        title="Stop this test?"
        body={<p>The days you logged stay in your diary. You can start a new test any time.</p>}
        confirmLabel="Stop the test"
        onConfirm={() => {
          setConfirmStop(false);
          void stopChallenge(challenge.id);
        }}
        onCancel={() => setConfirmStop(false)}
      />
    </section>
  );
}
