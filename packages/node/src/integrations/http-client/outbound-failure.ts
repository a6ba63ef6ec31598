import type { IoError } from '@flashback/protocol/types';
import type { Outcome } from '../../context/timeline-recorder.js';
import { toIoError } from '../../context/timeline-recorder.js';

/** Error codes that mean the peer did not answer in time (Node, undici, got, axios). */
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Describes why an outbound call failed. Fetch wraps network errors in `TypeError: fetch failed`
 * with the socket error as `cause`, and an aborted request may carry the abort reason as `cause`,
 * so the cause chain is searched for the error that has a code. `timedOut` is set when the socket
 * reported a timeout before the request ended (the app then usually destroys it with its own error).
 */
export function describeFailure(error: unknown, timedOut: boolean): { error: IoError; outcome: Outcome } {
  const chain = causeChain(error);
  const coded = chain.find((e) => typeof (e as { code?: unknown }).code === 'string') ?? error;
  const io = toIoError(coded);
  // DOMException's numeric legacy codes (23 for TimeoutError) say nothing a string name does not.
  if (typeof (coded as { code?: unknown }).code !== 'string') delete io.code;
  const isTimeout =
    timedOut ||
    chain.some((e) => {
      const { name, code } = e as { name?: unknown; code?: unknown };
      return name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code));
    });
  if (isTimeout && io.code === undefined) io.code = 'ETIMEDOUT';
  return { error: io, outcome: isTimeout ? 'timeout' : 'error' };
}

function causeChain(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 5 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}
