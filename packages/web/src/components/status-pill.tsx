import type { ReproductionStatus } from '../api/api-types.js';

const LABELS: Record<ReproductionStatus, string> = {
  queued: 'queued',
  running: 'running',
  reproduced: 'reproduced',
  not_reproduced: 'not reproduced',
  failed: 'failed',
};

/** A reproduction's status, as a small coloured pill. */
export function ReproductionPill({ status }: { status: ReproductionStatus }) {
  return <span className={`pill pill-${status}`}>{LABELS[status] ?? status}</span>;
}
