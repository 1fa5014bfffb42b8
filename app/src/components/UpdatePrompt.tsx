import { useRegisterSW } from 'virtual:pwa-register/react';
import { useState } from 'react';
import { useHasUnsaved } from '../state/unsaved';

let reloading = false;
/** Reload exactly once when the new version takes control (also in a tab opened before the first install). */
function reloadOnce() {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

/**
 * Offers a waiting new version. It only reloads when the person asks, and never while a form
 * holds unsaved input (they are asked to save or discard first).
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onNeedReload: reloadOnce,
    onRegisteredSW(_url, registration) {
      // Look for a new version hourly while the app stays open.
      if (registration) setInterval(() => void registration.update().catch(() => undefined), 60 * 60 * 1000);
    },
  });
  const unsaved = useHasUnsaved();
  const [blocked, setBlocked] = useState(false);
  if (!needRefresh) return null;
  return (
    <div className="banner info no-print" role="status" aria-live="polite">
      <div className="row spread">
        <span>
          <strong>A new version of Aurea is ready.</strong>{' '}
          {blocked && unsaved ? 'Save or discard your unsaved entry first, then update.' : 'Update when it suits you.'}
        </span>
        <span className="row">
          <button
            type="button"
            className="primary small"
            onClick={() => {
              if (unsaved) {
                setBlocked(true);
                return;
              }
              navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true });
              void updateServiceWorker(true);
            }}
          >
            Update now
          </button>
          <button type="button" className="small" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </span>
      </div>
    </div>
  );
}
