import { useEffect, useId, useState } from 'react';
import { useSettingState } from '../state/settings';
import { reminderSupport, setReminder, type ReminderSupport } from '../state/reminders';
import { toast } from '../state/toasts';

export function ReminderSettings() {
  const [reminder, setLocalReminder] = useSettingState('reminder');
  const [support, setSupport] = useState<ReminderSupport | null>(null);
  const id = useId();
  useEffect(() => {
    void reminderSupport().then(setSupport);
  }, []);
  if (!reminder) return null;

  const update = async (enabled: boolean, time: string) => {
    setLocalReminder({ enabled, time });
    setSupport(await setReminder(enabled, time));
  };
  const allow = async () => {
    const result = await Notification.requestPermission();
    if (result === 'granted') toast('Notifications allowed.');
    await update(reminder.enabled, reminder.time);
  };

  let how = 'Checking what this device supports…';
  if (support) {
    if (support.notifications === 'granted' && support.periodicSync) how = 'You will get one notification a day after this time if the day is not logged yet (installed app).';
    else if (support.notifications === 'denied') how = 'Notifications are blocked for Aurea in your browser settings, so you will see the reminder when you open Aurea instead.';
    else if (support.notifications === 'unsupported' || !support.periodicSync) how = 'This browser cannot wake the app for a notification, so the reminder appears when you open Aurea after this time — once a day at most.';
    else how = 'Allow notifications to be reminded even when Aurea is closed; otherwise the reminder appears when you open Aurea.';
  }

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Daily reminder</h2>
      <div className="row">
        <input id={`${id}-on`} type="checkbox" className="check" checked={reminder.enabled} onChange={(e) => void update(e.target.checked, reminder.time)} />
        <label htmlFor={`${id}-on`} style={{ margin: 0 }}>
          Remind me to log each day
        </label>
      </div>
      <div className="field" style={{ maxWidth: '12rem' }}>
        <label htmlFor={`${id}-time`}>At</label>
        <input id={`${id}-time`} type="time" value={reminder.time} onChange={(e) => e.target.value && void update(reminder.enabled, e.target.value)} />
      </div>
      <p className="hint">{how}</p>
      {reminder.enabled && support?.notifications === 'default' && (
        <button type="button" className="small" onClick={() => void allow()}>
          Allow notifications
        </button>
      )}
    </section>
  );
}
