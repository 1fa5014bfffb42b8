import { useEffect, useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CyclePhase } from '../../../shared/schema';
import { MIN_LOGS_FOR_TRAINING } from '../../../shared/model/thresholds';
import { addDays, localToday } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { ingredientUsage } from '../../db/repo';
import { IngredientPicker, QuickChips } from '../components/IngredientPicker';
import { CyclePhasePicker } from '../components/CyclePhasePicker';
import { Chances } from '../components/predict/Chances';
import { Factors } from '../components/predict/Factors';
import { TrackRecordSection } from '../components/predict/TrackRecordSection';
import { PlanFindings, planFindings } from '../components/predict/PlanFindings';
import { useCachedInsights } from '../state/insights';
import { useFoodKnowledge } from '../state/foods';
import { useIngredientSuggestions } from '../state/suggestions';
import { retrainModel, useModelStatus, usePrediction, useTrackRecord, type ModelStatus, type PlannedDay } from '../state/model';
import { useSetting } from '../state/settings';
import { Link } from '../router';
import { longDate, plural } from '../format';

/** The plan survives switching tabs (not reloads): checking Today and coming back keeps it. */
let remembered: PlannedDay | null = null;

/**
 * Predict ("what if I eat…"): the foods planned for a day give the chances of bloating, low energy and
 * brain fog from the person's own model (or general food data at first), with the foods that push each
 * up or down, and below, how earlier predictions compared with what then happened.
 */
export function PredictPage() {
  const db = appDb();
  const today = localToday();
  const [plan, setPlanState] = useState<PlannedDay>(() => (remembered && remembered.date >= today ? remembered : { date: addDays(today, 1), ingredients: [], cycle_phase: null }));
  const setPlan = (next: PlannedDay) => {
    remembered = next;
    setPlanState(next);
  };
  const usage = useLiveQuery(() => ingredientUsage(db), []) ?? [];
  const trackCycle = useSetting('trackCycle');
  const logged = useLiveQuery(async () => !!(await db.logs.get(plan.date)), [plan.date]);
  const status = useModelStatus();
  const prediction = usePrediction(plan);
  const record = useTrackRecord();
  const foods = useFoodKnowledge();
  const insights = useCachedInsights();
  const findings = useMemo(() => planFindings(insights?.items, plan.ingredients), [insights?.items, plan.ingredients]);
  const id = useId();

  // Training runs in the background after saves and imports; here only when no model exists yet at all
  // (then the notice shows its progress). With a model, opening Predict never trains.
  const needsFirstModel = status !== undefined && status.rows.length === 0 && status.logCount >= MIN_LOGS_FOR_TRAINING && !status.job.training;
  useEffect(() => {
    if (needsFirstModel) void retrainModel(db);
  }, [needsFirstModel, db]);

  const { ranked, suggest } = useIngredientSuggestions(usage, foods);
  const frequent = useMemo(() => ranked.slice(0, 10).map((u) => u.name), [ranked]);
  const toggle = (name: string) => setPlan({ ...plan, ingredients: plan.ingredients.includes(name) ? plan.ingredients.filter((n) => n !== name) : [...plan.ingredients, name] });

  const view = prediction.view;
  const dayWords = plan.date === today ? 'today' : plan.date === addDays(today, 1) ? 'tomorrow' : longDate(plan.date);

  return (
    <div className="predict">
      <h1>Predict</h1>
      <p className="muted p-lead">Plan a day’s food and see how you are likely to feel, from your own diary.</p>
      <ModelNotice status={status} />

      <section className="card" aria-labelledby={`${id}-plan`}>
        <h2 id={`${id}-plan`}>Your plan</h2>
        <div className="p-date">
          <label htmlFor={`${id}-date`}>Day</label>
          <div className="row">
            <input id={`${id}-date`} type="date" value={plan.date} onChange={(e) => e.target.value && setPlan({ ...plan, date: e.target.value })} />
            <button type="button" className="small" aria-pressed={plan.date === today} onClick={() => setPlan({ ...plan, date: today })}>
              Today
            </button>
            <button type="button" className="small" aria-pressed={plan.date === addDays(today, 1)} onClick={() => setPlan({ ...plan, date: addDays(today, 1) })}>
              Tomorrow
            </button>
          </div>
        </div>
        <IngredientPicker label="What do you plan to eat and drink?" value={[...plan.ingredients]} onChange={(ingredients) => setPlan({ ...plan, ingredients })} suggest={suggest} />
        <QuickChips title="Your frequent foods" names={frequent} selected={[...plan.ingredients]} onToggle={toggle} />
        {plan.ingredients.length > 0 && (
          <button type="button" className="small p-clear" onClick={() => setPlan({ ...plan, ingredients: [] })}>
            Clear the plan
          </button>
        )}
        {(trackCycle === true || plan.cycle_phase !== null) && (
          <div className="p-phase">
            <CyclePhasePicker value={plan.cycle_phase} onChange={(cycle_phase: CyclePhase | null) => setPlan({ ...plan, cycle_phase })} />
          </div>
        )}
      </section>

      <section className="card p-result" aria-labelledby={`${id}-result`} aria-busy={prediction.loading} data-predictor={view ? (view.model ? 'personal' : 'general') : 'none'}>
        <div className="row spread">
          <h2 id={`${id}-result`}>Chances for {dayWords}</h2>
          <span className="small muted" role="status">
            {prediction.loading ? 'Working it out…' : prediction.saved ? 'Kept for your track record' : ''}
          </span>
        </div>
        {prediction.error && (
          <p className="banner error" role="alert">
            The prediction could not be worked out: {prediction.error}
          </p>
        )}
        {view?.note && <p className="banner">{view.note}</p>}
        {plan.ingredients.length === 0 && <p className="small muted">Add the foods you plan to eat: without any, these are the chances of a usual day for you.</p>}
        {logged && <p className="small muted">This day is already logged, so this prediction is not kept for your track record (it would be hindsight).</p>}
        {view ? <Chances view={view} findings={findings} /> : !prediction.error && <p className="muted">Working it out…</p>}
        <PlanFindings findings={findings} />
      </section>

      {view && !view.usualDay && (
        <section className="card" aria-labelledby={`${id}-why`}>
          <h2 id={`${id}-why`}>What pushes it up or down</h2>
          <Factors view={view} />
        </section>
      )}

      <TrackRecordSection view={record} />
    </div>
  );
}

/** Which predictor answers, and when the personal model will (cold start, training, not activated). */
function ModelNotice({ status }: { status: ModelStatus | undefined }) {
  if (!status || status.active) return null;
  const needed = Math.max(0, MIN_LOGS_FOR_TRAINING - status.logCount);
  const latest = status.latest;
  return (
    <div className="banner info p-coldstart" role="note">
      <p>
        <strong>Based on general food data; keep logging for personal predictions.</strong>
      </p>
      {needed > 0 ? (
        <p className="small">
          Aurea learns what affects <em>you</em> once you have logged {MIN_LOGS_FOR_TRAINING} days: {plural(needed, 'more day')} to go (you have {plural(status.logCount, 'day')}).
        </p>
      ) : status.job.training ? (
        <TrainingProgress progress={status.job.progress} />
      ) : status.job.notice && !latest ? (
        <p className="small">{status.job.notice}</p>
      ) : latest ? (
        <p className="small">
          Your personal model is not in use yet ({latest.reason}). It is retrained as you log more. <Link to="/settings">Model status</Link>
        </p>
      ) : (
        // No model yet and enough days: this page starts training at once (see needsFirstModel).
        <TrainingProgress progress={null} />
      )}
    </div>
  );
}

/** The first model training, with how far it got (symptoms done of three). */
function TrainingProgress({ progress }: { progress: { done: number; total: number } | null }) {
  const id = useId();
  return (
    <div className="p-training">
      <p className="small" id={id}>
        You have logged enough days: your personal model is being trained on this device now{progress ? ` (${progress.done} of ${progress.total} symptoms done)` : ''}. Until it is ready, these chances use general food data.
      </p>
      <progress aria-labelledby={id} {...(progress ? { value: progress.done, max: progress.total } : {})} />
    </div>
  );
}
