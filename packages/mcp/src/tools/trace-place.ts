/** Places an action and waits briefly for the service to say whether it is armed. */
import type { TracingActionRequest, TracingActionView } from '../collector-types.js';
import type { ToolContext } from '../tool-context.js';

const SETTLE_MS = 3_000;
const POLL_MS = 100;

export async function placeAndSettle(
  context: ToolContext,
  project: string,
  request: TracingActionRequest,
): Promise<{ action: TracingActionView; next: string }> {
  let action = await context.client.placeTracingAction(project, request);
  const deadline = Date.now() + SETTLE_MS;
  while (action.status.state === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    action = await context.client.getTracingAction(project, action.id);
  }
  const next =
    action.status.state === 'applied'
      ? 'Armed in the service. Trigger the code path (or wait for traffic), then call trace_hits with this action id.'
      : action.status.state === 'pending'
        ? 'No running process of the service has confirmed it yet (is it running with the SDK and a DSN?). Check trace_list later.'
        : `Not armed: ${action.status.reason}. Fix the location or the expression and place a new action.`;
  return { action, next };
}
