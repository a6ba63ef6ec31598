/** The SDK's own MCP client, and reading a tool's JSON answer. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export function newClient(): Client {
  return new Client({ name: 'flashback-test-agent', version: '1.0.0' });
}

export interface ToolAnswer {
  isError: boolean;
  text: string;
  /** The JSON answer; undefined for an error. */
  json: Record<string, unknown>;
}

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<ToolAnswer> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  const text = first?.type === 'text' ? first.text : '';
  const isError = result.isError === true;
  return { isError, text, json: isError ? {} : JSON.parse(text) };
}
