import { useId } from 'react';
import { CYCLE_PHASES, type CyclePhase } from '../../../shared/schema';

export const PHASE_LABELS: Record<CyclePhase, string> = {
  menstrual: 'Menstrual',
  follicular: 'Follicular',
  ovulatory: 'Ovulatory',
  luteal: 'Luteal',
};

export function CyclePhasePicker({ value, onChange }: { value: CyclePhase | null; onChange: (v: CyclePhase | null) => void }) {
  const id = useId();
  const options: (CyclePhase | null)[] = [null, ...CYCLE_PHASES];
  return (
    <fieldset>
      <legend>Cycle phase</legend>
      <div className="segmented">
        {options.map((p) => (
          <span key={p ?? 'none'}>
            <input type="radio" id={`${id}-${p ?? 'none'}`} name={`${id}-phase`} checked={value === p} onChange={() => onChange(p)} />
            <label htmlFor={`${id}-${p ?? 'none'}`}>{p ? PHASE_LABELS[p] : 'Not set'}</label>
          </span>
        ))}
      </div>
    </fieldset>
  );
}
