/**
 * The answer to an HTTP request the recording does not have: a status no real upstream sends, a
 * header naming the divergence, and a JSON body saying what was asked and what the recording had
 * next, so the app's own error (and its log) shows the cause. Pure.
 */
import type { HttpResponseParts } from './http-reply.js';
import type { Divergence } from './stub-types.js';

/** Outside what real servers send, so it cannot be mistaken for a recorded 5xx. */
export const UNEXPECTED_CALL_STATUS = 599;
/** Header naming the divergence on an error answer: `x-flashback-divergence: unexpected-call`. */
export const DIVERGENCE_HEADER = 'x-flashback-divergence';

/** The error answer for an unexpected call, from its divergence and the difference found. */
export function unexpectedCallResponse(
  divergence: Divergence,
  reason: string | undefined,
): HttpResponseParts {
  const body = Buffer.from(
    JSON.stringify({
      error: 'flashback: unexpected call',
      message: divergence.message,
      asked: divergence.asked ?? null,
      recordingNext:
        divergence.expectedSeq === undefined
          ? null
          : { seq: divergence.expectedSeq, call: divergence.expected },
      difference: reason ?? null,
    }),
  );
  return {
    head: {
      status: UNEXPECTED_CALL_STATUS,
      statusText: 'Flashback Unexpected Call',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(body.byteLength),
        'cache-control': 'no-store',
        [DIVERGENCE_HEADER]: 'unexpected-call',
      },
    },
    body,
  };
}
