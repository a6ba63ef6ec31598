import type { IncomingMessage, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createFlashbackMcpServer, type FlashbackMcpOptions } from './mcp-server.js';

/**
 * Answers one Streamable HTTP request (a JSON-RPC POST) with a fresh server and transport, so
 * nothing is kept between requests and each is served with the caller's own token (stateless mode).
 * The caller authenticates first and passes the already-parsed body.
 */
export async function handleMcpHttpRequest(
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  options: FlashbackMcpOptions,
): Promise<void> {
  const server = createFlashbackMcpServer(options);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  response.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(request, response, body);
}
