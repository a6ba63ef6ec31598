import type { CollectorSend } from './collector-send.js';
import { FlashbackMcpError } from './errors.js';

export interface HttpSendOptions {
  /** Base URL of the collector, e.g. `http://127.0.0.1:4700`. */
  server: string;
  /** A read token (`flashback projects create` prints one). */
  token: string;
  /** Per request. Default 30 s. */
  timeoutMs?: number;
}

/** Sends collector requests over HTTP with the bearer token. */
export function httpSend(options: HttpSendOptions): CollectorSend {
  const base = options.server.replace(/\/+$/, '');
  return async (request) => {
    let response: Response;
    try {
      response = await fetch(`${base}${request.path}`, {
        method: request.method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error: unknown) {
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, bad port...).
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new FlashbackMcpError(
        'FB_MCP_UNREACHABLE',
        `could not reach the collector at ${base} (${reason}); is \`flashback serve\` running there?`,
        { cause: error },
      );
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // Not JSON (a proxy's error page): the client reports the text as it is.
    }
    return { status: response.status, body };
  };
}
