/**
 * The error package's timeline, read off the effect trace: each step served by a built-in handler
 * becomes the protocol event of its kind (db, http, redis, clock, random). The service's own
 * command kinds have no protocol event; they are left out rather than dressed up as one, and the
 * gap in `seq` shows where they ran.
 */
import type {
  Body,
  DbEvent,
  EncodedValue,
  HttpEvent,
  IoError,
  RedisEvent,
  TimelineEvent,
} from '@flashback/protocol/types';
import type { EffectTrace, TraceStep } from '../trace/trace-format.js';

/** Bodies in the package are capped like the capture SDK's. */
const MAX_BODY_BYTES = 64 * 1024;

export function timelineOf(trace: EffectTrace): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const step of trace.steps) {
    const meta = trace.handlers[step.kind];
    const event = meta ? toEvent(step, meta) : undefined;
    if (event) events.push(event);
  }
  return events;
}

function toEvent(step: TraceStep, meta: { [key: string]: EncodedValue }): TimelineEvent | undefined {
  switch (meta.event) {
    case 'db':
      return dbEvent(step, meta.databases);
    case 'http':
      return httpEvent(step);
    case 'redis':
      return redisEvent(step, meta);
    case 'clock':
      return step.status === 'success' && typeof step.value === 'number'
        ? { ...base(step), type: 'clock', source: String(meta.source ?? step.kind), value: step.value }
        : undefined;
    case 'random':
      return step.status === 'success'
        ? { ...base(step), type: 'random', source: String(meta.source ?? step.kind), value: step.value }
        : undefined;
    default:
      return undefined;
  }
}

function base(step: TraceStep) {
  const out: {
    seq: number;
    startOffsetMs: number;
    durationMs: number;
    outcome: 'ok' | 'error' | 'timeout';
    error?: IoError;
  } = {
    seq: step.seq,
    startOffsetMs: step.startOffsetMs,
    durationMs: step.durationMs,
    outcome: 'ok',
  };
  if (step.status === 'failure') {
    const { type, message, code } = step.error;
    out.outcome = code === 'ETIMEDOUT' ? 'timeout' : 'error';
    out.error = code === undefined ? { name: type, message } : { name: type, message, code };
  }
  return out;
}

function dbEvent(step: TraceStep, databases: EncodedValue | undefined): DbEvent | undefined {
  const input = asRecord(step.input);
  if (typeof input?.sql !== 'string') return undefined;
  const name = typeof input.database === 'string' ? input.database : 'main';
  const db = asRecord(asRecord(databases)?.[name]);
  const event: DbEvent = {
    ...base(step),
    type: 'db',
    system: db?.system === 'sqlite' ? 'sqlite' : 'postgresql',
    database: typeof db?.database === 'string' ? db.database : name,
    operation: 'query',
    statement: input.sql,
    params: Array.isArray(input.params) ? input.params : [],
  };
  const result = step.status === 'success' ? asRecord(step.value) : undefined;
  if (!result) return event;
  const rows = Array.isArray(result.rows) ? result.rows.map(asRecord) : [];
  const fields = Array.isArray(result.fields)
    ? result.fields.flatMap((f) =>
        typeof asRecord(f)?.name === 'string' ? [asRecord(f) as { name: string }] : [],
      )
    : Object.keys(rows[0] ?? {}).map((name) => ({ name }));
  event.fields = fields.map((field) => {
    const { name, dataTypeId, type, table, column } = field as Record<string, EncodedValue>;
    const out: NonNullable<DbEvent['fields']>[number] = { name: String(name) };
    if (typeof dataTypeId === 'number') out.dataTypeId = dataTypeId;
    if (typeof type === 'string') out.type = type;
    if (typeof table === 'string') out.table = table;
    if (typeof column === 'string') out.column = column;
    return out;
  });
  event.rows = rows.map((row) => fields.map((field) => row?.[field.name] ?? null));
  if (typeof result.rowCount === 'number' || result.rowCount === null) event.rowCount = result.rowCount;
  if (typeof result.command === 'string' && result.command) event.command = result.command;
  if (typeof result.changes === 'number') event.changes = result.changes;
  if (result.lastInsertRowid !== undefined) event.lastInsertRowid = result.lastInsertRowid;
  return event;
}

function httpEvent(step: TraceStep): HttpEvent | undefined {
  const input = asRecord(step.input);
  if (typeof input?.url !== 'string' || typeof input.method !== 'string') return undefined;
  const requestHeaders = lowerCaseHeaders(asRecord(input.headers));
  const event: HttpEvent = {
    ...base(step),
    type: 'http',
    method: input.method.toUpperCase(),
    url: input.url,
    requestHeaders,
  };
  if (input.body !== undefined) {
    const isText = typeof input.body === 'string';
    event.requestBody = body(
      isText ? (input.body as string) : JSON.stringify(input.body),
      requestHeaders['content-type'] ?? (isText ? undefined : 'application/json'),
    );
  }
  const response = step.status === 'success' ? asRecord(step.value) : undefined;
  if (response && typeof response.status === 'number') {
    const responseHeaders = lowerCaseHeaders(asRecord(response.headers));
    event.status = response.status;
    if (typeof response.statusText === 'string' && response.statusText)
      event.statusText = response.statusText;
    event.responseHeaders = responseHeaders;
    if (typeof response.body === 'string')
      event.responseBody = body(response.body, responseHeaders['content-type']);
  }
  return event;
}

function redisEvent(step: TraceStep, meta: { [key: string]: EncodedValue }): RedisEvent | undefined {
  const input = asRecord(step.input);
  if (typeof input?.command !== 'string') return undefined;
  const event: RedisEvent = {
    ...base(step),
    type: 'redis',
    client: meta.client === 'node-redis' ? 'node-redis' : 'ioredis',
    command: input.command.toUpperCase(),
    args: Array.isArray(input.args) ? input.args : [],
  };
  if (typeof meta.server === 'string') event.server = meta.server;
  if (step.status === 'success') event.reply = step.value;
  return event;
}

function body(text: string, contentType: string | undefined): Body {
  const bytes = Buffer.from(text, 'utf8');
  const truncated = bytes.length > MAX_BODY_BYTES;
  const out: Body = {
    encoding: 'utf8',
    data: truncated ? bytes.subarray(0, MAX_BODY_BYTES).toString('utf8') : text,
    size: bytes.length,
    truncated,
  };
  if (contentType) out.contentType = contentType;
  return out;
}

function lowerCaseHeaders(headers: Record<string, EncodedValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
}

function asRecord(value: EncodedValue | undefined): Record<string, EncodedValue> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
