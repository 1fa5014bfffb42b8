// Plain words for predictions and model scores, shared by the Predict page and Settings → Model status.
import type { TargetKey } from '../../../../shared/model/targets';
import type { Tier } from '../../../../shared/model/types';
import { predictionStrengthSentence, type Strength } from '../../../../shared/insights/voice';
import { compareWithUsual, MIN_RATED_DAYS_FOR_USUAL, USUAL_BAND, type UsualRate } from '../../../../shared/model/usual';

export const TARGET_KEYS: readonly TargetKey[] = ['bloating', 'energy_low', 'brain_fog'];

export const TARGET_WORDS: Record<TargetKey, { name: string; outcome: string; symptom: 'bloating' | 'energy' | 'focus' }> = {
  bloating: { name: 'Bloating', outcome: 'bloating 3 or more', symptom: 'bloating' },
  energy_low: { name: 'Low energy', outcome: 'energy 2 or less', symptom: 'energy' },
  brain_fog: { name: 'Brain fog', outcome: 'focus 2 or less', symptom: 'focus' },
};

/** The loose-stool chance, shown only to people who track stool form. */
export const STOOL_WORDS = { name: 'Loose stool', outcome: 'type 6 or 7' };

export const PROBABILITY_KEY = {
  bloating: 'bloating_probability',
  energy_low: 'energy_low_probability',
  brain_fog: 'brain_fog_probability',
} as const satisfies Record<TargetKey, string>;

/** "62 %", kept on one line (a no-break space, as the rest of the app writes percentages). */
export function percent(p: number): string {
  return `${Math.round(p * 100)}\u00a0%`;
}

/** Keeps "100 %" together in sentences that come from shared/model. */
export function keepPercents(text: string): string {
  return text.replace(/(\d) %/g, '$1\u00a0%');
}

export const TIER_WORDS: Record<Tier, string> = {
  cold_start: 'General food rules (not yet from your diary)',
  logistic: 'Simple personal model: the foods of the day and the day before, and the cycle phase',
  ordinal: 'Full personal model: foods and their timing, cycle, weekday and recent symptoms',
};

/** How well supported a chance is, in the words Insights uses for its findings. */
export function confidenceWords(strength: Strength, coldStart: boolean): string {
  return predictionStrengthSentence(strength, coldStart);
}

/**
 * How one chance compares with the person's usual rate (shared/model/usual.ts), honestly: an empty plan
 * is the usual day; without enough rated days there is no usual rate to compare with; low confidence and
 * a small difference read as "about as likely as on a usual day for you".
 */
export function chanceSentence(p: number, usual: UsualRate, strength: Strength, coldStart: boolean, key: TargetKey, usualDay = false): string {
  const name = TARGET_WORDS[key].name.toLowerCase();
  const notYet = `not enough days yet to know your usual rate (${usual.rated_days} of ${MIN_RATED_DAYS_FOR_USUAL} days with ${TARGET_WORDS[key].symptom} rated)`;
  const comparison = compareWithUsual(p, usual.rate, usualDay);
  if (comparison === 'usual_day') {
    return usual.rate === null
      ? `Your usual day: ${notYet}.`
      : `Your usual day: ${TARGET_WORDS[key].outcome} on ${percent(usual.rate)} of your rated days (${usual.happened_days} of ${usual.rated_days}).`;
  }
  if (comparison === 'no_usual') return coldStart && key !== 'bloating' ? `General food data says nothing about ${name}, and there are ${notYet}.` : `${notYet.charAt(0).toUpperCase()}${notYet.slice(1)}.`;
  const usualText = `usually ${percent(usual.rate!)}`;
  if (coldStart && key !== 'bloating') return `Your usual rate (${usualText.replace('usually ', '')}): general food data says nothing about ${name}.`;
  if (comparison === 'about_usual') return `About as likely as on a usual day for you (${usualText}).`;
  const way = comparison === 'more' ? 'More' : 'Less';
  if (strength === 'weak' || strength === 'none') return `${way} likely than usual (${usualText}), but the evidence is weak: ${coldStart ? 'general food data' : 'an early pattern'}, not yet confirmed by your diary.`;
  return `${way} likely than usual (${usualText}).`;
}

/** As chanceSentence, for the loose-stool chance (general food data says nothing about it). */
export function stoolChanceSentence(p: number, usual: number, strength: Strength, coldStart: boolean): string {
  const usualText = `usually ${percent(usual)}`;
  if (coldStart) return `Your usual rate (${percent(usual)}): general food data says nothing about loose stools.`;
  const diff = p - usual;
  if (Math.abs(diff) < USUAL_BAND) return `About as likely as on a usual day for you (${usualText}).`;
  const way = diff > 0 ? 'More' : 'Less';
  if (strength === 'weak' || strength === 'none') return `${way} likely than usual (${usualText}), but the evidence is weak: an early pattern, not yet confirmed by your diary.`;
  return `${way} likely than usual (${usualText}).`;
}

export function dateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 days ago", "today". */
export function ago(iso: string, now: Date = new Date()): string {
  const days = Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000);
  if (!Number.isFinite(days) || days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  return `${days} days ago`;
}
