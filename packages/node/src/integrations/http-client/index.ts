import { safeExecute } from '../../instrument/safe-execute.js';
import { type PatchedMethod, restoreMethod } from '../http-common/patch-method.js';
import type { Integration } from '../types.js';
import { patchClientRequest } from './client-request-patch.js';
import { observeFetch } from './fetch-observer.js';

/**
 * Outbound HTTP: `node:http` / `node:https` client requests (axios, got, ...) and global `fetch`,
 * each recorded as an `http` event with request and response headers and bodies (capped),
 * status, latency, and network errors and timeouts, attributed to the request context the app
 * started the call in.
 *
 * `fetch` goes through `@mswjs/interceptors`' FetchInterceptor in pass-through mode. `ClientRequest`
 * does not go through its ClientRequestInterceptor: in interceptors 0.41 that interceptor gives
 * every request a fresh agent of its own, so requests go out with `Connection: close` and a new
 * TCP (and TLS) connection each time, whatever agent the app configured; measured on a local
 * keep-alive loop it added 0.5 ms at p50 and 1.6 ms at p99 per call before any TLS handshake.
 * The app's requests must go out unchanged, so ClientRequest is observed in place instead (see
 * `client-request-patch.ts`). Interceptors 0.42 keeps the app's agent; reconsider then.
 */
export function httpClientIntegration(): Integration {
  let patched: PatchedMethod[] = [];
  let stopFetch: (() => void) | undefined;
  return {
    name: 'http-client',
    setup({ options }) {
      patched = patchClientRequest(options.maxBodyBytes);
      stopFetch = safeExecute('instrumenting fetch', () => observeFetch(options.maxBodyBytes));
    },
    teardown() {
      stopFetch?.();
      stopFetch = undefined;
      for (const patch of patched.splice(0)) restoreMethod(patch);
    },
  };
}
