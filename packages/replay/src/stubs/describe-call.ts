/** One-line descriptions of recorded and replayed calls, for divergences and error replies. Pure. */
import type { EncodedValue, HttpEvent, RedisEvent } from '@flashback/protocol/types';

const MAX_ARG = 40;
const MAX_LINE = 160;

/** `POST /v1/charges`, `GET /bucket/key?x-id=GetObject (S3 GetObject bucket/key)`. */
export function describeHttpEvent(event: HttpEvent): string {
  let target = event.url;
  try {
    const url = new URL(event.url);
    target = `${url.pathname}${url.search}`;
  } catch {
    // Described as recorded.
  }
  const s3 = event.aws
    ? ` (S3 ${event.aws.operation} ${[event.aws.bucket, event.aws.key].filter(Boolean).join('/')})`
    : '';
  return cap(`${event.method.toUpperCase()} ${target}${s3}`);
}

/** A replayed request as divergences name it: `POST /v1/refunds`. */
export function describeHttpRequest(method: string, target: string): string {
  return cap(`${method.toUpperCase()} ${target}`);
}

/** `GET cart:42`, `SET order:7 "{\"id\":7,…" EX 60`. */
export function describeRedisEvent(event: RedisEvent): string {
  return cap([event.command, ...event.args.map(describeEncodedArg)].join(' '));
}

/** A command as the Redis stub received it: name and args as raw bytes. */
export function describeRedisArgv(argv: readonly Uint8Array[]): string {
  return cap(argv.map((arg, i) => (i === 0 ? text(arg).toUpperCase() : describeBytes(arg))).join(' '));
}

function describeEncodedArg(arg: EncodedValue): string {
  if (typeof arg === 'string') return quote(arg);
  if (arg !== null && typeof arg === 'object' && !Array.isArray(arg) && arg.$fb === 'bytes') {
    return `<${String(arg.size)} bytes>`;
  }
  return quote(JSON.stringify(arg));
}

function describeBytes(bytes: Uint8Array): string {
  const value = text(bytes);
  return Buffer.from(value).equals(bytes) ? quote(value) : `<${bytes.byteLength} bytes>`;
}

function quote(value: string): string {
  const cut = value.length > MAX_ARG ? `${value.slice(0, MAX_ARG)}…` : value;
  return /^[\w:.\-/]+$/.test(cut) ? cut : JSON.stringify(cut);
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function cap(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}
