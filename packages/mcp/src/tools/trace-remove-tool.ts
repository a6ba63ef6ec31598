import { defineTool } from '../define-tool.js';
import { projectInput } from './common-inputs.js';
import { actionIdInput } from './trace-inputs.js';

export const traceRemoveTool = defineTool({
  name: 'trace_remove',
  title: 'Remove a tracing action',
  description: [
    'Takes a tracing action out of the running service (within about a second) and keeps its hits readable.',
    'Use it once a snapshot or log answered the question. Returns the action as removed.',
  ].join(' '),
  input: { project: projectInput, actionId: actionIdInput },
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run(input, context) {
    const project = await context.project(input.project);
    return { action: await context.client.removeTracingAction(project, input.actionId) };
  },
});
