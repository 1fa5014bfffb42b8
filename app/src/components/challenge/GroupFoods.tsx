import type { ComponentPlan } from '../../../../shared/challenge/plan';
import { componentName } from '../../../../shared/challenge/component';

/** How many foods of each list show before "and N more" (the rest one tap away). */
const SHOWN = 10;

function FoodList({ foods, label }: { foods: readonly string[]; label: string }) {
  if (foods.length === 0) return null;
  const first = foods.slice(0, SHOWN);
  const rest = foods.slice(SHOWN);
  return (
    <div className="small group-foods">
      <strong>{label}</strong> {first.join(', ')}
      {rest.length > 0 ? (
        <details>
          <summary>and {rest.length} more</summary>
          {rest.join(', ')}
        </details>
      ) : (
        '.'
      )}
    </div>
  );
}

/** A food-group test's foods: the high ones to leave out, the moderate ones to go easy on. */
export function GroupFoods({ plan }: { plan: ComponentPlan }) {
  const name = componentName(plan.key);
  return (
    <div aria-label={`Foods in this ${name} test`} role="group">
      <FoodList foods={plan.avoid} label={`Leave out (high in ${name}):`} />
      <FoodList foods={plan.goEasy} label="Go easy on (a small serving is fine):" />
      <p className="small muted">Dishes and products count through what they are made of. Foods you eat are listed first.</p>
    </div>
  );
}
