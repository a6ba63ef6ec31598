import type { Mechanism } from '@flashback/protocol/types';
import { getRequestContext, type RequestContext } from '../../context/request-context.js';
import { safeExecute } from '../../instrument/safe-execute.js';
import { inboundContextOf } from '../http-server/inbound-contexts.js';
import type { CaptureSink } from '../types.js';

/**
 * Hands a framework's request errors to the sink, once per error and request, whichever of the
 * framework's hooks (a diagnostics channel, an error hook, an error middleware) sees it first.
 * The sink is set while the framework's integration is installed; without it reports are dropped.
 */
export class FrameworkErrorReporter {
  private sink: CaptureSink | undefined;
  private readonly mechanism: Mechanism;
  /** Errors already reported, per inbound request (keyed by its IncomingMessage). */
  private readonly reported = new WeakMap<object, unknown[]>();

  constructor(readonly framework: string) {
    this.mechanism = { kind: 'framework', handled: true, framework };
  }

  attach(sink: CaptureSink): void {
    this.sink = sink;
  }

  detach(): void {
    this.sink = undefined;
  }

  get attached(): boolean {
    return this.sink !== undefined;
  }

  /**
   * Reports `error` raised while handling `rawRequest` (the Node IncomingMessage), unless it was
   * reported already for that request.
   */
  report(error: unknown, rawRequest: object | undefined): void {
    safeExecute(`capturing a ${this.framework} error`, () => {
      const sink = this.sink;
      if (!sink) return;
      if (rawRequest) {
        const seen = this.reported.get(rawRequest);
        if (seen?.includes(error)) return;
        if (seen) seen.push(error);
        else this.reported.set(rawRequest, [error]);
      }
      sink.captureError(error, this.mechanism, this.contextOf(rawRequest));
    });
  }

  /** The request context of an inbound request, falling back to the caller's. */
  contextOf(rawRequest: object | undefined): RequestContext | undefined {
    return (rawRequest && inboundContextOf(rawRequest)) || getRequestContext();
  }
}
