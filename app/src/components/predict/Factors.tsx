import type { Contribution } from '../../../../shared/model/types';
import type { PredictionView } from '../../state/model';
import { STOOL_LOOSE } from '../../../../shared/stool/outcomes';
import { STOOL_WORDS, TARGET_KEYS, TARGET_WORDS } from './wording';
import { ExplainedFactorNote } from '../insights/ExplainedFindings';

/** Which foods (and cycle phase) push each chance up or down, in the model's own sentences. */
export function Factors({ view }: { view: PredictionView }) {
  const p = view.prediction;
  const groups = [
    ...TARGET_KEYS.map((k) => ({ key: k, name: TARGET_WORDS[k].name, symptom: TARGET_WORDS[k].symptom as string, list: p.contributions[k] })),
    { key: 'stool_loose', name: STOOL_WORDS.name, symptom: STOOL_LOOSE, list: p.stool_loose_contributions ?? [] },
  ].filter((g) => g.list.length > 0);
  const any = groups.length > 0;
  if (!any) {
    return (
      <p className="muted">
        {p.tier === 'cold_start'
          ? 'None of these foods stands out in general food data.'
          : 'Nothing in this plan moves the chances much: your diary shows no food here that clearly changes how you feel.'}
      </p>
    );
  }
  return (
    <div className="p-factors">
      <p className="small muted">Each line compares this plan with the same plan without that food (or phase).</p>
      {groups.map((g) => (
        <div key={g.key}>
          <h3>{g.name}</h3>
          <ul className="p-factor-list">
            {g.list.map((c) => (
              <FactorItem key={`${c.kind}:${c.name}`} c={c} symptom={g.symptom} />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function FactorItem({ c, symptom }: { c: Contribution; symptom: string }) {
  return (
    <li className={`p-factor ${c.direction}`}>
      <span className="p-arrow" aria-hidden="true">
        {c.direction === 'up' ? '▲' : '▼'}
      </span>
      <span>
        <span className="visually-hidden">{c.direction === 'up' ? 'Raises: ' : 'Lowers: '}</span>
        {c.text}
        {c.kind === 'ingredient' && c.direction === 'up' && <ExplainedFactorNote food={c.name} symptom={symptom} label={symptom} />}
      </span>
    </li>
  );
}
