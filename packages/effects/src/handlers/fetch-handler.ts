/** The `http.request` handler, through the platform's `fetch`. */
import type { HttpRequestInput, HttpResponse } from '../commands/http.js';
import { httpRequest } from '../commands/http.js';
import { type Handler, handle } from '../core/handler.js';

export interface FetchHandlerOptions {
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Abort a request that has not answered within this time. Default 30 s. */
  timeoutMs?: number;
}

export function fetchHandler(options: FetchHandlerOptions = {}): Handler<HttpRequestInput, HttpResponse> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return handle(
    httpRequest,
    async (input) => {
      const headers: Record<string, string> = { ...input.headers };
      let body: string | undefined;
      if (typeof input.body === 'string') body = input.body;
      else if (input.body !== undefined) {
        body = JSON.stringify(input.body);
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
          headers['content-type'] = 'application/json';
      }
      let response: Response;
      try {
        response = await doFetch(input.url, {
          method: input.method,
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw requestError(input, error);
      }
      return {
        status: response.status,
        statusText: response.statusText,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      };
    },
    {
      meta: { event: 'http' },
      spanAttributes: (input, result) => {
        const attributes: Record<string, string | number> = {
          'http.request.method': input.method.toUpperCase(),
          'url.full': input.url,
        };
        if (result.ok) attributes['http.response.status_code'] = result.value.status;
        return attributes;
      },
    },
  );
}

/** fetch hides the reason (ECONNREFUSED, a timeout) in `cause`; lift it into the error's code. */
function requestError(input: HttpRequestInput, error: unknown): Error {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  const code = timedOut ? 'ETIMEDOUT' : typeof cause?.code === 'string' ? cause.code : undefined;
  const reason = timedOut ? 'no answer in time' : String(cause?.message ?? (error as Error).message);
  const out = new Error(`${input.method.toUpperCase()} ${input.url} failed: ${reason}`, { cause: error });
  out.name = 'HttpRequestError';
  if (code) Object.assign(out, { code });
  return out;
}
