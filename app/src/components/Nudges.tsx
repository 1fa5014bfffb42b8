import { useEffect, useState } from 'react';
import { Link } from '../router';
import { dueReminder } from '../state/reminders';

/** The in-app daily reminder: checked on open and whenever the app comes back into view. */
export function Nudges() {
  const [show, setShow] = useState(false);
  useEffect(() => {
    const check = () => {
      if (document.visibilityState === 'visible') void dueReminder().then((due) => due && setShow(true));
    };
    check();
    document.addEventListener('visibilitychange', check);
    return () => document.removeEventListener('visibilitychange', check);
  }, []);
  if (!show) return null;
  return (
    <div className="banner info no-print" role="status">
      <div className="row spread">
        <span>
          <strong>Time to log today.</strong> It takes a few seconds.
        </span>
        <span className="row">
          <Link to="/today" className="button primary small" onClick={() => setShow(false)}>
            Log now
          </Link>
          <button type="button" className="small" onClick={() => setShow(false)}>
            Dismiss
          </button>
        </span>
      </div>
    </div>
  );
}
