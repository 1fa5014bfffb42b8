import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useId, useState, type ReactNode } from 'react';
import { describeProblem, validateExport, type ExportFile, type SymptomPolarity } from '../../../shared/schema';
import { implausibleDates, listDates, withoutDates, type ImplausibleDates, type ImportPlan } from '../../../shared/diary/import';
import { localToday } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { addCustomSymptom, applyImport, buildCsv, buildExport, deleteAllData, InputError, previewImport, previewImportExtras, removeCustomSymptom, symptomDefinitions, StorageFullError } from '../../db/repo';
import type { ExtrasPlan } from '../../../shared/diary/import-extras';
import { ConfirmDialog } from '../components/Dialog';
import { useSettingState } from '../state/settings';
import { toast } from '../state/toasts';
import { storageStatus } from '../state/storage';
import { downloadText } from '../download';
import { ReminderSettings } from '../components/ReminderSettings';
import { Link } from '../router';
import { plural, storageUsageText } from '../format';
import { LazySyncSettings } from '../../sync/LazySyncSettings';
import { STOOL_HINT, StoolFormOptIn } from '../components/StoolFormOptIn';

const ModelStatus = lazy(() => import('../components/ModelStatus').then((m) => ({ default: m.ModelStatus })));
const LazyModelStatus = () => (
  <Suspense fallback={<section className="card" aria-label="Model status"><p className="muted">Loading model status…</p></section>}>
    <ModelStatus />
  </Suspense>
);

export function SettingsPage() {
  return (
    <>
      <h1>Settings</h1>
      <SymptomSettings />
      <TrackingSettings />
      <ReminderSettings />
      <ReportAndTests />
      <LazyModelStatus />
      <LazySyncSettings />
      <DataSettings />
      <AppearanceSettings />
      <StorageSettings />
    </>
  );
}

function SymptomSettings() {
  const db = appDb();
  const defs = useLiveQuery(() => symptomDefinitions(db), []) ?? [];
  const [label, setLabel] = useState('');
  const [polarity, setPolarity] = useState<SymptomPolarity>('higher_is_worse');
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const id = useId();

  const add = async () => {
    setError(null);
    try {
      const def = await addCustomSymptom(db, { label, polarity });
      setLabel('');
      toast(`Now tracking ${def.label}.`);
    } catch (e) {
      setError(e instanceof InputError ? e.message : (e as Error).message);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Symptoms you track</h2>
      <ul className="chips" aria-label="Tracked symptoms">
        {defs.map((d) => (
          <li key={d.key} className="chip">
            <span>
              {d.label} <span className="muted small">({d.polarity === 'higher_is_worse' ? 'higher is worse' : 'higher is better'})</span>
            </span>
            {!d.builtin && (
              <button type="button" className="remove" aria-label={`Stop tracking ${d.label}`} onClick={() => setRemoving(d.key)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="stack"
        style={{ marginTop: '1rem' }}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <div>
          <label htmlFor={`${id}-label`}>Add your own symptom</label>
          <input id={`${id}-label`} type="text" value={label} maxLength={40} placeholder="e.g. Headache, Joint pain, Mood" onChange={(e) => setLabel(e.target.value)} aria-describedby={error ? `${id}-err` : undefined} />
        </div>
        <fieldset>
          <legend>When the number goes up, it is…</legend>
          <div className="segmented">
            <span>
              <input type="radio" id={`${id}-worse`} name={`${id}-pol`} checked={polarity === 'higher_is_worse'} onChange={() => setPolarity('higher_is_worse')} />
              <label htmlFor={`${id}-worse`}>worse (like pain)</label>
            </span>
            <span>
              <input type="radio" id={`${id}-better`} name={`${id}-pol`} checked={polarity === 'higher_is_better'} onChange={() => setPolarity('higher_is_better')} />
              <label htmlFor={`${id}-better`}>better (like mood)</label>
            </span>
          </div>
        </fieldset>
        {error && (
          <p id={`${id}-err`} className="error-text" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Add symptom
        </button>
      </form>
      <ConfirmDialog
        open={removing !== null}
        title="Stop tracking this symptom?"
        body={<p>Values you already logged stay in your diary and in exports; the symptom just stops appearing on the Today page.</p>}
        confirmLabel="Stop tracking"
        onConfirm={() => {
          const k = removing!;
          setRemoving(null);
          void removeCustomSymptom(db, k);
        }}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}

function ReportAndTests() {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Report and tests</h2>
      <p className="small muted">A printable report of a period for your clinician (with a CSV of the raw logs), and deliberate re-challenges of a suspected food.</p>
      <div className="row">
        <Link to="/report" className="button primary">
          Report for your clinician
        </Link>
        <Link to="/challenge" className="button">
          Test a food
        </Link>
      </div>
    </section>
  );
}

function TrackingSettings() {
  const [trackCycle, setTrackCycle] = useSettingState('trackCycle');
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Cycle and stool form</h2>
      <div className="row">
        <input id={`${id}-cycle`} type="checkbox" className="check" checked={trackCycle === true} onChange={(e) => setTrackCycle(e.target.checked)} />
        <label htmlFor={`${id}-cycle`} style={{ margin: 0 }}>
          Track my cycle phase
        </label>
      </div>
      <p className="hint">Adds a period-day mark and a cycle-phase choice to each day. The phase of other days is estimated from your period days, so Insights can show how symptoms change across your cycle.</p>
      <StoolFormOptIn hint={STOOL_HINT} />
    </section>
  );
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'invalid'; fileName: string; lines: string[] }
  | { kind: 'preview'; fileName: string; file: ExportFile; plan: ImportPlan; extras: ExtrasPlan; odd: ImplausibleDates }
  | { kind: 'working' };

function DataSettings() {
  const db = appDb();
  const count = useLiveQuery(() => db.logs.count(), []);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteText, setDeleteText] = useState('');
  const [deleteWrong, setDeleteWrong] = useState(false);
  // Days after tomorrow or over 20 years back are imported only after an explicit "yes".
  const [oddConfirmed, setOddConfirmed] = useState(false);
  const id = useId();

  const onExportJson = async () => {
    const file = await buildExport(db);
    downloadText(`aurea-export-${localToday()}.json`, JSON.stringify(file, null, 1), 'application/json');
    toast(`Exported ${plural(file.logs.length, 'day')}.`);
  };
  const onExportCsv = async () => {
    downloadText(`aurea-logs-${localToday()}.csv`, await buildCsv(db), 'text/csv');
  };

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    let data: unknown;
    try {
      data = JSON.parse(await f.text());
    } catch (e) {
      setState({ kind: 'invalid', fileName: f.name, lines: [`The file is not valid JSON (${(e as Error).message}).`] });
      return;
    }
    const v = validateExport(data);
    if (!v.ok) {
      setState({ kind: 'invalid', fileName: f.name, lines: v.problems.slice(0, 50).map(describeProblem).concat(v.problems.length > 50 ? [`…and ${v.problems.length - 50} more problems`] : []) });
      return;
    }
    setOddConfirmed(false);
    const [plan, extras] = await Promise.all([previewImport(db, v.file), previewImportExtras(db, v.file)]);
    setState({ kind: 'preview', fileName: f.name, file: v.file, plan, extras, odd: implausibleDates(v.file.logs.map((l) => l.date), localToday()) });
  };

  const onImport = async (file: ExportFile) => {
    setState({ kind: 'working' });
    try {
      const plan = await applyImport(db, file);
      // Retrains at once in the background (and drops anything standing on replaced days).
      void import('../state/diaryChanges').then((m) => m.afterBulkChange(db));
      toast(`Imported: ${plan.counts.new.toLocaleString()} new, ${plan.counts.updated.toLocaleString()} updated, ${plan.counts.unchanged.toLocaleString()} unchanged.`);
      setState({ kind: 'idle' });
    } catch (e) {
      setState({ kind: 'invalid', fileName: '', lines: [e instanceof StorageFullError ? e.message : `Import failed and nothing was changed: ${(e as Error).message}`] });
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Your data</h2>
      <p className="muted small">Everything stays on this device. Export a copy any time; nothing is sent anywhere unless you share the file.</p>
      <div className="row">
        <button type="button" onClick={() => void onExportJson()} disabled={!count}>
          Export JSON
        </button>
        <button type="button" onClick={() => void onExportCsv()} disabled={!count}>
          Export CSV
        </button>
      </div>

      <div className="field" style={{ marginTop: '1rem' }}>
        <label htmlFor={`${id}-import`}>Import an Aurea export (JSON)</label>
        <input
          id={`${id}-import`}
          className="file-picker"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {state.kind === 'invalid' && (
        <div className="banner error" role="alert">
          <strong>Nothing was imported.</strong> {state.fileName && <>“{state.fileName}” has problems:</>}
          <ul className="problems">
            {state.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      )}
      {state.kind === 'preview' && (() => {
        const oddCount = state.odd.future.length + state.odd.tooOld.length;
        const nothingToDo = state.plan.writes.length === 0 && state.plan.newSymptoms.length === 0 && !hasExtras(state.extras);
        return (
          <div className="banner info" role="region" aria-label="Import preview">
            <p>
              <strong>{state.fileName}</strong>: {plural(state.plan.counts.total, 'day')} — <strong>{state.plan.counts.new.toLocaleString()} new</strong>, <strong>{state.plan.counts.updated.toLocaleString()} updated</strong>, {state.plan.counts.unchanged.toLocaleString()} unchanged.
              {state.plan.newSymptoms.length + state.plan.undefinedSymptoms.length > 0 && <> New symptoms: {[...state.plan.newSymptoms.map((s) => s.label), ...state.plan.undefinedSymptoms].join(', ')}.</>}
            </p>
            <ImportExtrasLine extras={state.extras} />
            {oddCount > 0 && (
              <div className="import-odd" role="group" aria-label="Dates to check">
                <p>
                  <strong>Check {oddCount === 1 ? 'this date' : 'these dates'} before importing.</strong>
                  {state.odd.future.length > 0 && <> {plural(state.odd.future.length, 'day is', 'days are')} after tomorrow: {listDates(state.odd.future)}.</>}
                  {state.odd.tooOld.length > 0 && <> {plural(state.odd.tooOld.length, 'day is', 'days are')} more than 20 years ago: {listDates(state.odd.tooOld)}.</>} A wrong year or a device clock that was off is the usual cause.
                </p>
                <div className="import-confirm">
                  <input id={`${id}-odd`} type="checkbox" className="check" checked={oddConfirmed} onChange={(e) => setOddConfirmed(e.target.checked)} />
                  <label htmlFor={`${id}-odd`} style={{ margin: 0 }}>
                    Yes, import {oddCount === 1 ? 'this day' : `these ${oddCount.toLocaleString()} days`} with {oddCount === 1 ? 'its date' : 'their dates'} as they are
                  </label>
                </div>
              </div>
            )}
            <div className="row">
              <button type="button" className="primary" onClick={() => void onImport(state.file)} disabled={nothingToDo || (oddCount > 0 && !oddConfirmed)}>
                Import
              </button>
              {oddCount > 0 && state.plan.counts.total > oddCount && (
                <button type="button" onClick={() => void onImport(withoutDates(state.file, [...state.odd.future, ...state.odd.tooOld]))}>
                  Import without {oddCount === 1 ? 'that day' : `those ${oddCount.toLocaleString()} days`}
                </button>
              )}
              <button type="button" onClick={() => setState({ kind: 'idle' })}>
                Cancel
              </button>
            </div>
            {oddCount > 0 && !oddConfirmed && <p className="small muted" style={{ margin: '0.4rem 0 0' }}>Nothing is written until you choose.</p>}
          </div>
        );
      })()}
      {state.kind === 'working' && <p role="status">Importing…</p>}

      <div style={{ marginTop: '1.2rem' }}>
        <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
          Delete all data…
        </button>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title="Delete everything on this device?"
        body={
          <div className="stack">
            <p>
              This erases {count === 1 ? 'your 1 logged day' : `all ${plural(count ?? 0, 'logged day')}`}, your symptoms, saved meals, models and settings from this device. It cannot be undone. Export first if you want a copy.
            </p>
            <p className="small">If sync is on, this device is signed out; your synced diary on the server and your other devices stays.</p>
            <div>
              <label htmlFor={`${id}-confirm`}>Type DELETE to confirm</label>
              <input
                id={`${id}-confirm`}
                type="text"
                value={deleteText}
                onChange={(e) => {
                  setDeleteText(e.target.value);
                  setDeleteWrong(false);
                }}
                autoComplete="off"
                aria-invalid={deleteWrong || undefined}
                aria-describedby={deleteWrong ? `${id}-confirm-err` : undefined}
              />
              {deleteWrong && (
                <p id={`${id}-confirm-err`} className="error-text" role="alert">
                  {deleteText.trim() ? `“${deleteText.trim()}” is not DELETE. Nothing was deleted; type DELETE to confirm.` : 'Type DELETE in the box to confirm. Nothing was deleted.'}
                </p>
              )}
            </div>
          </div>
        }
        confirmLabel="Delete all data"
        danger
        onConfirm={() => {
          // A toast would sit under the modal dialog, out of sight: the message goes beside the box instead.
          if (deleteText.trim().toUpperCase() !== 'DELETE') {
            setDeleteWrong(true);
            return;
          }
          setConfirmDelete(false);
          setDeleteText('');
          setDeleteWrong(false);
          void deleteAllData(db).then(() => toast('All data on this device was deleted.'));
        }}
        onCancel={() => {
          setConfirmDelete(false);
          setDeleteText('');
          setDeleteWrong(false);
        }}
      />
    </section>
  );
}

function AppearanceSettings() {
  const [themeValue, setTheme] = useSettingState('theme');
  const theme = themeValue ?? 'system';
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Appearance</h2>
      <fieldset>
        <legend>Theme</legend>
        <div className="segmented">
          {(['system', 'light', 'dark'] as const).map((t) => (
            <span key={t}>
              <input type="radio" id={`${id}-${t}`} name={`${id}-theme`} checked={theme === t} onChange={() => setTheme(t)} />
              <label htmlFor={`${id}-${t}`}>{t === 'system' ? 'Match device' : t === 'light' ? 'Light' : 'Dark'}</label>
            </span>
          ))}
        </div>
      </fieldset>
    </section>
  );
}

function StorageSettings() {
  const [status, setStatus] = useState<Awaited<ReturnType<typeof storageStatus>> | null>(null);
  useEffect(() => {
    void storageStatus().then(setStatus);
  }, []);
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Storage &amp; app</h2>
      <p className="small">
        {status?.persisted === true
          ? 'Your browser will keep Aurea’s data even when space runs low.'
          : status?.persisted === false
            ? 'Your browser may clear Aurea’s data if the device runs low on space. Installing the app makes this much less likely; export regularly as a backup.'
            : 'Checking storage…'}
      </p>
      <p className="small muted">
        {status ? storageUsageText(status.usage, status.quota) : 'Measuring storage…'} Version {__APP_VERSION__}.
      </p>
    </section>
  );
}

function hasExtras(e: ExtrasPlan): boolean {
  return e.savedMeals.length + e.challenges.length + e.recipes.length + Object.keys(e.settings).length > 0;
}

/** What a version 2 file brings beside the days. */
function ImportExtrasLine({ extras }: { extras: ExtrasPlan }) {
  if (!hasExtras(extras)) return null;
  const parts = [
    extras.savedMeals.length ? plural(extras.savedMeals.length, 'saved meal') : '',
    extras.challenges.length ? plural(extras.challenges.length, 're-challenge') : '',
    extras.recipes.length ? plural(extras.recipes.length, 'recipe') : '',
    Object.keys(extras.settings).length ? 'your settings' : '',
  ].filter(Boolean);
  return (
    <p className="small">
      Also: {parts.join(', ')}.{extras.challengesStopped > 0 && ' A test from the file is kept as stopped, because one is already running here.'}
    </p>
  );
}
