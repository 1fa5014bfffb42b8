import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import * as z from 'zod/mini';
import { appDb } from '../../db/db';
import { setSetting } from '../../db/repo';

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

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

/** Reads a setting once (outside React). */
export async function readSetting<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
  const row = await appDb().settings.get(key);
  const parsed = SETTINGS[key].schema.safeParse(row?.value);
  return (parsed.success ? parsed.data : SETTINGS[key].fallback) as SettingValue<K>;
}

/** Live value of a setting; `undefined` while loading from IndexedDB. */
export function useSetting<K extends SettingKey>(key: K): SettingValue<K> | undefined {
  return useLiveQuery(async () => {
    const row = await appDb().settings.get(key);
    const parsed = SETTINGS[key].schema.safeParse(row?.value);
    return (parsed.success ? parsed.data : SETTINGS[key].fallback) as SettingValue<K>;
  }, [key]);
}

export function saveSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
  return setSetting(appDb(), key, SETTINGS[key].schema.parse(value));
}

/**
 * A setting for a form control: the new value shows at once (controlled inputs must not snap back
 * while IndexedDB catches up), and is saved in the background.
 */
export function useSettingState<K extends SettingKey>(key: K): [SettingValue<K> | undefined, (v: SettingValue<K>) => void] {
  const stored = useSetting(key);
  const [local, setLocal] = useState<{ v: SettingValue<K> } | null>(null);
  useEffect(() => setLocal(null), [stored]);
  const set = (v: SettingValue<K>) => {
    setLocal({ v });
    void saveSetting(key, v);
  };
  return [local ? local.v : stored, set];
}
