/**
 * Where the replayed IO first departed from the recorded IO: both timelines compared event by
 * event on what identifies a call (type; SQL statement; Redis command; HTTP method and path),
 * never on addresses, which differ by design when the replay runs on other ports.
 */
import type { TimelineEvent } from '@flashback/protocol/types';
import type { TimelineDivergence } from './verdict-types.js';

/** Pure. Undefined when the replayed IO matches the recording call for call. */
export function firstTimelineDivergence(
  recorded: readonly TimelineEvent[],
  replayed: readonly TimelineEvent[],
): TimelineDivergence | undefined {
  const expected = ioEvents(recorded);
  const actual = ioEvents(replayed);
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index++) {
    const want = expected[index];
    const got = actual[index];
    const wantKey = want === undefined ? undefined : describeEvent(want);
    const gotKey = got === undefined ? undefined : describeEvent(got);
    if (wantKey === gotKey) continue;
    if (wantKey === undefined) {
      return {
        index,
        actual: gotKey,
        message: `the replay made a call the recording does not have: ${gotKey}`,
      };
    }
    if (gotKey === undefined) {
      return { index, expected: wantKey, message: `the replay stopped before the recorded ${wantKey}` };
    }
    return {
      index,
      expected: wantKey,
      actual: gotKey,
      message: `the recording has ${wantKey}, the replay made ${gotKey}`,
    };
  }
  return undefined;
}

/** A short, address-free description of an IO event, e.g. `http POST /v1/charges`. */
export function describeEvent(event: TimelineEvent): string {
  switch (event.type) {
    case 'db':
      return `db ${event.statement.replace(/\s+/g, ' ').trim()}`;
    case 'redis':
      return `redis ${event.command.toUpperCase()}`;
    case 'http':
      return `http ${event.method.toUpperCase()} ${pathOf(event.url)}`;
    default:
      return event.type;
  }
}

function ioEvents(timeline: readonly TimelineEvent[]): TimelineEvent[] {
  return timeline
    .filter((e) => e.type === 'db' || e.type === 'http' || e.type === 'redis')
    .sort((a, b) => a.seq - b.seq);
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
