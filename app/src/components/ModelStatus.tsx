import { useId } from 'react';
import { MIN_LOGS_FOR_TRAINING } from '../../../shared/model/thresholds';
import type { TargetMetrics } from '../../../shared/model/types';
import { modelQualitySentence } from '../../../shared/model/quality-words';
import { plural, shortDate } from '../format';
import { retrainModel, useModelStatus, type ModelRowView } from '../state/model';
import { ago, dateTime, percent, TARGET_KEYS, TARGET_WORDS, TIER_WORDS } from './predict/wording';

/**
 * Settings → Model status: which personal model is in use, how it scored on days it had not seen,
 * what the last retraining decided and why, and "Retrain now".
 */
export function ModelStatus() {
  const status = useModelStatus();
  const id = useId();
  const training = status?.job.training ?? false;
  return (
    <section className="card model-status" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Model status</h2>
      {!status ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {status.active ? <ActiveModel row={status.active} backendNow={status.job.backend?.label ?? null} /> : <NoModel logCount={status.logCount} />}
          {status.latest && status.latest.version !== status.active?.version && <LastDecision row={status.latest} hasActive={status.active !== null} />}
          {status.active && status.latest?.version === status.active.version && (
            <p className="small ms-decision">
              <strong>Last retraining</strong> ({dateTime(status.active.trained_at)}): {status.active.reason}.
            </p>
          )}
          {training && (
            <p role="status" className="ms-busy">
              Training a new model on this device…
            </p>
          )}
          {!training && status.job.notice && <p role="status">{status.job.notice}</p>}
          {status.job.error && (
            <p className="banner error" role="alert">
              Training failed: {status.job.error}. The model in use (if any) is unchanged.
            </p>
          )}
          <div className="row">
            <button type="button" onClick={() => void retrainModel(undefined, { force: true })} disabled={training}>
              {training ? 'Training…' : 'Retrain now'}
            </button>
          </div>
          <p className="hint">Aurea retrains by itself when you have logged 7 more days, added a fifth more data, or a week has passed; a new model is used only if it predicts your held-out days at least as well.</p>
        </>
      )}
    </section>
  );
}

function NoModel({ logCount }: { logCount: number }) {
  const needed = Math.max(0, MIN_LOGS_FOR_TRAINING - logCount);
  return (
    <p>
      No personal model yet: predictions use general food data.{' '}
      {needed > 0
        ? `A personal model is trained on this device once you have logged ${MIN_LOGS_FOR_TRAINING} days (${plural(needed, 'more day')} to go).`
        : 'You have logged enough days; training starts in the background.'}
    </p>
  );
}

function ActiveModel({ row, backendNow }: { row: ModelRowView; backendNow: string | null }) {
  const backend = row.backend ? row.backend.label : backendNow;
  return (
    <>
      <dl className="ms-facts">
        <div>
          <dt>In use</dt>
          <dd>
            Model v{row.version}: {TIER_WORDS[row.tier]}
          </dd>
        </div>
        <div>
          <dt>Trained</dt>
          <dd>
            {dateTime(row.trained_at)} ({ago(row.trained_at)})
          </dd>
        </div>
        <div>
          <dt>Trained on</dt>
          <dd>
            {plural(row.training_samples, 'logged day')}
            {row.window && row.window.from !== row.window.to && ` (${shortDate(row.window.from)} to ${shortDate(row.window.to)}${row.window.days ? `, the last ${row.window.days} days of your diary` : ''})`}
          </dd>
        </div>
        <div>
          <dt>Runs on</dt>
          <dd>
            {backend ?? 'not started yet'}
            {row.backend?.fallback_reason && <span className="muted small"> ({row.backend.fallback_reason})</span>}
          </dd>
        </div>
      </dl>
      <Scores row={row} />
    </>
  );
}

function fmt(n: number | null, digits = 2): string {
  return n === null || !Number.isFinite(n) ? '–' : n.toFixed(digits);
}

function Scores({ row }: { row: ModelRowView }) {
  const id = useId();
  const metrics = row.metrics as Partial<Record<(typeof TARGET_KEYS)[number], TargetMetrics>>;
  const held = TARGET_KEYS.map((k) => metrics[k]?.n_validation ?? 0).reduce((a, b) => Math.max(a, b), 0);
  const anyMuted = TARGET_KEYS.some((k) => metrics[k]?.muted);
  return (
    <div className="ms-scores">
      <h3 id={`${id}-h`}>How it did on {plural(held, 'day')} it had not seen</h3>
      <ul className="ms-quality">
        {TARGET_KEYS.map((k) => (
          <li key={k}>
            <strong>{TARGET_WORDS[k].name}:</strong> {modelQualitySentence(k, metrics[k])}
          </li>
        ))}
      </ul>
      <details className="ms-numbers small">
        <summary>Show the numbers</summary>
        <p className="small muted">
          Your latest days, kept aside while it learned. AUC: how well it tells worse days from better ones (0.5 is a coin toss, 1 is perfect). Brier: the error of its percentages, lower is better; in brackets, always guessing your usual rate. Right: how often “50&nbsp;% or more” matched what happened.
        </p>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Validation scores">
          <table className="data ms-table" aria-labelledby={`${id}-h`}>
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">AUC</th>
                <th scope="col">Brier</th>
                <th scope="col">Right</th>
              </tr>
            </thead>
            <tbody>
              {TARGET_KEYS.map((k) => {
                const m = metrics[k];
                return (
                  <tr key={k}>
                    <th scope="row">
                      {TARGET_WORDS[k].name}
                      <span className="ms-sub muted">{!m ? '' : m.muted ? 'uses your usual rate*' : `${row.confidence?.[k] ?? 'low'} confidence`}</span>
                    </th>
                    {m ? (
                      <>
                        <td>{fmt(m.auc)}</td>
                        <td>
                          {fmt(m.brier, 3)}
                          <span className="ms-sub muted">({fmt(m.climatology_brier, 3)})</span>
                        </td>
                        <td>{percent(m.accuracy)}</td>
                      </>
                    ) : (
                      <td colSpan={3} className="muted">
                        too few rated days
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </details>
      {anyMuted && <p className="small muted">* Its forecasts did no better than your usual rate on these days, so Predict shows your usual rate for it.</p>}
    </div>
  );
}

function LastDecision({ row, hasActive }: { row: ModelRowView; hasActive: boolean }) {
  return (
    <p className="small ms-decision">
      <strong>Last retraining</strong> ({dateTime(row.trained_at)}, model v{row.version}, {plural(row.training_samples, 'day')}):{' '}
      {row.reason.startsWith('kept') || row.reason.startsWith('retired') || row.reason.startsWith('not used') ? row.reason : `not used: ${row.reason}`}.
      {!hasActive && ' Predictions use general food data until a personal model passes.'}
    </p>
  );
}
