import { useState } from 'react';
import { useSetting } from '../state/settings';
import { removeDemoDiary } from '../state/demo';
import { toast } from '../state/toasts';

/** Always visible while demo data is loaded, with one-tap removal. */
export function DemoBanner() {
  const active = useSetting('demoActive');
  const [busy, setBusy] = useState(false);
  if (!active) return null;
  return (
    <div className="banner demo no-print" role="region" aria-label="Demo diary">
      <div className="row spread">
        <span>
          <strong>Demo diary.</strong> These days are made up, to show what Aurea finds.
        </span>
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const n = await removeDemoDiary();
            setBusy(false);
            toast(`Removed ${n} demo days. Your own days are kept.`);
          }}
        >
          Remove demo data
        </button>
      </div>
    </div>
  );
}
