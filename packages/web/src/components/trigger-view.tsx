import type { Trigger } from '@flashback/protocol/types';
import { absoluteTime } from '../format/time-format.js';
import { readValue } from '../format/value-read.js';
import { BodyView } from './body-view.js';
import { HeadersTable } from './headers-table.js';
import { ValueView } from './value-view.js';

/** The inbound request or job that failed. */
export function TriggerView({ trigger }: { trigger: Trigger | null }) {
  if (!trigger) return <p className="muted">The error happened outside any request or job.</p>;
  if (trigger.kind === 'job') {
    return (
      <div className="detail-grid">
        <p className="http-line">
          <strong>job</strong> {trigger.name}{' '}
          <span className="muted">at {absoluteTime(trigger.startedAt)}</span>
        </p>
        {trigger.payload !== undefined && <ValueView node={readValue(trigger.payload)} />}
      </div>
    );
  }
  return (
    <div className="detail-grid">
      <p className="http-line">
        <strong>{trigger.method}</strong> <span className="url">{trigger.url}</span>
        {trigger.response && (
          <span className={trigger.response.status >= 400 ? 'http-status bad' : 'http-status'}>
            {trigger.response.status}
          </span>
        )}
        <span className="muted small">
          {' '}
          at {absoluteTime(trigger.startedAt)}
          {trigger.route && ` · route ${trigger.route}`}
          {trigger.remoteAddress && ` · from ${trigger.remoteAddress}`}
        </span>
      </p>
      <HeadersTable headers={trigger.headers} />
      {trigger.body && <BodyView body={trigger.body} />}
    </div>
  );
}
