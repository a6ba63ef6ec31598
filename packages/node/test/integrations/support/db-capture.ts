import type { DbEvent, TimelineEvent } from '@flashback/protocol/types';
import { SchemaRegistry } from '../../../src/capture/schema-registry.js';
import { RequestContext, runWithRequestContext } from '../../../src/context/request-context.js';
import type { CaptureSink, Integration, IntegrationSetup } from '../../../src/integrations/types.js';
import { resolveOptions } from '../../../src/options.js';

/** Sets a db integration up the way the client does, and returns what it was given. */
export function setUpDbIntegration(integration: Integration, maxRows?: number): IntegrationSetup {
  const sink: CaptureSink = { captureError: () => undefined, requestEnded: () => undefined };
  const setup = {
    options: resolveOptions(maxRows === undefined ? {} : { maxRows }, {}),
    sink,
    schemas: new SchemaRegistry(),
    tokenize: (value: string) => value,
  };
  integration.setup(setup);
  return setup;
}

export function newRequestContext(url = '/test'): RequestContext {
  return new RequestContext(
    { kind: 'http', method: 'GET', url, headers: {}, startedAt: new Date().toISOString() },
    1000,
  );
}

/** Runs `fn` as the code of one inbound request; returns its result and the request's context. */
export async function inRequest<T>(
  fn: () => T | Promise<T>,
): Promise<{ result: T; context: RequestContext }> {
  const context = newRequestContext();
  const result = await runWithRequestContext(context, fn);
  return { result, context };
}

export function dbEvents(timeline: readonly TimelineEvent[]): DbEvent[] {
  return timeline.filter((event): event is DbEvent => event.type === 'db');
}

/** The only db event of a context, failing with the whole timeline when there is not exactly one. */
export function onlyDbEvent(context: RequestContext): DbEvent {
  const events = dbEvents(context.timeline());
  if (events.length !== 1) throw new Error(`expected one db event, got ${JSON.stringify(events, null, 2)}`);
  return events[0] as DbEvent;
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
