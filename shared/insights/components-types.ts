/** The shape of one component finding, apart from the engine so types.ts can name it without a cycle. */
import type { ComponentKey } from '../ingredients/components';

export interface ComponentTest {
  component: ComponentKey;
  symptom: string;
  lag_days: number;
  n_present: number;
  n_absent: number;
  mean_present: number | null;
  mean_absent: number | null;
  u_statistic: number | null;
  p_value: number | null;
  /** Bonferroni over every component test of the diary: min(1, p · tests). */
  p_adjusted: number | null;
  /** Point-biserial r of exposure against the symptom on the later day (> 0: higher after exposure). */
  correlation: number | null;
  significant: boolean;
  /** The diary's foods that carry the component, most often eaten first. */
  foods: string[];
}
