/**
 * The recorded calls of one endpoint, in recorded order, and which of them were served. Decides
 * which recorded call a replayed call is (the earliest unserved one it matches) and whether
 * serving it skips calls the recording made first. Deterministic, no IO.
 */

/** What the queue needs of a timeline event. */
export interface RecordedCall {
  seq: number;
  startOffsetMs: number;
  durationMs: number | null;
}

/** `undefined`: the replayed call is this recorded call; otherwise why it is not. */
export type Matcher<E> = (recorded: E) => string | undefined;

/** The unserved recorded calls of one endpoint, earliest first. */
export class RecordedQueue<E extends RecordedCall> {
  private readonly unserved: E[];

  constructor(events: readonly E[]) {
    this.unserved = [...events].sort((a, b) => a.seq - b.seq);
  }

  /** The recorded call expected next: the earliest one not served yet. */
  next(): E | undefined {
    return this.unserved[0];
  }

  /** The earliest unserved call that `matches`, without serving it. */
  find(matches: Matcher<E>): E | undefined {
    return this.unserved.find((event) => matches(event) === undefined);
  }

  /** Why the next expected call does not match, for the divergence report. */
  explainNext(matches: Matcher<E>): string | undefined {
    const next = this.next();
    return next === undefined ? undefined : matches(next);
  }

  /**
   * Marks `event` served and returns the calls it overtook: earlier recorded calls, still
   * unserved, that had finished before `event` started. Calls that overlapped it in the recording
   * ran concurrently, so their order carries no meaning and is not reported.
   */
  serve(event: E): E[] {
    const at = this.unserved.indexOf(event);
    if (at < 0) return [];
    this.unserved.splice(at, 1);
    return this.unserved.filter(
      (earlier) => earlier.seq < event.seq && endOf(earlier) <= event.startOffsetMs,
    );
  }

  /** Recorded calls never served so far, in recorded order. */
  remaining(): E[] {
    return [...this.unserved];
  }
}

/** When a recorded call ended; a call still pending at capture time never ended. */
function endOf(event: RecordedCall): number {
  return event.durationMs === null ? Number.POSITIVE_INFINITY : event.startOffsetMs + event.durationMs;
}
