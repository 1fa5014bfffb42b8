import type { InsightItem } from '../../../../shared/insights/describe';
import { findingAnchor } from '../../../../shared/insights/voice';
import { StrengthBadge } from '../StrengthBadge';
import { Link } from '../../router';

/** Findings from Insights about the planned foods: the kinds that compare days with and without a food. */
export function planFindings(items: readonly InsightItem[] | undefined, planned: readonly string[]): InsightItem[] {
  if (!items || planned.length === 0) return [];
  const set = new Set(planned);
  return items.filter((i) => (i.kind === 'trigger' || i.kind === 'delayed' || i.kind === 'protective') && i.strength !== 'none' && i.ingredient !== undefined && set.has(i.ingredient));
}

/**
 * What Insights already found about the foods in the plan, worded exactly as on Insights (same
 * headline, same strength), each linking to the finding itself.
 */
export function PlanFindings({ findings }: { findings: readonly InsightItem[] }) {
  if (findings.length === 0) return null;
  return (
    <div className="p-findings">
      <h3>In your insights</h3>
      <ul>
        {findings.map((f) => (
          <li key={f.id} className={`p-finding ${f.direction === 'worse' ? 'worse' : 'better'}`}>
            <span className="p-finding-text">
              {f.headline} <StrengthBadge strength={f.strength} />
            </span>{' '}
            <Link to={`/insights#${findingAnchor(f.id)}`} className="small">
              See the finding<span className="visually-hidden">: {f.headline}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
