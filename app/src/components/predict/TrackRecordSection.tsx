import { useId } from 'react';
import type { TargetOutcome } from '../../../../shared/model/track-record';
import { shortDate, plural } from '../../format';
import { Link } from '../../router';
import type { ComparedDay, TrackRecordView } from '../../state/model';
import { keepPercents, percent, STOOL_WORDS, TARGET_KEYS, TARGET_WORDS } from './wording';

/** Compared days shown; the record itself covers every one. */
const RECENT_DAYS = 7;

/** "How predictions compared with what happened": recent predicted days against their logs, and the record per target. */
export function TrackRecordSection({ view }: { view: TrackRecordView | undefined }) {
  const id = useId();
  return (
    <section className="card p-record" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>How predictions compared with what happened</h2>
      {view === undefined ? (
        <p className="muted">Loading…</p>
      ) : view.compared.length === 0 ? (
        <p className="muted">
          The predictions you look at here are kept. Once you log a day you predicted, this shows what was predicted next to what happened, and how often Aurea was right.
        </p>
      ) : (
        <>
          <Record view={view} />
          <h3>Recent predicted days</h3>
          <ul className="p-compared">
            {view.compared.slice(0, RECENT_DAYS).map((d) => (
              <ComparedItem key={d.date} day={d} />
            ))}
          </ul>
        </>
      )}
      {view && view.waiting.length > 0 && (
        <p className="small muted p-waiting">
          Waiting for your log:{' '}
          {view.waiting.map((w, i) => (
            <span key={w.date}>
              {i > 0 && ', '}
              <Link to={`/today?date=${w.date}`}>{shortDate(w.date)}</Link>
              {w.plans > 1 && ` (${w.plans} plans; the one closest to what you eat counts)`}
            </span>
          ))}
          .
        </p>
      )}
    </section>
  );
}

function Record({ view }: { view: TrackRecordView }) {
  const r = view.record;
  return (
    <div className="p-record-summary">
      <p>
        From {plural(r.days, 'predicted day')} you have logged since:
      </p>
      <ul className="plain-list">
        {TARGET_KEYS.map((k) => (
          <li key={k}>
            <strong>{TARGET_WORDS[k].name}.</strong> {keepPercents(r.targets[k].summary)}
          </li>
        ))}
        {r.stool_loose && (
          <li>
            <strong>{STOOL_WORDS.name}.</strong> {keepPercents(r.stool_loose.summary)}
          </li>
        )}
      </ul>
      {r.bloating_score_mean_abs_error !== null && (
        <p className="small muted">Expected bloating was off by {r.bloating_score_mean_abs_error.toFixed(1)} points on average (on the 0–5 scale).</p>
      )}
      <p className="small muted">“Right” means a chance of 50&nbsp;% or more came true, or one under 50&nbsp;% did not. A few days say little; the record firms up as you go.</p>
    </div>
  );
}

function outcomeText(o: TargetOutcome): string {
  if (o.happened === null) return 'not rated';
  return `${o.happened ? 'happened' : 'did not happen'}${o.right ? ' ✓' : ''}`;
}

function ComparedItem({ day }: { day: ComparedDay }) {
  const ate = day.log.ingredients.length;
  const planned = day.row.ingredients.length;
  const matched = day.row.ingredients.filter((i) => day.log.ingredients.includes(i)).length;
  return (
    <li className="p-day">
      <div className="p-day-head">
        <strong>{shortDate(day.date)}</strong>
        <span className="small muted">
          {matched === planned && ate === planned ? 'ate as planned' : `${matched} of ${planned} planned foods eaten${ate > matched ? `, ${ate - matched} other` : ''}`}
        </span>
      </div>
      <dl className="p-day-targets">
        {TARGET_KEYS.map((k) => {
          const o = day.outcome.targets[k];
          const rated = day.log.symptoms[TARGET_WORDS[k].symptom];
          return (
            <div key={k} className={o.happened === null ? 'unrated' : o.right ? 'right' : 'wrong'}>
              <dt>{TARGET_WORDS[k].name}</dt>
              <dd>
                {percent(o.probability)} → {outcomeText(o)}
                {typeof rated === 'number' && <span className="muted"> ({TARGET_WORDS[k].symptom} {rated})</span>}
              </dd>
            </div>
          );
        })}
        {day.outcome.stool_loose && (
          <div className={day.outcome.stool_loose.happened === null ? 'unrated' : day.outcome.stool_loose.right ? 'right' : 'wrong'}>
            <dt>{STOOL_WORDS.name}</dt>
            <dd>
              {percent(day.outcome.stool_loose.probability)} → {outcomeText(day.outcome.stool_loose)}
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}
