import * as z from 'zod/mini';

/** A model's tier (DESIGN §5), as stored with it and sent to the model worker. */
export const modelTier = z.enum(['cold_start', 'logistic', 'ordinal']);

/** One target's validation scores, as stored with a model and sent to the model worker. */
export const targetMetrics = z.object({
  n_train: z.number(),
  n_validation: z.number(),
  positives: z.number(),
  auc: z.nullable(z.number()),
  auc_se: z.nullable(z.number()),
  brier: z.number(),
  climatology_brier: z.number(),
  brier_skill: z.number(),
  accuracy: z.number(),
  muted: z.boolean(),
});
