import { lazy, Suspense } from 'react';

const SyncSettingsSection = lazy(() => import('./SyncSettings').then((m) => ({ default: m.SyncSettings })));

/** Settings → Sync, loaded on demand: the account flows carry the sync engine and zod, which the rest of Settings does not need. */
export function LazySyncSettings() {
  return (
    <Suspense
      fallback={
        <section className="card sync" aria-label="Sync">
          <p className="muted">Loading sync settings…</p>
        </section>
      }
    >
      <SyncSettingsSection />
    </Suspense>
  );
}
