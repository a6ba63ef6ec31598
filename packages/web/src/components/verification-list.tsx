import type { Verification, VerificationOutcome } from '../api/api-types.js';
import { absoluteTime, relativeTime } from '../format/time-format.js';

const OUTCOME_CLASSES: Record<VerificationOutcome, string> = {
  fixed: 'pill pill-reproduced',
  'still-failing': 'pill pill-failed',
  'different-error': 'pill pill-queued',
};

/** What `flashback verify` concluded each time, newest first: verdict, why, the code it ran, when. */
export function VerificationList({ verifications }: { verifications: Verification[] }) {
  if (verifications.length === 0) {
    return (
      <p className="muted">
        No verification yet: run <code>flashback verify</code> against the fixed code.
      </p>
    );
  }
  return (
    <ol className="verifications" aria-label="Verifications">
      {verifications.map((verification) => (
        <li key={verification.id}>
          <span className={OUTCOME_CLASSES[verification.outcome] ?? 'pill'}>{verification.outcome}</span>
          <span className="verification-summary">{verification.summary}</span>
          <span className="muted small">
            {verification.appRevision && (
              <>
                app at <code>{verification.appRevision}</code> ·{' '}
              </>
            )}
            <span title={absoluteTime(verification.createdAt)}>{relativeTime(verification.createdAt)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
