import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { CollectorClient } from './collector-client.js';
import { type HttpSendOptions, httpSend } from './http-send.js';
import { createFlashbackMcpServer } from './mcp-server.js';

export interface StdioServerOptions extends HttpSendOptions {
  project?: string;
}

/**
 * Serves MCP on stdin/stdout, every tool calling the collector over HTTP. Resolves when the client
 * closes the connection (stdin ends). Nothing else may write to stdout meanwhile.
 */
export async function runStdioServer(options: StdioServerOptions): Promise<void> {
  const client = new CollectorClient(httpSend(options));
  const server = createFlashbackMcpServer({
    client,
    ...(options.project ? { project: options.project } : {}),
  });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
    process.stdin.once('end', resolve);
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
