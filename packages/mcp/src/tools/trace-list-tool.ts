import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { projectInput } from './common-inputs.js';

export const traceListTool = defineTool({
  name: 'trace_list',
  title: 'List tracing actions',
  description: [
    'Lists the project’s tracing actions, newest first: kind, service, file:line, condition, whether it is',
    'live, its state as the service reported it (applied, error with the reason, disabled by a limit, removed)',
    'and how many hits it has. Use it to check on actions placed earlier or to find one to remove.',
  ].join(' '),
  input: {
    project: projectInput,
    service: z.string().min(1).optional().describe('Only this service’s actions.'),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    return { actions: await context.client.listTracingActions(project, input.service) };
  },
});
