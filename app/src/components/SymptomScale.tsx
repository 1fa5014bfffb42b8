import { useId } from 'react';
import type { SymptomDefinition } from '../../../shared/schema';

/** Words at the two ends of a 0–5 scale, so every rating reads the right way round. */
export function scaleEnds(def: SymptomDefinition): [string, string] {
  switch (def.key) {
    case 'bloating':
      return ['0 none', '5 severe'];
    case 'energy':
      return ['0 exhausted', '5 full of energy'];
    case 'focus':
      return ['0 foggy', '5 sharp'];
    default:
      return def.polarity === 'higher_is_worse' ? ['0 none', '5 severe'] : ['0 very low', '5 very good'];
  }
}

export function SymptomScale({ def, value, onChange }: { def: SymptomDefinition; value: number | undefined; onChange: (v: number | undefined) => void }) {
  const id = useId();
  const [low, high] = scaleEnds(def);
  return (
    <fieldset className="symptom">
      <legend>{def.label}</legend>
      <div className="scale">
        {[0, 1, 2, 3, 4, 5].map((v) => (
          <span key={v}>
            <input type="radio" id={`${id}-${v}`} name={`${id}-${def.key}`} value={v} checked={value === v} onChange={() => onChange(v)} aria-label={`${def.label} ${v} of 5`} />
            <label htmlFor={`${id}-${v}`} aria-hidden="true">
              {v}
            </label>
          </span>
        ))}
      </div>
      <div className="scale-foot">
        <span aria-hidden="true">{low}</span>
        {value !== undefined && (
          <button type="button" className="link small clear" onClick={() => onChange(undefined)} aria-label={`Clear ${def.label}`}>
            Clear
          </button>
        )}
        <span aria-hidden="true">{high}</span>
      </div>
    </fieldset>
  );
}
