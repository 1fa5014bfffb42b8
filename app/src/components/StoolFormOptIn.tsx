import { useId } from 'react';
import { useSettingState } from '../state/settings';

/** The "Track stool form" choice, offered in the first-run flow and in Settings (off by default). */
export function StoolFormOptIn({ hint }: { hint: string }) {
  const [tracked, setTracked] = useSettingState('trackStool');
  const id = useId();
  return (
    <div>
      <div className="row">
        <input id={`${id}-stool`} type="checkbox" className="check" checked={tracked === true} onChange={(e) => setTracked(e.target.checked)} />
        <label htmlFor={`${id}-stool`} style={{ margin: 0 }}>
          Track stool form
        </label>
      </div>
      <p className="hint">{hint}</p>
    </div>
  );
}

export const STOOL_HINT =
  'Adds the Bristol stool scale (types 1 to 7, from hard lumps to watery) to each day. Aurea then looks for foods linked to loose or hard days and gives the chance of a loose day.';
