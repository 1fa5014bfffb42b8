/**
 * The numbers of one exposed-versus-unexposed comparison (Mann-Whitney U and point-biserial r), shared by
 * a single food's test and a food component's. Non-finite numbers are null.
 */
export interface ExposureComparison {
  symptom: string;
  n_present: number;
  n_absent: number;
  mean_present: number | null;
  mean_absent: number | null;
  /** Mann-Whitney U of the exposed days. */
  u_statistic: number | null;
  p_value: number | null;
  /** Bonferroni within the test's family: min(1, p · tests in the family). */
  p_adjusted: number | null;
  /** Point-biserial r of exposure against the symptom (> 0: higher with exposure). */
  correlation: number | null;
}
