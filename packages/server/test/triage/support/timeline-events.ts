/**
 * Builders for timeline events in the shape the SDK records them, for variants of the demo
 * packages (a retry that succeeded, an unrelated call that failed earlier, ...).
 */
import type { Body, DbEvent, ErrorPackage, HttpEvent, RedisEvent, TimelineEvent } from '@flashback/protocol';

/** A UTF-8 JSON body. */
export function jsonBody(value: unknown): Body {
  const data = JSON.stringify(value);
  return { encoding: 'utf8', data, size: data.length, truncated: false, contentType: 'application/json' };
}

/** A UTF-8 body of the given content type. */
export function textBody(data: string, contentType: string): Body {
  return { encoding: 'utf8', data, size: data.length, truncated: false, contentType };
}

/** An outbound HTTP call that completed with `status`. */
export function httpEvent(
  seq: number,
  fields: Partial<HttpEvent> & Pick<HttpEvent, 'method' | 'url'>,
): HttpEvent {
  return {
    type: 'http',
    seq,
    startOffsetMs: seq * 10,
    durationMs: 5,
    outcome: 'ok',
    requestHeaders: {},
    status: 200,
    ...fields,
  };
}

/** A PostgreSQL query that returned `rows`. */
export function dbEvent(seq: number, fields: Partial<DbEvent> & Pick<DbEvent, 'statement'>): DbEvent {
  return {
    type: 'db',
    seq,
    startOffsetMs: seq * 10,
    durationMs: 1,
    outcome: 'ok',
    system: 'postgresql',
    database: 'postgresql://postgres@127.0.0.1:5432/shop',
    params: [],
    command: 'SELECT',
    rows: [],
    rowCount: 0,
    ...fields,
  };
}

/** An ioredis command that answered `reply`. */
export function redisEvent(
  seq: number,
  fields: Partial<RedisEvent> & Pick<RedisEvent, 'command'>,
): RedisEvent {
  return {
    type: 'redis',
    seq,
    startOffsetMs: seq * 10,
    durationMs: 1,
    outcome: 'ok',
    client: 'ioredis',
    args: [],
    reply: 'OK',
    ...fields,
  };
}

/**
 * Puts `events` into the timeline at their seqs (shifting the recorded events after them) and keeps
 * offsets increasing, so "the last IO before the throw" stays what the order says.
 */
export function insertEvents(pkg: ErrorPackage, ...events: TimelineEvent[]): void {
  const timeline = [...pkg.timeline];
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    for (const existing of timeline) if (existing.seq >= event.seq) existing.seq++;
    timeline.push(event);
    timeline.sort((a, b) => a.seq - b.seq);
  }
  let offset = 0;
  for (const event of timeline) {
    event.startOffsetMs = offset;
    offset += (event.durationMs ?? 0) + 1;
  }
  pkg.timeline = timeline;
}

/** The timeline event at `seq`, narrowed to `type`; throws when there is none, naming what was there. */
export function eventAt<T extends TimelineEvent['type']>(
  pkg: ErrorPackage,
  seq: number,
  type: T,
): Extract<TimelineEvent, { type: T }> {
  const event = pkg.timeline.find((e) => e.seq === seq);
  if (event?.type !== type)
    throw new Error(`timeline[seq ${seq}] is ${event?.type ?? 'missing'}, not ${type}`);
  return event as Extract<TimelineEvent, { type: T }>;
}
