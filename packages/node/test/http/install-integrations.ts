import { SchemaRegistry } from '../../src/capture/schema-registry.js';
import { RequestContext, runWithRequestContext } from '../../src/context/request-context.js';
import type { Integration } from '../../src/integrations/types.js';
import { type FlashbackOptions, resolveOptions } from '../../src/options.js';
import type { RecordingSink } from './recording-sink.js';

/** Sets integrations up the way the SDK does; returns the teardown for afterAll. */
export function installIntegrations(
  integrations: Integration[],
  sink: RecordingSink,
  options: FlashbackOptions = {},
): () => void {
  const resolved = resolveOptions(options);
  for (const integration of integrations)
    integration.setup({ options: resolved, sink, schemas: new SchemaRegistry(), tokenize: (value) => value });
  return () => {
    for (const integration of [...integrations].reverse()) integration.teardown?.();
  };
}

/** Runs `fn` as the handler of a synthetic inbound request and returns that request's context. */
export async function inRequest(fn: () => Promise<unknown>): Promise<RequestContext> {
  const context = new RequestContext(
    { kind: 'http', method: 'GET', url: '/test', headers: {}, startedAt: new Date().toISOString() },
    1000,
  );
  await runWithRequestContext(context, fn);
  return context;
}
