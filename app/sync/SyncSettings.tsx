import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { MIN_PASSPHRASE_LENGTH } from '../../shared/sync/kdf';
import { appDb } from '../db/db';
import { ConfirmDialog } from '../src/components/Dialog';
import { toast } from '../src/state/toasts';
import {
  changeSyncPassphrase,
  createSyncAccount,
  deleteSyncAccount,
  dismissRejected,
  reconnectSync,
  recoverSyncAccount,
  replaceSyncRecoveryKey,
  signInToSync,
  signOutOfSync,
} from './account';
import { browserSyncEnv } from './env';
import { passphraseStrength } from './passphrase';
import { startSyncRuntime, syncNow } from './runtime';
import { changesText, describeSync, readSyncSnapshot, rejectedSentence, useOnline, useSyncing, type SyncSnapshot } from './status';

/**
 * Settings → Sync: turning sync on (create an account, sign in, or restore with the recovery key), the
 * status with "Sync now", and managing the account. Everything that talks to the server goes through
 * ./account; the passphrase only lives in this form's state until the keys are derived.
 */

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function SyncSettings() {
  const db = appDb();
  const snapshot = useLiveQuery(() => readSyncSnapshot(db), []);
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const id = useId();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (location.hash === '#sync') ref.current?.scrollIntoView({ block: 'start' });
  }, []);

  const secure = typeof window !== 'undefined' && window.isSecureContext && !!globalThis.crypto?.subtle;
  let body: ReactNode;
  if (!snapshot) body = <p className="muted">Loading…</p>;
  else if (recoveryKey) body = <RecoveryKeyStep recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} />;
  else if (!secure) body = <p className="banner error">Sync needs a secure connection: open Aurea over https (or on this computer) to turn it on. Your diary works here as usual.</p>;
  else if (snapshot.account) body = <SyncAccountPanel snapshot={snapshot} onRecoveryKey={setRecoveryKey} />;
  else body = <SyncSetup onRecoveryKey={setRecoveryKey} />;

  return (
    <section className="card sync" id="sync" ref={ref} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Sync</h2>
      {body}
      {snapshot?.account && !recoveryKey && (
      <p className="hint sync-wipe-note">
        “Delete all data” below erases this device only: it also signs this device out of sync, and your encrypted diary on the server and on your other devices stays as it is. To erase the server copy, delete
        the sync account here.
      </p>
      )}
    </section>
  );
}

// ---- turning sync on ----

type SetupMode = 'create' | 'signin' | 'recover';

function SyncSetup({ onRecoveryKey }: { onRecoveryKey: (key: string) => void }) {
  const [mode, setMode] = useState<SetupMode | null>(null);
  return (
    <div className="stack">
      <p>
        Sync keeps your diary the same on your phone, tablet and computer, and keeps an encrypted backup. Your diary is encrypted on this device with your passphrase before it leaves, so the server only ever sees
        encrypted data.
      </p>
      <p className="small muted">Sync is off. Your logs, your own symptoms and your tracking choices will sync; appearance and reminders stay per device. A diary already on this device is uploaded when you turn sync on.</p>
      {mode === null ? (
        <div className="row">
          <button type="button" className="primary" onClick={() => setMode('create')}>
            Create a sync account
          </button>
          <button type="button" onClick={() => setMode('signin')}>
            Sign in
          </button>
          <button type="button" className="link" onClick={() => setMode('recover')}>
            Use a recovery key
          </button>
        </div>
      ) : (
        <AccountForm mode={mode} onCancel={() => setMode(null)} onRecoveryKey={onRecoveryKey} onMode={setMode} />
      )}
    </div>
  );
}

const TITLES: Record<SetupMode, string> = { create: 'Create a sync account', signin: 'Sign in to sync', recover: 'Restore access with your recovery key' };
const SUBMIT: Record<SetupMode, string> = { create: 'Create account and turn on sync', signin: 'Sign in and turn on sync', recover: 'Restore access' };
const WORKING: Record<SetupMode, string> = {
  create: 'Creating your keys and account… this takes a few seconds.',
  signin: 'Unlocking your account… this takes a few seconds.',
  recover: 'Restoring access… this takes a few seconds.',
};

function AccountForm({ mode, onCancel, onRecoveryKey, onMode }: { mode: SetupMode; onCancel: () => void; onRecoveryKey: (key: string) => void; onMode: (m: SetupMode) => void }) {
  const db = appDb();
  const id = useId();
  const [serverUrl, setServerUrl] = useState(() => location.origin);
  const [email, setEmail] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [recoveryKey, setRecoveryKeyText] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const newPassphrase = mode !== 'signin';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (newPassphrase) {
      if ([...passphrase.trim()].length < MIN_PASSPHRASE_LENGTH) return setError(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`);
      if (passphrase !== confirm) return setError('The two passphrases are not the same.');
    }
    setWorking(true);
    try {
      if (mode === 'create') {
        const { recoveryKey: key } = await createSyncAccount(db, { serverUrl, email, passphrase }, browserSyncEnv);
        onRecoveryKey(key);
      } else if (mode === 'signin') {
        await signInToSync(db, { serverUrl, email, passphrase }, browserSyncEnv);
        toast('Sync is on. Your diary is syncing now.');
      } else {
        await recoverSyncAccount(db, { serverUrl, email, recoveryKey, newPassphrase: passphrase }, browserSyncEnv);
        toast('Access restored with your new passphrase. Your other devices will ask for it.');
      }
      void syncNow();
    } catch (err) {
      setError(messageOf(err));
      setWorking(false);
    }
  };

  return (
    <form className="stack sync-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`} noValidate>
      <h3 id={`${id}-t`}>{TITLES[mode]}</h3>
      <div>
        <label htmlFor={`${id}-server`}>Sync server</label>
        <input id={`${id}-server`} type="url" inputMode="url" autoComplete="url" value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} aria-describedby={`${id}-server-hint`} required />
        <p className="hint" id={`${id}-server-hint`}>
          This app’s own server. Change it only if you run your own Aurea server.
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </div>
      {mode === 'recover' && (
        <div>
          <label htmlFor={`${id}-rk`}>Recovery key</label>
          <input id={`${id}-rk`} type="text" autoComplete="off" spellCheck={false} autoCapitalize="characters" value={recoveryKey} onChange={(e) => setRecoveryKeyText(e.target.value)} placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" required />
        </div>
      )}
      <PassphraseField label={mode === 'signin' ? 'Passphrase' : mode === 'recover' ? 'New passphrase' : 'Passphrase'} value={passphrase} onChange={setPassphrase} isNew={newPassphrase} />
      {newPassphrase && <PassphraseField label={mode === 'recover' ? 'Confirm new passphrase' : 'Confirm passphrase'} value={confirm} onChange={setConfirm} isNew confirmOf={passphrase} />}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {working && (
        <p role="status" className="sync-working">
          {WORKING[mode]}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={working}>
          {SUBMIT[mode]}
        </button>
        <button type="button" onClick={onCancel} disabled={working}>
          Cancel
        </button>
      </div>
      {mode === 'signin' && (
        <p className="small">
          Forgot your passphrase?{' '}
          <button type="button" className="link" onClick={() => onMode('recover')}>
            Use your recovery key
          </button>
        </p>
      )}
    </form>
  );
}

function PassphraseField({ label, value, onChange, isNew, confirmOf }: { label: string; value: string; onChange: (v: string) => void; isNew: boolean; confirmOf?: string }) {
  const id = useId();
  const [show, setShow] = useState(false);
  const strength = isNew && confirmOf === undefined && value ? passphraseStrength(value) : null;
  const mismatch = confirmOf !== undefined && value.length > 0 && value !== confirmOf;
  const describedBy = [strength || (isNew && confirmOf === undefined) ? `${id}-hint` : null, mismatch ? `${id}-mm` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <div className="sync-pass">
        <input id={id} type={show ? 'text' : 'password'} autoComplete={isNew ? 'new-password' : 'current-password'} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} spellCheck={false} required />
        <button type="button" className="small ghost" onClick={() => setShow(!show)} aria-pressed={show} aria-label={`Show ${label.toLowerCase()}`}>
          {show ? 'Hide' : 'Show'}
        </button>
      </div>
      {isNew && confirmOf === undefined && (
        <div id={`${id}-hint`} className="sync-strength" data-score={strength?.score ?? 0} aria-live="polite">
          <span className="sync-meter" aria-hidden="true">
            <span style={{ width: `${((strength?.score ?? 0) / 4) * 100}%` }} />
          </span>
          <span className="hint">{strength ? `${strength.label}. ${strength.hint}` : `At least ${MIN_PASSPHRASE_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}</span>
        </div>
      )}
      {mismatch && (
        <p className="hint" id={`${id}-mm`}>
          Not the same as the passphrase above yet.
        </p>
      )}
    </div>
  );
}

// ---- the recovery key, shown once ----

function RecoveryKeyStep({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const id = useId();
  const [stored, setStored] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopied('Copied. Paste it somewhere safe, like a password manager.');
    } catch {
      setCopied('Could not copy here: select the key and copy it, or write it down.');
    }
  };
  return (
    <div className="stack sync-recovery" role="region" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        Your recovery key
      </h3>
      <p>
        <strong>Store this; without it and your passphrase your data cannot be recovered.</strong> It is shown only this once. With it you can set a new passphrase if you forget yours.
      </p>
      <p className="sync-key" data-testid="recovery-key">
        {recoveryKey}
      </p>
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          Copy recovery key
        </button>
      </div>
      <p role="status" className="small">
        {copied ?? ''}
      </p>
      <div className="row">
        <input id={`${id}-ok`} type="checkbox" className="check" checked={stored} onChange={(e) => setStored(e.target.checked)} />
        <label htmlFor={`${id}-ok`} style={{ margin: 0 }}>
          I have stored it
        </label>
      </div>
      <button type="button" className="primary" disabled={!stored} onClick={onDone}>
        Continue
      </button>
    </div>
  );
}

// ---- signed in ----

type Panel = 'none' | 'passphrase' | 'recovery' | 'delete';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

function ago(iso: string, now: number): string {
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 45) return 'just now';
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  if (s < 3600) return rtf.format(-Math.round(s / 60), 'minute');
  if (s < 86400) return rtf.format(-Math.round(s / 3600), 'hour');
  return rtf.format(-Math.round(s / 86400), 'day');
}

function SyncAccountPanel({ snapshot, onRecoveryKey }: { snapshot: SyncSnapshot; onRecoveryKey: (key: string) => void }) {
  const db = appDb();
  const account = snapshot.account!;
  const online = useOnline();
  const syncing = useSyncing();
  const now = useNow(30_000);
  const [panel, setPanel] = useState<Panel>('none');
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const display = describeSync(snapshot, online)!;
  const { status } = snapshot;

  useEffect(() => {
    startSyncRuntime(db);
  }, [db, account.generation]);

  const runNow = async () => {
    const outcome = await syncNow(db);
    if (outcome.kind === 'skipped' && outcome.reason === 'offline') toast('This device is offline; sync resumes when it is back online.');
  };

  return (
    <div className="stack">
      <div className={`sync-state ${display.tone}`}>
        <p className="sync-state-line">
          <span className={`sync-dot${syncing ? ' busy' : ''}`} aria-hidden="true" />
          <strong data-testid="sync-state">{syncing ? 'Syncing…' : display.text}</strong>
        </p>
        {display.detail && <p className="small">{display.detail}</p>}
        <p className="small muted">
          Signed in as <strong>{account.email}</strong> on {account.serverUrl.replace(/^https?:\/\//, '')}.{' '}
          {status.lastSyncAt ? `Last synced ${ago(status.lastSyncAt, now)}.` : 'Not synced yet.'}
        </p>
        {!account.sessionEnded && (
          <button type="button" onClick={() => void runNow()} disabled={syncing}>
            Sync now
          </button>
        )}
      </div>

      {status.rejected.length > 0 && (
        <div className="banner error" role="alert">
          <p>
            <strong>{rejectedSentence(status.rejected.length)}</strong> It may have been altered on the server or written by a different version; your data on this device is unchanged.
          </p>
          <button type="button" className="small" onClick={() => void dismissRejected(db)}>
            Dismiss
          </button>
        </div>
      )}

      {account.sessionEnded && <ReconnectForm email={account.email} />}

      {!account.sessionEnded && (
        <div className="stack">
          <h3>Your sync account</h3>
          <div className="row">
            <button type="button" aria-expanded={panel === 'passphrase'} onClick={() => setPanel(panel === 'passphrase' ? 'none' : 'passphrase')}>
              Change passphrase
            </button>
            <button type="button" aria-expanded={panel === 'recovery'} onClick={() => setPanel(panel === 'recovery' ? 'none' : 'recovery')}>
              New recovery key
            </button>
          </div>
          {panel === 'passphrase' && <ChangePassphraseForm onDone={() => setPanel('none')} />}
          {panel === 'recovery' && (
            <PassphraseConfirmForm
              title="Make a new recovery key"
              explain="Your current recovery key stops working. Enter your passphrase to continue."
              submit="Make a new recovery key"
              working="Making a new recovery key…"
              run={async (passphrase) => {
                const key = await replaceSyncRecoveryKey(db, { passphrase }, browserSyncEnv);
                setPanel('none');
                onRecoveryKey(key);
              }}
              onCancel={() => setPanel('none')}
            />
          )}
        </div>
      )}

      <div className="row sync-leave">
        <button type="button" onClick={() => setConfirmSignOut(true)}>
          Sign out on this device
        </button>
        <button type="button" className="link sync-danger-link" aria-expanded={panel === 'delete'} onClick={() => setPanel(panel === 'delete' ? 'none' : 'delete')}>
          Delete sync account…
        </button>
      </div>
      {panel === 'delete' && (
        <PassphraseConfirmForm
          title="Delete your sync account"
          explain="This erases your account and your encrypted diary from the server. Your diary on this device stays, and your other devices keep theirs but stop syncing. Enter your passphrase to confirm."
          submit="Delete account from the server"
          working="Deleting your account from the server…"
          danger
          run={async (passphrase) => {
            await deleteSyncAccount(db, { passphrase }, browserSyncEnv);
            toast('Your sync account was deleted from the server. Your diary is still on this device.');
          }}
          onCancel={() => setPanel('none')}
        />
      )}

      <ConfirmDialog
        open={confirmSignOut}
        title="Sign out of sync on this device?"
        body={
          <p>
            Your diary stays on this device; its sync keys and session are removed from it.
            {snapshot.pending > 0 ? ` ${changesText(snapshot.pending)} not synced yet will stay here and upload if you sign in again.` : ''} Your other devices are not affected.
          </p>
        }
        confirmLabel="Sign out"
        onConfirm={() => {
          setConfirmSignOut(false);
          void signOutOfSync(db, browserSyncEnv).then(() => toast('Signed out of sync on this device. Your diary is still here.'));
        }}
        onCancel={() => setConfirmSignOut(false)}
      />
    </div>
  );
}

function ReconnectForm({ email }: { email: string }) {
  const db = appDb();
  return (
    <PassphraseConfirmForm
      title="Sign in again"
      explain={`Your sync session has ended, usually because the passphrase was changed on another device. Enter the passphrase of ${email} to keep syncing; your changes are kept meanwhile.`}
      submit="Sign in"
      working="Unlocking your account…"
      run={async (passphrase) => {
        await reconnectSync(db, { passphrase }, browserSyncEnv);
        toast('Signed in again. Sync continues.');
        void syncNow(db);
      }}
    />
  );
}

function PassphraseConfirmForm(props: { title: string; explain: string; submit: string; working: string; danger?: boolean; run: (passphrase: string) => Promise<void>; onCancel?: () => void }) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setWorking(true);
    try {
      await props.run(passphrase);
    } catch (err) {
      if (mounted.current) setError(messageOf(err));
    } finally {
      if (mounted.current) setWorking(false);
    }
  };
  return (
    <form className="stack sync-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`}>
      <h3 id={`${id}-t`}>{props.title}</h3>
      <p className="small">{props.explain}</p>
      <PassphraseField label="Passphrase" value={passphrase} onChange={setPassphrase} isNew={false} />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {working && <p role="status">{props.working}</p>}
      <div className="row">
        <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={working || passphrase.length === 0}>
          {props.submit}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel} disabled={working}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function ChangePassphraseForm({ onDone }: { onDone: () => void }) {
  const db = appDb();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if ([...next.trim()].length < MIN_PASSPHRASE_LENGTH) return setError(`Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few unrelated words work well.`);
    if (next !== confirm) return setError('The two new passphrases are not the same.');
    setWorking(true);
    try {
      await changeSyncPassphrase(db, { currentPassphrase: current, newPassphrase: next }, browserSyncEnv);
      toast('Passphrase changed. Your other devices will ask for the new one.');
      onDone();
    } catch (err) {
      setError(messageOf(err));
      setWorking(false);
    }
  };
  return (
    <form className="stack sync-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`} noValidate>
      <h3 id={`${id}-t`}>Change passphrase</h3>
      <p className="small">Only the keys are re-wrapped; your synced diary stays as it is. Your other devices will ask for the new passphrase.</p>
      <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} isNew={false} />
      <PassphraseField label="New passphrase" value={next} onChange={setNext} isNew />
      <PassphraseField label="Confirm new passphrase" value={confirm} onChange={setConfirm} isNew confirmOf={next} />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {working && <p role="status">Changing your passphrase…</p>}
      <div className="row">
        <button type="submit" className="primary" disabled={working}>
          Change passphrase
        </button>
        <button type="button" onClick={onDone} disabled={working}>
          Cancel
        </button>
      </div>
    </form>
  );
}
