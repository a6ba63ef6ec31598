import type { TimelineEvent } from '@flashback/protocol/types';
import { formatMs } from '../format/time-format.js';
import { eventFailed, eventLabel, eventResult } from '../format/timeline-label.js';
import { EventDetail } from './event-detail.js';

/**
 * The IO timeline as a waterfall: one row per event, its bar placed by start offset and sized by
 * duration. Rows named as evidence by the triage are marked and open; any row opens on a click.
 */
export function TimelineWaterfall({
  timeline,
  evidence = [],
  dropped = 0,
}: {
  timeline: TimelineEvent[];
  evidence?: number[];
  dropped?: number;
}) {
  if (timeline.length === 0) return <p className="muted">No IO was recorded before the error.</p>;
  const events = [...timeline].sort((a, b) => a.seq - b.seq);
  const span = Math.max(1, ...events.map((event) => event.startOffsetMs + (event.durationMs ?? 0)));
  const marked = new Set(evidence);
  return (
    <div className="waterfall">
      <div className="waterfall-axis" aria-hidden="true">
        <span />
        <span className="axis-ticks">
          <span>0</span>
          <span>{formatMs(span / 2)}</span>
          <span>{formatMs(span)}</span>
        </span>
        <span />
      </div>
      <ol className="waterfall-rows" aria-label="IO timeline">
        {events.map((event) => (
          <WaterfallRow key={event.seq} event={event} span={span} isEvidence={marked.has(event.seq)} />
        ))}
      </ol>
      {dropped > 0 && <p className="muted">{dropped} more events were left out to stay within size caps.</p>}
    </div>
  );
}

function WaterfallRow({
  event,
  span,
  isEvidence,
}: {
  event: TimelineEvent;
  span: number;
  isEvidence: boolean;
}) {
  const left = (event.startOffsetMs / span) * 100;
  const width = event.durationMs === null ? 100 - left : (event.durationMs / span) * 100;
  const failed = eventFailed(event);
  const classes = ['event', `event-${event.type}`, isEvidence ? 'is-evidence' : '', failed ? 'is-failed' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} id={`event-${event.seq}`}>
      <details open={isEvidence}>
        <summary>
          <span className="event-seq">#{event.seq}</span>
          <span className="event-type">{typeName(event)}</span>
          <span className="event-label" title={eventLabel(event)}>
            {eventLabel(event)}
          </span>
          <span className="event-flags">
            {isEvidence && <span className="evidence-tag">evidence</span>}
            <span className={failed ? 'event-result failed' : 'event-result'}>{eventResult(event)}</span>
          </span>
          <span className="event-track" aria-hidden="true">
            <span
              className={`event-bar${event.durationMs === null ? ' pending' : ''}`}
              style={{ left: `${left}%`, width: `max(3px, ${width}%)` }}
            />
          </span>
          <span className="event-duration">
            {event.durationMs === null ? '—' : formatMs(event.durationMs)}
          </span>
        </summary>
        <div className="event-body">
          <p className="event-when muted">
            started at +{formatMs(event.startOffsetMs)}
            {event.durationMs !== null && `, took ${formatMs(event.durationMs)}`}, outcome {event.outcome}
          </p>
          <EventDetail event={event} />
        </div>
      </details>
    </li>
  );
}

function typeName(event: TimelineEvent): string {
  if (event.type === 'http' && event.aws) return 's3';
  if (event.type === 'db') return event.system === 'postgresql' ? 'pg' : 'sqlite';
  return event.type;
}
