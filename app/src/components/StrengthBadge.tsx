import { STRENGTH_LABEL, type Strength } from '../../../shared/insights/voice';

/** A finding's strength of evidence: three bars and the one set of words every page uses. */
export function StrengthBadge({ strength }: { strength: Strength }) {
  return (
    <span className={`strength strength-${strength}`}>
      <span className="strength-meter" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {STRENGTH_LABEL[strength]}
    </span>
  );
}
