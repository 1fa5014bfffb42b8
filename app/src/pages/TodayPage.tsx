import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { BUILTIN_SYMPTOMS, type Composite, type CyclePhase, type DailyLog, type SymptomDefinition } from '../../../shared/schema';
import { addDays, localToday } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { InputError, StorageFullError, ingredientUsage, listRecipes, saveLog, symptomDefinitions } from '../../db/repo';
import { compositeOf, dayComposites } from '../../../shared/diary/composites';
import { QuickChips, type Suggestion } from '../components/IngredientPicker';
import { SymptomScale } from '../components/SymptomScale';
import { CyclePhasePicker } from '../components/CyclePhasePicker';
import { PeriodToggle } from '../components/PeriodToggle';
import { StoolSection } from '../components/StoolForm';
import { NO_MARKS, marksOf } from '../state/day-marks';
import { todayDrafts, type TodayDraft } from '../state/today-drafts';
import { ConfirmDialog } from '../components/Dialog';
import { useLocation, navigate } from '../router';
import { useSetting, saveSetting } from '../state/settings';
import { useUnsavedGuard } from '../state/unsaved';
import { toast } from '../state/toasts';
import { requestPersistentStorage } from '../state/storage';
import { loadFoodKnowledge, useFoodKnowledge } from '../state/foods';
import { useIngredientSuggestions } from '../state/suggestions';
import { ScoreBadge } from '../components/ScoreBadge';
import { QuickLog } from '../components/QuickLog';
import { ChallengeToday } from '../components/ChallengeToday';
import { addToMeal, mealNameOf, MealsEditor, type DraftMeal } from '../components/MealsEditor';
import { dayIngredients, mealForTime, mealIdFor, mealsOfLog, STANDARD_MEALS } from '../../../shared/diary/meals';
import { useActiveChallenge } from '../state/challenges';
import { usePersonalFindings } from '../state/insights';
import { challengeDay } from '../../../shared/challenge/plan';
import type { PersonalFinding } from '../../../shared/insights/links';
import type { ScoredIngredient } from '../../../shared/ingredients/types';
import { longDate } from '../format';
import { useKnownProducts } from '../state/known-products';
import { ProductMark } from '../components/ProductMark';

type Draft = TodayDraft;
const drafts = todayDrafts;

const EMPTY: Draft = { meals: [], symptoms: {}, cycle_phase: null, notes: '', marks: NO_MARKS, composites: [] };

function draftOf(log: DailyLog | undefined): Draft {
  if (!log) return EMPTY;
  return { meals: mealsOfLog(log), symptoms: log.symptoms, cycle_phase: log.cycle_phase ?? null, notes: log.notes ?? '', marks: marksOf(log), composites: log.composites ?? [] };
}

/** Meals as they would be saved (empty ones dropped), so choosing a meal alone never marks the day changed. */
const filled = (meals: readonly DraftMeal[]) => meals.filter((m) => m.ingredients.length > 0).map((m) => [m.id, m.time ?? null, m.ingredients]);

function sameDraft(a: Draft, b: Draft): boolean {
  return JSON.stringify([filled(a.meals), Object.entries(a.symptoms).sort(), a.cycle_phase, a.notes.trim(), a.marks]) === JSON.stringify([filled(b.meals), Object.entries(b.symptoms).sort(), b.cycle_phase, b.notes.trim(), b.marks]);
}

/** The meal to start on: the one of the hour today, else the day's first meal, else Breakfast. */
function startingMeal(date: string, today: string, meals: readonly DraftMeal[]): string {
  if (date === today) return mealIdFor(mealForTime(new Date().getHours()));
  return meals[0]?.id ?? mealIdFor(STANDARD_MEALS[0]);
}

export function TodayPage() {
  const db = appDb();
  const { query } = useLocation();
  const today = localToday();
  const date = query.get('date') ?? today;
  const loaded = useLiveQuery(async () => ({ log: await db.logs.get(date) }), [date]);
  // Built-ins show at once (no layout shift when the person's own symptoms arrive from IndexedDB).
  const defs = useLiveQuery(() => symptomDefinitions(db), []) ?? BUILTIN_SYMPTOMS;
  const usage = useLiveQuery(() => ingredientUsage(db), []) ?? [];
  const recipes = useLiveQuery(() => listRecipes(db), []);
  const trackCycle = useSetting('trackCycle');
  const trackStool = useSetting('trackStool');
  const hiddenSymptoms = useSetting('hiddenSymptoms') ?? [];
  const [draft, setDraftState] = useState<Draft | null>(() => drafts.get(date) ?? null);
  const setDraft = useCallback(
    (d: Draft | null) => {
      if (d) drafts.set(date, d);
      else drafts.delete(date);
      setDraftState(d);
    },
    [date],
  );
  const [pendingDate, setPendingDate] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const saved = draftOf(loaded?.log);
  const form = draft ?? saved;
  const dirty = draft !== null && !sameDraft(draft, saved);
  useUnsavedGuard('today', dirty);

  // Switching days starts from that day's saved log.
  useEffect(() => {
    setDraftState(drafts.get(date) ?? null);
    setError(null);
  }, [date]);

  const update = (patch: Partial<Draft>) => setDraft({ ...form, ...patch });
  const ingredients = useMemo(() => dayIngredients(form.meals), [form.meals]);
  const [activeMeal, setActiveMeal] = useState<string>(() => startingMeal(date, today, form.meals));
  // Each day starts on the meal of the hour (or its first meal), once its saved log has been read.
  const seededFor = useRef<string | null>(null);
  useEffect(() => {
    if (!loaded || seededFor.current === date) return;
    seededFor.current = date;
    setActiveMeal(startingMeal(date, today, (drafts.get(date) ?? draftOf(loaded.log)).meals));
  }, [date, today, loaded]);

  const goTo = (d: string) => {
    if (d === date) return;
    if (dirty) setPendingDate(d);
    else navigate(d === today ? '/today' : `/today?date=${d}`, { replace: true });
  };

  // The food table (type-ahead and score badges) loads once there is a food to badge or the person starts
  // on the food section; a new diary's first screen does not wait for it.
  const [foodsWanted, setFoodsWanted] = useState(false);
  const foods = useFoodKnowledge(foodsWanted || ingredients.length > 0 || usage.length > 0);
  const { ranked, suggest: suggestFoods } = useIngredientSuggestions(usage, foods, recipes);
  // Products known on this device come first when their name matches: picking one logs it with its ingredients.
  const products = useKnownProducts(foodsWanted || ingredients.length > 0 || usage.length > 0);
  const suggest = useCallback(
    (q: string): Suggestion[] => {
      const matched = products.match(q).map((p): Suggestion => ({ name: p.composite.name, source: 'product', ...(p.brand ? { detail: p.brand } : {}) }));
      return [...matched, ...suggestFoods(q).filter((s) => !matched.some((p) => p.name === s.name))];
    },
    [suggestFoods, products],
  );
  const setMeals = (meals: DraftMeal[]) => update({ meals, composites: products.attach(form.composites, dayIngredients(meals)) });
  // Frequent foods of the chosen meal first ("Breakfast" offers oats before rice), then overall.
  const frequent = useMemo(
    () =>
      [...ranked]
        .sort((a, b) => (b.meals[activeMeal] ?? 0) - (a.meals[activeMeal] ?? 0))
        .slice(0, 8)
        .map((u) => u.name),
    [ranked, activeMeal],
  );
  const recent = useMemo(
    () => [...usage].sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : b.count - a.count)).map((u) => u.name).filter((n) => !frequent.includes(n)).slice(0, 8),
    [usage, frequent],
  );

  // What the person's own diary says about each food, and the food a re-challenge asks them to leave out today.
  const findingsOf = usePersonalFindings();
  const challenge = useActiveChallenge();
  const role = challenge ? challengeDay(challenge.plan, date) : null;
  const avoidFood = challenge && !challenge.plan.component && role && (role.role === 'avoid' || role.role === 'rest') ? challenge.plan.ingredient : null;
  // A food-group test (every food high in fructans): foods of the day that carry the group, dishes and products through their parts.
  // Its rules and the component table load only while such a test runs, so they stay out of the first load.
  const groupRules = useGroupTestRules(Boolean(challenge?.plan.component));
  const groupWarning = useMemo(
    () => (challenge?.plan.component && groupRules ? groupRules.componentWarning(challenge.plan, date, ingredients.map((name) => ({ name, madeOf: compositeOf(form, name)?.ingredients }))) : null),
    [challenge, date, ingredients, form, groupRules],
  );
  const groupAvoid = new Set(groupWarning?.high.map((h) => h.food) ?? []);

  const activeFoods = form.meals.find((m) => m.id === activeMeal)?.ingredients ?? [];
  const toggle = (name: string) =>
    setMeals( activeFoods.includes(name) ? form.meals.map((m) => (m.id === activeMeal ? { ...m, ingredients: m.ingredients.filter((n) => n !== name) } : m)) : addToMeal(form.meals, activeMeal, mealNameOf(form.meals, activeMeal), [name]),
    );

  // No state change before the write commits: re-rendering the page on submit would hold the main
  // thread while IndexedDB waits for it. "Saving…" only shows if a save is slow.
  const savingNow = useRef(false);
  const onSave = async () => {
    if (savingNow.current) return;
    savingNow.current = true;
    if (error) setError(null);
    const slow = setTimeout(() => setSaving(true), 150);
    try {
      const meals = form.meals.filter((m) => m.ingredients.length > 0);
      const foodsOfDay = dayIngredients(meals);
      // Dishes and recipes among the day's foods bring their ingredients (shared/diary/composites.ts); the
      // table is needed for that only when the day has foods (it is usually loaded by then).
      const knowledge = foods ?? (foodsOfDay.length ? await loadFoodKnowledge() : null);
      // The draft's items (the day's saved ones and products picked since) are kept as they are.
      const composites = dayComposites(foodsOfDay, form.composites, knowledge ? knowledge.dishIngredients : null, recipes ?? []);
      const entry = { date, ingredients: foodsOfDay, meals, composites, symptoms: form.symptoms as Record<string, 0 | 1 | 2 | 3 | 4 | 5>, cycle_phase: form.cycle_phase, notes: form.notes, ...form.marks };
      const { created } = await saveLog(db, entry);
      setDraft(null);
      toast(`${created ? 'Saved' : 'Updated'} ${longDate(date)}.`);
      if (!(await db.settings.get('persistAsked'))) {
        await saveSetting('persistAsked', true);
        void requestPersistentStorage();
      }
    } catch (e) {
      setError(e instanceof InputError || e instanceof StorageFullError ? e.message : `Could not save: ${(e as Error).message}. Nothing was changed.`);
    } finally {
      clearTimeout(slow);
      savingNow.current = false;
      setSaving(false);
    }
  };

  const showCycle = trackCycle === true || form.cycle_phase !== null || form.marks.period;
  // Hidden built-ins stay visible on a day that already has a value for them, so nothing is lost.
  const symptomsShown: SymptomDefinition[] = defs.filter((d) => !hiddenSymptoms.includes(d.key) || form.symptoms[d.key] !== undefined);

  return (
    <>
      <h1>{date === today ? 'Today' : longDate(date)}</h1>
      <ChallengeToday date={date} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
        aria-describedby={error ? 'today-error' : undefined}
      >
        <section className="card" aria-label="Day">
          <div className="datebar">
            <button type="button" onClick={() => goTo(addDays(date, -1))} aria-label="Previous day">
              ‹
            </button>
            <div>
              <label htmlFor="log-date" className="visually-hidden">
                Date
              </label>
              <input id="log-date" type="date" value={date} max={addDays(today, 1)} onChange={(e) => e.target.value && goTo(e.target.value)} />
            </div>
            <button type="button" onClick={() => goTo(addDays(date, 1))} aria-label="Next day" disabled={date >= today}>
              ›
            </button>
          </div>
          <p className="day-label muted small" style={{ textAlign: 'center', margin: '0.4rem 0 0' }}>
            {loaded?.log ? 'Editing the saved log for this day' : 'No log for this day yet'}
          </p>
        </section>

        <section className="card" aria-labelledby="food-h" onFocus={() => setFoodsWanted(true)} onPointerDown={() => setFoodsWanted(true)}>
          <h2 id="food-h">Food &amp; drink</h2>
          <QuickLog date={date} meals={form.meals} activeMeal={activeMeal} onMeals={setMeals} />
          <MealsEditor
            meals={form.meals}
            onMeals={setMeals}
            active={activeMeal}
            onActive={setActiveMeal}
            suggest={suggest}
            renderBadge={(name) => <FoodBadges name={name} scored={foods?.scoreOf(name)} findings={findingsOf?.(name) ?? []} avoid={name === avoidFood || groupAvoid.has(name)} item={compositeOf(form, name)} />}
            onOpenFood={(name) => navigate(`/foods?name=${encodeURIComponent(name)}`)}
          >
            <QuickChips title="Frequent" names={frequent} selected={activeFoods} onToggle={toggle} />
            <QuickChips title="Recent" names={recent} selected={activeFoods} onToggle={toggle} />
          </MealsEditor>
          {avoidFood && ingredients.includes(avoidFood) && role && (
            <p className="banner warn avoid-note" role="status">
              {role.role === 'avoid' ? `Your re-challenge asks you to leave out ${avoidFood} today (day ${role.index} of ${role.of} without it).` : `Your re-challenge asks for no ${avoidFood} today, in case of a delayed reaction.`} You can still save it: an honest
              diary matters most, and the test will take it into account.
            </p>
          )}
          {groupWarning && (
            <p className="banner warn avoid-note" role="status">
              {groupWarning.text}
              {groupWarning.high.length > 0 && ' You can still save it: an honest diary matters most, and the test will take it into account.'}
            </p>
          )}
          {ingredients.length > 0 && foods && <BadgeLegend personal={ingredients.some((n) => (findingsOf?.(n) ?? []).some((f) => f.direction === 'worse' && !f.explained_by))} />}
        </section>

        <section className="card" aria-labelledby="symptoms-h">
          <h2 id="symptoms-h">How did you feel?</h2>
          {symptomsShown.map((def) => (
            <SymptomScale
              key={def.key}
              def={def}
              value={form.symptoms[def.key]}
              onChange={(v) => {
                const next = { ...form.symptoms };
                if (v === undefined) delete next[def.key];
                else next[def.key] = v;
                update({ symptoms: next });
              }}
            />
          ))}
        </section>

        <StoolSection tracked={trackStool === true} value={form.marks.stool_types} onChange={(stool_types) => update({ marks: { ...form.marks, stool_types } })} />
        {showCycle && (
          <section className="card" aria-label="Cycle">
            <PeriodToggle date={date} period={form.marks.period} picked={form.cycle_phase} onChange={(period) => update({ marks: { ...form.marks, period } })} />
            <CyclePhasePicker value={form.cycle_phase} onChange={(cycle_phase) => update({ cycle_phase })} />
          </section>
        )}

        <section className="card">
          <label htmlFor="log-notes">Notes</label>
          <textarea id="log-notes" value={form.notes} maxLength={5000} onChange={(e) => update({ notes: e.target.value })} placeholder="Anything else worth remembering (sleep, stress, medication)…" />
        </section>

        {error && (
          <p id="today-error" className="banner error" role="alert">
            {error}
          </p>
        )}
        <div className="savebar">
          <button type="submit" className="primary" disabled={saving || (!dirty && !!loaded?.log)}>
            {saving ? 'Saving…' : loaded?.log ? (dirty ? 'Save changes' : 'Saved') : 'Save day'}
          </button>
          {dirty && (
            <button type="button" className="ghost" onClick={() => setDraft(null)}>
              Discard
            </button>
          )}
        </div>
      </form>
      <ConfirmDialog
        open={pendingDate !== null}
        title="Leave without saving?"
        body={<p>You have unsaved changes for {longDate(date)}.</p>}
        confirmLabel="Discard changes"
        danger
        onConfirm={() => {
          const d = pendingDate!;
          setPendingDate(null);
          setDraft(null);
          drafts.delete(date);
          navigate(d === today ? '/today' : `/today?date=${d}`, { replace: true });
        }}
        onCancel={() => setPendingDate(null)}
      />
    </>
  );
}

/** A chip's badges: the general score, and a mark where the person's own diary links the food to worse symptoms. */
function FoodBadges({ name, scored, findings, avoid, item }: { name: string; scored: ScoredIngredient | undefined; findings: readonly PersonalFinding[]; avoid: boolean; item?: Composite }) {
  // A food explained by another one eaten with it is not marked: the other food is the likelier trigger.
  const worse = findings.filter((f) => f.direction === 'worse' && !f.explained_by);
  return (
    <>
      {item?.kind === 'product' && <ProductMark item={item} />}
      <ScoreBadge name={name} scored={scored} />
      {worse.length > 0 && (
        <span className="badge personal" title={`For you: ${worse.map((f) => f.summary.toLocaleLowerCase('en')).join('; ')}`} aria-label={`for you: ${worse.map((f) => f.summary.toLocaleLowerCase('en')).join('; ')}`}>
          ⚑
        </span>
      )}
      {avoid && (
        <span className="badge avoid" aria-label="on your avoid list today">
          avoid
        </span>
      )}
    </>
  );
}

/** What the numbers and marks on the food chips mean. */
function BadgeLegend({ personal }: { personal: boolean }) {
  return (
    <p className="hint chip-legend">
      <span className="badge good" aria-hidden="true">
        74
      </span>{' '}
      a general score out of 100 (higher is gentler), not about you.
      {personal && (
        <>
          {' '}
          <span className="badge personal" aria-hidden="true">
            ⚑
          </span>{' '}
          your own diary links this food to worse symptoms.
        </>
      )}
    </p>
  );
}

type GroupTestRules = typeof import('../../../shared/challenge/component');
let groupRulesLoaded: GroupTestRules | null = null;

/** The food-group test's rules, loaded when first needed (null until then). */
function useGroupTestRules(needed: boolean): GroupTestRules | null {
  const [rules, setRules] = useState<GroupTestRules | null>(groupRulesLoaded);
  useEffect(() => {
    if (!needed || rules) return;
    let alive = true;
    void import('../../../shared/challenge/component').then((m) => {
      groupRulesLoaded = m;
      if (alive) setRules(m);
    });
    return () => {
      alive = false;
    };
  }, [needed, rules]);
  return rules;
}
