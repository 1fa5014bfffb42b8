import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from '../router';
import { dueReminder } from '../state/reminders';
import { challengeDay, dayInstruction, type ChallengePlan } from '../../../shared/challenge/plan';
import { localToday } from '../../../shared/util/dates';
import { appDb } from '../../db/db';
import { readSetting, saveSetting } from '../state/settings';

/** On a planned challenge day, once a day: what the plan asks for (the daily reminder may be off). */
async function dueChallengeNudge(): Promise<string | null> {
  const today = localToday();
  const active = await appDb().challenges.where('status').equals('active').first();
  if (!active) return null;
  const plan = active.plan as ChallengePlan;
  const day = challengeDay(plan, today);
  if (day.role !== 'challenge') return null;
  if ((await readSetting('challengeNudgeShown')) === today) return null;
  await saveSetting('challengeNudgeShown', today);
  // A food-group test names examples of the group's foods ("such as onion or garlic"), as the plan does.
  if (plan.component) return dayInstruction(plan, today);
  return `Challenge day ${day.index} of ${day.of}: have ${plan.ingredient} today, then log how you feel.`;
}

/** The in-app daily reminder: checked on open and whenever the app comes back into view. */
export function Nudges() {
  const [show, setShow] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);
  useEffect(() => {
    const check = () => {
      if (document.visibilityState !== 'visible') return;
      void dueReminder().then((due) => due && setShow(true));
      void dueChallengeNudge().then((text) => text && setChallenge(text));
    };
    check();
    document.addEventListener('visibilitychange', check);
    return () => document.removeEventListener('visibilitychange', check);
  }, []);
  // The re-challenge was stopped or removed (the demo it came from went): its nudge goes with it.
  const active = useLiveQuery(async () => (await appDb().challenges.where('status').equals('active').count()) > 0, []);
  return (
    <>
      {challenge && active !== false && (
        <div className="banner info no-print" role="status">
          <div className="row spread">
            <span>
              <strong>Re-challenge.</strong> {challenge}
            </span>
            <span className="row">
              <Link to="/challenge" className="button small" onClick={() => setChallenge(null)}>
                See the plan
              </Link>
              <button type="button" className="small" onClick={() => setChallenge(null)}>
                Dismiss
              </button>
            </span>
          </div>
        </div>
      )}
      {show && <DailyNudge onClose={() => setShow(false)} />}
    </>
  );
}

function DailyNudge({ onClose }: { onClose: () => void }) {
  return (
    <div className="banner info no-print" role="status">
      <div className="row spread">
        <span>
          <strong>Time to log today.</strong> It takes a few seconds.
        </span>
        <span className="row">
          <Link to="/today" className="button primary small" onClick={onClose}>
            Log now
          </Link>
          <button type="button" className="small" onClick={onClose}>
            Dismiss
          </button>
        </span>
      </div>
    </div>
  );
}
