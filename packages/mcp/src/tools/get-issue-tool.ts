import { defineTool } from '../define-tool.js';
import { summarizeReproduction } from '../reproduction-summary.js';
import { issueIdInput, projectInput } from './common-inputs.js';

export const getIssueTool = defineTool({
  name: 'get_issue',
  title: 'Get an issue with its triage',
  description: [
    'Returns one issue: its summary, the triage (tier, reason, and for tier 2 the cause with the timeline',
    'events that are its evidence, as seq numbers), the service versions it was seen in, its 5 newest error',
    'packages (ids), its reproductions with their verdicts, and the notes and status/triage history.',
    'Use it after list_issues to decide what to do: a tier-2 cause is usually the answer already;',
    'for tier 3/4, read the package with get_package (part "timeline" or "locals") to form a hypothesis,',
    'then test it with run_reproduction or record it with add_note.',
  ].join(' '),
  input: { project: projectInput, issueId: issueIdInput },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(input, context) {
    const project = await context.project(input.project);
    const [detail, notes] = await Promise.all([
      context.client.getIssue(project, input.issueId, 5),
      context.client.listNotes(project, input.issueId),
    ]);
    const { issue } = detail;
    return {
      project: detail.project,
      issue: {
        id: issue.id,
        title: issue.title,
        errorType: issue.errorType,
        service: issue.serviceName,
        fingerprint: issue.fingerprint,
        status: issue.status,
        count: issue.count,
        firstSeen: issue.firstSeen,
        lastSeen: issue.lastSeen,
        serviceVersions: issue.serviceVersions,
      },
      triage: { tier: issue.tier, reason: issue.tierReason, cause: issue.cause },
      packages: detail.packages.map((p) => ({
        id: p.id,
        capturedAt: p.capturedAt,
        serviceVersion: p.serviceVersion,
      })),
      reproductions: detail.reproductions.map(summarizeReproduction),
      notes,
      resource: `flashback://projects/${detail.project}/issues/${issue.id}`,
    };
  },
});
