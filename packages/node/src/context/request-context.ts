import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Mechanism, TimelineEvent, Trigger } from '@flashback/protocol/types';

/**
 * Everything the SDK knows about one inbound request (or job) while it runs: the trigger and the
 * IO timeline. Every IO event is attributed to the context active when the operation started, so
 * two interleaved requests never mix their timelines.
 */
export class RequestContext {
  readonly id = randomUUID();
  /** performance.now() when the trigger started; event offsets are relative to it. */
  readonly startedAtPerf: number;
  readonly trigger: Trigger;
  private readonly events: TimelineEvent[] = [];
  private readonly pending = new Map<number, () => TimelineEvent>();
  private nextSeq = 0;
  droppedEvents = 0;
  /** Errors captured while this request ran, packaged when it ends. */
  readonly capturedErrors: Array<{ error: unknown; mechanism: Mechanism }> = [];
  ended = false;
  /**
   * The last exception thrown (caught or not) while this request ran, as seen at the throw site:
   * a request answered 5xx by code that swallowed the error is packaged with it.
   */
  lastThrown: object | undefined;

  constructor(
    trigger: Trigger,
    private readonly maxEvents: number,
    startedAtPerf = performance.now(),
  ) {
    this.trigger = trigger;
    this.startedAtPerf = startedAtPerf;
  }

  noteThrown(error: object): void {
    this.lastThrown = error;
  }

  /** Reserves the next sequence number, or undefined when the timeline is full. */
  reserveSeq(): number | undefined {
    if (this.nextSeq >= this.maxEvents) {
      this.droppedEvents++;
      return undefined;
    }
    return this.nextSeq++;
  }

  /** Registers how to describe an operation that has started but not finished. */
  markPending(seq: number, snapshot: () => TimelineEvent): void {
    this.pending.set(seq, snapshot);
  }

  addEvent(event: TimelineEvent): void {
    this.pending.delete(event.seq);
    this.events.push(event);
  }

  /**
   * Drops the timeline of a request that ended and will not be packaged (see EndedContexts).
   * What was recorded counts as dropped, should an error still be packaged with this context.
   */
  release(): void {
    this.droppedEvents += this.events.length + this.pending.size;
    this.events.length = 0;
    this.pending.clear();
    this.lastThrown = undefined;
  }

  /** The timeline so far, ordered by seq, with unfinished operations as `pending`. */
  timeline(): TimelineEvent[] {
    const all = [...this.events];
    for (const snapshot of this.pending.values()) all.push(snapshot());
    return all.sort((a, b) => a.seq - b.seq);
  }
}

/** Marker stored instead of a context while the SDK does its own IO, so none of it is captured. */
const SUPPRESSED = Symbol('flashback.suppressed');

const storage = new AsyncLocalStorage<RequestContext | typeof SUPPRESSED>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request the current code runs for, if any (and not suppressed). */
export function getRequestContext(): RequestContext | undefined {
  const store = storage.getStore();
  return store === SUPPRESSED ? undefined : store;
}

/** Runs `fn` so that no IO it starts is recorded: the SDK's own traffic is never captured. */
export function suppressCapture<T>(fn: () => T): T {
  return storage.run(SUPPRESSED, fn);
}

export function isCaptureSuppressed(): boolean {
  return storage.getStore() === SUPPRESSED;
}
