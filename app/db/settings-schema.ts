import * as z from 'zod/mini';

/** Every device setting with its schema and default; unknown or invalid stored values fall back. */
export const SETTINGS = {
  theme: { schema: z.enum(['system', 'light', 'dark']), fallback: 'system' as const },
  trackCycle: { schema: z.boolean(), fallback: false },
  /** Bristol stool form on each day (off by default). */
  trackStool: { schema: z.boolean(), fallback: false },
  onboarded: { schema: z.boolean(), fallback: false },
  persistAsked: { schema: z.boolean(), fallback: false },
  /** Built-in symptoms the person chose not to track (hidden on the Today page; data is kept). */
  hiddenSymptoms: { schema: z.array(z.string()), fallback: [] as string[] },
  /** A demo diary is loaded (its logs carry `demo: true`). */
  demoActive: { schema: z.boolean(), fallback: false },
  reminder: { schema: z.object({ enabled: z.boolean(), time: z.string().check(z.regex(/^\d{2}:\d{2}$/)) }), fallback: { enabled: false, time: '20:30' } },
  /** Date of the last reminder (notification or in-app nudge): never nag twice a day. */
  reminderLastShown: { schema: z.string(), fallback: '' },
  /** Date of the last in-app re-challenge nudge. */
  challengeNudgeShown: { schema: z.string(), fallback: '' },
} as const;


/** Settings that are the person's choices (not this device's state): exported and imported with the diary. */
export const PORTABLE_SETTINGS = ['theme', 'trackCycle', 'trackStool', 'hiddenSymptoms', 'reminder', 'onboarded'] as const satisfies readonly (keyof typeof SETTINGS)[];
