import { localToday } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { readSetting, saveSetting } from './settings';

export const REMINDER_TAG = 'aurea-daily-reminder';

/** What the platform can do for reminders: real notifications for installed PWAs, else in-app nudges. */
export interface ReminderSupport {
  notifications: NotificationPermission | 'unsupported';
  periodicSync: boolean;
}

export async function reminderSupport(): Promise<ReminderSupport> {
  const notifications = 'Notification' in window ? Notification.permission : 'unsupported';
  let periodicSync = false;
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    periodicSync = !!reg && 'periodicSync' in reg;
  } catch {
    periodicSync = false;
  }
  return { notifications, periodicSync };
}

/**
 * Turns the daily reminder on or off. With notification permission and Periodic Background Sync
 * (installed PWAs in Chromium) the service worker notifies once a day; otherwise the app nudges on open.
 */
export async function setReminder(enabled: boolean, time: string): Promise<ReminderSupport> {
  await saveSetting('reminder', { enabled, time });
  const support = await reminderSupport();
  const reg = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const periodic = (reg as (ServiceWorkerRegistration & { periodicSync?: { register(tag: string, o: { minInterval: number }): Promise<void>; unregister(tag: string): Promise<void> } }) | undefined)?.periodicSync;
  if (!periodic) return support;
  try {
    if (enabled && support.notifications === 'granted') await periodic.register(REMINDER_TAG, { minInterval: 6 * 60 * 60 * 1000 });
    else await periodic.unregister(REMINDER_TAG);
  } catch {
    // Not installed or not allowed: the in-app nudge still works.
  }
  return support;
}

/**
 * The in-app nudge: true when a reminder is due now (enabled, past the chosen time, today not
 * logged, nothing shown today). Showing it records the day so it never nags twice.
 */
export async function dueReminder(now: Date = new Date()): Promise<boolean> {
  const reminder = await readSetting('reminder');
  if (!reminder.enabled) return false;
  const today = localToday(now);
  if ((await readSetting('reminderLastShown')) === today) return false;
  if (await appDb().logs.get(today)) return false;
  const [h, m] = reminder.time.split(':').map(Number);
  if (now.getHours() * 60 + now.getMinutes() < (h ?? 0) * 60 + (m ?? 0)) return false;
  await saveSetting('reminderLastShown', today);
  return true;
}
