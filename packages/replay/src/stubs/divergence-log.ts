/** Builds and collects the divergences of one replay, in the order they happened. */
import type { Divergence } from './stub-types.js';

/** A recorded call as divergences name it. */
export interface RecordedRef {
  seq: number;
  description: string;
}

/** The divergences of one replay, shared by every stub of it. */
export class DivergenceLog {
  private readonly items: Divergence[] = [];

  add(divergence: Divergence): void {
    this.items.push(divergence);
  }

  list(): Divergence[] {
    return [...this.items];
  }
}

/** A call the recording does not have at this point (nor later). */
export function unexpectedCall(
  service: string,
  asked: string,
  next: RecordedRef | undefined,
  reason: string | undefined,
): Divergence {
  const had = next
    ? `the recording had next ${next.description} (seq ${next.seq})${reason ? `; ${reason}` : ''}`
    : 'the recording had no more calls here';
  return {
    kind: 'unexpected-call',
    service,
    asked,
    ...(next ? { expectedSeq: next.seq, expected: next.description } : {}),
    message: `${service}: unexpected call ${asked}; ${had}`,
  };
}

/** A call served from the recording although the recording made other calls before it. */
export function outOfOrder(
  service: string,
  asked: string,
  served: RecordedRef,
  overtaken: readonly RecordedRef[],
): Divergence {
  const first = overtaken[0];
  const skipped = first ? `${first.description} (seq ${first.seq})` : 'other calls';
  return {
    kind: 'mismatch',
    service,
    asked,
    ...(first ? { expectedSeq: first.seq, expected: first.description } : {}),
    message: `${service}: ${asked} is the recorded call seq ${served.seq}, served out of order: the recording made ${skipped} before it`,
  };
}

/** A recorded call the replay never made. */
export function notCalled(service: string, recorded: RecordedRef): Divergence {
  return {
    kind: 'not-called',
    service,
    expectedSeq: recorded.seq,
    expected: recorded.description,
    message: `${service}: the recording made ${recorded.description} (seq ${recorded.seq}); the replay never did`,
  };
}
