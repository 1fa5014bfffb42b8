/**
 * The patient's words for a finding explained by another ("explained by", issue 16), shared by the
 * Insights page, the food cards, Predict, the report and the CLI so they all say the same thing.
 * Careful wording: a food that makes no clear difference on its own days is not shown to be harmless,
 * and two foods always eaten together cannot be told apart by the diary at all.
 */
import type { SymptomPolarity } from '../schema';
import type { ExplainedFinding } from './types';
import { changeWords, lagWords } from './voice';

/** The explanation of one finding, if it has one (here, not beside the test, so pages that only word findings never load the statistics). */
export function explanationOf(explained: readonly ExplainedFinding[], ingredient: string, symptom: string, lag: number): ExplainedFinding | undefined {
  return explained.find((e) => e.ingredient === ingredient && e.symptom === symptom && e.lag_days === lag);
}

export interface ExplainedSymptomWords {
  /** Lower-case symptom name for mid-sentence use ("bloating", "energy"). */
  name: string;
  polarity: SymptomPolarity;
}

/** At or above this overlap the other food is "almost always" there. */
const ALMOST_ALWAYS = 0.9;

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('en') + s.slice(1);
}

/** "more bloating" / "lower energy", in the one voice of voice.ts. */
function worse(w: ExplainedSymptomWords): string {
  return changeWords({ label: w.name, polarity: w.polarity }, 'worse');
}

/** How the two foods go together: "with onion", "the day after onion", "two days before onion". */
function together(e: ExplainedFinding): string {
  const d = e.by_lag_days - e.lag_days; // the other food was eaten d days before this one
  if (d === 0) return `with ${e.by_ingredient}`;
  const n = Math.abs(d);
  const days = n === 1 ? 'the day' : `${n === 2 ? 'two' : n === 3 ? 'three' : n} days`;
  return `${days} ${d > 0 ? 'after' : 'before'} ${e.by_ingredient}`;
}

/** "Coconut milk: mostly eaten with onion". */
export function explainedHeadline(e: ExplainedFinding): string {
  return `${capitalise(e.ingredient)}: ${e.overlap >= 1 ? 'always' : e.overlap >= ALMOST_ALWAYS ? 'almost always' : 'mostly'} eaten ${together(e)}`;
}

/**
 * "Coconut milk looks linked to more bloating the next day, but it is mostly eaten with onion; on
 * days without onion it makes no clear difference."
 */
export function explainedSentence(e: ExplainedFinding, w: ExplainedSymptomWords): string {
  const looks = `${capitalise(e.ingredient)} looks linked to ${worse(w)}${lagWords(e.lag_days)}`;
  if (e.overlap >= 1) {
    return `${looks}, but it is always eaten ${together(e)}, and ${e.by_ingredient} goes with ${worse(w)} on its own: your diary cannot tell them apart, and ${e.by_ingredient} is the likelier one.`;
  }
  const how = e.overlap >= ALMOST_ALWAYS ? 'almost always' : 'mostly';
  return `${looks}, but it is ${how} eaten ${together(e)}; on days without ${e.by_ingredient} it makes no clear difference.`;
}

/** A short follow-up naming the real lead, for places that list triggers (food cards, Predict). */
export function explainedPointer(e: ExplainedFinding): string {
  return `Look at ${e.by_ingredient} first: a re-challenge of ${e.by_ingredient} would tell whether it is the cause.`;
}
