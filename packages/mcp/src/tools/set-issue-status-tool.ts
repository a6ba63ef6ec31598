import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { authorInput, DEFAULT_AUTHOR, issueIdInput, projectInput } from './common-inputs.js';

export const setIssueStatusTool = defineTool({
  name: 'set_issue_status',
  title: 'Resolve, ignore or reopen an issue',
  description: [
    'Sets an issue’s status: "resolved" (fixed; say how, e.g. the commit or version), "ignored" (expected',
    'or not worth fixing; say why) or "open" (reopen). The reason is kept in the issue’s history as a note;',
    'resolving also records whether the latest verification (flashback verify) says fixed.',
    'Returns the new and previous status. Use it at the end of an investigation.',
  ].join(' '),
  input: {
    project: projectInput,
    issueId: issueIdInput,
    status: z.enum(['open', 'resolved', 'ignored']),
    reason: z.string().min(1).max(2_000).describe('Why: the fix, or why it is ignored or reopened.'),
    author: authorInput,
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    return context.client.setStatus(project, input.issueId, {
      status: input.status,
      reason: input.reason,
      author: input.author ?? DEFAULT_AUTHOR,
    });
  },
});
