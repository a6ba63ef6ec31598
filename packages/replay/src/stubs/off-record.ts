/** Answers for calls the recording does not have, where the caller supplied some. Pure. */

import type { IncomingHttpRequest } from './http-match.js';
import type { HttpResponseParts } from './http-reply.js';
import type { OffRecordHttpResponse } from './stub-types.js';

/**
 * The supplied answer for `request`, matched by method, path (the query is ignored) and the
 * request headers it names. `conditional`: only answers that name request headers (they go
 * before the recording), or only those that do not (for calls the recording lacks).
 */
export function offRecordHttpResponse(
  answers: readonly OffRecordHttpResponse[] | undefined,
  request: IncomingHttpRequest,
  conditional: boolean,
): HttpResponseParts | undefined {
  const path = request.target.split('?')[0] ?? request.target;
  const answer = answers?.find(
    (a) =>
      (a.requestHeaders !== undefined) === conditional &&
      a.method.toUpperCase() === request.method.toUpperCase() &&
      a.path === path &&
      Object.entries(a.requestHeaders ?? {}).every(([name, value]) => request.headers[name] === value),
  );
  if (answer === undefined) return undefined;
  const body = Buffer.from(answer.body ?? '');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    ...answer.headers,
    'content-length': String(body.byteLength),
  };
  return { head: { status: answer.status, statusText: undefined, headers }, body };
}
