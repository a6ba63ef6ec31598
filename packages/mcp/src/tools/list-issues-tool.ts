import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { projectInput } from './common-inputs.js';

export const listIssuesTool = defineTool({
  name: 'list_issues',
  title: 'List issues',
  description: [
    'Lists the issues of a project (errors grouped by fingerprint), most recently seen first.',
    'Each row: id, title (error type and message), service, count, first/last seen, status (open/resolved/ignored),',
    'triage tier with its reason (1 duplicate, 2 cause read off the timeline, 3 reproduced or being reproduced,',
    '4 escalated to a developer), the tier-2 cause kind and summary, and the latest reproduction status.',
    'Use it first to find what to work on: filter tier 3 or 4 for failures whose cause is not yet explained,',
    'or search `text` for an error type or message. Then call get_issue with an id.',
  ].join(' '),
  input: {
    project: projectInput,
    tier: z.number().int().min(1).max(4).optional().describe('Only issues at this triage tier.'),
    status: z.enum(['open', 'resolved', 'ignored']).optional().describe('Only issues with this status.'),
    text: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Case-insensitive substring of the title, or a fingerprint prefix.'),
    sort: z.enum(['last_seen', 'first_seen', 'count']).optional().describe('Default last_seen.'),
    limit: z.number().int().min(1).max(100).optional().describe('Default 20.'),
    offset: z.number().int().min(0).optional().describe('For the next page.'),
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const limit = input.limit ?? 20;
    const list = await context.client.listIssues(project, { ...input, limit });
    const next = list.offset + list.issues.length;
    return {
      project: list.project,
      total: list.total,
      offset: list.offset,
      issues: list.issues.map((issue) => ({
        id: issue.id,
        title: issue.title,
        service: issue.serviceName,
        count: issue.count,
        firstSeen: issue.firstSeen,
        lastSeen: issue.lastSeen,
        status: issue.status,
        tier: issue.tier,
        tierReason: issue.tierReason,
        ...(issue.cause ? { cause: { kind: issue.cause.kind, summary: issue.cause.summary } } : {}),
        reproductionStatus: issue.reproductionStatus,
      })),
      ...(next < list.total
        ? { more: `${list.total - next} more: call list_issues with offset ${next}` }
        : {}),
    };
  },
});
