/**
 * What the Redis stub does for a recorded command: send the recorded reply or error after the
 * recorded latency, or replay the recorded failure. Pure.
 */
import type { EncodedValue, IoError, RedisEvent } from '@flashback/protocol/types';
import { errorReplyText, respFromRecorded } from './redis-values.js';
import type { RespValue } from './resp-codec.js';

/** How the Redis stub replays one recorded command. */
export type RedisReplyAction =
  | { kind: 'reply'; delayMs: number; value: RespValue }
  /**
   * No reply (the client timed out). A blocking command is released with its null reply once its
   * own server-side timeout has passed, as Redis would; anything else is held until the stub
   * closes. Replies to later commands on the connection wait behind it, as they would.
   */
  | { kind: 'hold'; releaseAfterMs: number | undefined }
  /** Reset the connection (the recorded network failure). */
  | { kind: 'reset'; delayMs: number };

/** Error classes the server's error replies arrive as (ioredis, node-redis). */
const SERVER_ERROR_NAMES = new Set(['ReplyError', 'ErrorReply', 'SimpleError', 'BlobError']);
/** Client-side give-ups: the command was sent, the reply did not come in time. */
const TIMEOUT_NAMES = new Set(['TimeoutError', 'SocketTimeoutError', 'ConnectionTimeoutError', 'AbortError']);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/**
 * The action replaying `event`: `ok` → the recorded reply after durationMs × latencyScale;
 * `timeout` / `pending` and client-side timeouts → hold; a server error reply → that error;
 * any other failure (ECONNRESET, a closed connection) → reset.
 */
export function redisReplyAction(event: RedisEvent, latencyScale: number): RedisReplyAction {
  const delayMs = Math.max(0, (event.durationMs ?? 0) * latencyScale);
  switch (event.outcome) {
    case 'ok':
      return { kind: 'reply', delayMs, value: respFromRecorded(event.reply, event.command) };
    case 'timeout':
    case 'pending':
      return { kind: 'hold', releaseAfterMs: blockingTimeoutMs(event.command, event.args) };
    case 'error':
      if (isServerError(event.error)) {
        return { kind: 'reply', delayMs, value: { type: 'error', value: errorReplyText(event.error) } };
      }
      if (isClientTimeout(event.error)) {
        return { kind: 'hold', releaseAfterMs: blockingTimeoutMs(event.command, event.args) };
      }
      return { kind: 'reset', delayMs };
  }
}

/** Whether the recorded error is one the Redis server sent as its reply. */
export function isServerError(error: IoError | undefined): boolean {
  if (!error) return false;
  if (SERVER_ERROR_NAMES.has(error.name ?? '')) return true;
  const code = error.code ?? '';
  // Node's own codes (ERR_SOCKET_CLOSED, …) look like reply prefixes but are client-side.
  if (code.includes('ERR_') || NETWORK_CODES.has(code) || TIMEOUT_NAMES.has(error.name ?? '')) return false;
  return /^[A-Z][A-Z_-]+$/.test(code);
}

function isClientTimeout(error: IoError | undefined): boolean {
  return (
    TIMEOUT_NAMES.has(error?.name ?? '') ||
    error?.message === 'Command timed out' ||
    error?.code === 'ETIMEDOUT'
  );
}

/**
 * How long Redis itself blocks a blocking command before answering null, in ms; `undefined`
 * for a command that does not block or blocks forever (timeout 0).
 */
export function blockingTimeoutMs(command: string, args: readonly EncodedValue[]): number | undefined {
  const text = args.map(argText);
  let ms: number | undefined;
  switch (command) {
    case 'BLPOP':
    case 'BRPOP':
    case 'BZPOPMIN':
    case 'BZPOPMAX':
    case 'BRPOPLPUSH':
    case 'BLMOVE':
      ms = seconds(text[text.length - 1]);
      break;
    case 'BLMPOP':
    case 'BZMPOP':
      ms = seconds(text[0]);
      break;
    case 'XREAD':
    case 'XREADGROUP': {
      const at = text.findIndex((arg) => arg.toUpperCase() === 'BLOCK');
      ms = at >= 0 ? Number(text[at + 1]) : undefined;
      break;
    }
    case 'WAIT':
    case 'WAITAOF':
      ms = Number(text[text.length - 1]);
      break;
  }
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

function seconds(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text) * 1000;
}

function argText(arg: EncodedValue): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
  if (arg !== null && typeof arg === 'object' && !Array.isArray(arg) && arg.$fb === 'bytes') {
    return Buffer.from(String(arg.base64), 'base64').toString();
  }
  return '';
}
