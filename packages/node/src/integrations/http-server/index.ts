import { type PatchedMethod, restoreMethod } from '../http-common/patch-method.js';
import type { Integration } from '../types.js';
import { patchServerEmit } from './server-emit-patch.js';

export { inboundContextOf } from './inbound-contexts.js';

/**
 * Inbound HTTP on `node:http` and `node:https` servers, so under Express, Fastify, Koa and plain
 * handlers alike: each request runs in its own request context, with an `http` trigger (method,
 * url, headers, body up to `maxBodyBytes`, wall-clock start, remote address). When the response
 * ends or the connection closes first, the status is set on the trigger and
 * `sink.requestEnded(context, status)` is called, once.
 */
export function httpServerIntegration(): Integration {
  let patched: PatchedMethod[] = [];
  return {
    name: 'http-server',
    setup(setup) {
      patched = patchServerEmit(setup);
    },
    teardown() {
      for (const patch of patched.splice(0)) restoreMethod(patch);
    },
  };
}
