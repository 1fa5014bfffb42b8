/**
 * The words for component findings (issue 14 point 4), one function for every page and the CLI:
 * "Fructans (onion, garlic, wheat bread…) are linked to more bloating the next day".
 */
import { COMPONENTS } from '../ingredients/components';
import type { ComponentTest } from './components-types';
import { changeWords, evidenceStrength, formatMean, formatP, lagWords, type LinkDirection, type NumberRow, type Strength, type SymptomWording } from './voice';

/** How many of the foods seen are named before "…". */
export const COMPONENT_FOODS_NAMED = 3;

export interface ComponentFinding {
  id: string;
  component: ComponentTest['component'];
  symptom: string;
  lag_days: number;
  direction: LinkDirection;
  strength: Strength;
  sentence: string;
  numbers: NumberRow[];
  /** Where the list of foods carrying the component comes from (shown under the numbers). */
  source: string;
}

function directionOf(t: ComponentTest, polarity: SymptomWording['polarity']): LinkDirection {
  const higher = (t.correlation ?? 0) > 0;
  return higher === (polarity === 'higher_is_worse') ? 'worse' : 'better';
}

/** "Fructans are", "Lactose is": plural names end in s before any bracket ("Polyols (sorbitol, mannitol)"). */
function isOrAre(label: string): 'is' | 'are' {
  return /s$/.test(label.replace(/\s*\(.*\)$/, '')) ? 'are' : 'is';
}

/** "Fructans (onion, garlic, wheat bread…) are linked to more bloating the next day"; "Lactose (milk, yogurt) is linked…". */
export function componentSentence(t: ComponentTest, symptom: SymptomWording): string {
  const named = t.foods.slice(0, COMPONENT_FOODS_NAMED).join(', ') + (t.foods.length > COMPONENT_FOODS_NAMED ? '…' : '');
  const label = COMPONENTS[t.component].label;
  return `${label} (${named}) ${isOrAre(label)} linked to ${changeWords(symptom, directionOf(t, symptom.polarity))}${lagWords(t.lag_days)}`;
}

/** The numbers behind a component finding, for "Show the numbers". */
export function componentNumbers(t: ComponentTest, familySize: number): NumberRow[] {
  const after = t.lag_days === 0 ? 'on days with it' : 'after days with it';
  return [
    { label: 'Days with any of these foods', value: String(t.n_present) },
    { label: 'Days without', value: String(t.n_absent) },
    { label: `Average ${after}`, value: formatMean(t.mean_present) },
    { label: 'Average otherwise', value: formatMean(t.mean_absent) },
    { label: 'Correlation (point-biserial r)', value: t.correlation === null ? '–' : t.correlation.toFixed(3) },
    { label: 'Test', value: 'Mann-Whitney U, two-sided' },
    { label: 'p', value: formatP(t.p_value) },
    { label: `Adjusted p (Bonferroni, ${familySize} component tests)`, value: formatP(t.p_adjusted) },
  ];
}

/**
 * The significant component findings, strongest first; for each component and symptom only its
 * strongest lag, so one pattern is said once.
 */
export function componentFindings(tests: readonly ComponentTest[], wordingOf: (symptom: string) => SymptomWording): ComponentFinding[] {
  const best = new Map<string, ComponentTest>();
  for (const t of tests) {
    if (!t.significant) continue;
    const key = `${t.component}/${t.symptom}`;
    const seen = best.get(key);
    if (!seen || Math.abs(t.correlation ?? 0) > Math.abs(seen.correlation ?? 0)) best.set(key, t);
  }
  return [...best.values()]
    .sort((a, b) => Math.abs(b.correlation ?? 0) - Math.abs(a.correlation ?? 0))
    .map((t) => {
      const w = wordingOf(t.symptom);
      return {
        id: `component-${t.component}-${t.symptom}-${t.lag_days}`,
        component: t.component,
        symptom: t.symptom,
        lag_days: t.lag_days,
        direction: directionOf(t, w.polarity),
        strength: evidenceStrength(t.p_adjusted),
        sentence: componentSentence(t, w),
        numbers: componentNumbers(t, tests.length),
        source: COMPONENTS[t.component].source,
      };
    });
}
