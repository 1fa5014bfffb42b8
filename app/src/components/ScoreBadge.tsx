import type { ScoredIngredient } from '../../../shared/ingredients/types';

/** Overall score as a small badge: general guidance only, never a personal finding. */
export function ScoreBadge({ scored, name }: { scored: ScoredIngredient | undefined; name: string }) {
  if (!scored) return null;
  const v = scored.scores.overall_score;
  const tone = v >= 70 ? 'good' : v >= 45 ? 'mid' : 'poor';
  return (
    <span className={`badge ${tone}`} title={`Generally flagged overall score for ${name}: ${v} of 100`} aria-label={`general score ${v} of 100`}>
      {v}
    </span>
  );
}
