import { safeExecute } from '../../instrument/safe-execute.js';
import { type PatchedMethod, restoreMethod } from '../http-common/patch-method.js';
import type { Integration } from '../types.js';
import { patchClientRequest } from './client-request-patch.js';
import { patchFetch } from './fetch-patch.js';

/**
 * Outbound HTTP: `node:http` / `node:https` client requests (axios, got, ...) and global `fetch`,
 * each recorded as an `http` event with request and response headers and bodies (capped),
 * status, latency, and network errors and timeouts, attributed to the request context the app
 * started the call in.
 *
 * Neither goes through `@mswjs/interceptors`, because the app's requests must go out unchanged
 * and cheaply. Its ClientRequestInterceptor (0.41) gives every request a fresh agent of its own,
 * so requests go out with `Connection: close` and a new TCP (and TLS) connection each time; on a
 * local keep-alive loop that added 0.5 ms at p50 and 1.6 ms at p99 per call before any TLS
 * handshake. Its FetchInterceptor copies every request and response, about 460 µs of CPU per
 * recorded call against about 130 µs for wrapping `fetch` directly. So ClientRequest is observed
 * in place (`client-request-patch.ts`) and `fetch` is wrapped (`fetch-patch.ts`).
 */
export function httpClientIntegration(): Integration {
  let patched: PatchedMethod[] = [];
  return {
    name: 'http-client',
    setup({ options }) {
      patched = patchClientRequest(options.maxBodyBytes);
      const fetchPatch = safeExecute('instrumenting fetch', () => patchFetch(options.maxBodyBytes));
      if (fetchPatch) patched.push(fetchPatch);
    },
    teardown() {
      for (const patch of patched.splice(0).reverse()) restoreMethod(patch);
    },
  };
}
