import type { DbEvent, HttpEvent, IoError, RedisEvent, TimelineEvent } from '@flashback/protocol/types';
import { formatMs } from '../format/time-format.js';
import { readValue } from '../format/value-read.js';
import { BodyView } from './body-view.js';
import { HeadersTable } from './headers-table.js';
import { RowsTable } from './rows-table.js';
import { ValueView } from './value-view.js';

/** Everything recorded about one timeline event. */
export function EventDetail({ event }: { event: TimelineEvent }) {
  return (
    <>
      {event.error && <IoErrorLine error={event.error} />}
      {event.type === 'db' && <DbDetail event={event} />}
      {event.type === 'http' && <HttpDetail event={event} />}
      {event.type === 'redis' && <RedisDetail event={event} />}
      {(event.type === 'clock' || event.type === 'random') && (
        <p>
          <code>{event.source}</code> returned <ValueView node={readValue(event.value)} />
        </p>
      )}
    </>
  );
}

function IoErrorLine({ error }: { error: IoError }) {
  return (
    <p className="io-error" role="note">
      {error.code && <span className="error-code">{error.code}</span>}
      <span>
        {error.name ? `${error.name}: ` : ''}
        {error.message}
      </span>
      {error.syscall && <span className="muted"> (syscall {error.syscall})</span>}
    </p>
  );
}

function DbDetail({ event }: { event: DbEvent }) {
  const params = Array.isArray(event.params)
    ? event.params.map((v, i) => [`$${i + 1}`, v] as const)
    : Object.entries(event.params);
  return (
    <div className="detail-grid">
      <pre className="sql">{event.statement}</pre>
      <p className="muted small">
        {event.system} · {event.database}
        {event.operation && ` · ${event.operation}()`}
      </p>
      {params.length > 0 && (
        <dl className="kv params" aria-label="Parameters">
          {params.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <ValueView node={readValue(value)} />
              </dd>
            </div>
          ))}
        </dl>
      )}
      {event.rows && event.rows.length > 0 && (
        <RowsTable
          caption={`Rows returned (${event.truncated ? `${event.rows.length} of ${event.truncated.rows}` : event.rows.length})`}
          columns={(event.fields ?? []).map((field) => field.name)}
          rows={event.rows}
        />
      )}
      {event.rows?.length === 0 && <p className="empty-result">The query returned no rows.</p>}
      {event.changes !== undefined && (
        <p className="muted">
          {event.changes} row{event.changes === 1 ? '' : 's'} changed
        </p>
      )}
    </div>
  );
}

function HttpDetail({ event }: { event: HttpEvent }) {
  return (
    <div className="detail-grid">
      <p className="http-line">
        <strong>{event.method}</strong> <span className="url">{event.url}</span>
        {event.status !== undefined && (
          <span className={event.status >= 400 ? 'http-status bad' : 'http-status'}>
            {event.status} {event.statusText ?? ''}
          </span>
        )}
        {event.durationMs !== null && <span className="muted"> in {formatMs(event.durationMs)}</span>}
      </p>
      {event.aws && (
        <p className="muted small">
          S3 {event.aws.operation} · bucket {event.aws.bucket ?? '—'} · key {event.aws.key ?? '—'}
          {event.aws.region && ` · ${event.aws.region}`}
        </p>
      )}
      <div className="exchange">
        <div>
          <h4>Request</h4>
          <HeadersTable headers={event.requestHeaders} />
          {event.requestBody && <BodyView body={event.requestBody} />}
        </div>
        <div>
          <h4>Response</h4>
          {event.responseHeaders ? (
            <HeadersTable headers={event.responseHeaders} />
          ) : (
            <p className="muted">No response.</p>
          )}
          {event.responseBody && <BodyView body={event.responseBody} />}
        </div>
      </div>
    </div>
  );
}

function RedisDetail({ event }: { event: RedisEvent }) {
  return (
    <div className="detail-grid">
      <pre className="redis-command">
        {event.command}{' '}
        {event.args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}
      </pre>
      <p className="muted small">
        {event.client}
        {event.server && ` · ${event.server}`}
      </p>
      {event.reply !== undefined && (
        <dl className="kv">
          <div>
            <dt>Reply</dt>
            <dd>
              <ValueView node={readValue(event.reply)} />
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}
