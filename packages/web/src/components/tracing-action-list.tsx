import type { TracingActionStatus, TracingActionView } from '../api/api-types.js';
import { absoluteTime, timeUntil } from '../format/time-format.js';
import { tracingHref } from '../routing/routes.js';

/** Where an action stands, as a coloured pill: pending, applied, disabled, error, removed. */
export function ActionStatePill({ state }: { state: TracingActionStatus }) {
  return <span className={`pill action-${state}`}>{state}</span>;
}

/**
 * The project's actions, newest first: where each is placed, where it stands and why (an `error`
 * shows the SDK's reason prominently), its hits, and a way to remove it or follow its hits.
 */
export function TracingActionList({
  project,
  actions,
  selected,
  onRemove,
  removing,
}: {
  project: string;
  actions: TracingActionView[];
  selected: string | undefined;
  onRemove(action: TracingActionView): void;
  removing: string | undefined;
}) {
  if (actions.length === 0) {
    return (
      <p className="muted">
        No actions yet. Place one above; a service running the SDK picks it up within a second or so.
      </p>
    );
  }
  return (
    <ol className="tracing-actions" aria-label="Tracing actions">
      {actions.map((action) => (
        <li
          key={action.id}
          className={action.id === selected ? 'tracing-action selected' : 'tracing-action'}
          aria-current={action.id === selected ? 'true' : undefined}
        >
          <div className="action-head">
            <span className="tag">{action.kind}</span>
            <a className="action-location" href={tracingHref(project, action.id)}>
              {action.location.file}:{action.location.line}
            </a>
            <span className="muted small">{action.service}</span>
            {action.live && (
              <button
                type="button"
                className="secondary-button"
                disabled={removing === action.id}
                aria-label={`Remove the ${action.kind} at ${action.location.file}:${action.location.line}`}
                onClick={() => onRemove(action)}
              >
                Remove
              </button>
            )}
          </div>
          <p className="action-facts">
            <ActionStatePill state={action.status.state} />
            <span className="hit-count">
              {action.hitCount} / {action.maxHits} hit{action.maxHits === 1 ? '' : 's'}
            </span>
            {action.live && (
              <span className="muted small" title={absoluteTime(action.expiresAt)}>
                expires {timeUntil(action.expiresAt)}
              </span>
            )}
          </p>
          {(action.condition || action.template) && (
            <p className="action-code">
              {action.condition && (
                <>
                  <span className="muted">if</span> <code>{action.condition}</code>
                </>
              )}
              {action.template && (
                <>
                  {' '}
                  <span className="muted">log</span> <code>{action.template}</code>
                </>
              )}
            </p>
          )}
          {action.status.state === 'error' ? (
            <p className="action-error-reason">
              {action.status.reason}
              {action.status.instance && <span className="muted small"> ({action.status.instance})</span>}
            </p>
          ) : (
            <p className="action-reason muted small">
              {action.status.reason}
              {action.status.instance && ` · ${action.status.instance}`}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
