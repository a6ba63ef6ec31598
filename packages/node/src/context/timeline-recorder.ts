import type { IoError, TimelineEvent } from '@flashback/protocol/types';
import { getRequestContext, type RequestContext } from './request-context.js';

/** The fields an integration supplies for an event; seq, timing and outcome are filled in here. */
export type EventFields<E extends TimelineEvent = TimelineEvent> = E extends TimelineEvent
  ? Omit<E, 'seq' | 'startOffsetMs' | 'durationMs' | 'outcome' | 'error'>
  : never;

export type Outcome = 'ok' | 'error' | 'timeout';

/**
 * An IO operation in flight. Integrations call `start()` when the operation begins and exactly one
 * of `finish()` / `fail()` when it ends; later calls are ignored.
 */
export class PendingEvent<E extends TimelineEvent = TimelineEvent> {
  private done = false;
  private readonly startPerf = performance.now();

  constructor(
    readonly context: RequestContext,
    readonly seq: number,
    private fields: EventFields<E>,
  ) {
    context.markPending(seq, () => this.build('pending', undefined, null));
  }

  /** Adds or replaces fields while the operation runs (e.g. the response headers). */
  update(fields: Partial<EventFields<E>>): void {
    Object.assign(this.fields, fields);
  }

  finish(fields: Partial<EventFields<E>> = {}): void {
    this.end('ok', fields, undefined);
  }

  fail(error: IoError, fields: Partial<EventFields<E>> = {}, outcome: Outcome = 'error'): void {
    this.end(outcome, fields, error);
  }

  private end(outcome: Outcome, fields: Partial<EventFields<E>>, error: IoError | undefined): void {
    if (this.done) return;
    this.done = true;
    Object.assign(this.fields, fields);
    this.context.addEvent(this.build(outcome, error, performance.now() - this.startPerf));
  }

  /**
   * The finished event reuses the fields object (the integration hands it over for good), so
   * recording costs no copy; a pending snapshot copies, since the operation may still change it.
   */
  private build(
    outcome: TimelineEvent['outcome'],
    error: IoError | undefined,
    durationMs: number | null,
  ): TimelineEvent {
    const event = (outcome === 'pending' ? { ...this.fields } : this.fields) as TimelineEvent;
    event.seq = this.seq;
    event.startOffsetMs = round(this.startPerf - this.context.startedAtPerf);
    event.durationMs = durationMs === null ? null : round(durationMs);
    event.outcome = outcome;
    if (error) event.error = error;
    return event;
  }
}

/**
 * Starts recording an IO operation for the request the caller runs in. Returns undefined outside
 * a request, while the SDK's own IO runs, or when the timeline is full; callers then skip recording.
 */
export function startEvent<E extends TimelineEvent>(fields: EventFields<E>): PendingEvent<E> | undefined {
  const context = getRequestContext();
  if (!context || context.ended) return undefined;
  const seq = context.reserveSeq();
  if (seq === undefined) return undefined;
  return new PendingEvent<E>(context, seq, fields);
}

/** Converts whatever a driver threw into the timeline's error shape. */
export function toIoError(error: unknown): IoError {
  if (error && typeof error === 'object') {
    const e = error as {
      name?: unknown;
      message?: unknown;
      code?: unknown;
      errno?: unknown;
      syscall?: unknown;
    };
    const io: IoError = { message: typeof e.message === 'string' ? e.message : String(error) };
    if (typeof e.name === 'string') io.name = e.name;
    if (typeof e.code === 'string' || typeof e.code === 'number') io.code = String(e.code);
    if (typeof e.errno === 'number') io.errno = e.errno;
    if (typeof e.syscall === 'string') io.syscall = e.syscall;
    return io;
  }
  return { message: String(error) };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
