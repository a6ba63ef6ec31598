import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import { safeExecute } from '../../instrument/safe-execute.js';
import type { BodyCollector } from '../http-common/body-collector.js';
import { fromFetchHeaders } from '../http-common/headers.js';
import { patchMethod, restoreMethod } from '../http-common/patch-method.js';
import { readWebBody } from '../http-common/read-web-body.js';
import { OutboundCall } from './outbound-call.js';

type Fetch = typeof globalThis.fetch;

/**
 * Records global `fetch` calls with `@mswjs/interceptors`' FetchInterceptor in pass-through mode:
 * no listener ever responds, so the interceptor performs the real request with Node's own fetch,
 * unchanged, on its usual connection pool. Three layers, outermost first:
 *
 * 1. A gate: a fetch that would not be recorded (outside a request, or the SDK's own traffic)
 *    goes straight to Node's fetch, so it pays nothing for the interceptor's request and response
 *    clones. A recorded one goes through the interceptor, handing over its `init` so a plain body
 *    (string, bytes, URLSearchParams) is captured without cloning the request.
 * 2. The interceptor. Its 'request' event runs synchronously inside the app's `fetch()` call, so
 *    in the app's request context; the call starts there. Its 'response' event hands listeners
 *    their own clone of the real response, read up to the cap and then cancelled, because the
 *    app's branch of the clone buffers whatever this branch reads ahead of it. `durationMs`
 *    therefore runs to the end of the response body when it fits the cap, else to the cap.
 * 3. Underneath, the fetch the interceptor calls for pass-through: the interceptor reports nothing
 *    when a pass-through request fails, so this layer finds the call by the interceptor's own
 *    Request object and records the rejection (ECONNREFUSED, ENOTFOUND, AbortSignal.timeout...).
 *
 * Listeners must never throw: the interceptor turns a listener's exception into a mocked 500.
 * Returns the teardown.
 */
export function observeFetch(maxBodyBytes: number): () => void {
  const real = globalThis.fetch;
  if (typeof real !== 'function') return () => undefined;
  const byRequest = new WeakMap<Request, OutboundCall>();
  const byRequestId = new Map<string, OutboundCall>();
  /** The `init` of the recorded fetch whose interceptor 'request' event is being emitted. */
  let handoff: RequestInit | undefined;

  const underneath = patchMethod(
    globalThis,
    'fetch',
    (original) =>
      function fetch(this: unknown, ...args: unknown[]): unknown {
        const result = Reflect.apply(original, this, args);
        const call = args[0] instanceof Request ? byRequest.get(args[0]) : undefined;
        // The interceptor handles this promise itself; this derived one only observes the failure.
        if (call && result instanceof Promise) result.then(undefined, (error: unknown) => call.fail(error));
        return result;
      },
  );

  const interceptor = new FetchInterceptor();
  interceptor.apply();
  interceptor.on('request', ({ request, requestId }) => {
    const init = handoff;
    handoff = undefined;
    safeExecute('recording a fetch request', () => {
      if (!OutboundCall.wouldRecord()) return;
      const call = OutboundCall.start(
        request.method,
        request.url,
        fromFetchHeaders(request.headers),
        maxBodyBytes,
      );
      if (!call) return;
      byRequest.set(request, call);
      byRequestId.set(requestId, call);
      call.whenEnded(() => byRequestId.delete(requestId));
      captureRequestBody(call, request, init);
    });
  });
  interceptor.on('response', ({ response, requestId }) => {
    safeExecute('recording a fetch response', () => {
      const call = byRequestId.get(requestId);
      if (!call) return;
      const collector = call.response(
        response.status,
        response.statusText,
        fromFetchHeaders(response.headers),
      );
      readResponseBody(call, collector, response);
    });
  });

  const intercepted = globalThis.fetch;
  // Without the gate every fetch still goes through the interceptor: slower, still correct.
  const gate = safeExecute('gating fetch', () =>
    installGate(intercepted, real, (init) => {
      handoff = init;
    }),
  );

  return () => {
    gate?.restore();
    interceptor.dispose();
    if (underneath) restoreMethod(underneath);
    byRequestId.clear();
  };
}

/**
 * The outermost layer. Defined rather than assigned: the interceptor leaves `fetch` non-writable.
 */
function installGate(intercepted: Fetch, real: Fetch, handOver: (init: RequestInit | undefined) => void) {
  const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const gate = function fetch(
    this: unknown,
    input: Parameters<Fetch>[0],
    init?: RequestInit,
  ): Promise<Response> {
    if (!safeExecute('checking a fetch', () => OutboundCall.wouldRecord()))
      return Reflect.apply(real, this, [input, init]);
    handOver(init);
    try {
      return Reflect.apply(intercepted, this, [input, init]);
    } finally {
      handOver(undefined);
    }
  };
  Object.defineProperty(globalThis, 'fetch', {
    value: gate,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return {
    restore() {
      if (globalThis.fetch !== gate) return;
      if (before) Object.defineProperty(globalThis, 'fetch', before);
    },
  };
}

/** Takes a plain `init.body` as is; anything else (a stream, a Blob, a Request's body) from a clone. */
function captureRequestBody(call: OutboundCall, request: Request, init: RequestInit | undefined): void {
  if (!request.body) return;
  const body = init?.body;
  if (typeof body === 'string' || body instanceof URLSearchParams) {
    call.requestBody.addChunk(body.toString());
  } else if (body instanceof ArrayBuffer) {
    call.requestBody.add(new Uint8Array(body));
  } else if (ArrayBuffer.isView(body)) {
    call.requestBody.add(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  } else {
    readWebBody(request.clone().body as ReadableStream<Uint8Array>, call.requestBody, false).then(
      () => call.requestBodyReady(),
      () => undefined, // the request fails the same way, and that is recorded on the call
    );
    return;
  }
  call.requestBody.complete = true;
  call.requestBodyReady();
}

function readResponseBody(call: OutboundCall, collector: BodyCollector, response: Response): void {
  if (!response.body) {
    collector.complete = true;
    call.complete();
    return;
  }
  readWebBody(response.body, collector, false).then(
    () => call.complete(),
    (error: unknown) => call.fail(error),
  );
}
