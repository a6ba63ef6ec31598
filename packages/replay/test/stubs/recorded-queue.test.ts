import { describe, expect, it } from 'vitest';
import { RecordedQueue } from '../../src/stubs/recorded-queue.js';

interface Call {
  seq: number;
  startOffsetMs: number;
  durationMs: number | null;
  name: string;
}

const call = (seq: number, name: string, startOffsetMs: number, durationMs: number | null = 5): Call => ({
  seq,
  startOffsetMs,
  durationMs,
  name,
});
const named = (name: string) => (event: Call) => (event.name === name ? undefined : `recorded ${event.name}`);

describe('RecordedQueue', () => {
  it('takes the earliest unserved call that matches, in recorded order', () => {
    const queue = new RecordedQueue([call(3, 'b', 30), call(1, 'a', 10), call(2, 'a', 20)]);
    expect(queue.next()?.seq).toBe(1);
    const first = queue.find(named('a'));
    expect(first?.seq).toBe(1);
    expect(queue.serve(first!)).toEqual([]);
    expect(queue.find(named('a'))?.seq).toBe(2);
    expect(queue.remaining().map((e) => e.seq)).toEqual([2, 3]);
  });

  it('finds nothing once every matching call was served, and explains why the next one differs', () => {
    const queue = new RecordedQueue([call(1, 'a', 0), call(2, 'b', 10)]);
    queue.serve(queue.find(named('a'))!);
    expect(queue.find(named('a'))).toBeUndefined();
    expect(queue.explainNext(named('a'))).toBe('recorded b');
  });

  it('reports the calls a served call overtook when they had finished before it started', () => {
    const queue = new RecordedQueue([call(1, 'a', 0, 5), call(2, 'b', 10, 5), call(3, 'c', 20, 5)]);
    expect(queue.serve(queue.find(named('c'))!).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('does not report the order of calls that ran concurrently in the recording', () => {
    // b started while a was still running (Promise.all): either order is the same program.
    const queue = new RecordedQueue([call(1, 'a', 0, 50), call(2, 'b', 10, 5)]);
    expect(queue.serve(queue.find(named('b'))!)).toEqual([]);
    // A call still pending at capture time never finished: nothing after it is out of order.
    const pending = new RecordedQueue([call(1, 'a', 0, null), call(2, 'b', 10)]);
    expect(pending.serve(pending.find(named('b'))!)).toEqual([]);
  });

  it('ignores serving a call twice', () => {
    const queue = new RecordedQueue([call(1, 'a', 0)]);
    const event = queue.find(named('a'))!;
    queue.serve(event);
    expect(queue.serve(event)).toEqual([]);
    expect(queue.next()).toBeUndefined();
  });
});
