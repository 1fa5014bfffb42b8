import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { BUILTIN_SYMPTOMS, type SymptomPolarity } from '../../../shared/schema';
import { appDb } from '../../db/db';
import { addCustomSymptom, InputError, symptomDefinitions, removeCustomSymptom } from '../../db/repo';
import { navigate } from '../router';
import { saveSetting, useSettingState } from '../state/settings';
import { loadDemoDiary } from '../state/demo';
import { toast } from '../state/toasts';
import { STOOL_HINT, StoolFormOptIn } from '../components/StoolFormOptIn';

/**
 * First run: what to track (built-in and own symptoms with their direction), whether to track the
 * cycle, and an optional demo diary to explore with. Three short steps; every choice can be changed
 * later in Settings.
 */
export function WelcomePage() {
  const db = appDb();
  const [step, setStep] = useState(0);
  const [hiddenValue, setHidden] = useSettingState('hiddenSymptoms');
  const [trackValue, setTrackCycle] = useSettingState('trackCycle');
  const hidden = hiddenValue ?? [];
  const trackCycle = trackValue ?? false;
  const defs = useLiveQuery(() => symptomDefinitions(db), []) ?? [];
  const custom = defs.filter((d) => !d.builtin);
  const [label, setLabel] = useState('');
  const [polarity, setPolarity] = useState<SymptomPolarity>('higher_is_worse');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const finish = async (withDemo: boolean) => {
    setBusy(true);
    try {
      if (withDemo) {
        const n = await loadDemoDiary();
        toast(`Loaded a demo diary of ${n} days. Remove it any time from the banner.`);
      }
      await saveSetting('onboarded', true);
      // The demo loads for a few seconds; a person who has moved on meanwhile is not pulled back.
      if (location.pathname === '/welcome') navigate(withDemo ? '/insights' : '/today', { replace: true });
    } finally {
      setBusy(false);
    }
  };

  const addSymptom = async () => {
    setError(null);
    try {
      await addCustomSymptom(db, { label, polarity });
      setLabel('');
    } catch (e) {
      setError(e instanceof InputError ? e.message : (e as Error).message);
    }
  };

  return (
    <div className="welcome">
      <h1>Welcome to Aurea</h1>
      <p className="muted" aria-live="polite">
        Step {step + 1} of 3
      </p>

      {step === 0 && (
        <section className="card stack" aria-labelledby={`${id}-s1`}>
          <h2 id={`${id}-s1`}>What would you like to track?</h2>
          <p className="small">Each day you rate these from 0 to 5. Aurea then looks for foods that go with better or worse days — privately, on this device.</p>
          <fieldset>
            <legend>Built-in symptoms</legend>
            {BUILTIN_SYMPTOMS.map((s) => (
              <div className="row" key={s.key}>
                <input
                  type="checkbox"
                  id={`${id}-b-${s.key}`}
                  className="check"
                  checked={!hidden.includes(s.key)}
                  onChange={(e) => setHidden(e.target.checked ? hidden.filter((k) => k !== s.key) : [...hidden, s.key])}
                />
                <label htmlFor={`${id}-b-${s.key}`} style={{ margin: 0 }}>
                  {s.label} <span className="muted small">({s.polarity === 'higher_is_worse' ? 'higher is worse' : 'higher is better'})</span>
                </label>
              </div>
            ))}
          </fieldset>
          {custom.length > 0 && (
            <ul className="chips" aria-label="Your own symptoms">
              {custom.map((d) => (
                <li key={d.key} className="chip">
                  <span>{d.label}</span>
                  <button type="button" className="remove" aria-label={`Remove ${d.label}`} onClick={() => void removeCustomSymptom(db, d.key)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void addSymptom();
            }}
          >
            <div>
              <label htmlFor={`${id}-label`}>Add your own (optional)</label>
              <input id={`${id}-label`} type="text" value={label} maxLength={40} placeholder="e.g. Headache, Mood, Skin" onChange={(e) => setLabel(e.target.value)} />
            </div>
            <fieldset>
              <legend>When the number goes up, it is…</legend>
              <div className="segmented">
                <span>
                  <input type="radio" id={`${id}-w`} name={`${id}-p`} checked={polarity === 'higher_is_worse'} onChange={() => setPolarity('higher_is_worse')} />
                  <label htmlFor={`${id}-w`}>worse (like pain)</label>
                </span>
                <span>
                  <input type="radio" id={`${id}-b`} name={`${id}-p`} checked={polarity === 'higher_is_better'} onChange={() => setPolarity('higher_is_better')} />
                  <label htmlFor={`${id}-b`}>better (like mood)</label>
                </span>
              </div>
            </fieldset>
            {error && (
              <p className="error-text" role="alert">
                {error}
              </p>
            )}
            <button type="submit" disabled={!label.trim()}>
              Add symptom
            </button>
          </form>
          <div className="row spread">
            <button type="button" className="link" onClick={() => void finish(false)}>
              Skip setup
            </button>
            <button type="button" className="primary" onClick={() => setStep(1)}>
              Next
            </button>
          </div>
        </section>
      )}

      {step === 1 && (
        <section className="card stack" aria-labelledby={`${id}-s2`}>
          <h2 id={`${id}-s2`}>Track your cycle?</h2>
          <p className="small">If you have periods, noting the phase lets Aurea show how symptoms change across your cycle, and keeps cycle effects from being mistaken for food effects. You can change this any time.</p>
          <div className="segmented" role="radiogroup" aria-label="Track cycle phase">
            <span>
              <input type="radio" id={`${id}-cy`} name={`${id}-cycle`} checked={trackCycle} onChange={() => setTrackCycle(true)} />
              <label htmlFor={`${id}-cy`}>Yes, track my cycle</label>
            </span>
            <span>
              <input type="radio" id={`${id}-cn`} name={`${id}-cycle`} checked={!trackCycle} onChange={() => setTrackCycle(false)} />
              <label htmlFor={`${id}-cn`}>No</label>
            </span>
          </div>
          <StoolFormOptIn hint={STOOL_HINT} />
          <div className="row spread">
            <button type="button" onClick={() => setStep(0)}>
              Back
            </button>
            <button type="button" className="primary" onClick={() => setStep(2)}>
              Next
            </button>
          </div>
        </section>
      )}

      {step === 2 && (
        <section className="card stack" aria-labelledby={`${id}-s3`}>
          <h2 id={`${id}-s3`}>Ready</h2>
          <p className="small">Log a day in seconds: tap your usual foods, rate how you felt, save. After a few weeks Aurea can point to foods linked to your symptoms and predict tomorrow.</p>
          <p className="small">Want to see what that looks like first? Load a demo diary of made-up days. It is clearly marked and removed in one tap.</p>
          <div className="stack">
            <button type="button" className="primary wide" disabled={busy} onClick={() => void finish(false)}>
              Start my diary
            </button>
            <button type="button" className="wide" disabled={busy} onClick={() => void finish(true)}>
              {busy ? 'Loading the demo…' : 'Explore with a demo diary'}
            </button>
            <button type="button" className="link" onClick={() => setStep(1)}>
              Back
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
