/**
 * Thresholds shared by training and the retraining rules, in a module without TensorFlow.js, so the
 * page can apply shouldRetrain (lifecycle.ts) without loading tfjs on the main thread.
 */
export const MIN_LOGS_FOR_TRAINING = 14;
/**
 * A target's forecasts must score a Brier no more than 10 % worse than always predicting the person's
 * usual rate on the held-out days, or that target uses the usual rate instead (judged only with at
 * least MIN_DAYS_TO_MUTE held-out days; fewer say nothing).
 */
export const MAX_BRIER_RATIO = 1.1;
/** The training window in days (DESIGN §5): the model, and the person's usual rates, look at the last 90 days. */
export const DEFAULT_WINDOW_DAYS = 90;
