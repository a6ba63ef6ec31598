import type { CollectorSend } from '@flashback/mcp';
import type { FastifyInstance } from 'fastify';

const ENDPOINT = '/mcp';

/**
 * The MCP server over Streamable HTTP at `/mcp`, in stateless mode: each JSON-RPC POST gets a fresh
 * server whose tools call this collector's own API in process, with the caller's token — the same
 * tools as `flashback mcp` over stdio. Registered in a scope that already checked the token.
 */
export async function registerMcpRoute(app: FastifyInstance): Promise<void> {
  app.post(ENDPOINT, async (request, reply) => {
    // The MCP SDK loads on the first request (then from the module cache), not with every collector.
    const { CollectorClient, handleMcpHttpRequest } = await import('@flashback/mcp');
    const client = new CollectorClient(injectSend(app, request.headers.authorization ?? ''));
    reply.hijack();
    await handleMcpHttpRequest(request.raw, reply.raw, request.body, { client });
  });

  // Stateless: no session stream to open (GET) or end (DELETE).
  app.route({
    method: ['GET', 'DELETE'],
    url: ENDPOINT,
    handler: async (_request, reply) =>
      reply
        .code(405)
        .header('allow', 'POST')
        .send({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'this MCP endpoint is stateless: POST JSON-RPC requests to it' },
          id: null,
        }),
  });
}

/** Collector requests answered by this app in process, through its routes, auth and checks. */
function injectSend(app: FastifyInstance, authorization: string): CollectorSend {
  return async ({ method, path, body }) => {
    const response = await app.inject({
      method,
      url: path,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json() };
  };
}
