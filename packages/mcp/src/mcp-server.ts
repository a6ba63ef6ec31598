import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CollectorClient } from './collector-client.js';
import { registerResources } from './resources.js';
import { createToolContext } from './tool-context.js';
import { TOOLS } from './tools/index.js';
import { MCP_VERSION } from './version.js';

export interface FlashbackMcpOptions {
  client: CollectorClient;
  /** Project the tools use when a call names none. */
  project?: string;
}

/** What a client is told when it connects: how to act as the triage master with these tools. */
const INSTRUCTIONS = [
  'Flashback captures error packages from failing Node services (the inbound request, every SQL/HTTP/Redis/S3',
  'call with what it returned, the local variables at the throw) and triages them into issues:',
  'tier 1 duplicate, tier 2 cause read off the timeline, tier 3 reproduced in a sandbox, tier 4 escalated.',
  'To investigate: list_issues (tier 3/4 are the unexplained ones) → get_issue → get_package with part',
  '"summary", "timeline" or "locals" → form a hypothesis → run_reproduction (or get_fixture to check the data)',
  '→ add_note with the cause and evidence → set_issue_status when fixed. As the master, triage_decide sends an',
  'issue to reproduction (tier 3) or to a developer (tier 4) with your reason.',
].join(' ');

/** An MCP server with every Flashback tool and resource over `client`; connect it to a transport. */
export function createFlashbackMcpServer(options: FlashbackMcpOptions): McpServer {
  const server = new McpServer(
    { name: 'flashback', title: 'Flashback', version: MCP_VERSION },
    { instructions: INSTRUCTIONS, capabilities: { tools: {}, resources: {} } },
  );
  const context = createToolContext(options.client, options.project);
  for (const tool of TOOLS) tool.register(server, context);
  registerResources(server, context);
  return server;
}
