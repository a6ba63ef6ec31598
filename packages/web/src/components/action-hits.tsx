import type { StoredTracingHit, TracingActionView } from '../api/api-types.js';
import { useActionHits } from '../api/use-action-hits.js';
import { absoluteTime, formatMs } from '../format/time-format.js';
import { FrameList } from './frame-list.js';
import { ActionStatePill } from './tracing-action-list.js';

/** The hits of one action as they arrive, newest first: log lines, snapshots with their frames, status changes. */
export function ActionHits({
  project,
  action,
  onHits,
}: {
  project: string;
  action: TracingActionView;
  onHits(): void;
}) {
  const { hits, problem } = useActionHits(project, action.id, onHits);
  return (
    <div className="action-hits">
      <p className="hits-state muted small" aria-live="polite">
        {problem ? (
          <span className="load-error">Could not read the hits: {problem}. Trying again…</span>
        ) : (
          <>
            <span className="live-dot" aria-hidden="true" /> Listening for hits · newest first
          </>
        )}
      </p>
      {hits.length === 0 ? (
        <p className="muted">
          No hits yet. {action.kind === 'log' ? 'Lines' : 'Snapshots'} appear here as soon as the service runs{' '}
          <code>
            {action.location.file}:{action.location.line}
          </code>
          {action.condition ? ' with the condition true' : ''}.
        </p>
      ) : (
        <ol className="hits" aria-label="Hits">
          {[...hits].reverse().map((hit) => (
            <HitItem key={hit.seq} hit={hit} />
          ))}
        </ol>
      )}
    </div>
  );
}

function HitItem({ hit }: { hit: StoredTracingHit }) {
  const when = (
    <span className="hit-when muted small" title={absoluteTime(hit.at)}>
      {new Date(hit.at).toLocaleTimeString()} · {hit.instance}
    </span>
  );
  if (hit.kind === 'log') {
    return (
      <li className="hit hit-log">
        {when}
        <code className="hit-message">{hit.message}</code>
      </li>
    );
  }
  if (hit.kind === 'status') {
    return (
      <li className={`hit hit-status${hit.state === 'error' ? ' is-error' : ''}`}>
        {when}
        <span>
          <ActionStatePill state={hit.state} /> {hit.reason}
        </span>
      </li>
    );
  }
  return (
    <li className="hit hit-snapshot">
      {when}
      <div className="hit-snapshot-body">
        <p className="muted small">
          Snapshot of {hit.frames.length} frame{hit.frames.length === 1 ? '' : 's'}; the service paused{' '}
          {formatMs(hit.pauseMs)}
        </p>
        <FrameList frames={hit.frames.map((frame) => ({ ...frame, module: frame.file }))} />
      </div>
    </li>
  );
}
