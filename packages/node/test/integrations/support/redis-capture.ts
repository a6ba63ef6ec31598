import type { RedisEvent, TimelineEvent } from '@flashback/protocol/types';
import { SchemaRegistry } from '../../../src/capture/schema-registry.js';
import { RequestContext, runWithRequestContext } from '../../../src/context/request-context.js';
import type { CaptureSink, Integration } from '../../../src/integrations/types.js';
import { resolveOptions } from '../../../src/options.js';

/** A sink that keeps what integrations report, for assertions. */
export function recordingSink(): CaptureSink & { errors: unknown[] } {
  const errors: unknown[] = [];
  return {
    errors,
    captureError: (error) => errors.push(error),
    requestEnded: () => undefined,
  };
}

/** Sets an integration up the way the client does, with default options. */
export function setUpIntegration(integration: Integration): void {
  integration.setup({
    options: resolveOptions({}, {}),
    sink: recordingSink(),
    schemas: new SchemaRegistry(),
    tokenize: (value: string) => value,
  });
}

export function newRequestContext(url = '/test'): RequestContext {
  return new RequestContext(
    { kind: 'http', method: 'GET', url, headers: {}, startedAt: new Date().toISOString() },
    1000,
  );
}

/** Runs `fn` as the code of one inbound request and returns that request's context. */
export async function inRequest(fn: () => Promise<unknown>, url?: string): Promise<RequestContext> {
  const context = newRequestContext(url);
  await runWithRequestContext(context, fn);
  return context;
}

export function redisEvents(timeline: readonly TimelineEvent[]): RedisEvent[] {
  return timeline.filter((event): event is RedisEvent => event.type === 'redis');
}

/** Command and args of each event, for compact assertions: `['SET', 'k', 'v']`. */
export function commandLines(timeline: readonly TimelineEvent[]): unknown[][] {
  return redisEvents(timeline).map((event) => [event.command, ...event.args]);
}

/**
 * Lets `parties` concurrent callers wait for each other, so two requests provably interleave
 * without timing assumptions.
 */
export function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    arrived++;
    if (arrived >= parties) release();
    return all;
  };
}
