import type { TimelineEvent } from '@flashback/protocol/types';

/** One line naming an event: the SQL statement, `POST https://…/v1/charges`, `GET cart:42`. */
export function eventLabel(event: TimelineEvent): string {
  switch (event.type) {
    case 'db':
      return event.statement.replace(/\s+/g, ' ').trim();
    case 'http':
      return event.aws
        ? `S3 ${event.aws.operation} ${[event.aws.bucket, event.aws.key].filter(Boolean).join('/')}`
        : `${event.method} ${event.url}`;
    case 'redis':
      return `${event.command} ${event.args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`;
    case 'clock':
      return `${event.source} → ${new Date(event.value).toISOString()}`;
    case 'random':
      return `${event.source} → ${JSON.stringify(event.value)}`;
  }
}

/** The short result of an event: `400`, `1 row`, `timeout`, `ECONNREFUSED`. */
export function eventResult(event: TimelineEvent): string {
  if (event.outcome === 'timeout') return 'timeout';
  if (event.outcome === 'pending') return 'pending';
  if (event.type === 'http' && event.status !== undefined) return String(event.status);
  if (event.error) return event.error.code ?? event.error.name ?? 'error';
  if (event.type === 'db') {
    const count = event.rows?.length ?? event.rowCount ?? event.changes;
    if (event.changes !== undefined && !event.rows?.length) return `${event.changes} changed`;
    if (typeof count === 'number') return `${count} row${count === 1 ? '' : 's'}`;
  }
  return event.outcome;
}

/** Whether the event is where something went wrong: an error, a timeout, or an HTTP 4xx/5xx. */
export function eventFailed(event: TimelineEvent): boolean {
  if (event.outcome === 'error' || event.outcome === 'timeout') return true;
  return event.type === 'http' && event.status !== undefined && event.status >= 400;
}
