/**
 * Recorded Redis replies (encoded values, as the client library handed them to the app) back
 * into RESP replies. Pure.
 */
import type { EncodedValue, IoError } from '@flashback/protocol/types';
import type { RespValue } from './resp-codec.js';

/** Strings Redis sends as status replies (`+OK`), not bulk strings. */
const STATUS_STRINGS = new Set(['OK', 'QUEUED', 'PONG']);
/** Commands whose reply is a status whatever its text (`+string`, `+none`). */
const STATUS_COMMANDS = new Set(['TYPE']);

/**
 * The RESP reply standing for a recorded reply. Strings become bulk strings (status replies for
 * `OK`-style answers), whole numbers integers, other numbers doubles, `null` the null reply,
 * arrays arrays, objects (a hash the client turned into one, a RESP3 map) maps, bytes bulk
 * strings with those bytes.
 *
 * @example
 * respFromRecorded('OK', 'SET'); // { type: 'simple', value: 'OK' }
 * respFromRecorded({ sku: 'A-1' }, 'HGETALL'); // a map: %1 (RESP3) or *2 (RESP2)
 */
export function respFromRecorded(value: EncodedValue | undefined, command: string): RespValue {
  if (typeof value === 'string' && STATUS_COMMANDS.has(command)) return { type: 'simple', value };
  return convert(value ?? null);
}

function convert(value: EncodedValue): RespValue {
  if (value === null) return { type: 'null' };
  if (typeof value === 'string') {
    return STATUS_STRINGS.has(value) ? { type: 'simple', value } : { type: 'bulk', value };
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { type: 'integer', value } : { type: 'double', value };
  }
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (Array.isArray(value)) return { type: 'array', items: value.map(convert) };
  if (typeof value.$fb === 'string') return convertTagged(value);
  return {
    type: 'map',
    entries: Object.entries(value).map(([key, item]) => [{ type: 'bulk', value: key }, convert(item)]),
  };
}

function convertTagged(value: { [key: string]: EncodedValue }): RespValue {
  switch (value.$fb) {
    case 'bytes':
      return { type: 'bulk', value: Buffer.from(String(value.base64), 'base64') };
    case 'bigint':
      return { type: 'integer', value: BigInt(String(value.v)) };
    case 'number':
      return { type: 'double', value: Number(value.v) };
    case 'string':
      // Cut at the capture limit: the kept prefix is all there is.
      return { type: 'bulk', value: String(value.v) };
    case 'undefined':
      return { type: 'null' };
    case 'date':
      return { type: 'bulk', value: String(value.iso) };
    case 'error':
      return { type: 'error', value: String(value.message) };
    case 'object':
      return convert((value.v ?? null) as EncodedValue);
    case 'map':
      return {
        type: 'map',
        entries: ((value.entries ?? []) as EncodedValue[][]).map(([k, v]) => [
          convert(k ?? null),
          convert(v ?? null),
        ]),
      };
    case 'set':
      return { type: 'set', items: ((value.values ?? []) as EncodedValue[]).map(convert) };
    default:
      // A summary (circular, depth, function, …): the value itself was never captured.
      return { type: 'bulk', value: JSON.stringify(value) };
  }
}

/**
 * The error reply for a recorded server error. Recorded messages carry the prefix already
 * (`WRONGTYPE Operation against a key…`); others get their code, or `ERR`, in front.
 */
export function errorReplyText(error: IoError | undefined): string {
  const message = error?.message ?? 'unknown error';
  const code = error?.code;
  if (code && (message === code || message.startsWith(`${code} `))) return message;
  if (/^[A-Z][A-Z_-]+ /.test(message)) return message;
  return `${code ?? 'ERR'} ${message}`;
}
