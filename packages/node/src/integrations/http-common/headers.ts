/** Headers as the package stores them: lower-case names, repeated headers as arrays. */
export type CapturedHeaders = Record<string, string | string[]>;

/**
 * Copies Node headers (`IncomingHttpHeaders` or `OutgoingHttpHeaders`) into the package's shape:
 * names lower-cased, numbers as strings, absent values dropped.
 */
export function fromNodeHeaders(headers: Readonly<Record<string, unknown>> | undefined): CapturedHeaders {
  const out: CapturedHeaders = {};
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined || value === null) continue;
    const key = name.toLowerCase();
    if (Array.isArray(value)) out[key] = value.map(String);
    else out[key] = String(value);
  }
  return out;
}

/** Copies Fetch API headers; `set-cookie` keeps one entry per cookie. */
export function fromFetchHeaders(headers: Headers): CapturedHeaders {
  const out: CapturedHeaders = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  if ('set-cookie' in out) {
    const cookies = headers.getSetCookie();
    if (cookies.length > 1) out['set-cookie'] = cookies;
  }
  return out;
}

/** The first value of a header in captured form. */
export function headerValue(headers: CapturedHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The `content-length` of a message, when it states a usable one. */
export function contentLength(headers: CapturedHeaders): number | undefined {
  const raw = headerValue(headers, 'content-length');
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
