import type { DbEvent } from '@flashback/protocol/types';
import { describe, expect, it } from 'vitest';
import { EndedContexts } from './ended-contexts.js';
import { RequestContext } from './request-context.js';
import { PendingEvent } from './timeline-recorder.js';

function contextWithEvents(count: number): RequestContext {
  const context = new RequestContext(
    { kind: 'http', method: 'GET', url: '/', headers: {}, startedAt: '' },
    100,
  );
  for (let i = 0; i < count; i++) {
    const seq = context.reserveSeq() as number;
    const event = new PendingEvent<DbEvent>(context, seq, {
      type: 'db',
      system: 'sqlite',
      database: 'main',
      operation: 'query',
      statement: 'select 1',
      params: [],
    });
    if (i > 0) event.finish({ rows: [] }); // the first stays pending
  }
  return context;
}

describe('EndedContexts', () => {
  it('releases a context only once its grace is over, oldest first', () => {
    const ended = new EndedContexts(1000);
    const first = contextWithEvents(3);
    const second = contextWithEvents(2);
    ended.add(first);
    ended.add(second);
    const addedAt = performance.now();
    expect(ended.sweep(addedAt + 500)).toBe(0);
    expect(first.timeline()).toHaveLength(3);
    expect(ended.sweep(addedAt + 1000)).toBe(2);
    expect(first.timeline()).toEqual([]);
    expect(second.timeline()).toEqual([]);
    ended.stop();
  });

  it('counts what a release let go of as dropped, keeping the trigger', () => {
    const context = contextWithEvents(4);
    context.droppedEvents = 1;
    context.release();
    expect(context.droppedEvents).toBe(5);
    expect(context.trigger).toMatchObject({ kind: 'http', url: '/' });
    expect(context.timeline()).toEqual([]);
  });
});
