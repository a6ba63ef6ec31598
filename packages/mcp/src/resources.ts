/**
 * Issues and packages as MCP resources, whole and as JSON, for clients that attach documents to a
 * conversation rather than call tools:
 * `flashback://projects/{project}/issues/{id}` and `flashback://projects/{project}/packages/{id}`.
 */
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { FlashbackMcpError } from './errors.js';
import type { ToolContext } from './tool-context.js';

export const ISSUE_URI = 'flashback://projects/{project}/issues/{id}';
export const PACKAGE_URI = 'flashback://projects/{project}/packages/{id}';

/** Issues listed per project when a client browses resources. */
const LISTED_ISSUES = 50;

export function registerResources(server: McpServer, context: ToolContext): void {
  server.registerResource(
    'issue',
    new ResourceTemplate(ISSUE_URI, {
      list: async () => {
        const projects = await context.client.listProjects();
        const lists = await Promise.all(
          projects.map((p) => context.client.listIssues(p, { status: 'open', limit: LISTED_ISSUES })),
        );
        return {
          resources: lists.flatMap((list) =>
            list.issues.map((issue) => ({
              uri: `flashback://projects/${list.project}/issues/${issue.id}`,
              name: `${list.project}: ${issue.title}`,
              description: `tier ${issue.tier}, ${issue.count}×, last seen ${issue.lastSeen}`,
              mimeType: 'application/json',
            })),
          ),
        };
      },
    }),
    {
      title: 'Issue',
      description:
        'An issue with its triage, newest packages, reproductions (with verdicts and bundles) and notes.',
      mimeType: 'application/json',
    },
    async (uri, variables): Promise<ReadResourceResult> => {
      const project = variable(variables.project, 'project');
      const id = variable(variables.id, 'id');
      const [detail, notes] = await Promise.all([
        context.client.getIssue(project, id, 20),
        context.client.listNotes(project, id),
      ]);
      return json(uri.href, { ...detail, notes });
    },
  );

  server.registerResource(
    'package',
    new ResourceTemplate(PACKAGE_URI, { list: undefined }),
    {
      title: 'Error package',
      description:
        'A whole captured error package (flashback.error-package/1) with the triage it got. Can be large.',
      mimeType: 'application/json',
    },
    async (uri, variables): Promise<ReadResourceResult> => {
      const stored = await context.client.getPackage(
        variable(variables.project, 'project'),
        variable(variables.id, 'id'),
      );
      return json(uri.href, stored);
    },
  );
}

function variable(value: string | string[] | undefined, name: string): string {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) throw new FlashbackMcpError('FB_MCP_BAD_INPUT', `the resource URI has no ${name}`);
  return decodeURIComponent(text);
}

function json(uri: string, value: unknown): ReadResourceResult {
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value) }] };
}
