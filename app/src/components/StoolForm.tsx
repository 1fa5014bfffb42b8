import { useId, useState } from 'react';
import { BRISTOL_TYPES, type BristolType } from '../../../shared/schema';
import { BRISTOL_DESCRIPTIONS, isHard, isLoose } from '../../../shared/stool/outcomes';

const tone = (t: number) => (isLoose(t) ? ' loose' : isHard(t) ? ' hard' : '');

/**
 * The day's bowel movements on the Bristol stool form scale: one entry per movement (several a day is
 * common, and a loose one matters even when another was normal). Two taps add one: "Add", then the type.
 */
export function StoolForm({ value, onChange }: { value: readonly number[]; onChange: (types: number[]) => void }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="stool-form">
      <h2 id={`${id}-h`}>Stool form</h2>
      {value.length > 0 ? (
        <ul className="chips picked" aria-label="Bowel movements this day">
          {value.map((t, i) => (
            <li key={i} className={`chip stool${tone(t)}`}>
              <span>
                Type {t} · {BRISTOL_DESCRIPTIONS[t as BristolType]}
              </span>
              <button type="button" className="remove" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`Remove type ${t} (${i + 1} of ${value.length})`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">None logged for this day. Add one for each bowel movement.</p>
      )}
      {open ? (
        <div role="group" aria-label="Choose the stool type" className="stool-types">
          {BRISTOL_TYPES.map((t) => (
            <button
              key={t}
              type="button"
              className={`stool-type${tone(t)}`}
              onClick={() => {
                onChange([...value, t]);
                setOpen(false);
              }}
            >
              <strong>Type {t}</strong> <span>{BRISTOL_DESCRIPTIONS[t]}</span>
            </button>
          ))}
          <button type="button" className="link" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setOpen(true)} disabled={value.length >= 20} aria-describedby={`${id}-h`}>
          Add a bowel movement
        </button>
      )}
    </div>
  );
}

/** The stool form card on Today: shown when the person tracks stool form, or the day already has entries. */
export function StoolSection({ tracked, value, onChange }: { tracked: boolean; value: readonly number[]; onChange: (types: number[]) => void }) {
  if (!tracked && value.length === 0) return null;
  return (
    <section className="card" aria-label="Stool form">
      <StoolForm value={value} onChange={onChange} />
    </section>
  );
}
