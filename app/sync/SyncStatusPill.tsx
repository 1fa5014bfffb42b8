import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { appDb } from '../db/db';
import { Link } from '../src/router';
import { installSyncHooks } from './hooks';
import { describeSync, readSyncSnapshot, useOnline, useSyncing } from './status';

// Local writes must queue for sync from the very first one, before anything lazy has loaded.
installSyncHooks();

/**
 * The header's sync status ("Synced", "Pending 3 changes", "Offline", "Error: …"), linking to Settings.
 * Renders nothing while sync is off. When an account exists it starts the background sync, which is
 * loaded lazily so the first-load bundle carries neither the engine nor the crypto.
 */
export function SyncStatusPill() {
  const snapshot = useLiveQuery(() => readSyncSnapshot(appDb()), []);
  const online = useOnline();
  const syncing = useSyncing();
  const generation = snapshot?.account?.generation ?? null;

  useEffect(() => {
    if (generation) void import('./runtime').then((m) => m.startSyncRuntime());
  }, [generation]);

  const display = snapshot ? describeSync(snapshot, online) : null;
  if (!display) return null;
  return (
    <Link
      to="/settings#sync"
      className={`sync-pill ${display.tone}${display.detail && display.tone === 'ok' ? ' warn' : ''}`}
      aria-label={`Sync status: ${display.text}.${display.detail ? ` ${display.detail}` : ''} Open sync settings.`}
      title={display.detail ?? undefined}
      aria-busy={syncing || undefined}
    >
      <span className={`sync-dot${syncing ? ' busy' : ''}`} aria-hidden="true" />
      <span>{display.text}</span>
    </Link>
  );
}
