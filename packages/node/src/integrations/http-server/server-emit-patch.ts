import type { IncomingMessage, ServerResponse } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { isCaptureSuppressed, runWithRequestContext } from '../../context/request-context.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { type PatchedMethod, patchMethod } from '../http-common/patch-method.js';
import type { IntegrationSetup } from '../types.js';
import { inboundContextOf } from './inbound-contexts.js';
import { startInboundRequest } from './inbound-request.js';

/** Server events that hand a new request to the app ('checkContinue' replaces 'request' for Expect: 100-continue). */
const REQUEST_EVENTS = new Set<unknown>(['request', 'checkContinue']);

/**
 * Wraps `emit` of `http.Server` and `https.Server`: each request event gets a fresh request
 * context and the app's listeners run inside it, so every IO they start, however deep in async
 * code, is attributed to that request. `https.Server` derives from `tls.Server`, not from
 * `http.Server`, hence one wrap per class; both otherwise inherit `EventEmitter.prototype.emit`.
 *
 * A server started inside `suppressCapture` (the SDK's own, or a test harness's stub collector)
 * hands its requests over in that suppressed async context; they are left alone.
 */
export function patchServerEmit(setup: IntegrationSetup): PatchedMethod[] {
  const patched: PatchedMethod[] = [];
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const patch = patchMethod(proto, 'emit', (original) => wrapEmit(original, setup));
    if (patch) patched.push(patch);
  }
  return patched;
}

function wrapEmit(original: (...args: unknown[]) => unknown, setup: IntegrationSetup) {
  return function flashbackEmit(this: unknown, ...args: unknown[]): unknown {
    const [event, req, res] = args;
    if (!REQUEST_EVENTS.has(event) || isCaptureSuppressed()) return Reflect.apply(original, this, args);
    // A 'checkContinue' listener usually re-emits 'request' for the same request: one context.
    const context =
      inboundContextOf(req as object) ??
      safeExecute('starting an inbound request', () =>
        startInboundRequest(req as IncomingMessage, res as ServerResponse, setup),
      );
    if (!context) return Reflect.apply(original, this, args);
    return runWithRequestContext(context, () => Reflect.apply(original, this, args));
  };
}
