// Worker message shapes, validated on arrival (DESIGN §2: every boundary, worker messages included).
import * as z from 'zod/mini';
import { cyclePhase, isoDate, symptomDefinition } from '../shared/schema';

export const diaryEntryMessage = z.object({
  date: isoDate,
  ingredients: z.array(z.string()),
  symptoms: z.record(z.string(), z.number()),
  cycle_phase: z.optional(z.nullable(cyclePhase)),
});

export const analyseRequest = z.object({
  logs: z.array(diaryEntryMessage),
  definitions: z.array(symptomDefinition),
  /** Hash of the cached result; when the diary still hashes to it, nothing is recomputed. */
  knownHash: z.optional(z.nullable(z.string())),
});
export type AnalyseRequest = z.infer<typeof analyseRequest>;

/** Throws a readable error when a message does not match its schema. */
export function parseMessage<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new Error(`Invalid ${what}: ${i.path.join('.') || '(message)'} ${i.message}`);
  }
  return r.data;
}
