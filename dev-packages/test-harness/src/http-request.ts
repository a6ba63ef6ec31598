export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON; `undefined` when it is not JSON. */
  json: T;
}

/**
 * Sends one HTTP request and reads the whole answer. A plain object body is sent
 * as JSON; a string or Buffer is sent as is.
 */
export async function httpRequest<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResponse<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Uint8Array) {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json', ...headers };
    }
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), text, json: json as T };
}
