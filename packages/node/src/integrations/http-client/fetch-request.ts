import { type CapturedHeaders, fromFetchHeaders } from '../http-common/headers.js';

/** A request body already in memory, which the SDK copies without touching the request. */
export type InitBody = string | ArrayBuffer | ArrayBufferView | URLSearchParams | Blob;

/** What is recorded of a fetch request, and what fetch is then called with. */
export interface FetchRequestInfo {
  method: string;
  url: string;
  headers: CapturedHeaders;
  /** The body given in `init`, when it is one fetch takes as is. */
  body?: InitBody;
  /**
   * Set when the request could not be described from `init` alone (the input is a Request, or
   * the body is a stream, FormData or an iterable): fetch is called with this Request instead of
   * the app's arguments, which is what fetch turns them into first anyway, and the body is read
   * from a clone of it.
   */
  request?: Request;
}

type RequestInput = ConstructorParameters<typeof Request>[0];

/** Methods fetch upper-cases; any other method is sent as written (`patch` stays `patch`). */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * Describes `fetch(input, init)` as fetch itself will send it. The common call (a URL plus an
 * `init` with a string or bytes body) is described from `init` without building a Request, which
 * costs more than everything else the SDK does for the call.
 *
 * Throws where fetch would reject the arguments before any IO (an unparsable URL, an invalid
 * header), so that such a call goes on unrecorded and fails exactly as it would without the SDK.
 */
export function describeFetchRequest(input: unknown, init: RequestInit | undefined): FetchRequestInfo {
  const body = init?.body;
  if (input instanceof Request || (body != null && !isInitBody(body))) {
    // A Request passed alone goes to fetch as is; only a Request with overrides is rebuilt.
    const request =
      input instanceof Request && init === undefined ? input : new Request(input as RequestInput, init);
    return {
      method: request.method,
      url: request.url,
      headers: fromFetchHeaders(request.headers),
      request,
    };
  }
  const method = init?.method === undefined ? 'GET' : String(init.method);
  const upper = method.toUpperCase();
  const headers = init?.headers === undefined ? {} : fromFetchHeaders(new Headers(init.headers));
  const info: FetchRequestInfo = {
    method: NORMALIZED_METHODS.has(upper) ? upper : method,
    url: new URL(String(input)).href,
    headers,
  };
  if (body != null) {
    info.body = body;
    const type = impliedContentType(body);
    if (type && headers['content-type'] === undefined) headers['content-type'] = type;
  }
  return info;
}

function isInitBody(body: unknown): body is InitBody {
  return (
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof URLSearchParams ||
    body instanceof Blob
  );
}

/** The Content-Type fetch adds for a body when the app did not set one (Fetch standard, "extract a body"). */
function impliedContentType(body: InitBody): string | undefined {
  if (typeof body === 'string') return 'text/plain;charset=UTF-8';
  if (body instanceof URLSearchParams) return 'application/x-www-form-urlencoded;charset=UTF-8';
  if (body instanceof Blob) return body.type || undefined;
  return undefined;
}
