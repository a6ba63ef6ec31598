import type { TimelineEvent } from '@flashback/protocol/types';
import { causeKindLabel, readCause, reasonBesideSummary } from '../format/cause-read.js';
import { eventLabel, eventResult } from '../format/timeline-label.js';
import { TierBadge } from './tier-badge.js';

/**
 * What the triage concluded, first on the page: the tier and why, and for tier 2 the cause in one
 * line with its evidence events (a click scrolls to them in the waterfall).
 */
export function TriagePanel({
  tier,
  reason,
  cause,
  timeline,
  headline,
}: {
  tier: number;
  reason: string;
  cause: unknown;
  timeline: TimelineEvent[] | undefined;
  /** What to lead with when there is no cause, e.g. the latest reproduction verdict. */
  headline?: string | undefined;
}) {
  const explained = readCause(cause);
  const why = reasonBesideSummary(reason, explained?.summary);
  return (
    <section className={`triage triage-tier-${tier}`} aria-label="Triage">
      <div className="triage-top">
        <TierBadge tier={tier} />
        {explained && <span className="cause-kind">{causeKindLabel(explained.kind)}</span>}
        {explained?.confidence !== undefined && (
          <span className="muted small">confidence {Math.round(explained.confidence * 100)}%</span>
        )}
      </div>
      <p className="cause-summary">{explained?.summary ?? headline ?? why}</p>
      {(explained || headline) && why && <p className="tier-reason">{why}</p>}
      {explained && explained.evidence.length > 0 && (
        <div className="evidence-list">
          <span className="muted small">Evidence</span>
          {explained.evidence.map((seq) => {
            const event = timeline?.find((e) => e.seq === seq);
            return (
              <button key={seq} type="button" className="evidence-link" onClick={() => showEvent(seq)}>
                #{seq} {event ? `${shorten(eventLabel(event))} → ${eventResult(event)}` : 'timeline event'}
              </button>
            );
          })}
        </div>
      )}
      {explained && explained.evidence.length === 0 && (
        <p className="muted small">The evidence is the request itself.</p>
      )}
    </section>
  );
}

function showEvent(seq: number): void {
  const row = document.getElementById(`event-${seq}`);
  if (!row) return;
  row.querySelector('details')?.setAttribute('open', '');
  row.scrollIntoView({ behavior: 'smooth', block: 'center' });
}

function shorten(text: string): string {
  return text.length > 70 ? `${text.slice(0, 70)}…` : text;
}
