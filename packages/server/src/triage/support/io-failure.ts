/**
 * How an IO event failed, by the codes and messages Node, undici, pg, better-sqlite3 and the Redis
 * clients use. Timeouts are told apart from connection failures because their fixes differ
 * (timeouts and retries versus reachability and configuration).
 */
import type { IoEvent } from './package-context.js';

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  // PostgreSQL query_canceled: what statement_timeout raises.
  '57014',
]);
const TIMEOUT_MESSAGE = /\btimed? ?out\b|\btimeout\b/i;

/** What kind of connection failure, for the wording of the summary. */
export type ConnectionFailureKind = 'refused' | 'reset' | 'dns' | 'unreachable' | 'closed';

const CONNECTION_CODES = new Map<string, ConnectionFailureKind>(
  Object.entries({
    ECONNREFUSED: 'refused',
    ECONNRESET: 'reset',
    EPIPE: 'reset',
    ECONNABORTED: 'reset',
    UND_ERR_SOCKET: 'reset',
    ENOTFOUND: 'dns',
    EAI_AGAIN: 'dns',
    EAI_NONAME: 'dns',
    EHOSTUNREACH: 'unreachable',
    ENETUNREACH: 'unreachable',
    ENETDOWN: 'unreachable',
    UND_ERR_CLOSED: 'closed',
    ERR_SOCKET_CLOSED: 'closed',
    SQLITE_CANTOPEN: 'unreachable',
    // PostgreSQL: the server is shutting down or not accepting connections yet.
    '57P01': 'closed',
    '57P02': 'closed',
    '57P03': 'refused',
  } satisfies Record<string, ConnectionFailureKind>),
);
const CONNECTION_MESSAGES: [RegExp, ConnectionFailureKind][] = [
  [/socket hang up|other side closed/i, 'reset'],
  [/connection is closed|connection terminated|not queryable|stream isn't writeable/i, 'closed'],
];

/** The event timed out: by its outcome, its code, or its error's name or message. */
export function isTimeout(event: IoEvent): boolean {
  if (event.outcome === 'timeout') return true;
  const error = event.error;
  if (!error || event.outcome === 'ok') return false;
  if (error.code !== undefined && TIMEOUT_CODES.has(error.code)) return true;
  return error.name === 'TimeoutError' || TIMEOUT_MESSAGE.test(error.message);
}

/** The kind of connection failure the event ended with, or undefined when it did not fail to connect. */
export function connectionFailure(event: IoEvent): ConnectionFailureKind | undefined {
  const error = event.error;
  if (!error || event.outcome !== 'error' || isTimeout(event)) return undefined;
  const code = error.code;
  if (code !== undefined) {
    const kind = CONNECTION_CODES.get(code);
    if (kind) return kind;
    // SQLSTATE class 08: connection exception.
    if (event.type === 'db' && /^08[0-9A-Z]{3}$/.test(code)) return 'closed';
  }
  for (const [pattern, kind] of CONNECTION_MESSAGES) if (pattern.test(error.message)) return kind;
  return undefined;
}
