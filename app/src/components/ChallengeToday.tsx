import { dayInstruction } from '../../../shared/challenge/plan';
import { Link } from '../router';
import { useActiveChallenge } from '../state/challenges';

/** On the Today page during a re-challenge: what the plan asks for on this date. */
export function ChallengeToday({ date }: { date: string }) {
  const active = useActiveChallenge();
  if (!active) return null;
  const text = dayInstruction(active.plan, date);
  if (!text) return null;
  return (
    <p className="banner info" role="note">
      <strong>Re-challenge:</strong> {text} <Link to="/challenge">See the plan</Link>
    </p>
  );
}
