/**
 * How well a person's model did on days it had not seen, in words a patient reads: AUC as "it put
 * bloating days above calm days 76 times in 100", with Brier and AUC themselves behind a details
 * control. One function, so Settings, Predict and the report say the same thing.
 */
import type { TargetKey } from './targets';
import type { TargetMetrics } from './types';

const DAY_WORDS: Record<TargetKey, { bad: string; good: string }> = {
  bloating: { bad: 'bloating days', good: 'calm days' },
  energy_low: { bad: 'low-energy days', good: 'better days' },
  brain_fog: { bad: 'foggy days', good: 'clear days' },
};

export function modelQualitySentence(target: TargetKey, m: TargetMetrics | undefined): string {
  const words = DAY_WORDS[target];
  if (!m) return `Too few rated days to check it on ${words.bad} yet.`;
  const days = `${m.n_validation} ${m.n_validation === 1 ? 'day' : 'days'}`;
  if (m.auc === null || !Number.isFinite(m.auc)) return `On ${days} it had not seen there were not both ${words.bad} and ${words.good}, so it could not be checked yet.`;
  const times = Math.round(m.auc * 100);
  const base = `On ${days} it had not seen, it put ${words.bad} above ${words.good} ${times} times in 100`;
  if (m.muted) return `${base}: no better than your usual rate, so Predict shows your usual rate instead.`;
  if (times >= 70) return `${base}: clearly better than guessing (50 in 100).`;
  if (times > 55) return `${base}: somewhat better than guessing (50 in 100).`;
  return `${base}: about as good as guessing (50 in 100).`;
}
