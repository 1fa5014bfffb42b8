import { useLiveQuery } from 'dexie-react-hooks';
import * as z from 'zod/mini';
import { appDb } from '../../db/db';
import { setSetting } from '../../db/repo';

/** Every device setting with its schema and default; unknown or invalid stored values fall back. */
export const SETTINGS = {
  theme: { schema: z.enum(['system', 'light', 'dark']), fallback: 'system' as const },
  trackCycle: { schema: z.boolean(), fallback: false },
  onboarded: { schema: z.boolean(), fallback: false },
  persistAsked: { schema: z.boolean(), fallback: false },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

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
