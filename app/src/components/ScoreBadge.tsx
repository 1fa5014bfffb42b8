import type { ScoredIngredient } from '../../../shared/ingredients/types';

/** Overall score as a small badge: general guidance only, never a personal finding (the legend on Today says so). */
export function ScoreBadge({ scored, name }: { scored: ScoredIngredient | undefined; name: string }) {
  if (!scored) return null;
  const v = scored.scores.overall_score;
  const tone = v >= 70 ? 'good' : v >= 45 ? 'mid' : 'poor';
  return (
    <span className={`badge ${tone}`} title={`General score for ${name}: ${v} of 100, higher is gentler (not about you)`} aria-label={`general score ${v} of 100`}>
      {v}
    </span>
  );
}
