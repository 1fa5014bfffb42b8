/** The shape of one component finding, apart from the engine so types.ts can name it without a cycle. */
import type { ComponentKey } from '../ingredients/component-keys';
import type { ExposureComparison } from './comparison';

export interface ComponentTest extends ExposureComparison {
  component: ComponentKey;
  lag_days: number;
  significant: boolean;
  /** The diary's foods that carry the component, most often eaten first. */
  foods: string[];
}
