import type { Integration } from '../types.js';
import { subscribeFastifyChannels } from './fastify-channels.js';
import { fastifyErrors } from './fastify-errors.js';

export { type FastifyErrorHookTarget, setupFastifyErrorHandler } from './fastify-error-handler.js';

/**
 * Fastify: errors answered with a 5xx are packaged with mechanism
 * `{ kind: 'framework', handled: true, framework: 'fastify' }`, and the matched route pattern is
 * recorded on the trigger, from Fastify's diagnostics channels, without importing Fastify.
 * `setupFastifyErrorHandler(app)` covers instances created before the SDK started.
 */
export function fastifyIntegration(): Integration {
  let unsubscribe: (() => void) | undefined;
  return {
    name: 'fastify',
    setup({ sink }) {
      fastifyErrors.attach(sink);
      unsubscribe = subscribeFastifyChannels();
    },
    teardown() {
      unsubscribe?.();
      unsubscribe = undefined;
      fastifyErrors.detach();
    },
  };
}
