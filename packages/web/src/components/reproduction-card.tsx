import type { TimelineEvent } from '@flashback/protocol/types';
import type { ReproductionRecord } from '../api/api-types.js';
import {
  type ErrorSummaryView,
  readBundle,
  readVerdict,
  type VerdictView,
} from '../format/reproduction-read.js';
import { absoluteTime, formatMs, relativeTime } from '../format/time-format.js';
import { BundleView } from './bundle-view.js';
import { ReproductionPill } from './status-pill.js';

/** One reproduction: verdict first, then timings, divergences, the app log and the bundle. */
export function ReproductionCard({
  reproduction,
  timeline,
}: {
  reproduction: ReproductionRecord;
  timeline: TimelineEvent[] | undefined;
}) {
  const verdict = readVerdict(reproduction.verdict);
  const bundle = readBundle(reproduction.bundle);
  return (
    <article className="repro" aria-label={`Reproduction ${reproduction.id}`}>
      <header className="repro-head">
        <ReproductionPill status={reproduction.status} />
        <span className="muted small" title={absoluteTime(reproduction.createdAt)}>
          queued {relativeTime(reproduction.createdAt)}
          {reproduction.finishedAt && `, finished ${relativeTime(reproduction.finishedAt)}`}
        </span>
      </header>
      {verdict?.summary && <p className="repro-summary">{verdict.summary}</p>}
      {reproduction.error && <p className="io-error">{reproduction.error}</p>}
      {verdict && <VerdictDetails verdict={verdict} />}
      {bundle && <BundleView bundle={bundle} timeline={timeline} />}
    </article>
  );
}

function VerdictDetails({ verdict }: { verdict: VerdictView }) {
  return (
    <>
      {verdict.setupError && <p className="io-error">{verdict.setupError}</p>}
      {(verdict.original || verdict.replayed) && (
        <dl className="kv compare">
          <ErrorLine label="Original" error={verdict.original} />
          <ErrorLine label="Replayed" error={verdict.replayed} />
          {verdict.original && verdict.replayed && (
            <div>
              <dt>Fingerprint</dt>
              <dd>{verdict.original.fingerprint === verdict.replayed.fingerprint ? 'same' : 'different'}</dd>
            </div>
          )}
          {verdict.response && (
            <div>
              <dt>Response</dt>
              <dd>HTTP {verdict.response.status}</dd>
            </div>
          )}
        </dl>
      )}
      {verdict.timings.length > 0 && (
        <ul className="timings" aria-label="Timings">
          {verdict.timings.map(([label, ms]) => (
            <li key={label}>
              <span className="muted small">{label}</span> {formatMs(ms)}
            </li>
          ))}
        </ul>
      )}
      <h4>Divergences</h4>
      {verdict.divergences.length === 0 ? (
        <p className="muted small">None: the replayed IO followed the recording.</p>
      ) : (
        <ul className="divergences">
          {verdict.divergences.map((divergence, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: divergences are listed in the order found.
            <li key={index}>
              <span className="tag">{divergence.kind ?? divergence.source}</span> {divergence.message}
              {(divergence.expected || divergence.actual) && (
                <span className="muted small">
                  {' '}
                  (expected {divergence.expected ?? 'nothing'}, got {divergence.actual ?? 'nothing'})
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {verdict.notes.length > 0 && (
        <>
          <h4>Notes</h4>
          <ul className="notes">
            {verdict.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      )}
      {verdict.appLog && (
        <details className="log">
          <summary>App log</summary>
          <pre>{verdict.appLog}</pre>
        </details>
      )}
    </>
  );
}

function ErrorLine({ label, error }: { label: string; error: ErrorSummaryView | undefined }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{error ? `${error.type}: ${error.message}` : 'no error'}</dd>
    </div>
  );
}
