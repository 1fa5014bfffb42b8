/**
 * Statistics for the insight engine, each agreeing with the named scipy function to 1e-6.
 * Means, variances, covariance and Pearson's r come from simple-statistics; the rest is hand-written
 * where the library has no equivalent or gives other numbers (each file says why).
 */
export { mean, variance, sumOfSquares, isConstant, type Numbers } from './descriptive';
export { normalLowerTail, normalUpperTail, studentTUpperTail, studentTTwoSided, fUpperTail, pearsonTwoSided } from './distributions';
export { midranks, type Ranking } from './ranks';
export { mannWhitneyU, mannWhitneyFromRankSum, type MannWhitneyResult } from './mann-whitney';
export { pearson, pointBiserial, type PearsonResult } from './correlation';
export { oneWayAnova, type AnovaResult } from './anova';
export { welchTTest, type WelchResult } from './welch';
export { linearTrend, type LinearTrendResult } from './linear-trend';
