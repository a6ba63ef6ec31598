/** One request to the collector's HTTP API, as the MCP tools need it: JSON in, status and JSON out. */
export interface CollectorRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query, e.g. `/api/projects/checkout/issues?tier=3`. */
  path: string;
  body?: unknown;
}

export interface CollectorResponse {
  status: number;
  body: unknown;
}

/**
 * How requests reach the collector: over HTTP from `flashback mcp`, or in process (Fastify's
 * `inject`) from the collector's own `/mcp` endpoint. Either way the same routes, auth and checks.
 */
export type CollectorSend = (request: CollectorRequest) => Promise<CollectorResponse>;
