import type { ReproductionRecord } from '../collector-types.js';
import { isFinished, summarizeReproduction } from '../reproduction-summary.js';
import type { ToolContext } from '../tool-context.js';

const POLL_MS = 500;

/** Polls a reproduction until it has a verdict or `waitSeconds` pass; then summarises it. */
export async function awaitReproduction(
  context: ToolContext,
  project: string,
  reproduction: ReproductionRecord,
  waitSeconds: number,
) {
  const deadline = Date.now() + waitSeconds * 1_000;
  let current = reproduction;
  while (!isFinished(current) && Date.now() < deadline) {
    await new Promise((resolve) =>
      setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))),
    );
    current = await context.client.getReproduction(project, current.id);
  }
  const summary = summarizeReproduction(current);
  return isFinished(current)
    ? { ...summary, next: nextStep(current) }
    : {
        ...summary,
        next: `still ${current.status} after ${waitSeconds} s: call get_reproduction with reproductionId "${current.id}" and waitSeconds to keep waiting`,
      };
}

function nextStep(reproduction: ReproductionRecord): string {
  switch (reproduction.status) {
    case 'reproduced':
      return 'confirmed: the issue stays at tier 3 with this bundle; explain the cause with add_note, then set_issue_status when fixed';
    case 'not_reproduced':
      return 'the replay did not fail the same way and the issue was escalated to tier 4; read the divergences, then add_note with what a developer should check';
    default:
      return 'the reproduction could not run to a verdict (see error and logTail) and the issue was escalated to tier 4';
  }
}
